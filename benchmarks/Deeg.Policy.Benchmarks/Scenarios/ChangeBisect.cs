using Deeg.Policy.Packs;
using System.Diagnostics;
using Deeg.Policy.Model;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// Development aid (<c>--bisect-change SIZE</c>): the cost of one person change in a warm session,
/// rule by rule of the built-in packs, to find the rules whose lowering makes a change expensive.
/// </summary>
internal static class ChangeBisect
{
    public static void Run(string size)
    {
        var model = Sizes.Model(size);
        var admins = model.Roles.Where(r => r.Role == Role.ChannelAdmin).Select(r => r.Person).ToHashSet(StringComparer.Ordinal);
        var person = model.People.First(p => p.Status == PersonStatus.Active && admins.Contains(p.Id));
        var leaver = person with { Status = PersonStatus.Left };
        var results = new List<(string Rule, double Fresh, double Change)>();
        foreach (var pack in BuiltInPacks.Names)
        {
            var document = JObject.Parse(BuiltInPacks.Read(pack)!);
            foreach (var rule in ((JArray)document["rules"]!).ToList())
            {
                var single = (JObject)document.DeepClone();
                single["rules"] = new JArray(rule.DeepClone());
                var engine = PolicyEngine.CreateBuilder().AddRuleSetJson(single.ToString(), pack + ".rules.json").Build();
                var sw = Stopwatch.StartNew();
                using var session = engine.OpenSession(model, Sizes.Options);
                var fresh = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                for (var i = 0; i < 3; i++)
                {
                    session.Upsert(leaver);
                    session.Upsert(person);
                }

                results.Add(((string)rule["id"]!, fresh, sw.Elapsed.TotalMilliseconds / 6));
            }
        }

        foreach (var (rule, fresh, change) in results.OrderByDescending(r => r.Change).Take(25))
            Console.WriteLine($"{rule,-10} open session {fresh,9:F1} ms   one change {change,9:F3} ms");
    }
}
