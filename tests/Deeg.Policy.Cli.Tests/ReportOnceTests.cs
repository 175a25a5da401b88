namespace Deeg.Policy.Cli.Tests;

/// <summary>
/// A problem reports once: no command prints the same diagnostic twice, also when an input is
/// given twice, and a pattern without <c>as</c> brings no follow-up errors for its uses.
/// </summary>
public class ReportOnceTests
{
    // A pattern without 'as' (line 4) whose alias is used later, and a misspelt member (line 5).
    private const string BrokenRules = """
        { "ruleSet": "broken", "version": "1.0.0",
          "rules": [ { "id": "B-001", "title": "t", "severity": "low",
            "when": [
              { "fact": "Channel", "where": "c.mfa == false" },
              { "fact": "Person", "as": "p", "where": "p.nam == 'x'" },
              { "test": "c.followers > 10" } ],
            "finding": { "message": "{c.id}" } } ] }
        """;

    private static void AssertEachLineOnce(CliResult result, int expected)
    {
        var lines = result.StderrLines;
        Assert.True(lines.Length == expected, result.ToString());
        Assert.Equal(lines.Length, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.All(lines, l => Assert.Matches(Cli.DiagnosticLine(), l));
    }

    [Fact]
    public void Check_prints_each_problem_of_a_rule_set_given_twice_once()
    {
        using var dir = new TempDir();
        var rules = dir.File("rules/broken.rules.json", BrokenRules);
        var result = Cli.Run("check", "--rules", dir.Combine("rules"), "--rules", rules, Cli.Model);
        Assert.Equal(2, result.Code);
        // The missing 'as', the unknown member, and that the rule set is loaded twice; nothing about 'c'.
        AssertEachLineOnce(result, 3);
        Assert.Contains(result.StderrLines, l => l.EndsWith(":4:7: error DP3001: the Channel pattern needs 'as': an alias such as \"x\"", StringComparison.Ordinal));
        Assert.Contains(result.StderrLines, l => l.Contains(":5:47: error DP4002: unknown member 'nam' on Person", StringComparison.Ordinal));
        Assert.Contains(result.StderrLines, l => l.Contains("error DP3006:", StringComparison.Ordinal));
        Assert.DoesNotContain(result.StderrLines, l => l.Contains("DP4003", StringComparison.Ordinal) || l.Contains("DP3011", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_prints_the_problems_of_a_model_given_twice_once()
    {
        using var dir = new TempDir();
        var model = dir.File("m.json", """{ "organisation": { "id": "o" } }""");
        var result = Cli.Run("check", model, model);
        Assert.Equal(2, result.Code);
        AssertEachLineOnce(result, 1);
        Assert.Contains(":1:19: error DP2001: missing required field 'name' on Organisation", result.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_prints_the_problems_of_a_file_given_twice_once()
    {
        using var dir = new TempDir();
        var rules = dir.File("broken.rules.json", BrokenRules);
        var result = Cli.Run("validate", rules, rules);
        Assert.Equal(2, result.Code);
        AssertEachLineOnce(result, 2);
        Assert.Equal(2, result.StdoutLines.Length);
    }

    [Fact]
    public void Test_prints_the_problems_of_a_rule_set_two_test_files_name_once()
    {
        using var dir = new TempDir();
        dir.File("broken.rules.json", BrokenRules);
        const string Tests = """{ "ruleSets": ["broken.rules.json"], "cases": [ { "name": "n", "model": { "organisation": { "id": "o", "name": "O" } } } ] }""";
        dir.File("a.tests.json", Tests);
        dir.File("b.tests.json", Tests);
        var result = Cli.Run("test", dir.Path);
        Assert.Equal(2, result.Code);
        AssertEachLineOnce(result, 2);
    }
}
