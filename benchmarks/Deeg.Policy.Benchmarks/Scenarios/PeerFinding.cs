
namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>One finding of the four rules, as every peer reports it: the rule (R1–R4) and the subject's id.</summary>
public readonly record struct PeerFinding(string Rule, string Subject);

/// <summary>Compares the findings of the peers.</summary>
public static class PeerFindings
{
    /// <summary>The findings in a fixed order, one per line.</summary>
    public static string Canonical(IEnumerable<PeerFinding> findings) =>
        string.Join("\n", findings.Select(f => f.Rule + " " + f.Subject).Order(StringComparer.Ordinal));

    /// <summary>Throws when <paramref name="actual"/> differs from <paramref name="expected"/>, naming the first differences.</summary>
    public static void AssertSame(string expectedName, IReadOnlyCollection<PeerFinding> expected, string actualName, IReadOnlyCollection<PeerFinding> actual)
    {
        var e = expected.ToHashSet();
        var a = actual.ToHashSet();
        if (e.SetEquals(a) && expected.Count == actual.Count) return;
        var missing = e.Except(a).Take(5).Select(f => f.Rule + " " + f.Subject);
        var extra = a.Except(e).Take(5).Select(f => f.Rule + " " + f.Subject);
        throw new InvalidOperationException(
            $"{actualName} disagrees with {expectedName}: {actual.Count} findings vs {expected.Count}; " +
            $"missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]");
    }

    /// <summary>Counts per rule, e.g. <c>R1=12 R2=70 R3=180 R4=300</c>.</summary>
    public static string Summary(IEnumerable<PeerFinding> findings) =>
        string.Join(" ", findings.GroupBy(f => f.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));
}
