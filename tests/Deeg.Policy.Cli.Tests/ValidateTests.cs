
namespace Deeg.Policy.Cli.Tests;

public class ValidateTests
{
    [Fact]
    public void The_examples_are_valid_one_ok_line_per_file()
    {
        using var dir = new TempDir();
        foreach (var file in Directory.GetFiles(Cli.TestData, "*.json")) File.Copy(file, dir.Combine(Path.GetFileName(file)));
        var result = Cli.Run("validate", dir.Path);
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(
            new[] { "muster-extra.rules.json", "muster-extra.tests.json", "muster-maschinenbau.model.json", "muster.waivers.json" }
                .Select(name => dir.Combine(name) + ": ok"),
            result.StdoutLines);
    }

    [Fact]
    public void Files_are_reported_in_argument_order()
    {
        var result = Cli.Run("validate", Cli.Waivers, Cli.Model);
        Assert.Equal([Cli.Waivers + ": ok", Cli.Model + ": ok"], result.StdoutLines);
        Assert.Equal(0, result.Code);
    }

    [Fact]
    public void Malformed_json_gives_DP1002_on_stderr_and_a_count_line_on_stdout()
    {
        using var dir = new TempDir();
        var bad = dir.File("bad.json", "{\n  \"waivers\": [\n    { \"rule\": \"A-001\" \n  ]\n}");
        var result = Cli.Run("validate", bad, Cli.Waivers);
        Assert.Equal(2, result.Code);
        var diagnostic = Assert.Single(result.StderrLines);
        var match = Cli.DiagnosticLine().Match(diagnostic);
        Assert.True(match.Success, diagnostic);
        Assert.Equal(bad, match.Groups["file"].Value);
        Assert.Equal("DP1002", match.Groups["code"].Value);
        Assert.Equal("4", match.Groups["line"].Value);
        Assert.Equal([bad + ": 1 error(s), 0 warning(s)", Cli.Waivers + ": ok"], result.StdoutLines);
    }

    [Fact]
    public void Missing_file_is_DP1001()
    {
        using var dir = new TempDir();
        var missing = dir.Combine("nope.json");
        var result = Cli.Run("validate", missing);
        Assert.Equal(2, result.Code);
        Assert.Equal([missing + ":1:1: error DP1001: file not found"], result.StderrLines);
        Assert.Equal([missing + ": 1 error(s), 0 warning(s)"], result.StdoutLines);
    }

    [Fact]
    public void Unknown_kind_of_document_is_DP1004()
    {
        using var dir = new TempDir();
        var other = dir.File("other.json", "{\n  \"something\": 1\n}");
        var array = dir.File("array.json", "  [1]");
        var result = Cli.Run("validate", other, array);
        Assert.Equal(2, result.Code);
        Assert.StartsWith(other + ":1:1: error DP1004: unknown kind of document", result.StderrLines[0], StringComparison.Ordinal);
        Assert.StartsWith(array + ":1:3: error DP1004: unknown kind of document", result.StderrLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Waiver_file_problems_with_exact_positions()
    {
        using var dir = new TempDir();
        var waivers = dir.File("w.json", "{\n  \"waivers\": [\n    { \"rule\": \"GOV-006\", \"subject\": \"xing\", \"justification\": \"j\", \"expires\": \"2027-01-01\" }\n  ]\n}");
        var result = Cli.Run("validate", waivers);
        Assert.Equal(2, result.Code);
        Assert.Equal([waivers + ":3:37: error DP5001: invalid subject 'xing' on waiver 1: write it as Type/id, e.g. Channel/xing-main"], result.StderrLines);
        Assert.Equal([waivers + ": 1 error(s), 0 warning(s)"], result.StdoutLines);
    }

    [Fact]
    public void Test_file_cases_must_be_an_array()
    {
        using var dir = new TempDir();
        var tests = dir.File("t.tests.json", "{ \"ruleSets\": [ 7 ], \"cases\": {} }");
        var result = Cli.Run("validate", tests);
        Assert.Equal(2, result.Code);
        Assert.Equal(
            [
                tests + ":1:15: error DP5101: 'ruleSets' must be an array of strings",
                tests + ":1:31: error DP5101: 'cases' must be an array of test cases",
            ],
            result.StderrLines);
    }

    [Fact]
    public void Test_file_with_unknown_property_and_bad_cases()
    {
        using var dir = new TempDir();
        var tests = dir.File("t.tests.json", "{\n  \"rulesets\": [\"a.rules.json\"],\n  \"cases\": [ 1 ]\n}");
        var result = Cli.Run("validate", tests);
        Assert.Equal(2, result.Code);
        Assert.Equal(
            [
                tests + ":1:1: error DP5101: the test file has no 'ruleSets'",
                tests + ":2:3: error DP5102: unknown property 'rulesets' on test file; did you mean 'ruleSets'?",
                tests + ":3:14: error DP5101: each test case must be an object",
            ],
            result.StderrLines);
        Assert.Equal([tests + ": 3 error(s), 0 warning(s)"], result.StdoutLines);
    }

    [Fact]
    public void Invalid_model_is_reported()
    {
        using var dir = new TempDir();
        var model = dir.File("m.json", "{\n  \"organisation\": { \"id\": \"x\", \"name\": \"X\" },\n  \"channels\": [ { \"id\": \"c\", \"platfrom\": \"xing\", \"scope\": \"external\" } ]\n}");
        var result = Cli.Run("validate", model);
        Assert.Equal(2, result.Code);
        Assert.Contains(result.StderrLines, l => l.StartsWith(model + ":3:", StringComparison.Ordinal) && l.Contains("error DP2004: unknown field 'platfrom'", StringComparison.Ordinal));
        Assert.All(result.StderrLines, l => Assert.Matches(Cli.DiagnosticLine(), l));
    }

    [Fact]
    public void Invalid_rule_set_is_reported()
    {
        using var dir = new TempDir();
        var rules = dir.File("bad.rules.json", "{\n  \"ruleSet\": \"bad\",\n  \"rules\": []\n}");
        var result = Cli.Run("validate", rules);
        Assert.Equal(2, result.Code);
        Assert.Contains(result.StderrLines, l => l.Contains("error DP3001", StringComparison.Ordinal)); // no version
        Assert.Contains(result.StderrLines, l => l.Contains("error DP3014", StringComparison.Ordinal)); // no rules
        Assert.All(result.StderrLines, l => Assert.Matches(Cli.DiagnosticLine(), l));
        Assert.Equal([rules + ": 2 error(s), 0 warning(s)"], result.StdoutLines);
    }

    [Fact]
    public void Empty_directory_exits_2()
    {
        using var dir = new TempDir();
        var result = Cli.Run("validate", dir.Path);
        Assert.Equal(2, result.Code);
        Assert.Contains("no *.json files", result.Stderr, StringComparison.Ordinal);
    }
}
