using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Cli.Tests;

/// <summary><c>deeg-policy test</c>: rule-set test files.</summary>
public class TestCommandTests
{
    private const string FailingCase = """
        { "ruleSets": ["muster-extra.rules.json"],
          "cases": [
            { "name": "passes", "modelFile": "muster-maschinenbau.model.json", "expect": [ { "rule": "MUSTER-001", "subject": "Person/p-cmo" } ] },
            { "name": "wrong subject", "modelFile": "muster-maschinenbau.model.json", "expect": [ { "rule": "MUSTER-002", "subject": "Channel/xing-old" } ] } ] }
        """;

    private static TempDir WithExamples(string testsJson)
    {
        var dir = new TempDir();
        File.Copy(Cli.Rules, dir.Combine("muster-extra.rules.json"));
        File.Copy(Cli.Model, dir.Combine("muster-maschinenbau.model.json"));
        dir.File("x.tests.json", testsJson);
        return dir;
    }

    [Fact]
    public void The_example_test_file_passes_with_exit_0_and_prints_totals_and_coverage()
    {
        var result = Cli.Run("test", Cli.Tests);
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["2 passed, 0 failed", "rules fired in at least one case: 2 of 2"], result.StdoutLines);
    }

    [Fact]
    public void A_failing_case_prints_expected_and_found_and_exits_1()
    {
        using var dir = WithExamples(FailingCase);
        var result = Cli.Run("test", dir.Path);
        Assert.True(result.Code == 1, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith("FAIL ", StringComparison.Ordinal) && l.EndsWith(": wrong subject", StringComparison.Ordinal));
        Assert.Contains("  expected a finding MUSTER-002 on Channel/xing-old, found MUSTER-002 on Channel/li-page", result.StdoutLines);
        Assert.Equal("1 passed, 1 failed", result.StdoutLines[^2]);
    }

    [Fact]
    public void Coverage_names_the_rules_that_never_fired()
    {
        using var dir = WithExamples("""
            { "ruleSets": ["muster-extra.rules.json"],
              "cases": [ { "name": "nothing", "model": { "organisation": { "id": "o", "name": "O" } }, "expect": [] } ] }
            """);
        var result = Cli.Run("test", dir.Combine("x.tests.json"));
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal("rules fired in at least one case: 0 of 2 (never fired: MUSTER-001, MUSTER-002)", result.StdoutLines[^1]);
    }

    [Fact]
    public void Junit_output_has_a_suite_per_file_and_a_case_per_case()
    {
        using var dir = WithExamples(FailingCase);
        var result = Cli.Run("test", dir.Path, "--format", "junit");
        Assert.Equal(1, result.Code);
        var xml = XDocument.Parse(result.Stdout);
        var suite = Assert.Single(xml.Root!.Elements("testsuite"));
        Assert.Equal("2", (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        var failure = suite.Elements("testcase").Single(c => (string?)c.Attribute("name") == "wrong subject").Element("failure");
        Assert.Contains("Channel/xing-old", (string?)failure!.Attribute("message"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_test_file_is_diagnostics_and_exit_2_and_nothing_runs()
    {
        using var dir = WithExamples("""
            { "ruleSets": ["muster-extra.rules.json"],
              "cases": [ { "name": "bad model", "model": { "organisation": { "id": "o" } }, "expect": [ { "rule": "MUSTER-001" } ] } ] }
            """);
        var result = Cli.Run("test", dir.Combine("x.tests.json"));
        Assert.True(result.Code == 2, result.ToString());
        var line = Assert.Single(result.StderrLines);
        Assert.Matches(Cli.DiagnosticLine(), line);
        Assert.Contains(":2:64: error DP2001:", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void A_missing_file_is_DP1001_and_exit_2()
    {
        var result = Cli.Run("test", "/nonexistent/x.tests.json");
        Assert.Equal(2, result.Code);
        Assert.Contains(result.StderrLines, l => l.Contains("error DP1001", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_built_in_pack_test_file_passes_through_the_cli()
    {
        var packs = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Deeg.Policy", "Packs"));
        var result = Cli.Run("test", packs);
        Assert.True(result.Code == 0, result.ToString());
        Assert.Matches(@"^rules fired in at least one case: (\d+) of \1$", result.StdoutLines[^1]);
    }

    [Fact]
    public void Json_output_has_the_totals_the_cases_and_the_coverage()
    {
        using var dir = WithExamples(FailingCase);
        var result = Cli.Run("test", dir.Path, "--format", "json");
        Assert.True(result.Code == 1, result.ToString());
        var root = JObject.Parse(result.Stdout);
        Assert.Equal((1, 1), ((int)root["passed"]!, (int)root["failed"]!));
        var cases = (JArray)root["cases"]!;
        Assert.Equal(["passes", "wrong subject"], cases.Select(c => (string)c["name"]!));
        Assert.All(cases, c => Assert.EndsWith("x.tests.json", (string)c["file"]!, StringComparison.Ordinal));
        Assert.Equal("expected a finding MUSTER-002 on Channel/xing-old, found MUSTER-002 on Channel/li-page", (string)cases[1]["failures"]![0]!);
        Assert.Equal(["MUSTER-001", "MUSTER-002"], root["coverage"]!["fired"]!.Select(r => (string)r!));
        Assert.Empty((JArray)root["coverage"]!["neverFired"]!);
    }

    [Fact]
    public void Json_output_to_a_file_prints_the_summary()
    {
        using var dir = WithExamples(FailingCase);
        var result = Cli.Run("test", dir.Combine("x.tests.json"), "--format", "json", "--output", dir.Combine("out.json"));
        Assert.True(result.Code == 1, result.ToString());
        Assert.Equal(["1 passed, 1 failed", "rules fired in at least one case: 2 of 2"], result.StdoutLines);
        Assert.Equal(1, (int)JObject.Parse(File.ReadAllText(dir.Combine("out.json")))["failed"]!);
    }

    [Fact]
    public void Messages_are_checked_in_the_case_language()
    {
        using var dir = WithExamples("""
            { "ruleSets": ["muster-extra.rules.json"],
              "cases": [
                { "name": "en", "modelFile": "muster-maschinenbau.model.json", "expect": [ { "rule": "MUSTER-001", "messageMatches": "." } ] },
                { "name": "wrong", "modelFile": "muster-maschinenbau.model.json", "expect": [ { "rule": "MUSTER-001", "message": "not the message" } ] } ] }
            """);
        var result = Cli.Run("test", dir.Path);
        Assert.True(result.Code == 1, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith("  expected a finding MUSTER-001 with message \"not the message\", found MUSTER-001 on Person/p-cmo with message \"", StringComparison.Ordinal));
        Assert.Equal("1 passed, 1 failed", result.StdoutLines[^2]);
    }

    [Fact]
    public void An_expectation_of_an_unknown_rule_is_DP5103_and_exit_2()
    {
        const string Tests = """
            { "ruleSets": ["muster-extra.rules.json"],
              "cases": [ { "name": "typo", "modelFile": "muster-maschinenbau.model.json", "expect": [ { "rule": "MUSTER-01" } ] } ] }
            """;
        using var dir = WithExamples(Tests);
        var result = Cli.Run("test", dir.Combine("x.tests.json"));
        Assert.True(result.Code == 2, result.ToString());
        var line = Assert.Single(result.StderrLines);
        Assert.Matches(Cli.DiagnosticLine(), line);
        Assert.Contains($":2:{Column(Tests, 2, "\"MUSTER-01\"")}: error DP5103: no loaded rule set defines a rule 'MUSTER-01'; did you mean", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void An_invalid_message_pattern_is_DP5101_with_its_position()
    {
        const string Tests = """
            { "ruleSets": ["muster-extra.rules.json"],
              "cases": [ { "name": "bad", "modelFile": "muster-maschinenbau.model.json", "expect": [ { "rule": "MUSTER-001", "messageMatches": "[a-" } ] } ] }
            """;
        using var dir = WithExamples(Tests);
        var result = Cli.Run("test", dir.Combine("x.tests.json"));
        Assert.True(result.Code == 2, result.ToString());
        var line = Assert.Single(result.StderrLines);
        Assert.Contains($":2:{Column(Tests, 2, "\"[a-\"")}: error DP5101: 'messageMatches' is not a valid regular expression", line, StringComparison.Ordinal);
    }

    /// <summary>The 1-based column of <paramref name="text"/> on line <paramref name="line"/> of <paramref name="json"/>.</summary>
    private static int Column(string json, int line, string text) =>
        json.Split('\n')[line - 1].IndexOf(text, StringComparison.Ordinal) + 1;
}
