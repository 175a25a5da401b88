using FsCheck;
using FsCheck.Fluent;
using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Sessions;

/// <summary>Evidence of findings and "why not" explanations.</summary>
public class ExplainTests
{
    private static readonly string LeaverRule = RuleSet(Rule("T-301", """
        { "fact": "RoleAssignment", "as": "r", "where": "r.channel != null" },
        { "fact": "Person", "as": "p", "where": ["p.id == r.person", "p.status == 'left'"] },
        { "count": { "fact": "Training", "as": "t", "where": "t.person == p.id" }, "as": "trainings" },
        { "test": "trainings == 0" }
        """, "\"{p.name}\"", subject: "r"));

    [Fact]
    public void Evidence_lists_bound_facts_values_and_each_condition()
    {
        var finding = Assert.Single(Evaluate(LeaverRule, new EvaluationOptions { Explain = true }).Findings);
        var evidence = finding.Evidence!;
        Assert.Equal("RoleAssignment/c:channelAdmin:xing:", evidence["r"]);
        Assert.Equal("Person/c", evidence["p"]);
        Assert.Equal(0m, evidence["trainings"]);
        Assert.Equal(true, evidence["r.channel != null"]);
        Assert.Equal(true, evidence["p.status == 'left'"]);
        Assert.Equal(true, evidence["trainings == 0"]);
        Assert.Null(Assert.Single(Evaluate(LeaverRule).Findings).Evidence);
    }

    [Fact]
    public void Why_not_names_the_first_failed_condition_and_the_values_it_saw()
    {
        var explanation = CreateEngine(LeaverRule).Explain(LoadModel(), "T-301");
        Assert.Equal("RoleAssignment", explanation.SubjectType);
        var bySubject = explanation.Candidates.ToDictionary(c => c.Subject.ToString());
        Assert.True(bySubject["RoleAssignment/c:channelAdmin:xing:"].Fires);

        var orgWide = bySubject["RoleAssignment/b:communityManager::"];
        Assert.False(orgWide.Fires);
        Assert.Equal("element 1 (fact RoleAssignment r)", orgWide.FailedElement);
        Assert.Equal("condition 'r.channel != null' is false", orgWide.Reason);
        Assert.Equal("null", orgWide.Values["r.channel"]);

        var active = bySubject["RoleAssignment/a:channelAdmin:li:"];
        Assert.Equal("element 2 (fact Person p)", active.FailedElement);
        Assert.Equal("condition 'p.status == 'left'' is false", active.Reason);
        Assert.Equal("active", active.Values["p.status"]);
        Assert.Equal("Person/a", active.Values["p"]);
    }

    [Fact]
    public void Why_not_for_one_subject_and_for_unknown_rules()
    {
        var engine = CreateEngine(LeaverRule);
        var only = engine.Explain(LoadModel(), "T-301", SubjectRef.TryParse("RoleAssignment/a:channelAdmin:li:"));
        Assert.Single(only.Candidates);
        var ex = Assert.Throws<ArgumentException>(() => engine.Explain(LoadModel(), "T-30"));
        Assert.Contains("did you mean 'T-301'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Why_not_reports_a_failing_test_with_the_aggregate_value()
    {
        var rules = RuleSet(Rule("T-302", """
            { "fact": "Channel", "as": "c" },
            { "count": { "fact": "RoleAssignment", "as": "r", "where": "r.channel == c.id" }, "as": "admins" },
            { "test": "admins < params.minAdmins" }
            """));
        var li = CreateEngine(rules).Explain(LoadModel(), "T-302").Candidates.Single(c => c.Subject.Id == "li");
        Assert.Equal("element 3 (test)", li.FailedElement);
        Assert.Equal("'admins < params.minAdmins' is false", li.Reason);
        Assert.Equal("2", li.Values["admins"]);
        Assert.Equal("2", li.Values["params.minAdmins"]);
    }

    [Fact]
    public void The_explainer_and_the_engine_agree_on_which_subjects_fire_for_all_built_in_packs()
    {
        var engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();
        var options = new EvaluationOptions { AsOf = RandomModels.AsOf };
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var model = new RandomModels(seed).Model();
            var fired = engine.Evaluate(model, options).Findings.Select(f => $"{f.RuleId} {f.Subject}").ToHashSet();
            var explained = engine.Rules.Where(r => r.Enabled)
                .SelectMany(r => engine.Explain(model, r.Id, null, options).Candidates.Where(c => c.Fires).Select(c => $"{r.Id} {c.Subject}"))
                .ToHashSet();
            Assert.Equal(fired.Order(StringComparer.Ordinal), explained.Order(StringComparer.Ordinal));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }
}
