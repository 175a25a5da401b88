using System.Linq.Expressions;
using NRules.Extensibility;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>The expression compilers compared in the compile scenario.</summary>
public static class Compilers
{
    /// <summary>By name: <c>system</c> (<c>Expression.Compile</c>, NRules' own default) or <c>fast</c> (FastExpressionCompiler, the engine's default).</summary>
    public static IExpressionCompiler Of(string name) => name switch
    {
        "system" => SystemExpressionCompiler.Instance,
        "fast" => FastExpressionCompilerAdapter.Instance,
        _ => throw new ArgumentException("unknown compiler " + name, nameof(name)),
    };
}

/// <summary>NRules' default: <c>Expression.Compile()</c>.</summary>
public sealed class SystemExpressionCompiler : IExpressionCompiler
{
    /// <summary>One shared instance (it has no state).</summary>
    public static SystemExpressionCompiler Instance { get; } = new();

    /// <inheritdoc />
    public TDelegate Compile<TDelegate>(Expression<TDelegate> expression)
        where TDelegate : Delegate => expression.Compile();
}
