using Deeg.Policy.Diagnostics;

namespace Deeg.Policy.Tests.Language;

/// <summary>
/// The depth limit counts nesting (parentheses, calls, <c>not</c>), not the length of an
/// <c>or</c>/<c>and</c> chain: a chain of 1,000 terms loads and evaluates, real nesting beyond the
/// limit is still DP4001 at the expression's position.
/// </summary>
public class ChainAndNestingTests
{
    /// <summary>A rule with <c>f</c> the channel's followers and <paramref name="test"/> as its condition, on line 3.</summary>
    private static string RuleSet(string test) =>
        "{ \"ruleSet\": \"t\", \"version\": \"1.0.0\",\n  \"rules\": [ { \"id\": \"T-001\", \"title\": \"t\", \"severity\": \"low\",\n"
        + $"    \"when\": [ {{ \"fact\": \"Channel\", \"as\": \"c\" }}, {{ \"let\": \"f\", \"value\": \"c.followers\" }}, {{ \"test\": {Newtonsoft.Json.JsonConvert.ToString(test)} }} ],\n"
        + "    \"finding\": { \"message\": \"{c.id}\" } } ] }\n";

    private const string Model = """
        { "organisation": { "id": "o", "name": "O" },
          "channels": [ { "id": "a", "platform": "xing", "scope": "external", "followers": 999 },
                        { "id": "b", "platform": "xing", "scope": "external", "followers": 5 } ] }
        """;

    private static IReadOnlyList<string> Fired(string test)
    {
        var built = PolicyEngine.CreateBuilder().AddRuleSetJson(RuleSet(test), "r.json").TryBuild();
        Assert.True(built.Succeeded, string.Join("\n", built.Diagnostics));
        var model = built.Engine!.ParseModel(Model, "m.json").Model!;
        return built.Engine.Evaluate(model).Findings.Select(f => f.Subject.Id).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary><paramref name="count"/> terms joined by <paramref name="op"/>: <paramref name="filler"/> everywhere but at <paramref name="at"/>.</summary>
    private static string Chain(string op, int count, string filler, int at = -1, string? special = null) =>
        string.Join($" {op} ", Enumerable.Range(0, count).Select(i => i == at ? special : filler));

    [Fact]
    public void An_or_chain_of_1000_terms_loads_and_means_any_term()
    {
        Assert.Equal(["a"], Fired(Chain("or", 1000, "f<0", 999, "f>900")));
        Assert.Equal(["a"], Fired(Chain("or", 1000, "f<0", 0, "f>900")));
        Assert.Equal(["a", "b"], Fired(Chain("or", 1000, "f<0", 500, "f>1")));
        Assert.Empty(Fired(Chain("or", 1000, "f<0")));
    }

    [Fact]
    public void An_and_chain_of_1000_terms_loads_and_means_every_term()
    {
        Assert.Equal(["a"], Fired(Chain("and", 1000, "f>=0", 999, "f>5")));
        Assert.Equal(["a"], Fired(Chain("and", 1000, "f>=0", 0, "f>5")));
        Assert.Equal(["a", "b"], Fired(Chain("and", 1000, "f>=0")));
        Assert.Empty(Fired(Chain("and", 1000, "f>=0", 333, "f<0")));
    }

    [Fact]
    public void Mixed_chains_keep_and_binding_tighter_than_or()
    {
        // Every term but one is "f<0 and …", false; the one left is true for b only.
        Assert.Equal(["b"], Fired(Chain("or", 300, "f<0 and c.id=='a'", 150, "f==5 and c.id=='b'")));
        Assert.Equal(["a", "b"], Fired(Chain("and", 300, "f<0 or f>1")));
    }

    [Fact]
    public void Real_nesting_beyond_the_limit_is_still_DP4001_at_the_expression()
    {
        var json = RuleSet(new string('(', 201) + "c.mfa" + new string(')', 201));
        var d = PolicyEngine.CreateBuilder().AddRuleSetJson(json, "r.json").TryBuild().Diagnostics;
        var error = Assert.Single(d);
        var column = json.Split('\n')[2].IndexOf("\"(((", StringComparison.Ordinal) + 1;
        Assert.Equal((DiagnosticCodes.ExprSyntax, 3, column), (error.Code, error.Line, error.Column));
        Assert.Contains("nested too deeply (more than 200 levels)", error.Message, StringComparison.Ordinal);

        // Nested calls and nots count as nesting too.
        var calls = string.Concat(Enumerable.Repeat("len(", 250)) + "c.handle" + new string(')', 250) + " > 0";
        Assert.Contains("nested too deeply", Assert.Single(Harness.Diagnose(calls)).Message, StringComparison.Ordinal);
        var nots = string.Concat(Enumerable.Repeat("not ", 250)) + "c.mfa";
        Assert.Contains("nested too deeply", Assert.Single(Harness.Diagnose(nots)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_error_in_a_long_chain_names_its_column()
    {
        var text = Chain("or", 500, "c.mfa", 400, "c.handle");
        var d = Assert.Single(Harness.Diagnose(text, condition: true));
        Assert.Equal(DiagnosticCodes.ExprNotBoolean, d.Code);
        Assert.Equal((Harness.Loc.Line, Harness.Loc.Column), (d.Line, d.Column));
        Assert.Equal($"expected a bool, not string (column {text.IndexOf("c.handle", StringComparison.Ordinal) + 1} of the expression)", d.Message);
    }
}
