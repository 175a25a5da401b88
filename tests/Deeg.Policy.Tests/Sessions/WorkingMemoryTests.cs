using Deeg.Policy.Model;
using Deeg.Policy.Runtime;
using Deeg.Policy.Tests.Generators;
using FsCheck;
using FsCheck.Fluent;

namespace Deeg.Policy.Tests.Sessions;

/// <summary>
/// What the engine keeps out of NRules and reuses between evaluations (fixed costs):
/// facts that no pattern matches live in the join indexes only, the indexes of one-shot
/// evaluations are pooled, big models are validated alongside the matching, and matches are
/// followed through the rules' activation actions. None of it may change a finding.
/// </summary>
public class WorkingMemoryTests
{
    // The benchmarks' four-rules.rules.json, embedded in this assembly (see the project file).
    private static readonly string FourRulesJson = ReadResource("four-rules.rules.json");

    // The four rules: people and trainings are only ever looked up (R2, R4), posts not read at all.
    private static readonly Lazy<PolicyEngine> FourRules = new(() => PolicyEngine.CreateBuilder().AddRuleSetJson(FourRulesJson, "four-rules.rules.json").Build());
    private static readonly Lazy<PolicyEngine> FourRulesNaive = new(() => PolicyEngine.CreateBuilder().AddRuleSetJson(FourRulesJson, "four-rules.rules.json").UseIndexedJoins(false).Build());
    private static readonly EvaluationOptions Options = new() { AsOf = RandomModels.AsOf };

    [Fact]
    public void Facts_that_are_only_looked_up_stay_out_of_working_memory()
    {
        var compiled = FourRules.Value.Compiled;
        Assert.True(compiled.InWorkingMemory(typeof(Channel)));
        Assert.True(compiled.InWorkingMemory(typeof(RoleAssignment)));
        Assert.False(compiled.InWorkingMemory(typeof(Person)));
        Assert.False(compiled.InWorkingMemory(typeof(Training)));
        Assert.False(compiled.InWorkingMemory(typeof(Post)));

        // Without indexes every join is NRules' own, so people and trainings are matched by patterns.
        var naive = FourRulesNaive.Value.Compiled;
        Assert.True(naive.InWorkingMemory(typeof(Person)));
        Assert.True(naive.InWorkingMemory(typeof(Training)));
        Assert.False(naive.InWorkingMemory(typeof(Post)));
    }

    [Fact]
    public void An_id_lookups_check_is_a_condition_on_the_patterns_own_fact_alone()
    {
        // look the person up from the role assignment: the check (found, status, no
        // valid training) reads the context ambiently, so it is an alpha condition — one parameter,
        // the pattern's own fact — and a role assignment that fails it is never joined.
        foreach (var rule in new[] { "R-002", "R-004" })
        {
            var definition = FourRules.Value.Compiled.Definitions.First(d => d.Name == rule);
            var roles = definition.LeftHandSide.ChildElements.OfType<NRules.RuleModel.PatternElement>().Single(p => p.ValueType == typeof(RoleAssignment));
            var conditions = roles.Expressions.ToList();
            Assert.NotEmpty(conditions);
            Assert.All(conditions, c => Assert.Equal([roles.Declaration.Name], c.Expression.Parameters.Select(p => p.Name)));
        }

        // Without indexes the join is NRules' own: the person is a pattern of its own, joined on the role.
        var naive = FourRulesNaive.Value.Compiled.Definitions.First(d => d.Name == "R-002");
        var people = naive.LeftHandSide.ChildElements.OfType<NRules.RuleModel.PatternElement>().Single(p => p.ValueType == typeof(Person));
        Assert.Contains(people.Expressions, c => c.Expression.Parameters.Count == 2);
    }

