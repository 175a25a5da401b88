using Deeg.Policy.Model;
using Deeg.Policy.Runtime;
using FsCheck;
using FsCheck.Fluent;
using IFact = NRules.RuleModel.IFact;
using IFactSource = NRules.RuleModel.IFactSource;
using PatternElement = NRules.RuleModel.PatternElement;
using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Sessions;

/// <summary>
/// Aggregates that read no fact of their rule are computed in rules of their own and matched as
/// <see cref="SharedValue"/> facts, folded incrementally in a <see cref="ValueBag"/> (the
/// cost of a change). They must give exactly the values of the plain lowering, fresh and after
/// any sequence of changes.
/// </summary>
public class SharedAggregateTests
{
    private static readonly EvaluationOptions Options = new() { AsOf = RandomModels.AsOf };

    /// <summary>Every aggregate kind, organisation-wide, some reading others; the message shows every value.</summary>
    private static readonly string AllKinds = RuleSet(string.Join(",\n",
        Rule("AGG-001", """
            { "fact": "Organisation", "as": "org" },
            { "count": { "fact": "Person", "as": "pa", "where": "pa.status == 'active'" }, "as": "active" },
            { "count": { "fact": "Person", "as": "pd" }, "of": "pd.department", "as": "withDepartment" },
            { "count": { "fact": "Person", "as": "pe" }, "of": "pe.department", "distinct": true, "as": "departments" },
            { "collect": { "fact": "Person", "as": "pf", "where": "pf.status == 'active'" }, "of": "pf.department", "as": "allDepartments" },
            { "collect": { "fact": "Person", "as": "pg", "where": "pg.status == 'left'" }, "of": "pg", "as": "leavers" },
            { "collect": { "fact": "Training", "as": "tg", "where": "tg.module == 'guidelines'" }, "of": "tg.person", "distinct": true, "as": "trainedIds" },
            { "count": { "fact": "Person", "as": "pt", "where": ["pt.status == 'active'", "pt.id in trainedIds"] }, "as": "trained" },
            { "test": "trained <= active" }
            """, "\"{active} {withDepartment} {departments} {allDepartments} {leavers} {trainedIds} {trained}\"", subject: "org"),
        Rule("AGG-002", """
            { "fact": "Organisation", "as": "org" },
            { "sum": { "fact": "Channel", "as": "cs" }, "of": "cs.followers", "as": "followers" },
            { "min": { "fact": "Channel", "as": "cn", "where": "cn.status == 'active'" }, "of": "cn.followers", "as": "fewest" },
            { "max": { "fact": "Channel", "as": "cx" }, "of": "cx.followers", "as": "most" },
            { "avg": { "fact": "Channel", "as": "ca", "where": "ca.followers > fewest" }, "of": "ca.followers", "as": "average" },
            { "not": [ { "count": { "fact": "Mention", "as": "mn" }, "as": "mentions" }, { "test": "mentions > 100" } ] },
            { "collect": { "fact": "Channel", "as": "ch", "where": "ch.status == 'active'" }, "of": "ch.id", "as": "activeChannels" },
            { "count": { "fact": "RoleAssignment", "as": "ra", "where": "ra.channel in activeChannels" }, "as": "onActive" },
            { "count": { "fact": "RoleAssignment", "as": "rb", "where": "rb.channel not in activeChannels" }, "as": "offActive" }
            """, "\"{followers} {fewest} {most} {average} {onActive} {offActive}\"", subject: "org")));

    private static readonly Lazy<PolicyEngine> Shared = new(() => PolicyEngine.CreateBuilder().AddRuleSetJson(AllKinds, "t.rules.json").Build());
    private static readonly Lazy<PolicyEngine> Plain = new(() => PolicyEngine.CreateBuilder().AddRuleSetJson(AllKinds, "t.rules.json").UseIndexedJoins(false).Build());

