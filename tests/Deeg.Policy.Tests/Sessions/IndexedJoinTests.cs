using Deeg.Policy.Model;
using FsCheck;
using FsCheck.Fluent;

namespace Deeg.Policy.Tests.Sessions;

/// <summary>Indexed joins give exactly the findings of NRules' own matching.</summary>
public class IndexedJoinTests
{
    private static readonly Lazy<PolicyEngine> Indexed = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build());
    private static readonly Lazy<PolicyEngine> Naive = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().UseIndexedJoins(false).Build());
    private static readonly EvaluationOptions Options = new() { AsOf = RandomModels.AsOf };

    [Fact]
    public void The_built_in_packs_use_indexes_for_their_key_joins()
    {
        var described = Indexed.Value.Compiled.IndexSpecs.Select(s => s.Description).ToList();
        Assert.Contains("Person.id", described);
        Assert.Contains("RoleAssignment.channel", described);
        Assert.Contains("Training.person", described);
    }

    [Fact]
    public void Indexed_and_naive_lowering_give_the_same_findings_on_generated_models()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var model = new RandomModels(seed).Model();
            Assert.Equal(SessionTests.Canonical(Naive.Value.Evaluate(model, Options).Findings), SessionTests.Canonical(Indexed.Value.Evaluate(model, Options).Findings));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void A_change_to_a_looked_up_fact_reaches_the_facts_that_looked_it_up()
    {
        // GOV-004: a role whose person left. The person is found by an id lookup from the role,
        // so changing the person must re-evaluate the role.
        var model = Engine.EngineFixture.LoadModel();
        using var session = Indexed.Value.OpenSession(model, Options);
        Assert.DoesNotContain(session.Report().Findings, f => f.RuleId == "GOV-004" && f.Subject.Id == "a:channelAdmin:li:");
        var anna = model.People.Single(p => p.Id == "a");
        var delta = session.Upsert(anna with { Status = PersonStatus.Left });
        Assert.Contains(delta.Opened, f => f.RuleId == "GOV-004" && f.Subject.Id == "a:channelAdmin:li:");
        delta = session.Upsert(anna with { Status = PersonStatus.Active });
        Assert.Contains(delta.Closed, f => f.RuleId == "GOV-004" && f.Subject.Id == "a:channelAdmin:li:");
    }
}
