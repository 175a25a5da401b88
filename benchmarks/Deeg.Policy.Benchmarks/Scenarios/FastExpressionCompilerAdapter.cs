using System.Linq.Expressions;
using FastExpressionCompiler;
using NRules.Extensibility;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>NRules' expression compiler backed by FastExpressionCompiler's <c>CompileFast</c>.</summary>
public sealed class FastExpressionCompilerAdapter : IExpressionCompiler
{
    /// <summary>One shared instance (it has no state).</summary>
    public static FastExpressionCompilerAdapter Instance { get; } = new();

    /// <inheritdoc />
    public TDelegate Compile<TDelegate>(Expression<TDelegate> expression)
        where TDelegate : Delegate => expression.CompileFast();
}
