namespace Deeg.Policy.Tests.Linting;

/// <summary>The linter on rules with a <c>group</c>.</summary>
public class GroupLintTests
{
    private static string RuleSet(params string[] rules) =>
        "{\n  \"ruleSet\": \"lint\",\n  \"version\": \"1.0.0\",\n  \"rules\": [\n"
        + string.Join(",\n", rules.Select((r, i) => $"    {{ \"id\": \"L-{i + 1:000}\", \"title\": \"t\", \"severity\": \"low\", {r} }}"))
        + "\n  ]\n}\n";

    private static IReadOnlyList<Diagnostic> Lint(string json)
    {
        var built = PolicyEngine.CreateBuilder().AddRuleSetJson(json, "lint.rules.json").EnableLinting().TryBuild();
        Assert.NotNull(built.Engine);
        return built.Diagnostics;
    }

    [Fact]
    public void A_group_over_nothing_never_fires_and_a_sound_group_gives_no_warning()
    {
        var json = RuleSet(
            """ "when": [ { "group": { "fact": "Mention", "as": "m", "where": "m.platform == null" }, "by": "m.platform", "as": "g" } ], "finding": { "message": "{g.count}" }""",
            """ "when": [ { "group": { "fact": "Mention", "as": "m", "where": "m.sentiment == 'negative'" }, "by": "m.platform", "as": "g" }, { "test": "g.count > 2" } ], "finding": { "message": "{g.key}" }""");
        var d = Assert.Single(Lint(json));
        Assert.Equal("DP7007", d.Code);
        Assert.Equal(5, d.Line);
        Assert.Equal(json.Split('\n')[4].IndexOf("\"m.platform == null", StringComparison.Ordinal) + 1, d.Column);
        Assert.Contains("rule L-001 can never produce a finding", d.Message, StringComparison.Ordinal);
        Assert.Contains("grouped pattern 'm'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rules_with_the_same_group_are_duplicates()
    {
        var json = RuleSet(
            """ "when": [ { "group": { "fact": "Mention", "as": "m" }, "by": "m.platform", "as": "g" } ], "finding": { "message": "a" }""",
            """ "when": [ { "group": { "fact": "Mention", "as": "x" }, "by": "x.platform", "as": "h" } ], "finding": { "message": "b" }""",
            """ "when": [ { "group": { "fact": "Mention", "as": "m" }, "by": "m.author", "as": "g" } ], "finding": { "message": "c" }""");
        var d = Assert.Single(Lint(json));
        Assert.Equal(6, d.Line);
        Assert.Contains("L-001", d.Message, StringComparison.Ordinal);
    }
}
