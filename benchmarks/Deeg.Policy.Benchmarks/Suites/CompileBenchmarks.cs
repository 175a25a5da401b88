using BenchmarkDotNet.Attributes;
using Deeg.Policy.Benchmarks.Scenarios;

namespace Deeg.Policy.Benchmarks.Suites;

/// <summary>
/// Scenario 1, warm: reading, binding, lowering and compiling the five built-in packs and 10 /
/// 100 / 1,000 generated rules, with NRules' default expression compiler (<c>Expression.Compile</c>,
/// the baseline) and with FastExpressionCompiler (the engine's default). Cold: <c>--cold</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class CompileBenchmarks
{
    private CompileScenario _scenario = null!;

    /// <summary><c>packs</c> or a number of generated rules.</summary>
    [Params("packs", "10", "100", "1000")]
    public string Rules { get; set; } = "packs";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new CompileScenario(Rules);
        _scenario.CheckCompilersAgree(Sizes.Model("S"));
    }

    [Benchmark(Baseline = true, Description = "Expression.Compile")]
    public PolicyEngine SystemCompiler() => _scenario.Compile(SystemExpressionCompiler.Instance);

    [Benchmark(Description = "FastExpressionCompiler")]
    public PolicyEngine FastCompiler() => _scenario.Compile(FastExpressionCompilerAdapter.Instance);
}
