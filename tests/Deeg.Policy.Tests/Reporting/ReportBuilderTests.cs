using Deeg.Policy.Reporting;
using static Deeg.Policy.Tests.Reporting.ReportFixtures;

namespace Deeg.Policy.Tests.Reporting;

public class ReportBuilderTests
{
    [Fact]
    public void Findings_are_ordered_by_severity_then_rule_id_then_subject()
    {
        var low = Rule("ACME-001", Severity.Low);
        var critical = Rule("ACME-009", Severity.Critical);
        var highB = Rule("ACME-010", Severity.High);
        var highA = Rule("ACME-002", Severity.High);
        var report = ReportBuilder.Build(Input(
            [low, critical, highB, highA],
            [
                Raw(low, "Channel/a"),
                Raw(highB, "Channel/b"),
                Raw(highA, "Channel/z"),
                Raw(highA, "Channel/B"),
                Raw(critical, "Organisation/acme"),
                Raw(highA, "Channel/a"),
            ]));

        Assert.Equal(
            ["ACME-009 Organisation/acme", "ACME-002 Channel/B", "ACME-002 Channel/a", "ACME-002 Channel/z", "ACME-010 Channel/b", "ACME-001 Channel/a"],
            report.Findings.Select(f => f.RuleId + " " + f.Subject));
    }

    [Fact]
    public void Finding_carries_rule_metadata_title_in_language_and_facts_in_rule_order()
    {
        var rule = Rule("ACME-001", Severity.Medium, ruleSet: "acme", category: "governance");
        var report = ReportBuilder.Build(Input([rule], [Raw(rule, "Channel/x", remediation: "fix it")], language: "de"));

        var finding = Assert.Single(report.Findings);
        Assert.Equal("ACME-001", finding.RuleId);
        Assert.Equal("acme", finding.RuleSet);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("governance", finding.Category);
        Assert.Equal("ACME-001 Titel", finding.Title);
        Assert.Equal("ACME-001 fires for Channel/x", finding.Message);
        Assert.Equal("fix it", finding.Remediation);
        Assert.Equal("Channel/x", finding.Subject.ToString());
        Assert.Equal(["org", "x"], finding.Facts.Keys);
        Assert.Equal("Organisation/acme", finding.Facts["org"].ToString());
        Assert.False(finding.Waived);
        Assert.Null(finding.Evidence);
        Assert.Equal("de", report.Language);
        Assert.Equal("acme.json", report.ModelFile);
    }

