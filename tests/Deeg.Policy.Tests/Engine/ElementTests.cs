using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Engine;

/// <summary>Every element of <c>when</c>, run on a real NRules session.</summary>
public class ElementTests
{
    [Fact]
    public void Fact_pattern_with_fact_local_conditions_matches_each_fact()
    {
        var report = Evaluate(RuleSet(Rule("T-001", """{ "fact": "Channel", "as": "c", "where": "c.scope == 'external'" }""")));
        Assert.Equal(["T-001 Channel/li", "T-001 Channel/xing"], Found(report));
    }

    [Fact]
    public void Where_as_array_requires_every_entry()
    {
        var report = Evaluate(RuleSet(Rule("T-001", """{ "fact": "Channel", "as": "c", "where": ["c.scope == 'external'", "c.status == 'dormant'"] }""")));
        Assert.Equal(["T-001 Channel/xing"], Found(report));
    }

    [Fact]
    public void Join_between_patterns_binds_both_facts_and_the_last_is_the_subject()
    {
        var report = Evaluate(RuleSet(Rule("T-002", """
            { "fact": "RoleAssignment", "as": "r" },
            { "fact": "Person", "as": "p", "where": ["p.id == r.person", "p.status == 'left'"] }
            """, "\"{p.name} still holds {r.role} on {r.channel}\"")));
        var finding = Assert.Single(report.Findings);
        Assert.Equal("Person/c", finding.Subject.ToString());
        Assert.Equal("Cem still holds channel admin on xing", finding.Message);
        Assert.Equal(["r", "p"], finding.Facts.Keys);
        Assert.Equal("RoleAssignment/c:channelAdmin:xing:", finding.Facts["r"].ToString());
    }

    [Fact]
    public void Explicit_subject_selects_the_fact_the_finding_is_about()
    {
        var report = Evaluate(RuleSet(Rule("T-002", """
            { "fact": "RoleAssignment", "as": "r" },
            { "fact": "Person", "as": "p", "where": ["p.id == r.person", "p.status == 'left'"] }
            """, subject: "r")));
        Assert.Equal(["T-002 RoleAssignment/c:channelAdmin:xing:"], Found(report));
    }

    [Fact]
    public void Not_holds_when_no_inner_combination_exists()
    {
        var report = Evaluate(RuleSet(Rule("T-003", """
            { "fact": "Channel", "as": "c" },
            { "not": [ { "fact": "RoleAssignment", "as": "r", "where": ["r.channel == c.id"] } ] }
            """)));
        Assert.Equal(["T-003 Channel/eng"], Found(report));
    }

    [Fact]
    public void Not_with_several_inner_elements_needs_the_whole_combination()
    {
        // No admin role whose person is active: xing's only admin has left.
        var report = Evaluate(RuleSet(Rule("T-003", """
            { "fact": "Channel", "as": "c", "where": "c.scope == 'external'" },
            { "not": [
                { "fact": "RoleAssignment", "as": "r", "where": ["r.channel == c.id"] },
                { "fact": "Person", "as": "p", "where": ["p.id == r.person", "p.status == 'active'"] } ] }
            """)));
        Assert.Equal(["T-003 Channel/xing"], Found(report));
    }

    [Fact]
    public void Exists_holds_once_however_many_combinations_exist()
    {
        var report = Evaluate(RuleSet(Rule("T-004", """
            { "fact": "Channel", "as": "c" },
            { "exists": [ { "fact": "RoleAssignment", "as": "r", "where": "r.channel == c.id" } ] }
            """, "\"{c.id}\"")));
        Assert.Equal(["T-004 Channel/li", "T-004 Channel/xing"], Found(report));
    }

    [Fact]
    public void AnyOf_holds_when_a_branch_holds_and_gives_one_finding_per_subject()
    {
        var report = Evaluate(RuleSet(Rule("T-005", """
            { "fact": "Channel", "as": "c" },
            { "anyOf": [
                [ { "test": "c.status == 'dormant'" } ],
                [ { "test": "c.scope == 'internal'" } ],
                [ { "exists": [ { "fact": "RoleAssignment", "as": "r", "where": "r.channel == c.id" } ] }, { "test": "c.scope == 'external'" } ] ] }
            """)));
        // xing satisfies two branches but is one finding.
        Assert.Equal(["T-005 Channel/eng", "T-005 Channel/li", "T-005 Channel/xing"], Found(report));
    }

    [Fact]
    public void ForAll_requires_every_matching_fact_and_is_true_for_none()
    {
        var rules = RuleSet(string.Join(",",
            Rule("T-006", """{ "fact": "Organisation", "as": "org" }, { "forAll": { "fact": "Person", "as": "p", "where": "p.leadership" }, "require": "p.internalActivityOn != null" }"""),
            Rule("T-007", """{ "fact": "Organisation", "as": "org" }, { "forAll": { "fact": "Person", "as": "p" }, "require": "p.internalActivityOn != null" }"""),
            Rule("T-008", """{ "fact": "Organisation", "as": "org" }, { "forAll": { "fact": "Person", "as": "p", "where": "p.name == 'Nobody'" }, "require": "false" }""")));
        Assert.Equal(["T-006 Organisation/o", "T-008 Organisation/o"], Found(Evaluate(rules)));
    }

