namespace Deeg.Policy.Core;

/// <summary>
/// The names, order and score weights of <see cref="Severity"/>: the one place that knows them.
/// Names are the lower-case words of rule sets, reports and the command line.
/// </summary>
internal static class Severities
{
    /// <summary>Every severity, most severe first: the order of reports and summaries.</summary>
    public static readonly IReadOnlyList<Severity> MostSevereFirst = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    /// <summary>The names in the order a user reads them in a message: <c>info, low, medium, high, critical</c>.</summary>
    public static readonly string AllowedNames = string.Join(", ", MostSevereFirst.Reverse().Select(Name));

    /// <summary>The lower-case name, e.g. <c>critical</c>.</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        _ => "info",
    };

    /// <summary>Reads a severity name, case-insensitively; numbers and other words are refused.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        foreach (var candidate in MostSevereFirst)
        {
            if (string.Equals(text, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                severity = candidate;
                return true;
            }
        }

        severity = Severity.Info;
        return false;
    }

    /// <summary>The score weight: critical 10, high 5, medium 3, low 1, info 0.</summary>
    public static int Weight(Severity severity) => severity switch
    {
        Severity.Critical => 10,
        Severity.High => 5,
        Severity.Medium => 3,
        Severity.Low => 1,
        _ => 0,
    };
}
