
namespace Deeg.Policy.Tests.Linting;

/// <summary>The lint warnings DP7001–DP7007 (<see cref="PolicyEngineBuilder.EnableLinting"/>): each with its line and column.</summary>
public class LinterTests
{
    private static IReadOnlyList<Diagnostic> Lint(string json)
    {
        var built = PolicyEngine.CreateBuilder().AddRuleSetJson(json, "lint.rules.json").EnableLinting().TryBuild();
        Assert.NotNull(built.Engine); // warnings never stop the build
        Assert.All(built.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        return built.Diagnostics;
    }

    /// <summary>A rule set whose rules are given one per line, so that a warning's line names its rule.</summary>
    private static string RuleSet(string parameters, params string[] rules) =>
        "{\n  \"ruleSet\": \"lint\",\n  \"version\": \"1.0.0\",\n  \"parameters\": " + parameters + ",\n  \"rules\": [\n"
        + string.Join(",\n", rules.Select((r, i) => $"    {{ \"id\": \"L-{i + 1:000}\", \"title\": \"t\", \"severity\": \"low\", {r} }}"))
        + "\n  ]\n}\n";

    private static (string Code, int Line, int Column) At(Diagnostic d) => (d.Code, d.Line, d.Column);

    /// <summary>The expected position: the first occurrence of <paramref name="snippet"/> on line <paramref name="line"/> (after <paramref name="skip"/> earlier ones).</summary>
    private static (string Code, int Line, int Column) Expect(string code, string json, int line, string snippet, int skip = 0)
    {
        var text = json.Split('\n')[line - 1];
        var at = -1;
        for (var i = 0; i <= skip; i++) at = text.IndexOf(snippet, at + 1, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{snippet}' is not on line {line}");
        return (code, line, at + 1);
    }

    [Fact]
    public void DP7001_a_pattern_not_linked_to_the_earlier_ones_is_a_cartesian_product()
    {
        var json = RuleSet("{}",
            """ "when": [ { "fact": "Organisation", "as": "o" }, { "fact": "Channel", "as": "c" }, { "fact": "Person", "as": "p", "where": "p.leadership" } ], "finding": { "subject": "c", "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "fact": "Post", "as": "q", "where": "q.channel == c.id" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "fact": "Post", "as": "q" }, { "test": "q.channel == c.id" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "let": "h", "value": "c.handle" }, { "fact": "Person", "as": "p", "where": "p.name == h" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Organisation", "as": "o" }, { "fact": "Channel", "as": "c" } ], "finding": { "message": "m" }""");
        var d = Assert.Single(Lint(json));
        Assert.Equal(Expect("DP7001", json, 6, "{ \"fact\": \"Person\""), At(d));
        Assert.StartsWith("rule L-001: the Person pattern 'p' is not linked by any condition to the earlier pattern 'c'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DP7002_conditions_that_are_always_true_under_the_types()
    {
        var json = RuleSet("{}",
            """ "when": [ { "fact": "Channel", "as": "c", "where": "c.mfa != null" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c", "where": "c.platform == 'x' and c.id == c.id" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "test": "1 < 2" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c", "where": "c.followers >= 0 or c.mfa" } ], "finding": { "message": "m" }""");
        var warnings = Lint(json);
        Assert.Equal(
            [Expect("DP7002", json, 6, "\"c.mfa"), Expect("DP7002", json, 7, "\"c.platform"), Expect("DP7002", json, 8, "\"1 < 2")],
            warnings.Select(At));
        Assert.Equal("rule L-001: the condition of the Channel pattern 'c' is always true, so it has no effect", warnings[0].Message);
        Assert.Equal("rule L-002: in the condition of the Channel pattern 'c', the operand at column 23 of the expression is always true", warnings[1].Message);
    }

    [Fact]
    public void DP7003_and_DP7007_conditions_that_are_always_false()
    {
        var json = RuleSet("{}",
            """ "when": [ { "fact": "Channel", "as": "c", "where": "c.handle != c.handle" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c", "where": "c.followers < 0 or c.mfa" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "not": [ { "fact": "Post", "as": "q", "where": "q.channel == c.id and q.images < 0" } ] } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "test": "false" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "UseCase", "as": "u", "where": "u.openShare > 1" } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c", "where": "c.platform == null" } ], "finding": { "message": "m" }""");
        var warnings = Lint(json);
        Assert.Equal(
            [
                Expect("DP7007", json, 6, "\"c.handle"), Expect("DP7003", json, 7, "\"c.followers"), Expect("DP7003", json, 8, "\"q.channel"),
                Expect("DP7007", json, 9, "\"false"), Expect("DP7007", json, 10, "\"u.openShare"), Expect("DP7007", json, 11, "\"c.platform"),
            ],
            warnings.Select(At));
        Assert.Equal("rule L-001 can never produce a finding: the condition of the Channel pattern 'c' is always false", warnings[0].Message);
        Assert.Equal("rule L-002: in the condition of the Channel pattern 'c', the operand at column 1 of the expression is always false", warnings[1].Message);
        Assert.Equal("rule L-003: the condition of the Post pattern 'q' is always false", warnings[2].Message);
    }

    [Fact]
    public void DP7007_a_rule_shadowed_by_a_not_that_always_holds_or_an_anyOf_that_never_does()
    {
        var json = RuleSet("{}",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "not": [ { "fact": "Organisation", "as": "o" } ] } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "anyOf": [ [ { "test": "false" } ], [ { "test": "c.mfa and not true" } ] ] } ], "finding": { "message": "m" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "exists": [ { "fact": "Person", "as": "p", "where": "p.leadership != p.leadership" } ] } ], "finding": { "message": "m" }""");
        var warnings = Lint(json);
        Assert.Equal(
            [
                Expect("DP7007", json, 6, "{ \"not\""), Expect("DP7007", json, 7, "{ \"anyOf\""), Expect("DP7003", json, 7, "\"false"),
                Expect("DP7003", json, 7, "\"c.mfa"), Expect("DP7007", json, 8, "\"p.leadership"),
            ],
            warnings.Select(At));
        Assert.Equal("rule L-001 can never produce a finding: its 'not' element excludes something that always holds", warnings[0].Message);
        Assert.Equal("rule L-002 can never produce a finding: no branch of its 'anyOf' can ever hold", warnings[1].Message);
        Assert.Equal("rule L-003 can never produce a finding: the condition of the Person pattern 'p' is always false", warnings[4].Message);
    }

    [Fact]
    public void DP7004_unused_parameters_and_DP7005_unused_aliases()
    {
        var json = RuleSet("""{ "used": 3, "unused": 5, "inMessage": 1 }""",
            """ "when": [ { "fact": "Channel", "as": "c", "where": "c.followers > params.used" }, { "let": "h", "value": "c.handle" } ], "finding": { "message": "m {params.inMessage}" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "count": { "fact": "Post", "as": "q", "where": "q.channel == c.id" }, "as": "n" }, { "let": "m", "value": "1" } ], "finding": { "message": "{m}" }""");
        var warnings = Lint(json);
        Assert.Equal([Expect("DP7004", json, 4, "\"unused\""), Expect("DP7005", json, 6, "\"h\""), Expect("DP7005", json, 7, "\"n\"")], warnings.Select(At));
        Assert.Equal("the parameter 'unused' is not used by any rule of the rule set 'lint'", warnings[0].Message);
        Assert.Equal("rule L-001: the let alias 'h' is never used", warnings[1].Message);
        Assert.Equal("rule L-002: the count alias 'n' is never used", warnings[2].Message);
    }

    [Fact]
    public void DP7006_rules_with_the_same_conditions_up_to_alias_names_and_order()
    {
        var json = RuleSet("""{ "days": 90 }""",
            """ "when": [ { "fact": "Channel", "as": "c", "where": ["c.mfa == false", "daysSince(c.lastPostAt) > params.days"] } ], "finding": { "message": "a" }""",
            """ "when": [ { "fact": "Channel", "as": "x", "where": "daysSince(x.lastPostAt) > params.days and false == x.mfa" } ], "finding": { "message": "b" }""",
            """ "when": [ { "fact": "Channel", "as": "c", "where": "c.mfa == false" } ], "finding": { "message": "c" }""",
            """ "enabled": false, "when": [ { "fact": "Channel", "as": "c", "where": "c.mfa == false" } ], "finding": { "message": "d" }""");
        var d = Assert.Single(Lint(json));
        Assert.Equal(Expect("DP7006", json, 7, "{ \"id\": \"L-002\""), At(d));
        Assert.Equal("rule L-002 has the same conditions as rule L-001 (lint.rules.json:6); it reports the same matches", d.Message);
    }

    [Fact]
    public void Linting_is_off_unless_enabled_and_its_warnings_reach_the_engine()
    {
        var json = RuleSet("""{ "unused": 1 }""", """ "when": [ { "fact": "Channel", "as": "c" } ], "finding": { "message": "m" }""");
        var built = PolicyEngine.CreateBuilder().AddRuleSetJson(json, "lint.rules.json").TryBuild();
        Assert.Empty(built.Diagnostics);
        var engine = PolicyEngine.CreateBuilder().AddRuleSetJson(json, "lint.rules.json").EnableLinting().Build();
        Assert.Equal("lint.rules.json:4:19: warning DP7004: the parameter 'unused' is not used by any rule of the rule set 'lint'", Assert.Single(engine.Warnings).ToString());
        Assert.Empty(PolicyEngine.CreateBuilder().AddRuleSetJson(json, "lint.rules.json").EnableLinting().EnableLinting(false).TryBuild().Diagnostics);
    }

    [Fact]
    public void A_rule_set_with_errors_is_not_linted()
    {
        var json = RuleSet("""{ "unused": 1 }""", """ "when": [ { "fact": "Channel", "as": "c", "where": "c.nope" } ], "finding": { "message": "m" }""");
        var built = PolicyEngine.CreateBuilder().AddRuleSetJson(json, "lint.rules.json").EnableLinting().TryBuild();
        Assert.Null(built.Engine);
        Assert.DoesNotContain(built.Diagnostics, d => d.Code.StartsWith("DP7", StringComparison.Ordinal));
    }

    /// <summary>
    /// The built-in packs lint clean: no cartesian products (every pattern after the organisation is
    /// joined by a condition or sits in an aggregate, exists or not), no constant conditions, every
    /// parameter and alias used, no duplicates. A new warning here is a finding about a pack.
    /// </summary>
    [Fact]
    public void The_built_in_packs_lint_clean()
    {
        var built = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().EnableLinting().TryBuild();
        Assert.NotNull(built.Engine);
        Assert.True(built.Diagnostics.Count == 0, string.Join(Environment.NewLine, built.Diagnostics));
    }

    [Fact]
    public void The_message_functions_lint_without_warnings_and_a_language_dependent_condition_is_not_taken_for_a_constant()
    {
        var json = RuleSet("{}",
            """ "when": [ { "fact": "Channel", "as": "c", "where": ["text(1.5) == '1.5'", "label(c.status) != 'aktiv'", "name(c) != ''"] }, { "test": "if(c.mfa, 1, 2) == plural(c.followers, 1, 2)" } ], "finding": { "message": "{join(map(x in [c.platform]: label(x)), ', ')} {text(c.lastPostAt, 'yyyy')} {min(c.lastPostAt, asOf)}" }""",
            """ "when": [ { "fact": "Channel", "as": "c" }, { "max": { "fact": "Post", "as": "p", "where": "p.channel == c.id" }, "of": "p.at", "as": "last" }, { "test": "last == null or max(last, asOf) == last" } ], "finding": { "message": "{last}" }""");
        Assert.Empty(Lint(json));
    }
}
