namespace Deeg.Policy.Cli.Tests;

/// <summary>Exit codes over reports built in code (independent of the engine), and the parsing of options. The formats themselves are tested in the library (Reporting/Writers).</summary>
public class ExitCodeAndOptionTests
{
    private static Finding Finding(string ruleId, Severity severity, string subject, Waiver? waiver = null) => new()
    {
        RuleId = ruleId,
        RuleSet = "governance",
        Severity = severity,
        Category = "governance",
        Title = ruleId + " title",
        Message = ruleId + " message",
        Remediation = "Fix " + ruleId,
        Subject = SubjectRef.TryParse(subject)!,
        Facts = new Dictionary<string, SubjectRef> { ["c"] = SubjectRef.TryParse(subject)! },
        Fingerprint = "0123456789abcdef0123456789abcdef",
        Waiver = waiver,
    };

    private static ComplianceReport Report(IReadOnlyList<Finding> findings, IReadOnlyList<EvaluationError>? errors = null, string id = "acme", int score = 71)
    {
        var unwaived = findings.Where(f => !f.Waived).ToList();
        return new ComplianceReport
        {
            Tool = new ToolInfo { Name = "deeg-policy", Version = "1.0.0" },
            AsOf = new DateOnly(2026, 11, 26),
            Organisation = new OrganisationInfo { Id = id, Name = "ACME Maschinenbau GmbH" },
            RuleSets = [new RuleSetSummary { Id = "governance", Version = "1.0.0", Rules = 14 }],
            Summary = new ReportSummary
            {
                RulesEvaluated = 40,
                RulesPassed = 33,
                Findings = findings.Count,
                Waived = findings.Count(f => f.Waived),
                BySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => unwaived.Count(f => f.Severity == s)),
                Score = score,
            },
            Findings = findings,
            Waivers = new WaiverSummary { Applied = [], Expired = [], Unused = [] },
            Errors = errors ?? [],
            Rules = [],
        };
    }

    private static readonly Waiver XingWaiver = new()
    {
        Rule = "GOV-006",
        Subject = "Channel/xing-main",
        Justification = "Name protection.",
        ApprovedBy = "ciso@acme.example",
        Expires = new DateOnly(2027, 3, 31),
    };

    [Fact]
    public void Exit_code_3_when_a_rule_failed_at_evaluation_time_even_with_findings()
    {
        // The rule language guarantees that no expression throws at evaluation time, so no rule set
        // makes the engine report an error from the command line; the exit-code logic is tested here.
        var failed = Report([Finding("GOV-001", Severity.Critical, "Channel/a")], [new EvaluationError { RuleId = "GOV-009", Message = "it broke" }]);
        Assert.Equal(3, CheckCommand.ExitCodeFor([failed], Severity.Low));
        Assert.Equal(3, CheckCommand.ExitCodeFor([Report([]), failed], null));
    }

    [Theory]
    [InlineData("info", 1)]
    [InlineData("low", 1)]
    [InlineData("medium", 1)]
    [InlineData("high", 0)] // the only high finding is waived
    [InlineData("critical", 0)]
    [InlineData("none", 0)]
    public void Exit_code_by_threshold_ignores_waived_findings(string failOn, int expected)
    {
        var report = Report([Finding("GOV-003", Severity.High, "Channel/a", XingWaiver), Finding("GOV-006", Severity.Medium, "Channel/b")]);
        Assert.Equal(expected, CheckCommand.ExitCodeFor([report], CheckCommand.ParseFailOn(failOn)));
    }

    [Fact]
    public void Exit_code_0_without_findings()
    {
        Assert.Equal(0, CheckCommand.ExitCodeFor([Report([])], Severity.Info));
    }

    [Fact]
    public void Parameters_are_passed_as_raw_strings()
    {
        var parsed = CheckCommand.ParseParameters(["governance.dormantDays=90", "gdpr-de.impressumLabelPattern=(?i)a=b"]);
        Assert.Equal(
            [new KeyValuePair<string, string>("governance.dormantDays", "90"), new KeyValuePair<string, string>("gdpr-de.impressumLabelPattern", "(?i)a=b")],
            parsed);
    }

    [Fact]
    public void Builtin_selection()
    {
        Assert.Equal(PolicyEngine.BuiltInRuleSetNames, RuleSetSelection.BuiltInNames(null, hasRuleFiles: false));
        Assert.Empty(RuleSetSelection.BuiltInNames(null, hasRuleFiles: true));
        Assert.Empty(RuleSetSelection.BuiltInNames(["none"], hasRuleFiles: false));
        Assert.Equal(PolicyEngine.BuiltInRuleSetNames, RuleSetSelection.BuiltInNames(["all"], hasRuleFiles: true));
        Assert.Equal(["governance", "culture"], RuleSetSelection.BuiltInNames(["governance, culture", "governance"], hasRuleFiles: true));
    }
}
