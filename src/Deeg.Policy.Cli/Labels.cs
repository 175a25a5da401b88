using System.Globalization;

namespace Deeg.Policy.Cli;

/// <summary>The words of the text output, in English (<c>--lang en</c>) and German (<c>--lang de</c>).</summary>
internal sealed class Labels
{
    public static Labels English { get; } = new()
    {
        Language = "en",
        AsOf = "As of",
        RuleSets = "Rule sets",
        Score = "Score",
        RulesPassed = "{0} of {1} rules passed",
        NoFindings = "No findings.",
        Subject = "Subject",
        Remediation = "Remediation",
        Evidence = "Evidence",
        Waived = "waived",
        WaiverDetail = "waiver until {0}{1}: {2}",
        ApprovedBy = ", approved by {0}",
        ExpiredWaivers = "Expired waivers (no longer applied)",
        UnusedWaivers = "Unused waivers (matched no finding)",
        Expires = "expires {0}",
        ExpiredOn = "expired {0}",
        Errors = "Errors (rules that failed at evaluation time)",
        FindingSingular = "finding",
        FindingPlural = "findings",
        WaivedCount = "{0} waived",
        ScoreLower = "score",
        Severities = new Dictionary<Severity, string>
        {
            [Severity.Critical] = "critical",
            [Severity.High] = "high",
            [Severity.Medium] = "medium",
            [Severity.Low] = "low",
            [Severity.Info] = "info",
        },
        RuleColumns = ["RULE SET", "ID", "SEVERITY", "CATEGORY", "ENABLED", "TITLE"],
        Yes = "yes",
        No = "no",
        NoRules = "No rules loaded.",
        RuleCount = "{0} {1} in {2} {3}",
        RuleWords = ["rule", "rules", "rule set", "rule sets"],
    };

    public static Labels German { get; } = new()
    {
        Language = "de",
        AsOf = "Stand",
        RuleSets = "Regelwerke",
        Score = "Score",
        RulesPassed = "{0} von {1} Regeln erfüllt",
        NoFindings = "Keine Befunde.",
        Subject = "Betrifft",
        Remediation = "Abhilfe",
        Evidence = "Belege",
        Waived = "ausgenommen",
        WaiverDetail = "Ausnahme bis {0}{1}: {2}",
        ApprovedBy = ", genehmigt von {0}",
        ExpiredWaivers = "Abgelaufene Ausnahmen (nicht mehr angewandt)",
        UnusedWaivers = "Ungenutzte Ausnahmen (zu keinem Befund passend)",
        Expires = "gültig bis {0}",
        ExpiredOn = "abgelaufen am {0}",
        Errors = "Fehler (Regeln, die bei der Auswertung fehlgeschlagen sind)",
        FindingSingular = "Befund",
        FindingPlural = "Befunde",
        WaivedCount = "{0} ausgenommen",
        ScoreLower = "Score",
        Severities = new Dictionary<Severity, string>
        {
            [Severity.Critical] = "kritisch",
            [Severity.High] = "hoch",
            [Severity.Medium] = "mittel",
            [Severity.Low] = "niedrig",
            [Severity.Info] = "info",
        },
        RuleColumns = ["REGELWERK", "ID", "SCHWERE", "KATEGORIE", "AKTIV", "TITEL"],
        Yes = "ja",
        No = "nein",
        NoRules = "Keine Regeln geladen.",
        RuleCount = "{0} {1} in {2} {3}",
        RuleWords = ["Regel", "Regeln", "Regelwerk", "Regelwerken"],
    };

    /// <summary>The language tag of these labels, used for rule titles too.</summary>
    public required string Language { get; init; }

    public required string AsOf { get; init; }

    public required string RuleSets { get; init; }

    public required string Score { get; init; }

    public required string RulesPassed { get; init; }

    public required string NoFindings { get; init; }

    public required string Subject { get; init; }

    public required string Remediation { get; init; }

    public required string Evidence { get; init; }

    public required string Waived { get; init; }

    public required string WaiverDetail { get; init; }

    public required string ApprovedBy { get; init; }

    public required string ExpiredWaivers { get; init; }

    public required string UnusedWaivers { get; init; }

    public required string Expires { get; init; }

    public required string ExpiredOn { get; init; }

    public required string Errors { get; init; }

    public required string FindingSingular { get; init; }

    public required string FindingPlural { get; init; }

    public required string WaivedCount { get; init; }

    public required string ScoreLower { get; init; }

    public required IReadOnlyDictionary<Severity, string> Severities { get; init; }

    public required IReadOnlyList<string> RuleColumns { get; init; }

    public required string Yes { get; init; }

    public required string No { get; init; }

    public required string NoRules { get; init; }

    public required string RuleCount { get; init; }

    /// <summary>Singular and plural of "rule", then of "rule set" (after "in": German dative plural).</summary>
    public required IReadOnlyList<string> RuleWords { get; init; }

    /// <summary>"1 rule", "2 rules".</summary>
    public string Rules(int count) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? RuleWords[0] : RuleWords[1]);

    /// <summary>"2 rules in 1 rule set".</summary>
    public string RuleCountText(int rules, int ruleSets) =>
        Format(RuleCount, rules, rules == 1 ? RuleWords[0] : RuleWords[1], ruleSets, ruleSets == 1 ? RuleWords[2] : RuleWords[3]);

    /// <summary>The labels of a language; English for anything but <c>de</c>.</summary>
    public static Labels For(string? language) =>
        string.Equals(language, "de", StringComparison.OrdinalIgnoreCase) ? German : English;

    public string Format(string template, params object?[] args) => string.Format(CultureInfo.InvariantCulture, template, args);
}
