using BenchmarkDotNet.Attributes;
using Deeg.Policy.Benchmarks.Scenarios;

namespace Deeg.Policy.Benchmarks.Suites;

/// <summary>
/// Scenario 2b: all five built-in packs, full evaluation, with the engine's defaults (baseline) and
/// with the rules compiled by <c>Expression.Compile</c>. Setup checks that both (and, at S, naive
/// lowering) give the same findings. Sizes S, M, L (<c>DEEG_BENCH_PACK_SIZES</c> chooses others).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class PacksBenchmarks
{
    private PacksScenario _scenario = null!;

    [ParamsSource(nameof(PackSizes))]
    public string Size { get; set; } = "S";

    public static IEnumerable<string> PackSizes => BenchmarkSizes.Packs("S,M,L");

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new PacksScenario(Size);
        Console.WriteLine($"// {Size}: {Sizes.Facts(_scenario.Model)} facts; {_scenario.CheckVariantsAgree(naive: Size == "S")} findings");
    }

    [Benchmark(Baseline = true, Description = "five packs, defaults (FastExpressionCompiler)")]
    public int Evaluate() => _scenario.Evaluate().Findings.Count;

    [Benchmark(Description = "five packs, Expression.Compile")]
    public int EvaluateSystemCompiled() => _scenario.EvaluateSystemCompiled().Findings.Count;
}
