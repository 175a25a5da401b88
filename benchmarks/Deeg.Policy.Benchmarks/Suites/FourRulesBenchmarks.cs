using BenchmarkDotNet.Attributes;
using Deeg.Policy.Benchmarks.Scenarios;

namespace Deeg.Policy.Benchmarks.Suites;

/// <summary>
/// Scenario 2a: the four rules (four-rules.rules.json), full evaluation from scratch, at S, M and L: our rule
/// language with indexed joins (baseline; a full <c>Evaluate</c> with model validation and report),
/// the same without validation and report (one NRules session: insert, fire), Microsoft
/// RulesEngine per entity with lookups, and LINQ with dictionaries. All agree (checked in setup).
/// The naive peers are in <see cref="FourRulesNaiveBenchmarks"/> (S and M only). Ten warm-up
/// iterations: with two, the engine's validation and indexing were still being re-jitted by tiered
/// compilation during the measured iterations (49 → 36 ms per op over ten iterations at M).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 10, iterationCount: 10)]
public class FourRulesBenchmarks
{
    private FourRulesScenario _scenario = null!;

    [Params("S", "M", "L")]
    public string Size { get; set; } = "S";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new FourRulesScenario(Size);
        Console.WriteLine($"// {Size}: {Sizes.Facts(_scenario.Model)} facts; findings {_scenario.CheckPeersAgree(naive: false)}");
    }

    [Benchmark(Baseline = true, Description = "rule language, indexed (Evaluate)")]
    public int Indexed() => _scenario.Indexed().Count;

    [Benchmark(Description = "rule language, indexed, matching only")]
    public int IndexedMatchingOnly() => _scenario.IndexedMatchingOnly();

    [Benchmark(Description = "RulesEngine, per entity, lookups")]
    public int RulesEngine() => _scenario.RulesEngine().Count;

    [Benchmark(Description = "LINQ with dictionaries")]
    public int Linq() => _scenario.Linq().Count;
}

/// <summary>
/// Scenario 2a, the naive peers: our rule language with naive lowering (every join left to
/// NRules' nested loops) and hand-written NRules fluent rules, against the indexed engine
/// (baseline). Only at S and M: at L, naive NRules takes about a minute per evaluation (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 3)]
public class FourRulesNaiveBenchmarks
{
    private FourRulesScenario _scenario = null!;

    [Params("S", "M")]
    public string Size { get; set; } = "S";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new FourRulesScenario(Size);
        Console.WriteLine($"// {Size}: {Sizes.Facts(_scenario.Model)} facts; findings {_scenario.CheckPeersAgree(naive: true)}");
    }

    [Benchmark(Baseline = true, Description = "rule language, indexed (Evaluate)")]
    public int Indexed() => _scenario.Indexed().Count;

    [Benchmark(Description = "rule language, naive lowering (Evaluate)")]
    public int Naive() => _scenario.Naive().Count;

    [Benchmark(Description = "NRules fluent, hand-written")]
    public int Fluent() => _scenario.Fluent().Count;
}
