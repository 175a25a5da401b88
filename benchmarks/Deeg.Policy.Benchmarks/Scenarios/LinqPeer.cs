using Deeg.Policy.Model;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>The four rules in plain C# with dictionaries: the floor of what an evaluation can cost.</summary>
public static class LinqPeer
{
    /// <summary>Evaluates R1–R4; the lookups are built in every run.</summary>
    public static List<PeerFinding> Run(PolicyModel model, DateOnly asOf)
    {
        var findings = new List<PeerFinding>();
        var people = model.People.ToDictionary(p => p.Id, StringComparer.Ordinal);

        // R1 filter.
        foreach (var c in model.Channels)
        {
            if (c.BusinessUse && c.Status != ChannelStatus.Closed && c.Ownership != Ownership.Organisation) findings.Add(new("R1", c.Id));
        }

        // R2 join.
        foreach (var r in model.Roles)
        {
            if (people.TryGetValue(r.Person, out var p) && p.Status == PersonStatus.Left) findings.Add(new("R2", r.Id));
        }

        // R3 correlated count.
        var admins = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in model.Roles)
        {
            if (r.Channel is not null && r.Role is Role.SocialMediaLead or Role.ChannelAdmin) admins[r.Channel] = admins.GetValueOrDefault(r.Channel) + 1;
        }

        foreach (var c in model.Channels)
        {
            if (c.Status == ChannelStatus.Active && c.BusinessUse && admins.GetValueOrDefault(c.Id) < 2) findings.Add(new("R3", c.Id));
        }

        // R4 not-exists join.
        var trained = model.Trainings
            .Where(t => t.Module == TrainingModule.Guidelines && (t.ValidUntil is null || t.ValidUntil >= asOf))
            .Select(t => t.Person)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var r in model.Roles)
        {
            if (r.Role is Role.SocialMediaLead or Role.ChannelAdmin or Role.Editor or Role.CommunityManager
                && people.TryGetValue(r.Person, out var p) && p.Status == PersonStatus.Active && !trained.Contains(r.Person))
                findings.Add(new("R4", r.Id));
        }

        return findings;
    }
}
