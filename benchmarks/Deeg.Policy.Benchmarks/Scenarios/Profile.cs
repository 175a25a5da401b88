using System.Diagnostics;
using Deeg.Policy.Engine;
using Deeg.Policy.Model;
using Deeg.Policy.Tests.Generators;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// Where the time of one evaluation goes, stage by stage, with a stopwatch (<c>--profile M [packs]</c>):
/// model validation, session creation, inserting the facts (which is where NRules matches),
/// firing, and building the report.
/// </summary>
internal static class Profile
{
    public static void Run(string size, bool packs, int repeats = 3)
    {
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
            var resolved = compiled.Resolve(model, options);
            var validation = ModelLoader.Validate(model, engine.Types);
            var tValidate = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var run = new SessionRun(compiled, resolved, incremental: false);
            var tSession = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            run.InsertAll(model.AllFacts());
            var tInsert = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            run.Fire();
            var tFire = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var report = compiled.Report(model.Organisation, model.SourceFile, resolved, run.Findings, run.Errors);
            var tReport = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine($"run {i}: validate {tValidate:F1} | session {tSession:F1} | insert {tInsert:F1} | fire {tFire:F1} | report {tReport:F1} | total {total.Elapsed.TotalMilliseconds:F1} ms; {report.Findings.Count} findings, valid {validation.Succeeded}, errors {run.Errors.Count}");
        }
    }
}
