using FsCheck;
using FsCheck.Fluent;
using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Engine;

/// <summary>Properties of the engine as a whole.</summary>
public class EnginePropertyTests
{
    private static readonly Lazy<PolicyEngine> AllPacksAndTestRules = new(() => PolicyEngine.CreateBuilder()
        .AddBuiltInRuleSets()
        .AddRuleSetJson(RuleSet(string.Join(",",
            Rule("T-901", """{ "fact": "Channel", "as": "c" }, { "count": { "fact": "RoleAssignment", "as": "r", "where": "r.channel == c.id" }, "as": "n" }, { "test": "n < 2" }""", "\"{n}\""),
            Rule("T-902", """{ "fact": "RoleAssignment", "as": "r" }, { "fact": "Person", "as": "p", "where": ["p.id == r.person", "p.status == 'left'"] }"""),
            Rule("T-903", """{ "fact": "Organisation", "as": "org" }, { "collect": { "fact": "UseCase", "as": "u" }, "of": "u.area", "distinct": true, "as": "areas" }""", "\"{areas}\""),
            Rule("T-904", """{ "fact": "Channel", "as": "c" }, { "anyOf": [[ { "test": "c.scope == 'internal'" } ], [ { "not": [ { "fact": "Post", "as": "p", "where": "p.channel == c.id" } ] } ]] }"""))), "props.rules.json")
        .Build());

    private static readonly Lazy<PolicyModel> Sample = new(() => LoadModel());

    private static PolicyModel Shuffled(PolicyModel model, int seed)
    {
        var random = new Random(seed);
        List<T> Shuffle<T>(IReadOnlyList<T> items) => items.OrderBy(_ => random.Next()).ToList();
        return new PolicyModel
        {
            Organisation = model.Organisation,
            AsOf = model.AsOf,
            Channels = Shuffle(model.Channels),
            People = Shuffle(model.People),
            Roles = Shuffle(model.Roles),
            Policies = Shuffle(model.Policies),
            UseCases = Shuffle(model.UseCases),
            Stakeholders = Shuffle(model.Stakeholders),
            Mentions = Shuffle(model.Mentions),
            Posts = Shuffle(model.Posts),
            Trainings = Shuffle(model.Trainings),
        };
    }

    private static string Canonical(ComplianceReport report) => string.Join("\n", report.Findings.Select(f =>
        $"{f.RuleId}|{f.Subject}|{f.Message}|{f.Remediation}|{string.Join(",", f.Facts.Select(x => x.Key + "=" + x.Value))}|{f.Fingerprint}"));

    [Fact]
    public void The_findings_do_not_depend_on_the_order_facts_are_inserted()
    {
        var expected = Canonical(AllPacksAndTestRules.Value.Evaluate(Sample.Value));
        Assert.NotEmpty(expected);
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
                Canonical(AllPacksAndTestRules.Value.Evaluate(Shuffled(Sample.Value, seed))) == expected)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Concurrent_evaluations_on_one_engine_give_the_same_reports()
    {
        var expected = AllPacksAndTestRules.Value.Evaluate(Sample.Value).ToJson();
        var results = new string[16];
        Parallel.For(0, results.Length, i => results[i] = AllPacksAndTestRules.Value.Evaluate(Shuffled(Sample.Value, i)).ToJson());
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
