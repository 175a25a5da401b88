using Deeg.Policy.Model;
using Deeg.Policy.Reporting;

namespace Deeg.Policy.Tests.Reporting;

/// <summary>Builders for report-builder inputs.</summary>
internal static class ReportFixtures
{
    public static readonly DateOnly AsOf = new(2026, 11, 26);

    public static RuleInfo Rule(string id, Severity severity, string ruleSet = "rs", bool enabled = true, string category = "general") => new()
    {
        Id = id,
        RuleSet = ruleSet,
        Severity = severity,
        Category = category,
        Title = new LocalizedText([new("en", id + " title"), new("de", id + " Titel")]),
        Enabled = enabled,
        Tags = [],
        References = [],
    };

    public static RawFinding Raw(RuleInfo rule, string subject, string? remediation = null, IReadOnlyDictionary<string, object?>? evidence = null)
    {
        var subjectRef = SubjectRef.TryParse(subject)!;
        return new RawFinding(
            rule,
            subjectRef,
            [new("org", new SubjectRef("Organisation", "acme")), new("x", subjectRef)],
            $"{rule.Id} fires for {subject}",
            remediation,
            evidence);
    }

    public static Waiver Waiver(string rule, string? subject, string expires, string justification = "accepted") => new()
    {
        Rule = rule,
        Subject = subject,
        Justification = justification,
        ApprovedBy = "ciso@acme.example",
        Expires = DateOnly.ParseExact(expires, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static ReportInput Input(
        IReadOnlyList<RuleInfo> rules,
        IReadOnlyList<RawFinding> findings,
        IReadOnlyList<Waiver>? waivers = null,
        IReadOnlyList<EvaluationError>? errors = null,
        string language = "en") => new(
            new Organisation { Id = "acme", Name = "ACME Maschinenbau GmbH" },
            "acme.json",
            AsOf,
            language,
            rules.GroupBy(r => r.RuleSet).Select(g => new RuleSetSummary(g.Key, "1.0.0", g.Count())).ToList(),
            rules.Where(r => r.Enabled).ToList(),
            findings,
            waivers ?? [],
            errors ?? []);
}
