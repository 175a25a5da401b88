using Deeg.Policy.Model;
using Deeg.Policy.Tests.Sessions;
using FsCheck;
using FsCheck.Fluent;

namespace Deeg.Policy.Tests.Generators;

/// <summary>
/// The benchmark organisations (<see cref="OrganisationGenerator"/>) are valid and realistic, and
/// on them — at small sizes — indexed and naive lowering agree for all built-in packs, and a
/// session after single-fact changes equals a fresh evaluation.
/// </summary>
public class GeneratedOrganisationTests
{
    private static readonly Lazy<PolicyEngine> Indexed = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build());
    private static readonly Lazy<PolicyEngine> Naive = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().UseIndexedJoins(false).Build());
    private static readonly EvaluationOptions Options = new() { AsOf = OrganisationGenerator.AsOf };

    [Theory]
    [InlineData(1, 200)]
    [InlineData(7, 2_000)]
    [InlineData(11, 40_000)]
    public void A_generated_organisation_is_valid_and_has_the_size_asked_for(int seed, int facts)
    {
        var model = OrganisationGenerator.Generate(seed, facts);
        var validation = model.Validate();
        Assert.True(validation.Succeeded, string.Join(Environment.NewLine, validation.Diagnostics.Take(5)));
        Assert.Equal(facts, OrganisationGenerator.CountFacts(model));
    }

    [Fact]
    public void The_same_seed_gives_the_same_organisation()
    {
        static string Fingerprint(PolicyModel m) => string.Join(",", m.AllFacts().Select(f => f.ToString()));
        Assert.Equal(Fingerprint(OrganisationGenerator.Generate(3, 1_000)), Fingerprint(OrganisationGenerator.Generate(3, 1_000)));
        Assert.NotEqual(Fingerprint(OrganisationGenerator.Generate(3, 1_000)), Fingerprint(OrganisationGenerator.Generate(4, 1_000)));
    }

    [Fact]
    public void The_proportions_are_those_of_a_real_imperfect_organisation()
    {
        var model = OrganisationGenerator.Generate(5, OrganisationGenerator.Medium);
        double Share(int part, int whole) => (double)part / whole;

        // About as many people, role assignments and trainings; the rest posts, mentions and channels.
        Assert.InRange(Share(model.People.Count, 40_000), 0.2, 0.24);
        Assert.InRange(Share(model.Roles.Count, model.People.Count), 0.95, 1.1);
        Assert.InRange(Share(model.Trainings.Count, model.People.Count), 0.9, 1.4);
        Assert.InRange(Share(model.Channels.Count, 40_000), 0.015, 0.025);

        // Leavers, some of them still holding a role.
        var leavers = model.People.Where(p => p.Status == PersonStatus.Left).Select(p => p.Id).ToHashSet();
        Assert.InRange(Share(leavers.Count, model.People.Count), 0.05, 0.11);
        Assert.InRange(model.Roles.Count(r => leavers.Contains(r.Person)), 50, 600);

        // Channels with no, one, and two or more administrators.
        var admins = model.Roles.Where(r => r.Channel is not null && r.Role is Role.ChannelAdmin or Role.SocialMediaLead)
            .GroupBy(r => r.Channel!).ToDictionary(g => g.Key, g => g.Count());
        var byCount = model.Channels.GroupBy(c => Math.Min(admins.GetValueOrDefault(c.Id), 2)).ToDictionary(g => g.Key, g => Share(g.Count(), model.Channels.Count));
        Assert.InRange(byCount[0], 0.05, 0.2);
        Assert.InRange(byCount[1], 0.15, 0.35);
        Assert.InRange(byCount[2], 0.5, 0.75);

        // Account staff without a valid guidelines training.
        var trained = model.Trainings.Where(t => t.Module == TrainingModule.Guidelines && (t.ValidUntil is null || t.ValidUntil >= OrganisationGenerator.AsOf))
            .Select(t => t.Person).ToHashSet();
        var staff = model.Roles.Where(r => r.Role is Role.ChannelAdmin or Role.SocialMediaLead or Role.Editor or Role.CommunityManager).Select(r => r.Person).Distinct().ToList();
        Assert.InRange(Share(staff.Count(p => !trained.Contains(p)), staff.Count), 0.1, 0.35);

        // Channels not owned by the organisation.
        Assert.InRange(Share(model.Channels.Count(c => c.Ownership != Ownership.Organisation), model.Channels.Count), 0.08, 0.22);
    }

    [Fact]
    public void Indexed_and_naive_lowering_give_the_same_findings_on_generated_organisations()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(200, 800).ToArbitrary(), (seed, facts) =>
        {
            var model = OrganisationGenerator.Generate(seed, facts);
            var indexed = Indexed.Value.Evaluate(model, Options);
            var naive = Naive.Value.Evaluate(model, Options);
            Assert.Empty(indexed.Errors);
            Assert.NotEmpty(indexed.Findings);
            Assert.Equal(SessionTests.Canonical(naive.Findings), SessionTests.Canonical(indexed.Findings));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [Fact]
    public void A_session_after_single_fact_changes_equals_a_fresh_evaluation_on_generated_organisations()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(200, 800).ToArbitrary(), Gen.Choose(1, 6).ToArbitrary(), (seed, facts, steps) =>
        {
            var model = OrganisationGenerator.Generate(seed, facts);
            var random = new Random(seed);
            using var session = Indexed.Value.OpenSession(model, Options);
            for (var i = 0; i < steps; i++) Change(session, random);

            var fresh = Indexed.Value.Evaluate(session.Model, Options);
            Assert.Empty(fresh.Errors);
            Assert.Equal(SessionTests.Canonical(fresh.Findings), SessionTests.Canonical(session.Report().Findings));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    /// <summary>One single-fact change of the kinds an organisation sees every day, on a random fact.</summary>
    private static void Change(PolicySession session, Random random)
    {
        var model = session.Model;
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        switch (random.Next(7))
        {
            case 0:
                var person = Pick(model.People);
                session.Upsert(person with { Status = person.Status == PersonStatus.Active ? PersonStatus.Left : PersonStatus.Active });
                break;
            case 1:
                var channel = Pick(model.Channels);
                session.Upsert(channel with { Status = (ChannelStatus)random.Next(4), Ownership = (Ownership)random.Next(4), Mfa = !channel.Mfa });
                break;
            case 2 when model.Trainings.Count > 0:
                var training = Pick(model.Trainings);
                session.Upsert(training with { ValidUntil = training.ValidUntil is null ? OrganisationGenerator.AsOf.AddDays(-1) : null });
                break;
            case 3:
                var holder = Pick(model.People).Id;
                var target = Pick(model.Channels).Id;
                session.Upsert(new RoleAssignment { Id = $"{holder}:channelAdmin:{target}:", Person = holder, Role = Role.ChannelAdmin, Channel = target });
                break;
            case 4 when model.Roles.Count > 0:
                session.Remove<RoleAssignment>(Pick(model.Roles).Id);
                break;
            case 5 when model.Trainings.Count > 0:
                session.Remove<Training>(Pick(model.Trainings).Id);
                break;
            default:
                var trainee = Pick(model.People).Id;
                session.Upsert(new Training { Id = $"{trainee}:guidelines:2026-11-01", Person = trainee, Module = TrainingModule.Guidelines, CompletedOn = new DateOnly(2026, 11, 1), ValidUntil = new DateOnly(2028, 11, 1) });
                break;
        }
    }
}
