namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>Reports built in code, independent of the engine, for the writers' edge cases.</summary>
internal static class ReportSamples
{
    public static readonly Waiver XingWaiver = new()
    {
        Rule = "GOV-006",
        Subject = "Channel/xing-main",
        Justification = "Name protection.",
        ApprovedBy = "ciso@acme.example",
        Expires = new DateOnly(2027, 3, 31),
    };

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

    /// <summary>A report with the given findings and errors; its rules are those the findings and errors name, plus GOV-100 (passed).</summary>
    public static ComplianceReport Report(
        IReadOnlyList<Finding> findings,
        IReadOnlyList<EvaluationError>? errors = null,
        string id = "acme",
        string name = "ACME Maschinenbau GmbH",
        int score = 42,
        string language = "en")
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
            Language = language,
            RuleSets = [new RuleSetSummary("governance", "1.0.0", rules.Count)],
            Summary = new ReportSummary
            {
                RulesEvaluated = rules.Count,
                RulesPassed = 1,
                Findings = findings.Count,
                Waived = findings.Count(f => f.Waived),
                BySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => unwaived.Count(f => f.Severity == s)),
                Score = score,
            },
            Findings = findings,
            Waivers = new WaiverSummary { Applied = findings.Where(f => f.Waiver is not null).Select(f => f.Waiver!).Distinct().ToList(), Expired = [], Unused = [] },
            Errors = errors ?? [],
            Rules = rules,
        };
    }

    /// <summary>Nine findings over four severities, one of them waived; score 71.</summary>
    public static ComplianceReport Nine(IReadOnlyList<EvaluationError>? errors = null) => Report(
    [
        Finding("GOV-001", Severity.Critical, "Channel/a"),
        Finding("GOV-003", Severity.High, "Channel/a"),
        Finding("GOV-003", Severity.High, "Channel/b"),
        Finding("GOV-005", Severity.High, "Channel/c"),
        Finding("GOV-006", Severity.Medium, "Channel/a"),
        Finding("GOV-006", Severity.Medium, "Channel/b"),
        Finding("GOV-006", Severity.Medium, "Channel/xing-main", XingWaiver),
        Finding("GOV-007", Severity.Medium, "Channel/a"),
        Finding("GOV-018", Severity.Low, "Channel/a"),
    ], errors, score: 71);
}
