
namespace Deeg.Policy;

/// <summary>Thrown by <c>PolicyEngineBuilder.Build</c> when a rule set has errors; carries all of them.</summary>
public sealed class RuleSetValidationException : Exception
{
    /// <summary>Creates the exception from the diagnostics.</summary>
    public RuleSetValidationException(IReadOnlyList<Diagnostic> diagnostics)
        : base(FormatMessage(diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Every diagnostic of the rule sets (errors and warnings).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string FormatMessage(IReadOnlyList<Diagnostic> diagnostics) =>
        $"the rule sets have {diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s):" + Environment.NewLine
        + string.Join(Environment.NewLine, diagnostics);
}

/// <summary>Thrown by <c>PolicyEngine.Evaluate</c> when the options are invalid (for example a parameter override of the wrong type).</summary>
public sealed class EvaluationOptionsException : Exception
{
    /// <summary>Creates the exception from the diagnostics.</summary>
    public EvaluationOptionsException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics)) => Diagnostics = diagnostics;

    /// <summary>What is wrong with the options.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
