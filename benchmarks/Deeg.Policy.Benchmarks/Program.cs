using System.Globalization;
using BenchmarkDotNet.Running;
using Deeg.Policy.Benchmarks.Scenarios;

// Modes (docs/benchmarks.md):
//   --quick                  every scenario once at S, checks that the peers agree (seconds)
//   --cold [N]               cold compile of the five packs in N new processes per compiler
//   --memory [SIZES…]        working set per size (default S M L), one process per size
//   --profile SIZE [packs] [once|long|longer] [validate|insert|fire|report|all]
//                            where the time of one evaluation goes, stage by stage (3, 25 or 80 runs;
//                            allocated bytes per stage, and with a stage the types it allocates)
//   --probe SIZE PEERS…      interleaved stopwatch timings of peers (linq indexed sequential fec naive fluent re compile)
//   --history [N]            recording a run of 40,000 findings into SQLite, N stopwatch timings (default 5)
//   anything else            BenchmarkDotNet, e.g. --filter '*Suites*'
switch (args)
{
    case ["--history", .. var rest]:
        Deeg.Policy.Benchmarks.Suites.HistoryReports.Quick(Console.Out, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 5);
        return 0;
    case ["--quick", .. var rest]:
        try
        {
            QuickRun.Run(Console.Out, rest.Length > 0 ? rest[0] : "S");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine("quick run failed: " + ex.Message);
            return 1;
        }

    case ["--cold", .. var rest]:
        ColdCompile.Run(rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 5);
        return 0;
    case ["--cold-once", var compiler]:
        ColdCompile.Once(compiler);
        return 0;
    case ["--memory", .. var sizes]:
        MemoryReport.Run(sizes.Length > 0 ? sizes : ["S", "M", "L"]);
        return 0;
    case ["--memory-once", var size]:
        MemoryReport.Once(size);
        return 0;
    case ["--profile", var size, .. var rest]:
        Profile.Run(size, rest.Contains("packs"), rest.Contains("long") ? 25 : rest.Contains("longer") ? 80 : rest.Contains("once") ? 1 : 3,
            rest.FirstOrDefault(r => r is "validate" or "insert" or "fire" or "report" or "all"));
        return 0;
    case ["--profile-change", var size, var rules, var count]:
        using (var scenario = new IncrementalScenario(size, rules))
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < int.Parse(count, CultureInfo.InvariantCulture); i++) scenario.LeaveAndReturn();
            Console.WriteLine($"{count} x leave and return: {sw.Elapsed.TotalMilliseconds:F1} ms");
        }

        return 0;
    case ["--bisect-change", var size]:
        ChangeBisect.Run(size);
        return 0;
    case ["--probe", var size, .. var peers]:
        Probe.Run(size, peers);
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
}
