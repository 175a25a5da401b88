namespace Deeg.Policy;

/// <summary>
/// The outcome of <see cref="PolicyEngineBuilder.TryBuild"/>: the engine, or the complete list of
/// problems — the counterpart of <see cref="ModelLoadResult"/> for rule sets.
/// </summary>
public sealed class RuleSetBuildResult
{
    internal RuleSetBuildResult(PolicyEngine? engine, IReadOnlyList<Diagnostic> diagnostics)
    {
        Engine = engine;
        Diagnostics = diagnostics;
    }

    /// <summary>True when there is no error (warnings may exist), so <see cref="Engine"/> is set.</summary>
    public bool Succeeded => Engine is not null;

    /// <summary>The engine, when building succeeded.</summary>
    public PolicyEngine? Engine { get; }

    /// <summary>Every diagnostic of the rule sets, warnings included (lint warnings when linting is enabled), sorted by file and position.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