    [Fact]
    public void Organisation_wide_aggregates_get_rules_of_their_own_and_correlated_ones_do_not()
    {
        var engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSet("culture").AddBuiltInRuleSet("governance").Build();
        // CUL-003: eight organisation-wide aggregates, two of them reading the collected training ids and
        // two finding the owner (the social media leads' ids and the leads who have not left).
        Assert.Equal(9, engine.Compiled.Definitions.Count(d => d.Name == "CUL-003"));
        // GOV-003 counts the administrators of each channel: correlated, so it stays in the rule (as an index lookup).
        // Only the two organisation-wide aggregates that find its owner (the social media leads) get rules of their own.
        Assert.Equal(3, engine.Compiled.Definitions.Count(d => d.Name == "GOV-003"));
        Assert.DoesNotContain(engine.Compiled.Definitions, d => d.Description == "the value of 'adminCount' in GOV-003");
        Assert.Contains(engine.Compiled.Definitions, d => d.Description == "the value of 'leads' in GOV-003");

        // 'p.id in trainedIds' is an index lookup on Training.person, so the counts of trained people
        // do not read the list of trained ids: a training change re-evaluates one person.
        var trained = engine.Compiled.Definitions.Single(d => d.Description == "the value of 'trained' in CUL-003");
        Assert.DoesNotContain(trained.LeftHandSide.ChildElements.OfType<PatternElement>(), p => p.ValueType == typeof(SharedValue));
        Assert.Contains("Training.person", engine.Compiled.IndexSpecs.Select(i => i.Description));

        var plain = PolicyEngine.CreateBuilder().AddBuiltInRuleSet("culture").UseIndexedJoins(false).Build();
        Assert.Equal(1, plain.Compiled.Definitions.Count(d => d.Name == "CUL-003"));
    }

