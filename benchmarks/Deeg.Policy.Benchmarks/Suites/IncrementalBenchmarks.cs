using BenchmarkDotNet.Attributes;
using Deeg.Policy.Benchmarks.Scenarios;

namespace Deeg.Policy.Benchmarks.Suites;

/// <summary>
/// Scenario 3: one fact changed in a warm <see cref="PolicySession"/> — an active channel
/// administrator set to <c>left</c>, then back; each <c>Upsert</c> is one operation — against a
/// fresh <c>Evaluate</c> of the whole organisation (baseline), at M, 100,000 facts (issue #5) and
/// L, for the four rules. Setup checks that the session equals a fresh evaluation after each change.
/// All five packs: <see cref="IncrementalPacksBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class IncrementalBenchmarks
{
    private IncrementalScenario _scenario = null!;

    [Params("M", "100000", "L")]
    public string Size { get; set; } = "M";

    public string Rules { get; set; } = "four-rules";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new IncrementalScenario(Size, Rules);
        Console.WriteLine($"// {Size}/{Rules}: {Sizes.Facts(_scenario.Model)} facts; {_scenario.CheckSessionEqualsFresh()} findings opened by {_scenario.PersonId} leaving");
    }

    [GlobalCleanup]
    public void Cleanup() => _scenario.Dispose();

    [Benchmark(Baseline = true, Description = "fresh Evaluate")]
    public int Fresh() => _scenario.Fresh().Findings.Count;

    [Benchmark(OperationsPerInvoke = 2, Description = "one Upsert in a warm session")]
    public int OneChange() => _scenario.LeaveAndReturn();

    [Benchmark(OperationsPerInvoke = 2, Description = "one training Upsert in a warm session")]
    public int OneTrainingChange() => _scenario.ExpireAndRenew();
}

/// <summary>
/// Scenario 3 with all five built-in packs, at M, 100,000 facts and L (<c>DEEG_BENCH_PACK_SIZES</c>
/// chooses others, e.g. <c>S,M</c> for a short run).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class IncrementalPacksBenchmarks
{
    private IncrementalScenario _scenario = null!;

    [ParamsSource(nameof(PackSizes))]
    public string Size { get; set; } = "M";

    public static IEnumerable<string> PackSizes => BenchmarkSizes.Packs("M,100000,L");

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new IncrementalScenario(Size, "packs");
        Console.WriteLine($"// {Size}/packs: {Sizes.Facts(_scenario.Model)} facts; {_scenario.CheckSessionEqualsFresh()} findings opened by {_scenario.PersonId} leaving");
    }

    [GlobalCleanup]
    public void Cleanup() => _scenario.Dispose();

    [Benchmark(Baseline = true, Description = "fresh Evaluate")]
    public int Fresh() => _scenario.Fresh().Findings.Count;

    [Benchmark(OperationsPerInvoke = 2, Description = "one Upsert in a warm session")]
    public int OneChange() => _scenario.LeaveAndReturn();

    [Benchmark(OperationsPerInvoke = 2, Description = "one training Upsert in a warm session")]
    public int OneTrainingChange() => _scenario.ExpireAndRenew();
}

/// <summary>The sizes of the suites that evaluate all five packs: <c>DEEG_BENCH_PACK_SIZES</c> (e.g. <c>S,M</c>), or the suite's defaults.</summary>
public static class BenchmarkSizes
{
    public static IEnumerable<string> Packs(string defaults) =>
        (Environment.GetEnvironmentVariable("DEEG_BENCH_PACK_SIZES") is { Length: > 0 } sizes ? sizes : defaults)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
