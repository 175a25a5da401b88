using System.Diagnostics;
using Deeg.Policy.Tests.Generators;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>Ad-hoc stopwatch timings of the peers at one size (development aid: <c>--probe M</c>).</summary>
internal static class Probe
{
    public static void Run(string size, string[] peers)
    {
        foreach (var rules in new[] { "four-rules", "packs" })
        {
            if (!peers.Contains("inc-" + rules)) continue;
            using var inc = new IncrementalScenario(size, rules);
            for (var i = 0; i < 3; i++)
            {
                var f = Stopwatch.StartNew();
                inc.Fresh();
                var fresh = f.Elapsed.TotalMilliseconds;
                f.Restart();
                for (var j = 0; j < 10; j++) inc.LeaveAndReturn();
                Console.WriteLine($"incremental {rules} {size}: fresh {fresh:F1} ms, one change {f.Elapsed.TotalMilliseconds / 20:F3} ms, ratio {fresh / (f.Elapsed.TotalMilliseconds / 20):F0}x");
                f.Restart();
                for (var j = 0; j < 10; j++) inc.ExpireAndRenew();
                Console.WriteLine($"incremental {rules} {size}: one training change {f.Elapsed.TotalMilliseconds / 20:F3} ms, ratio {fresh / (f.Elapsed.TotalMilliseconds / 20):F0}x");
            }
        }

        if (peers.Contains("compile"))
        {
            for (var i = 0; i < 6; i++)
            {
                var c = Stopwatch.StartNew();
                PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();
                var d = c.Elapsed.TotalMilliseconds;
                c.Restart();
                PolicyEngine.CreateBuilder().AddBuiltInRuleSets().UseExpressionCompiler(FastExpressionCompilerAdapter.Instance).Build();
                Console.WriteLine($"packs compile: default {d:F0} ms, fec {c.Elapsed.TotalMilliseconds:F0} ms");
            }
        }

        var sw = Stopwatch.StartNew();
        var model = OrganisationGenerator.Generate(1, OrganisationGenerator.FactsOf(size));
        Console.WriteLine($"generated {OrganisationGenerator.CountFacts(model)} facts in {sw.ElapsedMilliseconds} ms: people {model.People.Count}, roles {model.Roles.Count}, trainings {model.Trainings.Count}, channels {model.Channels.Count}, posts {model.Posts.Count}");
        var asOf = OrganisationGenerator.AsOf;
        var expected = LinqPeer.Run(model, asOf);
        Console.WriteLine("LINQ: " + PeerFindings.Summary(expected));
        var runs = new List<(string, Func<List<PeerFinding>>)>();
        if (peers.Contains("linq")) runs.Add(("linq", () => LinqPeer.Run(model, asOf)));
        if (peers.Contains("indexed")) { var p = new LanguagePeer(); runs.Add(("indexed", () => p.Run(model, asOf))); }
        if (peers.Contains("sequential"))
        {
            var p = new LanguagePeer();
            runs.Add(("sequential", () => LanguagePeer.Findings(p.Engine.Evaluate(model, new EvaluationOptions { AsOf = asOf, ValidateAlongsideMatching = false }))));
        }

        if (peers.Contains("fec")) { var p = new LanguagePeer(true, FastExpressionCompilerAdapter.Instance); runs.Add(("indexed+fec", () => p.Run(model, asOf))); }
        if (peers.Contains("naive")) { var p = new LanguagePeer(false); runs.Add(("naive", () => p.Run(model, asOf))); }
        if (peers.Contains("fluent")) { var p = new FluentPeer(); runs.Add(("fluent", () => p.Run(model))); }
        if (peers.Contains("re")) { var p = new RulesEnginePeer(); runs.Add(("rulesengine", () => p.Run(model, asOf))); }
        // Interleaved rounds, no forced collections (the garbage of one run is the next one's GC cost, as in BenchmarkDotNet).
        var times = runs.ToDictionary(r => r.Item1, _ => new List<double>());
        for (var i = 0; i < 20; i++)
        {
            foreach (var (name, run) in runs)
            {
                sw.Restart();
                var found = run();
                times[name].Add(sw.Elapsed.TotalMilliseconds);
                if (i == 0) PeerFindings.AssertSame("linq", expected, name, found);
            }
        }

        foreach (var (name, list) in times)
        {
            var steady = list.Skip(5).Order().ToList();
            Console.WriteLine($"{name,-12} first {list[0],8:F1} ms | steady median {steady[steady.Count / 2],8:F1} ms, mean {steady.Average(),8:F1} ms, min {steady[0],8:F1} ms");
        }
    }
}
