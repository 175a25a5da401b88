using FsCheck;
using FsCheck.Fluent;
using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Sessions;

/// <summary>
/// Rules with <c>group</c> elements stay incremental: a session equals a fresh evaluation after any
/// sequence of changes, and the indexed lowering gives the findings of NRules' own matching.
/// </summary>
public class GroupSessionTests
{
    private static readonly EvaluationOptions Options = new() { AsOf = RandomModels.AsOf };

    /// <summary>Plain, correlated and nullable-key groups; groups read by tests, aggregates and keyed patterns; groups and facts as subjects.</summary>
    private static readonly string Groups = RuleSet(string.Join(",\n",
        Rule("GRP-001", """
            { "group": { "fact": "Mention", "as": "m", "where": "m.status == 'new'" }, "by": "m.platform", "as": "g" }
            """, "\"{g.key} {g.count} {g.items}\""),
        Rule("GRP-002", """
            { "fact": "Channel", "as": "c" },
            { "group": { "fact": "Post", "as": "q", "where": "q.channel == c.id" }, "by": "q.author", "as": "g" },
            { "test": "g.count >= 1" }
            """, "\"{c.id} {g.key} {g.count} {g.items}\"", subject: "g"),
        Rule("GRP-003", """
            { "group": { "fact": "RoleAssignment", "as": "r" }, "by": "r.channel", "as": "g" },
            { "fact": "Channel", "as": "c", "where": "c.id == g.key" }
            """, "\"{c.handle} {g.count} {g.items}\""),
        Rule("GRP-004", """
            { "group": { "fact": "Mention", "as": "m" }, "by": "m.sentiment", "as": "g" },
            { "count": { "fact": "Mention", "as": "x", "where": ["x.sentiment == g.key", "x.requiresResponse"] }, "as": "n" },
            { "test": "n < g.count" }
            """, "\"{g.key} {n} {g.count}\""),
        Rule("GRP-005", """
            { "group": { "fact": "Training", "as": "t", "where": "t.module == 'guidelines'" }, "by": "t.person", "as": "g" },
            { "fact": "Person", "as": "p", "where": ["p.id == g.key", "p.status == 'active'"] },
            { "not": [ { "fact": "Training", "as": "v", "where": ["v.person == p.id", "v.validUntil != null"] } ] }
            """, "\"{p.id} {g.count}\"")));

    private static readonly Lazy<PolicyEngine> Indexed = new(() => PolicyEngine.CreateBuilder().AddRuleSetJson(Groups, "t.rules.json").Build());
    private static readonly Lazy<PolicyEngine> Naive = new(() => PolicyEngine.CreateBuilder().AddRuleSetJson(Groups, "t.rules.json").UseIndexedJoins(false).Build());

    [Fact]
    public void Indexed_and_naive_lowering_give_the_same_group_findings_on_generated_models()
    {
        var fired = new HashSet<string>(StringComparer.Ordinal);
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var model = new RandomModels(seed).Model();
            var naive = Naive.Value.Evaluate(model, Options);
            var indexed = Indexed.Value.Evaluate(model, Options);
            Assert.Empty(naive.Errors);
            Assert.Empty(indexed.Errors);
            Assert.Equal(SessionTests.Canonical(naive.Findings), SessionTests.Canonical(indexed.Findings));
            fired.UnionWith(indexed.Findings.Select(f => f.RuleId));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));

        // The property says something only if the rules fire on the generated models.
        Assert.Equal(["GRP-001", "GRP-002", "GRP-003", "GRP-004", "GRP-005"], fired.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void After_any_sequence_of_changes_a_session_with_group_rules_equals_a_fresh_evaluation()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (seed, steps) =>
        {
            var random = new RandomModels(seed);
            var model = random.Model();
            foreach (var engine in new[] { Indexed.Value, Naive.Value })
            {
                using var session = engine.OpenSession(model, Options);
                for (var i = 0; i < steps; i++)
                {
                    if (!SessionTests.TryChange(session, random)) continue; // refused: nothing changed

                    var report = session.Report();
                    Assert.Empty(report.Errors);
                    Assert.Equal(SessionTests.Canonical(Naive.Value.Evaluate(session.Model, Options).Findings), SessionTests.Canonical(report.Findings));
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Moving_a_fact_to_another_group_updates_both_and_emptying_a_group_closes_its_finding()
    {
        var model = LoadModel(Engine.GroupElementTests.Mentions);
        using var session = Indexed.Value.OpenSession(model, Options);
        Assert.Contains(session.Report().Findings, f => f.RuleId == "GRP-001" && f.Subject.ToString() == "Mention.platform/xing");

        // m2 is xing's only new mention: moving it to linkedin closes xing and changes linkedin's message.
        var m2 = model.Mentions.Single(m => m.Id == "m2");
        var delta = session.Upsert(m2 with { Platform = Deeg.Policy.Model.Platform.Linkedin });
        Assert.Contains(delta.Closed, f => f.RuleId == "GRP-001" && f.Subject.ToString() == "Mention.platform/xing");
        Assert.Contains(session.Report().Findings, f => f.RuleId == "GRP-001" && f.Subject.ToString() == "Mention.platform/linkedin" && f.Message == "LinkedIn 4 m1, m2, m3, m4");
        Assert.Equal(SessionTests.Canonical(Naive.Value.Evaluate(session.Model, Options).Findings), SessionTests.Canonical(session.Report().Findings));
    }
}
