using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Cli.Tests;

public class RulesTests
{
    [Fact]
    public void Json_listing_of_the_example_rule_set()
    {
        var result = Cli.Run("rules", "--rules", Cli.Rules, "--format", "json");
        Assert.True(result.Code == 0, result.ToString());
        var expected = JArray.Parse("""
            [
              { "id": "MUSTER-001", "ruleSet": "muster-extra", "severity": "medium", "category": "culture",
                "title": "Executive sponsor is not active internally", "enabled": true, "tags": [] },
              { "id": "MUSTER-002", "ruleSet": "muster-extra", "severity": "high", "category": "general",
                "title": "Channel with a single admin", "enabled": true, "tags": [] }
            ]
            """);
        var actual = JArray.Parse(result.Stdout);
        Assert.True(JToken.DeepEquals(expected, actual), result.Stdout);
        Assert.Equal(["id", "ruleSet", "severity", "category", "title", "enabled", "tags"], ((JObject)actual[0]).Properties().Select(p => p.Name));
    }

    [Fact]
    public void Json_listing_in_german()
    {
        var result = Cli.Run("rules", "--rules", Cli.Rules, "--format", "json", "--lang", "de");
        var actual = JArray.Parse(result.Stdout);
        Assert.Equal(["Executive Sponsor ist intern nicht aktiv", "Kanal mit nur einer Admin-Person"], actual.Select(r => (string?)r["title"]));
    }

    [Fact]
    public void Built_in_rules_are_listed_by_rule_set_then_rule_id()
    {
        var result = Cli.Run("rules", "--format", "json");
        Assert.True(result.Code == 0, result.ToString());
        var rules = JArray.Parse(result.Stdout).Select(r => ((string)r["ruleSet"]!, (string)r["id"]!)).ToList();
        Assert.NotEmpty(rules);
        var sorted = rules.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal).ToList();
        Assert.Equal(sorted, rules);
        Assert.Contains(("governance", "GOV-006"), rules);
    }

    [Fact]
    public void Builtin_and_rules_together()
    {
        var result = Cli.Run("rules", "--rules", Cli.Rules, "--builtin", "governance", "--format", "json");
        Assert.True(result.Code == 0, result.ToString());
        var sets = JArray.Parse(result.Stdout).Select(r => (string?)r["ruleSet"]).Distinct().ToList();
        Assert.Equal(["governance", "muster-extra"], sets);
    }

    [Fact]
    public void Text_table_lists_each_rule()
    {
        var result = Cli.Run("rules", "--rules", Cli.Rules);
        Assert.True(result.Code == 0, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.Contains("MUSTER-001", StringComparison.Ordinal) && l.Contains("Executive sponsor is not active internally", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.Contains("MUSTER-002", StringComparison.Ordinal) && l.Contains("high", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_builtin_pack_is_a_diagnostic_and_exit_2()
    {
        var result = Cli.Run("rules", "--builtin", "governanse");
        Assert.Equal(2, result.Code);
        Assert.Contains(result.StderrLines, l => Cli.DiagnosticLine().IsMatch(l) && l.Contains("DP3016", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_rule_set_file_exits_2()
    {
        using var dir = new TempDir();
        var missing = dir.Combine("nope.rules.json");
        var result = Cli.Run("rules", "--rules", missing);
        Assert.Equal(2, result.Code);
        Assert.Contains($"{missing}:1:1: error DP1001: file not found", result.StderrLines);
    }
}
