using BenchmarkDotNet.Attributes;
using Deeg.Policy.Benchmarks.Scenarios;

namespace Deeg.Policy.Benchmarks.Suites;

/// <summary>
/// Scenario 3: one fact changed in a warm <see cref="PolicySession"/> against a fresh
/// <c>Evaluate</c> of the whole organisation (baseline). Two kinds of change, each done and undone
/// (each <c>Upsert</c> is one operation): an active channel administrator set to <c>left</c>, and a
/// person's only valid guidelines training expiring. Setup checks that the session equals a fresh
/// evaluation after each change. The suites below choose the rules and sizes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public abstract class IncrementalSuite
{
    private IncrementalScenario _scenario = null!;

    /// <summary>The organisation's size (<c>S</c>, <c>M</c>, <c>L</c> or a number of facts).</summary>
    public virtual string Size { get; set; } = "M";

    /// <summary><c>four-rules</c> or <c>packs</c>.</summary>
    protected abstract string Rules { get; }

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

/// <summary>Scenario 3 with the four rules, at M, 100,000 facts and L.</summary>
public class IncrementalBenchmarks : IncrementalSuite
{
    [Params("M", "100000", "L")]
    public override string Size { get; set; } = "M";

    protected override string Rules => "four-rules";
}

/// <summary>
/// Scenario 3 with all five built-in packs, at M, 100,000 facts and L (<c>DEEG_BENCH_PACK_SIZES</c>
/// chooses others, e.g. <c>S,M</c> for a short run).
/// </summary>
public class IncrementalPacksBenchmarks : IncrementalSuite
{
    [ParamsSource(nameof(PackSizes))]
    public override string Size { get; set; } = "M";

    public static IEnumerable<string> PackSizes => BenchmarkSizes.Packs("M,100000,L");

    protected override string Rules => "packs";
}

/// <summary>
/// Scenario 3 with group rules (<see cref="GroupScenario"/>) at 100,000 facts: one mention changed
/// in a warm session against a fresh evaluation (baseline).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class IncrementalGroupBenchmarks
{
    private GroupScenario _scenario = null!;

    [Params("100000")]
    public string Size { get; set; } = "100000";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new GroupScenario(Size);
        Console.WriteLine($"// {Size}/groups: {Sizes.Facts(_scenario.Model)} facts; {_scenario.CheckSessionEqualsFresh()} findings; {_scenario.MentionId} changes");
    }

    [GlobalCleanup]
    public void Cleanup() => _scenario.Dispose();

    [Benchmark(Baseline = true, Description = "fresh Evaluate")]
    public int Fresh() => _scenario.Fresh().Findings.Count;

    [Benchmark(OperationsPerInvoke = 2, Description = "one mention Upsert in a warm session")]
    public int OneMentionChange() => _scenario.TriageAndReopen();
}

/// <summary>The sizes of the suites that evaluate all five packs: <c>DEEG_BENCH_PACK_SIZES</c> (e.g. <c>S,M</c>), or the suite's defaults.</summary>
public static class BenchmarkSizes
{
    public static IEnumerable<string> Packs(string defaults) =>
        (Environment.GetEnvironmentVariable("DEEG_BENCH_PACK_SIZES") is { Length: > 0 } sizes ? sizes : defaults)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
