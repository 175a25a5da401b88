
namespace Deeg.Policy;

/// <summary>The outcome of building or rebuilding the engine of an <see cref="IPolicyEngineProvider"/>.</summary>
public sealed class PolicyEngineReloadEventArgs : EventArgs
{
    /// <summary>Whether a new engine was put in service.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The engine in service after the attempt: the new one, or the last good one when the attempt failed.</summary>
    public required PolicyEngine Engine { get; init; }

    /// <summary>The generation of <see cref="Engine"/> (see <see cref="IPolicyEngineProvider.Generation"/>).</summary>
    public required long Generation { get; init; }

    /// <summary>Every diagnostic of the attempt, warnings included; the errors say why a failed attempt failed.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>How long compiling took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>An unexpected exception that stopped the attempt (for example from a configure callback), if any.</summary>
    public Exception? Exception { get; init; }
}
