using Deeg.Policy.Diagnostics;

namespace Deeg.Policy.Tests.Language;

/// <summary>
/// A problem reports once: an element that failed to read or bind (a pattern without <c>as</c>,
/// an unknown fact type, a broken aggregate or <c>let</c>) produces no follow-up "unknown name"
/// errors for the uses of its alias, and a rule set read twice reports its problems once.
/// </summary>
public class ReportOnceTests
{
    private static IReadOnlyList<Diagnostic> Build(string json) =>
        PolicyEngine.CreateBuilder().AddRuleSetJson(json, "r.json").TryBuild().Diagnostics;

    /// <summary>A rule set of one rule with the given elements (one per line, from line 4) and message.</summary>
    private static string Rule(string message, params string[] elements) =>
        "{ \"ruleSet\": \"t\", \"version\": \"1.0.0\",\n  \"rules\": [ { \"id\": \"T-001\", \"title\": \"t\", \"severity\": \"low\",\n    \"when\": [\n"
        + string.Join(",\n", elements.Select(e => "      " + e))
        + $" ],\n    \"finding\": {{ \"message\": \"{message}\" }} }} ] }}\n";

    private static void Only(IReadOnlyList<Diagnostic> diagnostics, string code, int line, int column)
    {
        var d = Assert.Single(diagnostics);
        Assert.Equal((code, line, column), (d.Code, d.Line, d.Column));
    }

    [Fact]
    public void A_pattern_without_as_reports_only_that()
    {
        var d = Build(Rule("{c.id}: {n}",
            """{ "fact": "Channel", "where": "c.mfa == false" }""",
            """{ "test": "c.followers > 10" }""",
            """{ "count": { "fact": "RoleAssignment", "as": "r", "where": "r.channel == c.id" }, "as": "n" }""",
            """{ "test": "n > 1 and c.mfa" }"""));
        Only(d, DiagnosticCodes.RuleSetMissingField, 4, 7);
        Assert.Contains("needs 'as'", d[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_fact_type_poisons_its_alias()
    {
        var d = Build(Rule("{c.id}",
            """{ "fact": "Channle", "as": "c", "where": "c.mfa" }""",
            """{ "test": "c.followers > 10 and c.handle == 'x'" }"""));
        Only(d, DiagnosticCodes.RuleSetUnknownFactType, 4, 17);
    }

    [Fact]
    public void A_broken_aggregate_or_let_poisons_its_alias_but_other_names_are_still_checked()
    {
        var d = Build(Rule("{c.id} {n} {v}",
            """{ "fact": "Channel", "as": "c" }""",
            """{ "count": { "fact": "RoleAssignment", "as": "r", "where": "r.chanel == c.id" }, "as": "n" }""",
            """{ "let": "v", "value": "c.folowers * 2" }""",
            """{ "test": "n > v and zz" }"""));
        Assert.Equal(
            [(DiagnosticCodes.ExprUnknownMember, 5, 66), (DiagnosticCodes.ExprUnknownMember, 6, 30), (DiagnosticCodes.ExprUnknownName, 7, 17)],
            d.Select(x => (x.Code, x.Line, x.Column)));
        Assert.StartsWith("unknown name 'zz' (column 11 of the expression)", d[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_whose_key_has_an_error_poisons_its_alias()
    {
        var d = Build(Rule("{g.key}",
            """{ "group": { "fact": "Channel", "as": "m" }, "by": "m.platfrom", "as": "g" }""",
            """{ "test": "g.count > 1" }"""));
        Only(d, DiagnosticCodes.ExprUnknownMember, 4, 58);
    }

    [Fact]
    public void An_element_that_could_not_be_read_poisons_the_alias_it_names()
    {
        var d = Build(Rule("{c.id} {n}",
            """{ "fact": "Channel", "as": "c" }""",
            """{ "count": 5, "as": "n" }""",
            """{ "test": "n > 1" }"""));
        Only(d, DiagnosticCodes.RuleSetInvalidElement, 5, 18);
    }

    [Fact]
    public void An_unknown_element_without_an_alias_hides_unknown_names_after_it()
    {
        var d = Build(Rule("{c.id}",
            """{ "fcat": "Channel", "as": "c" }""",
            """{ "test": "c.mfa" }"""));
        Only(d, DiagnosticCodes.RuleSetInvalidElement, 4, 9);
    }

    [Fact]
    public void Without_a_broken_element_an_unknown_name_is_reported()
    {
        var d = Build(Rule("{c.id}",
            """{ "fact": "Channel", "as": "c" }""",
            """{ "test": "d.mfa" }"""));
        Only(d, DiagnosticCodes.ExprUnknownName, 5, 17);
        Assert.Equal("unknown name 'd' (column 1 of the expression); did you mean 'c'?", d[0].Message);
    }

    [Fact]
    public void A_rule_set_read_twice_reports_its_problems_once()
    {
        var json = Rule("{c.id}", """{ "fact": "Channel", "as": "c", "where": "c.nope" }""");
        var d = PolicyEngine.CreateBuilder().AddRuleSetJson(json, "r.json").AddRuleSetJson(json, "r.json").TryBuild().Diagnostics;
        Assert.Single(d, x => x.Code == DiagnosticCodes.ExprUnknownMember);
        Assert.Equal(d.Count, d.Select(x => x.ToString()).Distinct(StringComparer.Ordinal).Count());
    }
}