    [Fact]
    public void The_ambient_context_exists_only_while_a_session_runs()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EvaluationContext.Current);
        Assert.Contains("no evaluation is running", error.Message, StringComparison.Ordinal);
        var context = new EvaluationContext(RandomModels.AsOf, []);
        var previous = EvaluationContext.Enter(context);
        Assert.Same(context, EvaluationContext.Current);
        EvaluationContext.Exit(previous);
        Assert.Throws<InvalidOperationException>(() => EvaluationContext.Current);
    }

    [Fact]
    public void Changes_to_facts_outside_working_memory_reach_the_findings_like_a_fresh_evaluation()
    {
        var engine = FourRules.Value;
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (seed, steps) =>
        {
            var random = new RandomModels(seed);
            using var session = engine.OpenSession(random.Model(), Options);
            for (var i = 0; i < steps; i++) SessionTests.TryChange(session, random); // a refused change changes nothing

            var fresh = engine.Evaluate(session.Model, Options);
            Assert.Empty(fresh.Errors);
            Assert.Equal(SessionTests.Canonical(fresh.Findings), SessionTests.Canonical(session.Report().Findings));
            Assert.Equal(SessionTests.Canonical(FourRulesNaive.Value.Evaluate(session.Model, Options).Findings), SessionTests.Canonical(fresh.Findings));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void A_person_only_looked_up_who_leaves_and_returns_opens_and_closes_findings()
    {
        var model = Engine.EngineFixture.LoadModel();
        using var session = FourRules.Value.OpenSession(model, Options);
        var holder = model.Roles.First(r => model.People.Single(p => p.Id == r.Person).Status == PersonStatus.Active);
        var person = model.People.Single(p => p.Id == holder.Person);
        Assert.DoesNotContain(session.Report().Findings, f => f.RuleId == "R-002" && f.Subject.Id == holder.Id);

        var left = session.Upsert(person with { Status = PersonStatus.Left });
        Assert.Contains(left.Opened, f => f.RuleId == "R-002" && f.Subject.Id == holder.Id);
        var back = session.Upsert(person with { Status = PersonStatus.Active });
        Assert.Contains(back.Closed, f => f.RuleId == "R-002" && f.Subject.Id == holder.Id);
        Assert.Equal(SessionTests.Canonical(FourRules.Value.Evaluate(session.Model, Options).Findings), SessionTests.Canonical(session.Report().Findings));
    }

    [Fact]
    public void One_engine_gives_each_model_its_own_findings_whatever_it_evaluated_before()
    {
        // The pooled indexes of an evaluation must not leak into the next one: a big model, then
        // small ones, then the big one again, against engines that evaluated nothing before.
        var big = OrganisationGenerator.Generate(7, 12_000);
        var engine = PolicyEngine.CreateBuilder().AddRuleSetJson(FourRulesJson, "four-rules.rules.json").Build();
        var first = engine.Evaluate(big, Options).ToJson();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var small = new RandomModels(seed).Model();
            var fresh = PolicyEngine.CreateBuilder().AddRuleSetJson(FourRulesJson, "four-rules.rules.json").Build();
            Assert.Equal(fresh.Evaluate(small, Options).ToJson(), engine.Evaluate(small, Options).ToJson());
        }

        Assert.Equal(first, engine.Evaluate(big, Options).ToJson());
    }

    [Fact]
    public void A_big_valid_model_validated_alongside_the_matching_gives_the_session_findings()
    {
        // Over the threshold Evaluate validates on a second thread; a session validates first. Same report.
        var big = OrganisationGenerator.Generate(11, 12_000);
        Assert.True(OrganisationGenerator.CountFacts(big) >= global::Deeg.Policy.Engine.CompiledPolicy.ConcurrentValidationFacts);
        var engine = FourRules.Value;
        using var session = engine.OpenSession(big, Options);
        var report = engine.Evaluate(big, Options);
        Assert.Empty(report.Errors);
        Assert.NotEmpty(report.Findings);
        Assert.Equal(session.Report().ToJson(), report.ToJson());
    }

    [Fact]
    public void Validating_first_instead_of_alongside_gives_the_same_report()
    {
        // The benchmarks compare both orders through the internal option.
        var big = OrganisationGenerator.Generate(11, 12_000);
        var engine = FourRules.Value;
        var sequential = engine.Evaluate(big, new EvaluationOptions { AsOf = Options.AsOf, ValidateAlongsideMatching = false });
        Assert.Equal(engine.Evaluate(big, Options).ToJson(), sequential.ToJson());
    }

    [Fact]
    public void A_big_invalid_model_is_reported_not_evaluated_even_when_matching_ran_alongside()
    {
        var big = OrganisationGenerator.Generate(13, 12_000);
        var dangling = With(big, roles: [.. big.Roles, new RoleAssignment { Id = "r-ghost", Person = "ghost", Role = Role.Editor }]);
        var report = FourRules.Value.Evaluate(dangling, Options);
        Assert.Empty(report.Findings);
        Assert.Contains(report.Errors, e => e.RuleId == "model" && e.Message.Contains("ghost", StringComparison.Ordinal));

        // A null in a list makes the matching fail; the validation's report wins, nothing is thrown.
        var withNull = With(big, people: [.. big.People, null!]);
        report = FourRules.Value.Evaluate(withNull, Options);
        Assert.Empty(report.Findings);
        Assert.Contains(report.Errors, e => e.RuleId == "model");
    }

    private static PolicyModel With(PolicyModel model, IReadOnlyList<RoleAssignment>? roles = null, IReadOnlyList<Person>? people = null) => new()
    {
        Organisation = model.Organisation,
        Channels = model.Channels,
        People = people ?? model.People,
        Roles = roles ?? model.Roles,
        Policies = model.Policies,
        UseCases = model.UseCases,
        Stakeholders = model.Stakeholders,
        Mentions = model.Mentions,
        Posts = model.Posts,
        Trainings = model.Trainings,
    };

    private static string ReadResource(string name)
    {
        using var stream = typeof(WorkingMemoryTests).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException("missing resource " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>The join index's buckets: one fact per key kept as itself, several as a list, in insertion order.</summary>
public class FactIndexTests
{
    private static readonly IndexSpec ByPerson = new(0, typeof(Training), f => ((Training)f).Person, "Training.person");

    private static Training T(string id, string? person, TrainingModule module = TrainingModule.Guidelines) =>
        new() { Id = id, Person = person!, Module = module, CompletedOn = new DateOnly(2026, 1, 1) };

    private static JoinIndex Index(params Training[] trainings)
    {
        var index = new JoinIndex([ByPerson], null);
        foreach (var t in trainings) index.Add(t, []);
        return index;
    }

    private static List<string> Ids(JoinIndex index, string? key) => index.Lookup<Training>("anchor", 0, key).Select(t => t.Id).ToList();

    [Fact]
    public void Facts_with_one_key_are_found_in_insertion_order_and_removal_keeps_the_rest()
    {
        var a = T("a", "p");
        var b = T("b", "p");
        var c = T("c", "p");
        var index = Index(a, b, c, T("d", "q"));
        Assert.Equal(["a", "b", "c"], Ids(index, "p"));
        Assert.Equal(["d"], Ids(index, "q"));
        Assert.Empty(Ids(index, "nobody"));

        index.Remove(b, []);
        Assert.Equal(["a", "c"], Ids(index, "p"));
        index.Remove(a, []);
        Assert.Equal(["c"], Ids(index, "p"));
        Assert.Same(c, index.Single<Training>("anchor", 0, "p"));
        index.Remove(c, []);
        Assert.Empty(Ids(index, "p"));
        Assert.Null(index.Single<Training>("anchor", 0, "p"));
    }

    [Fact]
    public void Count_applies_the_predicate_and_stops_at_the_first_when_asked()
    {
        var index = Index(T("a", "p", TrainingModule.DataProtection), T("b", "p"), T("c", "p"), T("d", "q"));
        Assert.Equal(3, index.Count<Training>("anchor", 0, "p", null, stopAtFirst: false));
        Assert.Equal(2, index.Count<Training>("anchor", 0, "p", t => t.Module == TrainingModule.Guidelines, stopAtFirst: false));
        Assert.Equal(1, index.Count<Training>("anchor", 0, "p", t => t.Module == TrainingModule.Guidelines, stopAtFirst: true));
        Assert.Equal(1, index.Count<Training>("anchor", 0, "q", null, stopAtFirst: false));
        Assert.Equal(0, index.Count<Training>("anchor", 0, "q", t => t.Module == TrainingModule.DataProtection, stopAtFirst: false));
        Assert.Equal(0, index.Count<Training>("anchor", 0, "nobody", null, stopAtFirst: false));
    }

    [Fact]
    public void A_null_key_is_a_key_of_its_own_and_reset_empties_everything()
    {
        var index = Index(T("a", null), T("b", "p"));
        Assert.Equal(["a"], Ids(index, null));
        index.Reset(null);
        Assert.Empty(Ids(index, null));
        Assert.Empty(Ids(index, "p"));
        index.Add(T("c", "p"), []);
        Assert.Equal(["c"], Ids(index, "p"));
    }

    [Fact]
    public void The_buckets_agree_with_a_list_model_after_any_adds_and_removes()
    {
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 29)).ToArbitrary(), steps =>
        {
            var index = new JoinIndex([ByPerson], null);
            var model = new List<Training>();
            var facts = Enumerable.Range(0, 10).Select(i => T("t" + i, "p" + (i % 3))).ToArray();
            foreach (var step in steps)
            {
                var fact = facts[step % 10];
                if (step < 20 && !model.Contains(fact))
                {
                    index.Add(fact, []);
                    model.Add(fact);
                }
                else if (step >= 20 && model.Remove(fact))
                {
                    index.Remove(fact, []);
                }
            }

            foreach (var key in new[] { "p0", "p1", "p2" })
            {
                Assert.Equal(model.Where(t => t.Person == key).Select(t => t.Id), Ids(index, key));
                Assert.Equal(model.Count(t => t.Person == key), index.Count<Training>("anchor", 0, key, null, stopAtFirst: false));
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