    [Fact]
    public void Count_correlated_with_an_earlier_alias_counts_per_fact_and_zero_for_none()
    {
        var report = Evaluate(RuleSet(Rule("T-009", """
            { "fact": "Channel", "as": "c" },
            { "count": { "fact": "RoleAssignment", "as": "r", "where": ["r.channel == c.id", "r.role in params.roles"] }, "as": "admins" },
            { "test": "admins < params.minAdmins" }
            """, "\"{c.id} has {admins} admin(s)\"")));
        Assert.Equal(["eng has 0 admin(s)", "xing has 1 admin(s)"], report.Findings.Select(f => f.Message));
    }

    [Fact]
    public void Count_distinct_of_counts_distinct_non_null_values()
    {
        var report = Evaluate(RuleSet(Rule("T-010", """
            { "fact": "Organisation", "as": "org" },
            { "count": { "fact": "UseCase", "as": "u", "where": "u.status != 'retired'" }, "of": "u.channel", "distinct": true, "as": "channels" },
            { "count": { "fact": "UseCase", "as": "v" }, "of": "v.channel", "as": "withChannel" },
            { "count": { "fact": "UseCase", "as": "w" }, "as": "total" }
            """, "\"{channels} {withChannel} {total}\"")));
        Assert.Equal("1 2 3", Assert.Single(report.Findings).Message);
    }

    [Fact]
    public void Sum_min_max_avg_aggregate_numbers_with_sum_of_none_zero_and_the_others_null()
    {
        var report = Evaluate(RuleSet(Rule("T-011", """
            { "fact": "Channel", "as": "c" },
            { "sum": { "fact": "Post", "as": "p", "where": "p.channel == c.id" }, "of": "p.images", "as": "images" },
            { "min": { "fact": "Post", "as": "q", "where": "q.channel == c.id" }, "of": "q.images", "as": "least" },
            { "max": { "fact": "Post", "as": "s", "where": "s.channel == c.id" }, "of": "s.images", "as": "most" },
            { "avg": { "fact": "Post", "as": "t", "where": "t.channel == c.id" }, "of": "t.images", "as": "mean" }
            """, "\"{c.id}: {images} [{least}..{most}] avg {mean}\"")));
        Assert.Equal(["eng: 0 [..] avg ", "li: 6 [2..4] avg 3", "xing: 0 [..] avg "], report.Findings.Select(f => f.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Aggregate_results_can_be_tested_for_null()
    {
        var report = Evaluate(RuleSet(Rule("T-012", """
            { "fact": "Channel", "as": "c" },
            { "max": { "fact": "Post", "as": "p", "where": "p.channel == c.id" }, "of": "p.images", "as": "most" },
            { "test": "most == null" }
            """)));
        Assert.Equal(["T-012 Channel/eng", "T-012 Channel/xing"], Found(report));
    }

    [Fact]
    public void Collect_gives_the_non_null_values_distinct_and_in_a_stable_order()
    {
        var report = Evaluate(RuleSet(Rule("T-013", """
            { "fact": "Organisation", "as": "org" },
            { "collect": { "fact": "UseCase", "as": "u", "where": "u.status != 'retired'" }, "of": "u.area", "distinct": true, "as": "areas" },
            { "collect": { "fact": "UseCase", "as": "v" }, "of": "v.channel", "as": "channels" },
            { "test": "len(areas) < 3" }
            """, """{ "en": "areas: {areas}; channels: {channels}", "de": "Bereiche: {areas}" }""")));
        Assert.Equal("areas: internal communication, knowledge management; channels: eng, eng", Assert.Single(report.Findings).Message);
    }

    [Fact]
    public void Let_binds_a_value_for_later_elements_and_the_message()
    {
        var report = Evaluate(RuleSet(Rule("T-014", """
            { "fact": "Channel", "as": "c", "where": "c.lastPostAt != null" },
            { "let": "idle", "value": "daysSince(c.lastPostAt)" },
            { "test": "idle > params.days" }
            """, "\"{c.handle} idle for {idle} days\"")));
        Assert.Equal("org-xing idle for 1394 days", Assert.Single(report.Findings).Message);
    }

    [Fact]
    public void Test_as_first_element_of_a_group_is_supported()
    {
        var report = Evaluate(RuleSet(Rule("T-015", """
            { "fact": "Channel", "as": "c" },
            { "not": [ { "test": "c.scope == 'external'" } ] }
            """)));
        Assert.Equal(["T-015 Channel/eng"], Found(report));
    }

    [Fact]
    public void Two_matches_for_one_subject_are_one_finding()
    {
        var report = Evaluate(RuleSet(Rule("T-016", """
            { "fact": "RoleAssignment", "as": "r", "where": "r.channel == 'li'" },
            { "fact": "Channel", "as": "c", "where": "c.id == r.channel" }
            """, "\"via {r.person}\"")));
        var finding = Assert.Single(report.Findings);
        Assert.Equal("Channel/li", finding.Subject.ToString());
        // Enum values are collected in declaration order (as docs/model.md lists them). The first match in a stable order (by bound facts) wins: role of person a.
        Assert.Equal("via a", finding.Message);
    }

    [Fact]
    public void A_disabled_rule_is_checked_but_not_run()
    {
        var report = Evaluate(RuleSet(string.Join(",",
            Rule("T-017", """{ "fact": "Channel", "as": "c" }""", extra: "\"enabled\": false,"),
            Rule("T-018", """{ "fact": "Organisation", "as": "org" }"""))));
        Assert.Equal(["T-018 Organisation/o"], Found(report));
        Assert.Equal(1, report.Summary.RulesEvaluated);
    }
}
