using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding;

namespace Deeg.Policy.Engine;

/// <summary>The compiler pipeline: read → bind → lower → compile with NRules.</summary>
internal static class PolicyCompiler
{
    public static CompiledPolicy? Compile(IReadOnlyList<RuleSetSource> sources, FactTypeRegistry types, DiagnosticBag diagnostics)
    {
        _ = sources;
        _ = types;
        _ = diagnostics;
        return null;
    }
}
