using System.Diagnostics;
using Deeg.Policy.Engine;
using Deeg.Policy.Model;
using Deeg.Policy.Tests.Generators;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// Where the time of one evaluation goes, stage by stage, with a stopwatch (<c>--profile M [packs]</c>):
/// model validation, session creation, inserting the facts (which is where NRules matches),
/// firing, and building the report — each with the bytes it allocated, and with a stage named the
/// types it allocates (sampled, <see cref="AllocationListener"/>; the runtime delivers the samples
/// late, so the attribution to a stage is approximate).
/// </summary>
internal static class Profile
{
    public static void Run(string size, bool packs, int repeats = 3, string? stage = null)
    {
        using var allocations = stage is null ? null : new AllocationListener();
        var model = OrganisationGenerator.Generate(1, OrganisationGenerator.FactsOf(size));
        var engine = packs ? PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build() : new LanguagePeer().Engine;
        var compiled = engine.Compiled;
        var options = new EvaluationOptions { AsOf = OrganisationGenerator.AsOf };
        Console.WriteLine($"{OrganisationGenerator.CountFacts(model)} facts, {(packs ? "built-in packs" : "four rules")}, {compiled.IndexSpecs.Count} indexes");
        for (var i = 0; i < repeats; i++)
        {
            GC.Collect();
            var total = Stopwatch.StartNew();
            var sw = Stopwatch.StartNew();
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            var resolved = compiled.Resolve(model, options);
            Record(allocations, (stage is "validate" or "all") && i > 2);
            var validation = ModelLoader.Validate(model, engine.Types);
            Record(allocations, false);
            var tValidate = sw.Elapsed.TotalMilliseconds;
            var a1 = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            var run = new SessionRun(compiled, resolved, incremental: false);
            var tSession = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            Record(allocations, (stage is "insert" or "all") && i > 2);
            run.InsertAll(model);
            Record(allocations, false);
            var tInsert = sw.Elapsed.TotalMilliseconds;
            var a2 = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            Record(allocations, (stage is "fire" or "all") && i > 2);
            run.Fire();
            Record(allocations, false);
            var tFire = sw.Elapsed.TotalMilliseconds;
            var a3 = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            Record(allocations, (stage is "report" or "all") && i > 2);
            var report = compiled.Report(model.Organisation, model.SourceFile, resolved, run.Findings, run.Errors);
            run.Release();
            Record(allocations, false);
            var tReport = sw.Elapsed.TotalMilliseconds;
            var a4 = GC.GetAllocatedBytesForCurrentThread();
            Console.WriteLine($"run {i}: validate {tValidate:F1} | session {tSession:F1} | insert {tInsert:F1} | fire {tFire:F1} | report {tReport:F1} | total {total.Elapsed.TotalMilliseconds:F1} ms; {report.Findings.Count} findings, valid {validation.Succeeded}, errors {run.Errors.Count}; allocated MB validate {(a1 - a0) / 1e6:F1} insert {(a2 - a1) / 1e6:F1} fire {(a3 - a2) / 1e6:F1} report {(a4 - a3) / 1e6:F1}; gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        }

        allocations?.Print();
    }

    private static void Record(AllocationListener? listener, bool on)
    {
        if (listener is not null) listener.Recording = on;
    }
}
