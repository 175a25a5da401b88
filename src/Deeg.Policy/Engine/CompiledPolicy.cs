using Deeg.Policy.Diagnostics;

namespace Deeg.Policy.Engine;

/// <summary>The compiled form of all loaded rule sets: NRules session factory plus rule metadata.</summary>
internal sealed partial class CompiledPolicy
{
    public required IReadOnlyList<RuleSetSummary> RuleSets { get; init; }

    public required IReadOnlyList<RuleInfo> Rules { get; init; }

    public (DiagnosticBag Diagnostics, object? Parameters) ValidateOptions(EvaluationOptions options)
    {
        _ = options;
        return (new DiagnosticBag(), null);
    }

    public ComplianceReport Evaluate(PolicyModel model, EvaluationOptions options) => throw new NotSupportedException("pending " + model.Organisation.Id + options.Language);
}
