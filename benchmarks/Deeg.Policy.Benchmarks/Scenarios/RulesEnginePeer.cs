using System.Text.Json;
using Deeg.Policy.Model;
using RulesEngine.Models;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// The four rules as Microsoft RulesEngine 6.0.1 JSON workflows (<c>four-rules.workflows.json</c>),
/// run per entity — each channel through the <c>channel</c> workflow, each role assignment through
/// the <c>role</c> workflow — with lookups passed as inputs: people by id, role assignments by
/// channel and trainings by person, built in every run. This is how RulesEngine is meant to be
/// used for joins (it has no working memory); scanning lists instead of lookups is quadratic.
/// </summary>
public sealed class RulesEnginePeer
{
    private readonly RulesEngine.RulesEngine _engine;

    /// <summary>Loads the workflows.</summary>
    public RulesEnginePeer()
    {
        var workflows = JsonSerializer.Deserialize<Workflow[]>(LanguagePeer.ReadResource("four-rules.workflows.json"))
            ?? throw new InvalidOperationException("no workflows");
        _engine = new RulesEngine.RulesEngine(workflows, new ReSettings
        {
            CustomTypes = [typeof(ChannelStatus), typeof(Ownership), typeof(PersonStatus), typeof(Role), typeof(TrainingModule), typeof(DateOnly)],
        });
    }

    /// <summary>Evaluates the four rules for every channel and role assignment.</summary>
    public List<PeerFinding> Run(PolicyModel model, DateOnly asOf)
    {
        var people = model.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var rolesByChannel = model.Roles.Where(r => r.Channel is not null).GroupBy(r => r.Channel!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var trainingsByPerson = model.Trainings.GroupBy(t => t.Person, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var findings = new List<PeerFinding>();
        var rolesInput = new RuleParameter("rolesByChannel", rolesByChannel);
        foreach (var channel in model.Channels)
        {
            var results = _engine.ExecuteAllRulesAsync("channel", new RuleParameter("c", channel), rolesInput).AsTask().GetAwaiter().GetResult();
            Collect(results, channel.Id, findings);
        }

        var peopleInput = new RuleParameter("people", people);
        var trainingsInput = new RuleParameter("trainingsByPerson", trainingsByPerson);
        var asOfInput = new RuleParameter("asOf", asOf);
        foreach (var role in model.Roles)
        {
            var results = _engine.ExecuteAllRulesAsync("role", new RuleParameter("r", role), peopleInput, trainingsInput, asOfInput).AsTask().GetAwaiter().GetResult();
            Collect(results, role.Id, findings);
        }

        return findings;
    }

    private static void Collect(List<RuleResultTree> results, string subject, List<PeerFinding> findings)
    {
        foreach (var result in results)
        {
            if (!string.IsNullOrEmpty(result.ExceptionMessage)) throw new InvalidOperationException($"RulesEngine {result.Rule.RuleName}: {result.ExceptionMessage}");
            if (result.IsSuccess) findings.Add(new PeerFinding(result.Rule.RuleName, subject));
        }
    }
}
