// TEMPORARY while the expression compiler lands: lets the rest of the library build.
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding;

namespace Deeg.Policy.Engine;

internal sealed class CompiledPolicy
{
    public IReadOnlyList<RuleSetSummary> RuleSets { get; } = [];

    public IReadOnlyList<RuleInfo> Rules { get; } = [];

    public (DiagnosticBag Diagnostics, object?[] Parameters) ValidateOptions(EvaluationOptions options) => (new DiagnosticBag(), [options]);

    public ComplianceReport Evaluate(PolicyModel model, EvaluationOptions options) => throw new NotSupportedException(model.ToString() + options);
}

internal static class PolicyCompiler
{
    public static CompiledPolicy? Compile(IReadOnlyList<RuleSetSource> sources, FactTypeRegistry types, DiagnosticBag diagnostics) => sources.Count < 0 || types is null || diagnostics is null ? null : null;
}
