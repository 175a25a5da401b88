
namespace Deeg.Policy;

/// <summary>The outcome of building or rebuilding the engine of an <see cref="IPolicyEngineProvider"/>.</summary>
public sealed class PolicyEngineReloadEventArgs : EventArgs
{
    /// <summary>Creates the outcome.</summary>
    /// <param name="succeeded">Whether a new engine was put in service.</param>
    /// <param name="engine">The engine in service after the attempt (the new one, or the last good one).</param>
    /// <param name="generation">The generation of <paramref name="engine"/>.</param>
    /// <param name="diagnostics">Every diagnostic of the attempt, warnings included.</param>
    /// <param name="duration">How long compiling took.</param>
    /// <param name="exception">An unexpected exception that stopped the attempt, if any.</param>
    public PolicyEngineReloadEventArgs(bool succeeded, PolicyEngine engine, long generation, IReadOnlyList<Diagnostic> diagnostics, TimeSpan duration, Exception? exception = null)
    {
        Succeeded = succeeded;
        Engine = engine;
        Generation = generation;
        Diagnostics = diagnostics;
        Duration = duration;
        Exception = exception;
    }

    /// <summary>Whether a new engine was put in service.</summary>
    public bool Succeeded { get; }

    /// <summary>The engine in service after the attempt: the new one, or the last good one when the attempt failed.</summary>
    public PolicyEngine Engine { get; }

    /// <summary>The generation of <see cref="Engine"/> (see <see cref="IPolicyEngineProvider.Generation"/>).</summary>
    public long Generation { get; }

    /// <summary>Every diagnostic of the attempt, warnings included; the errors say why a failed attempt failed.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>How long compiling took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>An unexpected exception that stopped the attempt (for example from a configure callback), if any.</summary>
    public Exception? Exception { get; }
}
