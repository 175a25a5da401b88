using Deeg.Policy.Benchmarks.Scenarios;
using Xunit.Abstractions;

namespace Deeg.Policy.Benchmarks.Tests;

/// <summary>
/// The benchmarks' <c>--quick</c> smoke mode, in the regular test run: every scenario once at S,
/// all peers agreeing (our engine indexed and naive, NRules fluent, Microsoft RulesEngine, LINQ;
/// both expression compilers; a session against a fresh evaluation), so that the benchmarks
/// cannot rot. Timings are printed, not asserted.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Benchmark")]
public class QuickBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_benchmark_scenario_runs_at_S_and_the_peers_agree()
    {
        using var writer = new StringWriter();
        var lines = QuickRun.Run(writer);
        output.WriteLine(writer.ToString());
        Assert.Contains(lines, l => l.StartsWith("four rules: all peers agree", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("incremental packs: session equals fresh", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("incremental groups: session equals fresh", StringComparison.Ordinal));
    }
}
