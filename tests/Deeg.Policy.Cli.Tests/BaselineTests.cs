using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Cli.Tests;

/// <summary>
/// <c>check --baseline previous.json [--fail-on-new]</c>. The baseline is the example's report
/// (MUSTER-001 for Person/p-cmo, MUSTER-002 for Channel/li-page); the changed model fixes the first,
/// keeps the second and adds MUSTER-002 for Channel/fb-new (see <see cref="ReportFormats.ChangedModel"/>).
/// </summary>
public class BaselineTests
{
    private static string Baseline(TempDir dir)
    {
        var path = dir.Combine("baseline.json");
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "json", "--output", path);
        Assert.Equal(1, result.Code);
        return path;
    }

    private static CliResult Check(TempDir dir, params string[] extra) =>
        Cli.Run(["check", ReportFormats.ChangedModel(dir), "--rules", Cli.Rules, "--baseline", Baseline(dir), .. extra]);

    [Fact]
    public void Json_marks_new_and_unchanged_findings_and_lists_the_fixed_ones()
    {
        using var dir = new TempDir();
        var result = Check(dir, "--format", "json");
        Assert.Equal(1, result.Code);
        Assert.Equal(string.Empty, result.Stderr);
        var report = (JObject)ReportFormats.Parse(result.Stdout);

        var findings = ((JArray)report["findings"]!).Select(f => ((string?)f["subject"], (string?)f["baseline"])).ToList();
        Assert.Equal([("Channel/fb-new", "new"), ("Channel/li-page", "unchanged")], findings);

        var gone = Assert.Single((JArray)report["fixed"]!);
        Assert.Equal("MUSTER-001", (string?)gone["ruleId"]);
        Assert.Equal("muster-extra", (string?)gone["ruleSet"]);
        Assert.Equal("medium", (string?)gone["severity"]);
        Assert.Equal("Person/p-cmo", (string?)gone["subject"]);
        Assert.Equal("Executive sponsor is not active internally", (string?)gone["title"]);
        Assert.Equal(ReportSamples.Fingerprint("muster-extra", "MUSTER-001", "Person/p-cmo"), (string?)gone["fingerprint"]);

        // "baseline" comes after "waived"; "fixed" right after "findings".
        var names = report.Properties().Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("findings") + 1, names.IndexOf("fixed"));
    }

    [Fact]
    public void Without_a_baseline_the_json_has_no_baseline_fields()
    {
        var report = (JObject)ReportFormats.Parse(Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "json").Stdout);
        Assert.Null(report["fixed"]);
        Assert.All((JArray)report["findings"]!, f => Assert.Null(f["baseline"]));
    }

    [Theory]
    [InlineData("high", false, 1)]
    [InlineData("high", true, 1)] // the new finding is high
    [InlineData("critical", true, 0)]
    public void Fail_on_new_considers_only_new_findings(string failOn, bool failOnNew, int expected)
    {
        using var dir = new TempDir();
        string[] args = failOnNew ? ["--format", "json", "--fail-on", failOn, "--fail-on-new"] : ["--format", "json", "--fail-on", failOn];
        Assert.Equal(expected, Check(dir, args).Code);
    }

    [Fact]
    public void Fail_on_new_passes_when_all_findings_were_in_the_baseline()
    {
        using var dir = new TempDir();
        var baseline = Baseline(dir);
        var same = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--baseline", baseline, "--fail-on-new");
        Assert.True(same.Code == 0, same.ToString());
        Assert.EndsWith("muster: 2 findings (1 high, 1 medium), 0 waived, score 0, 0 new, 0 fixed\n", same.Stdout, StringComparison.Ordinal);

        // Without --fail-on-new the same run fails on the old findings.
        Assert.Equal(1, Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--baseline", baseline).Code);
    }

    [Fact]
    public void Fail_on_new_without_a_baseline_is_a_usage_error()
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--fail-on-new");
        Assert.Equal(2, result.Code);
        Assert.StartsWith("deeg-policy: error: --fail-on-new needs --baseline", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData("{ \"findings\": [", "DP1002")]
    [InlineData("[1, 2]", "DP1004")]
    [InlineData("\"text\"", "DP1004")]
    [InlineData("{ \"organisation\": { \"id\": \"muster\", \"name\": \"M\" }, \"channels\": [] }", "DP1004")] // a model, not a report
    [InlineData("{ \"schemaVersion\": 2, \"organisation\": { \"id\": \"muster\" }, \"findings\": [] }", "DP1004")]
    [InlineData("{ \"organisation\": { \"id\": \"muster\" }, \"findings\": [ { \"ruleId\": \"X\" } ] }", "DP1004")]
    public void A_malformed_or_unknown_baseline_is_a_diagnostic_and_exit_2(string content, string code)
    {
        using var dir = new TempDir();
        var baseline = dir.File("bad.json", content);
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--baseline", baseline);
        Assert.Equal(2, result.Code);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.NotEmpty(result.StderrLines);
        foreach (var line in result.StderrLines)
        {
            var match = Cli.DiagnosticLine().Match(line);
            Assert.True(match.Success, line);
            Assert.Equal(baseline, match.Groups["file"].Value);
            Assert.Equal(code, match.Groups["code"].Value);
        }
    }

    [Fact]
    public void A_missing_baseline_file_is_DP1001()
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--baseline", "does-not-exist.json");
        Assert.Equal(2, result.Code);
        Assert.StartsWith("does-not-exist.json:1:1: error DP1001: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_array_baseline_is_matched_by_organisation_and_a_missing_one_warns()
    {
        using var dir = new TempDir();
        var other = ReportFormats.SampleModels[0];
        var baseline = dir.Combine("both.json");
        Cli.Run("check", other, Cli.Model, "--rules", Cli.Rules, "--format", "json", "--output", baseline);
        var array = (JArray)ReportFormats.Parse(File.ReadAllText(baseline));
        Assert.Equal(2, array.Count);

        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--baseline", baseline, "--format", "json");
        var report = (JObject)ReportFormats.Parse(result.Stdout);
        Assert.All((JArray)report["findings"]!, f => Assert.Equal("unchanged", (string?)f["baseline"]));
        Assert.Empty((JArray)report["fixed"]!);

        // A baseline without this organisation: everything is new, with a warning.
        var onlyOther = dir.Combine("other.json");
        Cli.Run("check", other, "--rules", Cli.Rules, "--format", "json", "--output", onlyOther);
        var alone = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--baseline", onlyOther, "--format", "json");
        Assert.Contains("warning: the baseline", alone.Stderr, StringComparison.Ordinal);
        Assert.All((JArray)ReportFormats.Parse(alone.Stdout)["findings"]!, f => Assert.Equal("new", (string?)f["baseline"]));
    }

    [Fact]
    public void Text_marks_findings_and_lists_the_fixed_ones()
    {
        using var dir = new TempDir();
        var text = Check(dir).Stdout;
        // Under the rule's heading, one line per finding with its state.
        var lines = text.Split('\n');
        var rule = Array.FindIndex(lines, l => l.StartsWith("  MUSTER-002", StringComparison.Ordinal));
        Assert.True(rule >= 0, text);
        Assert.Contains(lines.Skip(rule), l => l.StartsWith("    - Channel ", StringComparison.Ordinal) && l.EndsWith("[new]", StringComparison.Ordinal));
        Assert.Contains(lines.Skip(rule), l => l.StartsWith("    - Channel ", StringComparison.Ordinal) && l.EndsWith("[unchanged]", StringComparison.Ordinal));
        Assert.Contains("Fixed since the baseline (1)\n  MUSTER-001  Executive sponsor is not active internally  (Person p-cmo)\n", text, StringComparison.Ordinal);
        Assert.EndsWith(", 1 new, 1 fixed\n", text, StringComparison.Ordinal);

        var german = Check(dir, "--lang", "de").Stdout;
        Assert.Contains("[neu]", german, StringComparison.Ordinal);
        Assert.Contains("[unverändert]", german, StringComparison.Ordinal);
        Assert.Contains("Seit der Baseline behoben (1)", german, StringComparison.Ordinal);
        Assert.EndsWith(", 1 neu, 1 behoben\n", german, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_has_baseline_states_new_unchanged_and_absent()
    {
        using var dir = new TempDir();
        var log = SarifOutputTests.Validated(Check(dir, "--format", "sarif").Stdout);
        var results = (JArray)log["runs"]![0]!["results"]!;
        Assert.Equal(
            [("MUSTER-002", "new"), ("MUSTER-002", "unchanged"), ("MUSTER-001", "absent")],
            results.Select(r => ((string?)r["ruleId"], (string?)r["baselineState"])));
        var absent = results[2]!;
        Assert.Equal("pass", (string?)absent["kind"]);
        Assert.Equal("none", (string?)absent["level"]);
        Assert.Equal("Person/p-cmo", (string?)absent["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]);
    }

    [Fact]
    public void JUnit_markdown_and_html_show_the_baseline()
    {
        using var dir = new TempDir();
        var junit = XDocument.Parse(Check(dir, "--format", "junit").Stdout);
        var failure = junit.Descendants("failure").Single();
        Assert.Equal("2 findings (1 new)", (string?)failure.Attribute("message"));
        Assert.Contains("[new]", failure.Value, StringComparison.Ordinal);
        Assert.Contains(junit.Descendants("property"), p => (string?)p.Attribute("name") == "baseline.fixed" && (string?)p.Attribute("value") == "1");

        var md = Check(dir, "--format", "markdown").Stdout;
        Assert.Contains("| Severity | open | waived | new |", md, StringComparison.Ordinal);
        Assert.Contains(md.Split('\n'), l => l.StartsWith("| 🟧 high | `MUSTER-002`", StringComparison.Ordinal) && l.EndsWith("| **new** |", StringComparison.Ordinal));
        Assert.Contains("## Fixed since the baseline (1)", md, StringComparison.Ordinal);
        Assert.Contains("| `MUSTER-001` Executive sponsor is not active internally | Person p-cmo |", md, StringComparison.Ordinal);

        var html = Check(dir, "--format", "html", "--lang", "de").Stdout;
        Assert.Contains("<span class=\"badge state state-new\">neu</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge state\">unverändert</span>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Seit der Baseline behoben (1)</h3>", html, StringComparison.Ordinal);
    }
}
