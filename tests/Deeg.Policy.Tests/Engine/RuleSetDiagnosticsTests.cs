using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Engine;

/// <summary>Every diagnostic family of rule-set documents, with file, line and column.</summary>
public class RuleSetDiagnosticsTests
{
    private static Diagnostic Single(string json, string code)
    {
        var diagnostics = BuildDiagnostics(json);
        return Assert.Single(diagnostics, d => d.Code == code);
    }

    [Fact]
    public void Malformed_json_is_DP1002_with_the_readers_position()
    {
        var d = Single("{\n  \"ruleSet\": \"t\",\n  \"version\": \n}", "DP1002");
        Assert.Equal(("t.rules.json", 4), (d.File, d.Line));
    }

    [Fact]
    public void A_missing_file_is_DP1001()
    {
        var built = PolicyEngine.CreateBuilder().AddRuleSetFile("/nonexistent/x.rules.json").TryBuild();
        Assert.Null(built.Engine);
        var d = Assert.Single(built.Diagnostics);
        Assert.Equal("DP1001", d.Code);
        Assert.Equal("/nonexistent/x.rules.json:1:1: error DP1001: file not found", d.ToString());
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_DP1004()
        => Assert.Equal((1, 1), (Single("[1, 2]", "DP1004").Line, Single("[1, 2]", "DP1004").Column));

    [Fact]
    public void Unknown_properties_are_DP3003_with_a_suggestion()
    {
        const string json = """
            { "ruleSet": "t", "version": "1.0.0",
              "rules": [ { "id": "T-001", "title": "x", "severity": "low", "when": [ { "fact": "Channel", "as": "c" } ],
                           "finding": { "mesage": "x" } } ] }
            """;
        var diagnostics = BuildDiagnostics(json);
        var unknown = Assert.Single(diagnostics, d => d.Code == "DP3003");
        Assert.Equal((3, 29), (unknown.Line, unknown.Column));
        Assert.Equal("unknown property 'mesage' on finding; did you mean 'message'?", unknown.Message);
        var missing = Assert.Single(diagnostics, d => d.Code == "DP3001");
        Assert.Equal((3, 27), (missing.Line, missing.Column));
    }

    [Fact]
    public void Invalid_ids_versions_and_severities_are_reported_together()
    {
        const string json = """
            { "ruleSet": "Bad Set", "version": "1.0",
              "rules": [ { "id": "t1", "title": "x", "severity": "urgent", "when": [ { "fact": "Channel", "as": "c" } ], "finding": { "message": "x" } } ] }
            """;
        var codes = BuildDiagnostics(json).Select(d => (d.Code, d.Line, d.Column)).ToList();
        Assert.Contains(("DP3004", 1, 14), codes);
        Assert.Contains(("DP3007", 1, 36), codes);
        Assert.Contains(("DP3004", 2, 22), codes);
        Assert.Contains(("DP3008", 2, 54), codes);
    }

    [Fact]
    public void Unknown_fact_types_are_DP3009_with_a_suggestion()
    {
        var d = Single(RuleSet(Rule("T-001", """{ "fact": "Chanel", "as": "c" }""")), "DP3009");
        Assert.Equal("unknown fact type 'Chanel'; did you mean 'Channel'?", d.Message);
    }

    [Fact]
    public void Reserved_and_duplicate_aliases_are_DP3010()
    {
        var diagnostics = BuildDiagnostics(RuleSet(Rule("T-001", """{ "fact": "Channel", "as": "count" }, { "fact": "Person", "as": "p" }, { "fact": "Person", "as": "p" }""")));
        Assert.Equal(2, diagnostics.Count(d => d.Code == "DP3010"));
    }

    [Fact]
    public void A_subject_that_is_not_a_top_level_fact_alias_is_DP3011()
    {
        var d = Single(RuleSet(Rule("T-001", """{ "fact": "Channel", "as": "c" }, { "count": { "fact": "Post", "as": "p" }, "as": "n" }""", subject: "n")), "DP3011");
        Assert.Contains("'n'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_element_kinds_are_DP3012()
    {
        var d = Single(RuleSet(Rule("T-001", """{ "fact": "Channel", "as": "c" }, { "nto": [ ] }""")), "DP3012");
        Assert.Contains("did you mean 'not'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expression_error_points_at_the_string_and_names_the_column_inside_it()
    {
        const string json = """
            { "ruleSet": "t", "version": "1.0.0",
              "rules": [ { "id": "T-001", "title": "x", "severity": "low",
                           "when": [ { "fact": "Channel", "as": "c", "where": "c.hanlde == 'x'" } ],
                           "finding": { "message": "x" } } ] }
            """;
        var d = Single(json, "DP4002");
        Assert.Equal((3, 67), (d.Line, d.Column));
        Assert.Contains("unknown member 'hanlde' on Channel", d.Message, StringComparison.Ordinal);
        Assert.Contains("column 3 of the expression", d.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'handle'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expressions_cannot_reach_beyond_the_properties_of_fact_types()
    {
        foreach (var attempt in new[] { "c.GetType() != null", "System.IO.File.Exists('/etc/passwd')", "GetType(c) == null", "c.Equals(c)", "c.id.Length > 0" })
        {
            var diagnostics = BuildDiagnostics(RuleSet(Rule("T-001", $$"""{ "fact": "Channel", "as": "c", "where": "{{attempt}}" }""")));
            Assert.Contains(diagnostics, d => d.Code.StartsWith("DP4", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Duplicate_rule_ids_across_rule_sets_and_duplicate_rule_sets_are_reported()
    {
        var one = RuleSet(Rule("T-001", """{ "fact": "Channel", "as": "c" }"""));
        var built = PolicyEngine.CreateBuilder().AddRuleSetJson(one, "a.json").AddRuleSetJson(one, "b.json").TryBuild();
        Assert.Null(built.Engine);
        Assert.Contains(built.Diagnostics, d => d.Code == "DP3006" && d.File == "b.json");

        var other = one.Replace("\"ruleSet\": \"t\"", "\"ruleSet\": \"u\"", StringComparison.Ordinal);
        built = PolicyEngine.CreateBuilder().AddRuleSetJson(one, "a.json").AddRuleSetJson(other, "b.json").TryBuild();
        Assert.Null(built.Engine);
        Assert.Contains(built.Diagnostics, d => d.Code == "DP3005" && d.File == "b.json");
    }

    [Fact]
    public void An_unknown_built_in_pack_is_DP3016_with_a_suggestion()
    {
        var built = PolicyEngine.CreateBuilder().AddBuiltInRuleSet("deeg-baselin").TryBuild();
        Assert.Null(built.Engine);
        Assert.Contains("did you mean 'deeg-baseline'?", Assert.Single(built.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_problems_of_a_document_are_reported_at_once()
    {
        var json = RuleSet(string.Join(",",
            Rule("T-001", """{ "fact": "Chanel", "as": "c" }"""),
            Rule("T-002", """{ "fact": "Channel", "as": "c", "where": "c.nope" }"""),
            Rule("T-003", """{ "fact": "Channel", "as": "c", "where": "c.scope == 'externall'" }""")));
        var codes = BuildDiagnostics(json).Select(d => d.Code).ToList();
        Assert.Contains("DP3009", codes);
        Assert.Contains("DP4002", codes);
        Assert.Contains("DP4006", codes);
    }

    [Fact]
    public void Build_throws_a_validation_exception_carrying_the_diagnostics()
    {
        var ex = Assert.Throws<RuleSetValidationException>(() => PolicyEngine.CreateBuilder().AddRuleSetJson("{}", "x.json").Build());
        Assert.NotEmpty(ex.Diagnostics);
        Assert.All(ex.Diagnostics, d => Assert.Matches(@"^x\.json:\d+:\d+: error DP\d{4}: .+$", d.ToString()));
    }

    [Fact]
    public void A_pattern_parameter_default_that_is_not_a_regular_expression_is_DP4009_at_the_parameter()
    {
        const string json = """
            { "ruleSet": "t", "version": "1.0.0", "parameters": {
                "pattern": "(unclosed" },
              "rules": [ { "id": "T-001", "title": "x", "severity": "low",
                           "when": [ { "fact": "Channel", "as": "c", "where": "c.handle matches params.pattern" } ], "finding": { "message": "x" } } ] }
            """;
        var d = Single(json, "DP4009");
        Assert.Equal((2, 5), (d.Line, d.Column));
    }
}
