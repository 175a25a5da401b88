using System.Diagnostics;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// The <c>--quick</c> smoke mode: every scenario once at S, in a plain loop (no BenchmarkDotNet),
/// checking that the peers agree. It runs in seconds, and the test suite runs it too, so the
/// benchmarks cannot rot.
/// </summary>
public static class QuickRun
{
    /// <summary>Runs every scenario once at <paramref name="size"/>; writes one line per step; throws when peers disagree.</summary>
    public static IReadOnlyList<string> Run(TextWriter output, string size = "S")
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = new List<string>();
        var total = Stopwatch.StartNew();

        void Step(string name, Func<string> step)
        {
            var sw = Stopwatch.StartNew();
            var detail = step();
            var line = $"{name,-44} {sw.Elapsed.TotalMilliseconds,9:F1} ms  {detail}";
            lines.Add(line);
            output.WriteLine(line);
        }

        // 1. Compile: the packs and 10 generated rules, with both expression compilers, which must
        // agree (for the packs, step 2b checks that on the same engines).
        var small = Sizes.Model(size);
        Step($"model {size}", () => $"{Sizes.Facts(small)} facts");
        Step("compile packs, Expression.Compile", () => $"{Engines.Packs("system").Rules.Count} rules");
        Step("compile packs, FastExpressionCompiler", () => $"{Engines.Packs().Rules.Count} rules");
        var generated = new CompileScenario("10");
        Step("compile 10 generated rules: compilers agree", () =>
        {
            generated.CheckCompilersAgree(small);
            return "ok";
        });

        // 2a. The four rules, every peer (the naive ones too: S is small).
        var four = new FourRulesScenario(size);
        Step("four rules: all peers agree", () => four.CheckPeersAgree(naive: true));
        foreach (var (name, run) in new (string, Func<int>)[]
                 {
                     ("four rules: indexed", () => four.Indexed().Count),
                     ("four rules: indexed, matching only", four.IndexedMatchingOnly),
                     ("four rules: naive lowering", () => four.Naive().Count),
                     ("four rules: NRules fluent", () => four.Fluent().Count),
                     ("four rules: RulesEngine with lookups", () => four.RulesEngine().Count),
                     ("four rules: LINQ", () => four.Linq().Count),
                 })
        {
            Step(name, () => $"{run()} findings");
        }

        // 2b. All built-in packs: defaults, Expression.Compile and naive lowering agree.
        var packs = new PacksScenario(size);
        Step("packs: variants agree", () => $"{packs.CheckVariantsAgree(naive: true)} findings");
        Step("packs: evaluate", () => $"{packs.Evaluate().Findings.Count} findings");

        // 3. Incremental: a session after one change equals a fresh evaluation.
        foreach (var rules in new[] { "four-rules", "packs" })
        {
            using var incremental = new IncrementalScenario(size, rules);
            Step($"incremental {rules}: session equals fresh", () => $"{incremental.CheckSessionEqualsFresh()} opened by {incremental.PersonId} leaving");
            Step($"incremental {rules}: leave and return", () => $"{incremental.LeaveAndReturn()} opened");
            Step($"incremental {rules}: training expires and is renewed", () => $"{incremental.ExpireAndRenew()} opened");
            Step($"incremental {rules}: fresh evaluation", () => $"{incremental.Fresh().Findings.Count} findings");
        }

        // 3b. Incremental with group rules.
        using (var groups = new GroupScenario(size))
        {
            Step("incremental groups: session equals fresh", () => $"{groups.CheckSessionEqualsFresh()} findings");
            Step("incremental groups: mention triaged and reopened", () => $"{groups.TriageAndReopen()} closed");
            Step("incremental groups: fresh evaluation", () => $"{groups.Fresh().Findings.Count} findings");
        }

        // 4. Memory.
        Step("memory", () => $"working set {Environment.WorkingSet / (1024 * 1024)} MiB, GC heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB");
        output.WriteLine($"quick run: all scenarios ran and all peers agree ({total.Elapsed.TotalSeconds:F1} s)");
        return lines;
    }
}
