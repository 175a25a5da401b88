
namespace Deeg.Policy.Diagnostics;

/// <summary>"Did you mean …" suggestions by edit distance, and the messages about unknown names that carry them.</summary>
internal static class Suggestions
{
    // Longer names get no suggestion: edit distances get expensive and a typo is unlikely.
    private const int MaxName = 100;
    private const int MaxCandidate = 200;

    /// <summary>The closest candidate, or null when none is close enough to be a likely typo.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A typo changes a few characters; allow about a third of the word, at least two.
        var allowed = Math.Max(2, name.Length / 3);
        return best is not null && bestDistance <= allowed ? best : null;
    }

    /// <summary>"; did you mean 'x'?" or an empty string.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        if (name.Length > MaxName) return string.Empty;
        var closest = Closest(name, candidates.Where(c => c.Length <= MaxCandidate));
        return closest is null ? string.Empty : $"; did you mean '{closest}'?";
    }

    /// <summary>
    /// The message about a name that is none of the <paramref name="known"/> ones, e.g.
    /// <c>unknown property 'aprovedBy' on waiver 1; did you mean 'approvedBy'?</c>.
    /// </summary>
    /// <param name="kind">What the name is: <c>property</c>, <c>field</c>, ….</param>
    /// <param name="name">The name as written.</param>
    /// <param name="where">Where it is, e.g. <c>on waiver 1</c>.</param>
    /// <param name="known">The names that would have been right.</param>
    public static string Unknown(string kind, string name, string where, IEnumerable<string> known) =>
        $"unknown {kind} '{Shorten(name)}' {where}{DidYouMean(name, known)}";

    /// <summary>A value quoted in a message, kept one short line even for huge or multi-line input.</summary>
    public static string Shorten(string value)
    {
        var flat = value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return flat.Length <= 80 ? flat : flat[..77] + "...";
    }

    /// <summary>Optimal string alignment distance (Levenshtein with transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
