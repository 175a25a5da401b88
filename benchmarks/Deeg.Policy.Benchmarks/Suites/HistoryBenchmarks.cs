using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Deeg.Policy.History;

namespace Deeg.Policy.Benchmarks.Suites;

/// <summary>
/// Recording one run of 40,000 findings into a SQLite history (target: under 1 s): into a new file, and
/// as the next run of a store that holds the previous run of the same findings (it reads them to carry
/// <c>firstSeen</c> over). Each iteration gets a fresh file.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class HistoryBenchmarks
{
    private const int Findings = 40_000;

    private ComplianceReport _first = null!;
    private ComplianceReport _next = null!;
    private string _directory = null!;
    private IHistoryStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _first = HistoryReports.Make("acme", new DateOnly(2026, 1, 5), Findings);
        _next = HistoryReports.Make("acme", new DateOnly(2026, 1, 12), Findings);
        _directory = Path.Combine(Path.GetTempPath(), "deeg-history-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
    }

    [IterationSetup(Target = nameof(FirstRun))]
    public void NewStore() => _store = HistoryStore.Open(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"));

    [IterationSetup(Target = nameof(NextRun))]
    public void StoreWithPreviousRun()
    {
        NewStore();
        _store.Record(_first);
    }

    [IterationCleanup]
    public void CloseStore() => _store.Dispose();

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "record 40,000 findings, new store")]
    public int FirstRun() => _store.Record(_first).Run.Findings;

    [Benchmark(Description = "record 40,000 findings, next run")]
    public int NextRun() => _store.Record(_next).Run.Findings;
}

/// <summary>Reports with many findings for the history benchmark, and a quick stopwatch run of it.</summary>
public static class HistoryReports
{
    public static ComplianceReport Make(string organisation, DateOnly asOf, int count)
    {
        var findings = Enumerable.Range(0, count).Select(i =>
        {
            var rule = "R-" + (i % 50).ToString("000", CultureInfo.InvariantCulture);
            var subject = new SubjectRef("Channel", "c-" + i.ToString(CultureInfo.InvariantCulture));
            return new Finding
            {
                RuleId = rule,
                RuleSet = "governance",
                Severity = (Severity)(i % 5),
                Category = "governance",
                Title = "Title of " + rule,
                Message = $"The channel {subject.Id} breaks {rule}: a message of typical length for a finding of a built-in pack.",
                Subject = subject,
                Facts = new Dictionary<string, SubjectRef> { ["c"] = subject },
                Fingerprint = "fp" + i.ToString("x30", CultureInfo.InvariantCulture),
            };
        }).ToList();
        return new ComplianceReport
        {
            Tool = new ToolInfo { Name = "deeg-policy", Version = "1.0.0" },
            AsOf = asOf,
            Organisation = new OrganisationInfo { Id = organisation, Name = organisation },
            RuleSets = [new RuleSetSummary("governance", "1.0.0", 50)],
            Summary = new ReportSummary
            {
                RulesEvaluated = 50,
                RulesPassed = 0,
                Findings = count,
                Waived = 0,
                BySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => findings.Count(f => f.Severity == s)),
                Score = 0,
            },
            Findings = findings,
            Waivers = new WaiverSummary { Applied = [], Expired = [], Unused = [] },
            Errors = [],
            Rules = [],
        };
    }

    /// <summary><c>--history [N]</c>: N stopwatch timings of each benchmark (seconds, not minutes).</summary>
    public static void Quick(TextWriter output, int repeats)
    {
        var bench = new HistoryBenchmarks();
        bench.Setup();
        try
        {
            foreach (var (name, setup, run) in new (string, Action, Func<int>)[] { ("new store", bench.NewStore, bench.FirstRun), ("next run", bench.StoreWithPreviousRun, bench.NextRun) })
            {
                var times = new List<double>();
                for (var i = 0; i < repeats + 1; i++)
                {
                    setup();
                    var watch = Stopwatch.StartNew();
                    run();
                    watch.Stop();
                    bench.CloseStore();
                    if (i > 0) times.Add(watch.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"record 40,000 findings, {name}: median {times[times.Count / 2]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms ({repeats} runs after a warm-up)"));
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
