using Deeg.Policy.Model;
using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// The four rules hand-written in NRules' fluent DSL, joins as NRules matches them (nested loops,
/// docs/architecture.md, "Joins and their cost"): what a developer writing NRules rules by hand gets.
/// </summary>
public sealed class FluentPeer
{
    private readonly ISessionFactory _factory;

    /// <summary>Compiles the four rules.</summary>
    public FluentPeer()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(R1FilterRule), typeof(R2JoinRule), typeof(R3CountRule), typeof(R4NotExistsRule)));
        _factory = repository.Compile();
    }

    /// <summary>A fresh session: insert all facts, fire, read the findings.</summary>
    public List<PeerFinding> Run(PolicyModel model)
    {
        var session = _factory.CreateSession();
        session.InsertAll(model.Channels);
        session.InsertAll(model.People);
        session.InsertAll(model.Roles);
        session.InsertAll(model.Trainings);
        // The other facts take part in no rule, but an evaluation inserts them all.
        session.InsertAll(model.Posts);
        session.InsertAll(model.Mentions);
        session.InsertAll(model.UseCases);
        session.InsertAll(model.Policies);
        session.InsertAll(model.Stakeholders);
        session.Fire();
        return session.Query<FluentFinding>().Select(f => new PeerFinding(f.Rule, f.Subject)).ToList();
    }
}

/// <summary>The finding a fluent rule yields (an NRules linked fact).</summary>
public sealed record FluentFinding(string Rule, string Subject);

/// <summary>R1 filter: a business channel, not closed, not owned by the organisation.</summary>
public sealed class R1FilterRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Channel c = null!;
        When().Match(() => c, x => x.BusinessUse, x => x.Status != ChannelStatus.Closed, x => x.Ownership != Ownership.Organisation);
        Then().Yield(_ => new FluentFinding("R1", c.Id));
    }
}

/// <summary>R2 join: a role assignment whose person has left.</summary>
public sealed class R2JoinRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        RoleAssignment r = null!;
        Person p = null!;
        When()
            .Match(() => r)
            .Match(() => p, x => x.Id == r.Person, x => x.Status == PersonStatus.Left);
        Then().Yield(_ => new FluentFinding("R2", r.Id));
    }
}

/// <summary>R3 correlated count: an active business channel with fewer than two administrators.</summary>
public sealed class R3CountRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Channel c = null!;
        IEnumerable<RoleAssignment> admins = null!;
        When()
            .Match(() => c, x => x.Status == ChannelStatus.Active, x => x.BusinessUse)
            .Query(() => admins, q => q
                .Match<RoleAssignment>(a => a.Channel == c.Id, a => a.Role == Role.SocialMediaLead || a.Role == Role.ChannelAdmin)
                .Collect()
                .Where(x => x.Count() < 2));
        Then().Yield(_ => new FluentFinding("R3", c.Id));
    }
}

/// <summary>R4 not-exists join: account staff, active, without a valid guidelines training.</summary>
public sealed class R4NotExistsRule : Rule
{
    private static readonly DateOnly AsOf = Deeg.Policy.Tests.Generators.OrganisationGenerator.AsOf;

    /// <inheritdoc />
    public override void Define()
    {
        RoleAssignment r = null!;
        Person p = null!;
        When()
            .Match(() => r, x => x.Role == Role.SocialMediaLead || x.Role == Role.ChannelAdmin || x.Role == Role.Editor || x.Role == Role.CommunityManager)
            .Match(() => p, x => x.Id == r.Person, x => x.Status == PersonStatus.Active)
            .Not<Training>(t => t.Person == p.Id, t => t.Module == TrainingModule.Guidelines, t => t.ValidUntil == null || t.ValidUntil >= AsOf);
        Then().Yield(_ => new FluentFinding("R4", r.Id));
    }
}
