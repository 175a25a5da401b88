using BenchmarkDotNet.Attributes;

namespace Deeg.Policy.Benchmarks;

/// <summary>
/// The engine's own costs on the sample organisations: compiling the built-in packs, and one
/// evaluation of a model. These are baselines for the engine itself; the comparison with the
/// peers (hand-written NRules, Microsoft RulesEngine, LINQ) on generated organisations of
/// 2,000 to 200,000 facts is in <c>Suites/</c> (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private PolicyEngine _engine = null!;
    private PolicyModel _model = null!;

    /// <summary>The sample model to evaluate.</summary>
    [Params("hahn-antriebstechnik", "stadtbibliothek-lindenau", "nordlicht-kommunikation")]
    public string Model { get; set; } = "hahn-antriebstechnik";

    [GlobalSetup]
    public void Setup()
    {
        _engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();
        var path = Path.Combine(RepositoryRoot(), "samples", "models", Model + ".json");
        _model = PolicyModel.Load(path).Model ?? throw new InvalidOperationException("cannot load " + path);
    }

    [Benchmark]
    public PolicyEngine CompileBuiltInPacks() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();

    [Benchmark]
    public ComplianceReport Evaluate() => _engine.Evaluate(_model);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Deeg.Policy.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
