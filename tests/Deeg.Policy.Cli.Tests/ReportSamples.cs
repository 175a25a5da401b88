
namespace Deeg.Policy.Cli.Tests;

/// <summary>Reports built in code, independent of the engine, for the renderers' edge cases.</summary>
internal static class ReportSamples
{
    public static Finding Finding(string ruleId, Severity severity, string subject, Waiver? waiver = null, string? message = null, string category = "governance") => new()
    {
        RuleId = ruleId,
        RuleSet = "governance",
        Severity = severity,
        Category = category,
        Title = ruleId + " title",
        Message = message ?? ruleId + " message",
        Remediation = "Fix " + ruleId,
        Subject = SubjectRef.TryParse(subject)!,
        Facts = new Dictionary<string, SubjectRef> { ["c"] = SubjectRef.TryParse(subject)! },
        Fingerprint = Fingerprint("governance", ruleId, subject),
        Waiver = waiver,
    };

    /// <summary>The fingerprint of docs/report-format.md: the first 32 hex digits of SHA-256("ruleSet\nruleId\nsubject").</summary>
    public static string Fingerprint(string ruleSet, string ruleId, string subject) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ruleSet + "\n" + ruleId + "\n" + subject)))[..32];

    public static ComplianceReport Report(IReadOnlyList<Finding> findings, IReadOnlyList<EvaluationError>? errors = null, string id = "acme", string name = "ACME Maschinenbau GmbH")
    {
        var unwaived = findings.Where(f => !f.Waived).ToList();
        var rules = findings.Select(f => (f.RuleId, f.Severity, f.Category)).Distinct()
            .Concat((errors ?? []).Select(e => (e.RuleId, Severity.Low, "governance")))
            .Append(("GOV-100", Severity.Medium, "governance"))
            .Select(r => new RuleInfo
            {
                Id = r.Item1,
                RuleSet = "governance",
                Severity = r.Item2,
                Category = r.Item3,
                Title = new LocalizedText(r.Item1 + " title"),
                Enabled = true,
                Tags = [],
                References = [],
            }).ToList();
        return new ComplianceReport
        {
            Tool = new ToolInfo { Name = "deeg-policy", Version = "1.0.0" },
            AsOf = new DateOnly(2026, 11, 26),
            Organisation = new OrganisationInfo { Id = id, Name = name },
            ModelFile = "models/" + id + ".json",
            RuleSets = [new RuleSetSummary { Id = "governance", Version = "1.0.0", Rules = rules.Count }],
            Summary = new ReportSummary
            {
                RulesEvaluated = rules.Count,
                RulesPassed = 1,
                Findings = findings.Count,
                Waived = findings.Count(f => f.Waived),
                BySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => unwaived.Count(f => f.Severity == s)),
                Score = 42,
            },
            Findings = findings,
            Waivers = new WaiverSummary { Applied = findings.Where(f => f.Waiver is not null).Select(f => f.Waiver!).Distinct().ToList(), Expired = [], Unused = [] },
            Errors = errors ?? [],
            Rules = rules,
        };
    }

    public static readonly Waiver XingWaiver = new()
    {
        Rule = "GOV-006",
        Subject = "Channel/xing-main",
        Justification = "Name protection.",
        ApprovedBy = "ciso@acme.example",
        Expires = new DateOnly(2027, 3, 31),
    };
}
