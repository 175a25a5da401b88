using Deeg.Policy.Reporting;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.Tests.Reporting.ReportFixtures;

namespace Deeg.Policy.Tests.Reporting;

/// <summary><see cref="ReportBaseline"/>: loading earlier reports, marking findings new or unchanged, listing the fixed ones.</summary>
public class ReportBaselineTests
{
    private static readonly RuleInfo High = Rule("R-1", Severity.High);
    private static readonly RuleInfo Medium = Rule("R-2", Severity.Medium);

    private static ComplianceReport Report(params string[] findings) => ReportBuilder.Build(Input(
        [High, Medium],
        findings.Select(f => Raw(f.StartsWith('1') ? High : Medium, f[2..])).ToList(),
        [Waiver("R-2", "Channel/w", "2027-01-01")]));

    [Fact]
    public void Findings_are_new_or_unchanged_by_fingerprint_and_gone_ones_are_fixed()
    {
        var before = Report("1:Channel/a", "2:Channel/b", "2:Channel/w");
        var now = Report("1:Channel/a", "1:Channel/c", "2:Channel/w");

        var compared = ReportBaseline.FromReports([before]).Apply(now);

        Assert.Equal(
            [("Channel/a", BaselineState.Unchanged), ("Channel/c", BaselineState.New), ("Channel/w", BaselineState.Unchanged)],
            compared.Findings.Select(f => (f.Subject.ToString(), f.Baseline!.Value)));
        var gone = Assert.Single(compared.Fixed!);
        Assert.Equal(("R-2", "rs", Severity.Medium, "Channel/b", "R-2 title"), (gone.RuleId, gone.RuleSet, gone.Severity!.Value, gone.Subject, gone.Title));
        Assert.Equal(ReportBuilder.Fingerprint("rs", "R-2", "Channel/b"), gone.Fingerprint);

        // The rest of the report is the same; the original report is left alone.
        Assert.Same(now.Summary, compared.Summary);
        Assert.True(compared.Findings.Single(f => f.Subject.Id == "w").Waived);
        Assert.Null(now.Fixed);
        Assert.All(now.Findings, f => Assert.Null(f.Baseline));
    }

    [Fact]
    public void An_organisation_without_a_baseline_report_has_only_new_findings()
    {
        var baseline = ReportBaseline.Parse("""{ "organisation": { "id": "other" }, "findings": [] }""");
        Assert.True(baseline.Succeeded);
        Assert.False(baseline.Contains("acme"));
        var compared = baseline.Apply(Report("1:Channel/a"));
        Assert.Equal(BaselineState.New, Assert.Single(compared.Findings).Baseline);
        Assert.Empty(compared.Fixed!);
    }

    [Fact]
    public void Reads_the_json_of_a_report_and_of_an_array_of_reports()
    {
        var before = Report("1:Channel/a", "2:Channel/b");
        var single = ReportBaseline.Parse(before.ToJson(), "before.json");
        Assert.True(single.Succeeded, string.Join("\n", single.Diagnostics));
        Assert.Equal(["acme"], single.Organisations);

        var array = ReportBaseline.Parse("[" + JObject.Parse("""{ "organisation": { "id": "x" }, "findings": [] }""") + "," + before.ToJson() + "]");
        Assert.True(array.Succeeded);
        Assert.Equal(["x", "acme"], array.Organisations);

        var compared = array.Apply(Report("2:Channel/b"));
        Assert.Equal(BaselineState.Unchanged, Assert.Single(compared.Findings).Baseline);
        Assert.Equal("Channel/a", Assert.Single(compared.Fixed!).Subject);
    }

    [Fact]
    public void The_json_report_has_baseline_and_fixed_only_after_a_comparison()
    {
        var before = Report("1:Channel/a", "2:Channel/b");
        var plain = JObject.Parse(Report("1:Channel/a").ToJson());
        Assert.Null(plain["fixed"]);
        Assert.Null(plain["findings"]![0]!["baseline"]);

        var json = JObject.Parse(ReportBaseline.FromReports([before]).Apply(Report("1:Channel/a", "1:Channel/c")).ToJson());
        Assert.Equal(["unchanged", "new"], json["findings"]!.Select(f => (string?)f["baseline"]));
        var names = json.Properties().Select(p => p.Name).ToList();
        Assert.Equal(["schemaVersion", "tool", "asOf", "language", "organisation", "ruleSets", "summary", "findings", "fixed", "waivers", "errors"], names);
        var gone = (JObject)Assert.Single((JArray)json["fixed"]!);
        Assert.Equal(["ruleId", "ruleSet", "severity", "title", "message", "subject", "fingerprint"], gone.Properties().Select(p => p.Name));
        Assert.Equal("Channel/b", (string?)gone["subject"]);

        // A compared report read back as a baseline compares like the original.
        var again = ReportBaseline.Parse(json.ToString()).Apply(Report("1:Channel/c"));
        Assert.Equal(BaselineState.Unchanged, Assert.Single(again.Findings).Baseline);
    }

    [Theory]
    [InlineData("", "DP1002", 1)]
    [InlineData("{", "DP1002", 1)]
    [InlineData("42", "DP1004", 1)]
    [InlineData("""{ "ruleSet": "x", "rules": [] }""", "DP1004", 1)]
    [InlineData("""{ "organisation": { "id": "acme" } }""", "DP1004", 1)]
    [InlineData("""{ "organisation": { "name": "no id" }, "findings": [] }""", "DP1004", 1)]
    [InlineData("""{ "schemaVersion": "1", "organisation": { "id": "a" }, "findings": [] }""", "DP1004", 1)]
    [InlineData("""[ { "organisation": { "id": "a" }, "findings": [ 1, { "ruleId": "R", "subject": "C/x" } ] } ]""", "DP1004", 2)]
    public void Problems_are_diagnostics_with_positions(string json, string code, int count)
    {
        var baseline = ReportBaseline.Parse(json, "base.json");
        Assert.False(baseline.Succeeded);
        Assert.Equal(count, baseline.Diagnostics.Count);
        Assert.All(baseline.Diagnostics, d =>
        {
            Assert.Equal(code, d.Code);
            Assert.Equal("base.json", d.File);
            Assert.True(d.Line >= 1 && d.Column >= 1);
        });
        Assert.Empty(baseline.Organisations);
    }

    [Fact]
    public void A_missing_file_is_DP1001()
    {
        var baseline = ReportBaseline.Load(Path.Combine(Path.GetTempPath(), "no-such-baseline-" + Guid.NewGuid().ToString("N") + ".json"));
        Assert.Equal("DP1001", Assert.Single(baseline.Diagnostics).Code);
    }
}