    [Fact]
    public void Tool_is_deeg_policy_with_version_without_commit_suffix()
    {
        var report = ReportBuilder.Build(Input([], []));
        Assert.Equal("deeg-policy", report.Tool.Name);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", report.Tool.Version);
        Assert.DoesNotContain("+", report.Tool.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_is_sha256_of_rule_set_rule_and_subject_cut_to_32_hex_digits()
    {
        // Fixed values: a change here breaks every consumer that tracks findings across runs.
        Assert.Equal("f222bce220aeca7e11b000daf397f248", ReportBuilder.Fingerprint("muster-extra", "MUSTER-002", "Channel/li-page"));
        Assert.Equal("0842be9b8f9c34e076706cc0dad84dd1", ReportBuilder.Fingerprint("governance", "GOV-006", "Channel/xing-main"));
    }

    [Fact]
    public void Fingerprint_depends_only_on_rule_set_rule_and_subject()
    {
        var rule = Rule("GOV-006", Severity.Medium, ruleSet: "governance");
        var first = ReportBuilder.Build(Input([rule], [Raw(rule, "Channel/xing-main")]));
        var other = new RawFinding(rule, new SubjectRef("Channel", "xing-main"), [], "another message", "x", null);
        var second = ReportBuilder.Build(Input([rule], [other], language: "de") with { AsOf = new DateOnly(2030, 1, 1), ModelFile = "other.json" });

        Assert.Equal("0842be9b8f9c34e076706cc0dad84dd1", first.Findings[0].Fingerprint);
        Assert.Equal(first.Findings[0].Fingerprint, second.Findings[0].Fingerprint);
        Assert.NotEqual(first.Findings[0].Fingerprint, ReportBuilder.Fingerprint("other-set", "GOV-006", "Channel/xing-main"));
        Assert.NotEqual(first.Findings[0].Fingerprint, ReportBuilder.Fingerprint("governance", "GOV-006", "Channel/xing-mai"));
    }

    [Fact]
    public void Duplicate_rule_and_subject_is_one_finding()
    {
        var rule = Rule("ACME-001", Severity.Low);
        var report = ReportBuilder.Build(Input([rule], [Raw(rule, "Channel/a"), Raw(rule, "Channel/a")]));
        Assert.Single(report.Findings);
        Assert.Equal(1, report.Summary.Findings);
    }

    [Fact]
    public void Summary_counts_rules_findings_waived_and_unwaived_by_severity()
    {
        var critical = Rule("ACME-001", Severity.Critical);
        var high = Rule("ACME-002", Severity.High);
        var medium = Rule("ACME-003", Severity.Medium);
        var low = Rule("ACME-004", Severity.Low);
        var info = Rule("ACME-005", Severity.Info);
        var disabled = Rule("ACME-006", Severity.Critical, enabled: false);
        var report = ReportBuilder.Build(Input(
            [critical, high, medium, low, info, disabled],
            [
                Raw(critical, "Channel/a"),
                Raw(high, "Channel/a"),
                Raw(high, "Channel/b"),
                Raw(info, "Channel/a"),
            ],
            waivers: [Waiver("ACME-001", "Channel/a", "2027-01-01")]));

        var s = report.Summary;
        Assert.Equal(5, s.RulesEvaluated);
        Assert.Equal(3, s.RulesPassed); // critical (waived), medium, low
        Assert.Equal(4, s.Findings);
        Assert.Equal(1, s.Waived);
        Assert.Equal(0, s.BySeverity[Severity.Critical]);
        Assert.Equal(2, s.BySeverity[Severity.High]);
        Assert.Equal(0, s.BySeverity[Severity.Medium]);
        Assert.Equal(0, s.BySeverity[Severity.Low]);
        Assert.Equal(1, s.BySeverity[Severity.Info]);
        Assert.Equal(5, s.BySeverity.Count);

        // Weights: total 10+5+3+1+0 = 19, passed 10+3+1+0 = 14 → 73.68… → 74 (info fails but weighs 0).
        Assert.Equal(74, s.Score);
        Assert.Equal(5, report.Rules.Count);
    }

    [Theory]
    [InlineData(1, 40, 3)] // 2.5 → 3 (banker's rounding would give 2)
    [InlineData(33, 40, 83)] // 82.5 → 83 (banker's would give 82)
    [InlineData(3, 40, 8)] // 7.5 → 8
    [InlineData(0, 8, 0)]
    [InlineData(5, 8, 63)] // 62.5 → 63
    [InlineData(8, 8, 100)]
    [InlineData(0, 0, 100)]
    public void Score_rounds_half_away_from_zero(int passed, int total, int expected) =>
        Assert.Equal(expected, ReportBuilder.Score(passed, total));

    [Fact]
    public void Score_with_a_half_through_build()
    {
        // 3 critical (30) + 1 high (5) + 1 medium (3) + 2 low (2) = 40; only one low passes → 2.5 → 3.
        var rules = new[]
        {
            Rule("A-001", Severity.Critical), Rule("A-002", Severity.Critical), Rule("A-003", Severity.Critical),
            Rule("A-004", Severity.High), Rule("A-005", Severity.Medium), Rule("A-006", Severity.Low), Rule("A-007", Severity.Low),
        };
        var findings = rules.Take(6).Select(r => Raw(r, "Organisation/acme")).ToList();
        var report = ReportBuilder.Build(Input(rules, findings));
        Assert.Equal(1, report.Summary.RulesPassed);
        Assert.Equal(3, report.Summary.Score);
    }

    [Fact]
    public void Score_is_100_without_weight_and_without_rules()
    {
        var info = Rule("A-001", Severity.Info);
        Assert.Equal(100, ReportBuilder.Build(Input([info], [Raw(info, "Organisation/acme")])).Summary.Score);
        Assert.Equal(100, ReportBuilder.Build(Input([], [])).Summary.Score);
    }

    [Fact]
    public void Waivers_applied_expired_and_unused()
    {
        var dormant = Rule("GOV-006", Severity.Medium);
        var owner = Rule("GOV-001", Severity.Critical);
        var forXing = Waiver("GOV-006", "Channel/xing-main", "2027-03-31");
        var expired = Waiver("GOV-001", "Channel/old", "2026-11-25");
        var expiresToday = Waiver("GOV-001", "Channel/today", "2026-11-26");
        var unusedSubject = Waiver("GOV-006", "Channel/nowhere", "2027-03-31");
        var unknownRule = Waiver("XYZ-001", null, "2027-03-31");
        var report = ReportBuilder.Build(Input(
            [dormant, owner],
            [Raw(dormant, "Channel/xing-main"), Raw(dormant, "Channel/other"), Raw(owner, "Channel/old"), Raw(owner, "Channel/today")],
            waivers: [forXing, expired, expiresToday, unusedSubject, unknownRule]));

        Assert.Equal([forXing, expiresToday], report.Waivers.Applied);
        Assert.Equal([expired], report.Waivers.Expired);
        Assert.Equal([unusedSubject, unknownRule], report.Waivers.Unused);

        var bySubject = report.Findings.ToDictionary(f => f.Subject.ToString());
        Assert.Same(forXing, bySubject["Channel/xing-main"].Waiver);
        Assert.True(bySubject["Channel/xing-main"].Waived);
        Assert.False(bySubject["Channel/other"].Waived);
        Assert.False(bySubject["Channel/old"].Waived); // its waiver expired
        Assert.True(bySubject["Channel/today"].Waived); // expires is the last day the waiver applies
        Assert.Equal(2, report.Summary.Waived);
        Assert.Equal(4, report.Summary.Findings);
    }

    [Fact]
    public void Waiver_without_subject_covers_every_subject_of_its_rule()
    {
        var rule = Rule("GOV-006", Severity.Medium);
        var all = Waiver("GOV-006", null, "2027-01-01");
        var report = ReportBuilder.Build(Input([rule], [Raw(rule, "Channel/a"), Raw(rule, "Channel/b")], waivers: [all]));
        Assert.All(report.Findings, f => Assert.Same(all, f.Waiver));
        Assert.Equal([all], report.Waivers.Applied);
        Assert.Equal(1, report.Summary.RulesPassed);
        Assert.Equal(100, report.Summary.Score);
    }

    [Fact]
    public void A_subject_waiver_is_preferred_over_a_rule_wide_one_and_both_count_as_applied()
    {
        var rule = Rule("GOV-006", Severity.Medium);
        var all = Waiver("GOV-006", null, "2027-01-01", "rule-wide");
        var specific = Waiver("GOV-006", "Channel/a", "2027-01-01", "specific");
        var report = ReportBuilder.Build(Input([rule], [Raw(rule, "Channel/a")], waivers: [all, specific]));
        Assert.Same(specific, report.Findings[0].Waiver);
        Assert.Equal([all, specific], report.Waivers.Applied);
        Assert.Empty(report.Waivers.Unused);
    }

    [Fact]
    public void Waiver_matching_is_ordinal_on_rule_id_and_subject()
    {
        var rule = Rule("GOV-006", Severity.Medium);
        var report = ReportBuilder.Build(Input(
            [rule],
            [Raw(rule, "Channel/xing-main")],
            waivers: [Waiver("gov-006", null, "2027-01-01"), Waiver("GOV-006", "channel/xing-main", "2027-01-01")]));
        Assert.False(report.Findings[0].Waived);
        Assert.Equal(2, report.Waivers.Unused.Count);
    }

    [Fact]
    public void A_rule_that_failed_at_evaluation_time_is_evaluated_but_not_passed()
    {
        var failing = Rule("A-001", Severity.High);
        var fine = Rule("A-002", Severity.Medium);
        var report = ReportBuilder.Build(Input([failing, fine], [], errors: [new EvaluationError { RuleId = "A-001", Message = "boom" }]));
        Assert.Equal(2, report.Summary.RulesEvaluated);
        Assert.Equal(1, report.Summary.RulesPassed);
        Assert.Equal(38, report.Summary.Score); // 3 / 8 = 37.5 → 38
        Assert.Equal("boom", Assert.Single(report.Errors).Message);
    }

    [Fact]
    public void Organisation_rule_sets_and_as_of_are_carried_over()
    {
        var rule = Rule("A-001", Severity.High, ruleSet: "acme");
        var report = ReportBuilder.Build(Input([rule], []));
        Assert.Equal(1, report.SchemaVersion);
        Assert.Equal(new OrganisationInfo { Id = "acme", Name = "ACME Maschinenbau GmbH" }, report.Organisation);
        Assert.Equal(AsOf, report.AsOf);
        Assert.Equal([new RuleSetSummary { Id = "acme", Version = "1.0.0", Rules = 1 }], report.RuleSets);
    }
}
