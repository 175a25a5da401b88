
namespace Deeg.Policy.Cli.Tests;

/// <summary>Exit codes, text and JSON rendering over reports built in code (independent of the engine).</summary>
public class ReportRenderingTests
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

    private static ComplianceReport Nine() => Report(
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
    ]);

    [Fact]
    public void Summary_line_counts_all_findings_breaks_down_the_unwaived_ones()
    {
        Assert.Equal("acme: 9 findings (1 critical, 3 high, 3 medium, 1 low), 1 waived, score 71", TextReport.SummaryLine(Nine(), Labels.English));
        Assert.Equal("acme: 9 Befunde (1 kritisch, 3 hoch, 3 mittel, 1 niedrig), 1 ausgenommen, Score 71", TextReport.SummaryLine(Nine(), Labels.German));
        Assert.Equal("acme: 0 findings, 0 waived, score 100", TextReport.SummaryLine(Report([], score: 100), Labels.English));
        Assert.Equal("acme: 1 finding (1 low), 0 waived, score 99", TextReport.SummaryLine(Report([Finding("GOV-018", Severity.Low, "Channel/a")], score: 99), Labels.English));
    }

    [Fact]
    public void Text_groups_by_severity_marks_waived_findings_and_lists_errors()
    {
        var report = Report(Nine().Findings, [new EvaluationError { RuleId = "GOV-009", Message = "it broke" }]);
        var text = TextReport.Render([report], Labels.English, colour: false);
        var lines = text.Split('\n');

        var headers = lines.Where(l => l.Length > 0 && char.IsUpper(l[0]) && l.Contains(" (", StringComparison.Ordinal) && !l.StartsWith("ACME", StringComparison.Ordinal)).ToList();
        Assert.Equal(["CRITICAL (1)", "HIGH (3)", "MEDIUM (4)", "LOW (1)", "Errors (rules that failed at evaluation time)"], headers);
        Assert.Contains(lines, l => l.Contains("GOV-006", StringComparison.Ordinal) && l.Contains("[waived]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("waiver until 2027-03-31, approved by ciso@acme.example: Name protection.", StringComparison.Ordinal));
        Assert.Contains("  GOV-009: it broke", lines);
        Assert.Contains(lines, l => l.Contains("Remediation: Fix GOV-001", StringComparison.Ordinal));
        Assert.Equal("acme: 9 findings (1 critical, 3 high, 3 medium, 1 low), 1 waived, score 71", lines[^2]);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Colour_only_when_asked()
    {
        Assert.Contains("\u001b[", TextReport.Render([Nine()], Labels.English, colour: true), StringComparison.Ordinal);
    }

    [Fact]
    public void German_labels()
    {
        var text = TextReport.Render([Nine()], Labels.German, colour: false);
        Assert.Contains("KRITISCH (1)", text, StringComparison.Ordinal);
        Assert.Contains("Stand:", text, StringComparison.Ordinal);
        Assert.Contains("Abhilfe: Fix GOV-001", text, StringComparison.Ordinal);
        Assert.Contains("[ausgenommen]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_reports_one_after_another()
    {
        var text = TextReport.Render([Report([], id: "one", score: 100), Report([], id: "two", score: 100)], Labels.English, colour: false);
        Assert.True(text.IndexOf("one: 0 findings", StringComparison.Ordinal) < text.IndexOf("two: 0 findings", StringComparison.Ordinal));
        Assert.Contains("No findings.", text, StringComparison.Ordinal);
    }

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
    public void Json_of_several_reports_is_an_array_in_order()
    {
        var one = Report([], id: "one");
        var two = Report([Finding("GOV-001", Severity.Critical, "Channel/a")], id: "two");
        var json = ReportJson.WriteMany([one, two]);
        var array = Newtonsoft.Json.Linq.JArray.Parse(json);
        Assert.Equal(["one", "two"], array.Select(r => (string?)r["organisation"]!["id"]));
        Assert.Equal(Newtonsoft.Json.Linq.JObject.Parse(two.ToJson()).ToString(), array[1].ToString());
        Assert.StartsWith("[\n  {\n    \"schemaVersion\": 1,", json, StringComparison.Ordinal);
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