    [Fact]
    public void Shared_and_plain_aggregates_give_the_same_findings_fresh_and_after_any_changes()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 10).ToArbitrary(), (seed, steps) =>
        {
            var random = new RandomModels(seed);
            var model = random.Model();
            var fresh = Plain.Value.Evaluate(model, Options);
            Assert.Empty(fresh.Errors);
            var shared = Shared.Value.Evaluate(model, Options);
            Assert.Empty(shared.Errors);
            Assert.Equal(SessionTests.Canonical(fresh.Findings), SessionTests.Canonical(shared.Findings));

            using var session = Shared.Value.OpenSession(model, Options);
            for (var i = 0; i < steps; i++)
            {
                if (!SessionTests.TryChange(session, random)) continue; // refused: nothing changed

                var report = session.Report();
                Assert.Empty(report.Errors);
                Assert.Equal(SessionTests.Canonical(Plain.Value.Evaluate(session.Model, Options).Findings), SessionTests.Canonical(report.Findings));
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void A_change_that_leaves_a_value_alone_changes_no_finding_and_one_that_changes_it_updates_the_message()
    {
        var model = LoadModel();
        using var session = Shared.Value.OpenSession(model, Options);
        var before = Assert.Single(session.Report().Findings, f => f.RuleId == "AGG-001").Message;

        // A new name changes none of the aggregates.
        var person = model.People.First(p => p.Status == PersonStatus.Active);
        Assert.True(session.Upsert(person with { Name = person.Name + " Jr." }).IsEmpty);
        Assert.Equal(before, Assert.Single(session.Report().Findings, f => f.RuleId == "AGG-001").Message);

        // A new department changes the collected departments.
        session.Upsert(person with { Department = "Zeppelin hangar" });
        var after = Assert.Single(session.Report().Findings, f => f.RuleId == "AGG-001").Message;
        Assert.Contains("Zeppelin hangar", after, StringComparison.Ordinal);
        Assert.Equal(SessionTests.Canonical(Plain.Value.Evaluate(session.Model, Options).Findings), SessionTests.Canonical(session.Report().Findings));
    }

    [Fact]
    public void A_value_bag_reports_exactly_what_a_change_changed()
    {
        var values = Gen.Elements<object?>(null, "a", "b", "c", 1m, 1.0m, 2m, PersonStatus.Left, true);
        var operations = Gen.Choose(0, 2).SelectMany(kind => Gen.Choose(0, 5).SelectMany(index => values.Select(value => (Kind: kind, Index: index, Value: value)))).ListOf();
        Prop.ForAll(operations.ToArbitrary(), ops =>
        {
            var bag = new ValueBag();
            var facts = Enumerable.Range(0, 6).Select(i => new TestFact(i)).ToArray();
            var model = new Dictionary<IFact, object?>();
            foreach (var (kind, index, value) in ops)
            {
                var fact = facts[index];
                var (countBefore, keysBefore, valuesBefore) = Summary(model);
                BagChanges changes;
                switch (kind)
                {
                    case 0 when !model.ContainsKey(fact):
                        model[fact] = value;
                        changes = bag.Add(fact, value);
                        break;
                    case 1 when model.ContainsKey(fact):
                        model[fact] = value;
                        changes = bag.Modify(fact, value);
                        break;
                    case 2:
                        model.Remove(fact);
                        changes = bag.Remove(fact);
                        break;
                    default:
                        continue;
                }

                var (countAfter, keysAfter, valuesAfter) = Summary(model);
                Assert.Equal(countBefore != countAfter, changes.HasFlag(BagChanges.Items));
                Assert.Equal(keysBefore != keysAfter, changes.HasFlag(BagChanges.Keys));
                // Values may be reported changed when one value was replaced by an equal-counting other ("a" → "b" and back is two changes).
                if (valuesBefore != valuesAfter) Assert.True(changes.HasFlag(BagChanges.Values), $"{kind} {index} {value}: values changed unreported");
                Assert.Equal(model.Values.Select(Describe).Order(StringComparer.Ordinal), bag.Values.Select(Describe).Order(StringComparer.Ordinal));
                Assert.Equal(model.Count, bag.Count);
                // Read off in the language's order: the same lists as sorting the values.
                var present = model.Values.Where(v => v is not null).Select(v => v!).ToList();
                Assert.Equal(present.Order(ValueOrder<object>.Instance).Select(Describe), bag.Ordered(distinct: false).Select(Describe));
                Assert.Equal(present.Select(Describe).Distinct().Order(StringComparer.Ordinal), bag.Ordered(distinct: true).Select(Describe).Order(StringComparer.Ordinal));
                Assert.Equal(present.Select(Describe).Distinct().Count(), bag.DistinctCount);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

        static (int Count, string Keys, string Values) Summary(Dictionary<IFact, object?> model)
        {
            var present = model.Values.Where(v => v is not null).ToList();
            return (model.Count,
                string.Join(",", present.Distinct().Select(Describe).Order(StringComparer.Ordinal)),
                string.Join(",", present.Select(Describe).Order(StringComparer.Ordinal)));
        }

        // 1m and 1.0m are equal values; describe them alike, as the bag counts them alike.
        static string Describe(object? value) => value switch
        {
            null => "null",
            decimal d => "d:" + (d / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => value.GetType().Name + ":" + value,
        };
    }

    [Fact]
    public void A_published_value_is_unchanged_only_when_it_is_certainly_the_same()
    {
        Assert.True(SharedValue.Unchanged(null, null));
        Assert.True(SharedValue.Unchanged(3m, 3.0m));
        Assert.True(SharedValue.Unchanged(new List<string> { "a", "b" }, new List<string> { "a", "b" }));
        Assert.False(SharedValue.Unchanged(new List<string> { "a", "b" }, new List<string> { "b", "a" }));
        Assert.False(SharedValue.Unchanged(3m, null));
        Assert.False(SharedValue.Unchanged(null, 0m));

        // Facts are never taken as unchanged: a host may change one in place.
        var person = new Person { Id = "p" };
        Assert.False(SharedValue.Unchanged(person, person));
        Assert.False(SharedValue.Unchanged(new List<Person> { person }, new List<Person> { person }));
    }

    private sealed class TestFact(int id) : IFact
    {
        public Type Type => typeof(int);

        public object Value => id;

        public IFactSource? Source => null;

        public override string ToString() => "fact " + id;
    }
}
