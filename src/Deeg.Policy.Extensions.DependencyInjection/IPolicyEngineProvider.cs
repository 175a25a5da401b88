
namespace Deeg.Policy;

/// <summary>
/// Holds the <see cref="PolicyEngine"/> in service and replaces it when the rule sets are rebuilt:
/// when a watched rule-set file changes, when <see cref="DeegPolicyOptions"/> change (for example a
/// reloaded configuration file), or on <see cref="ReloadAsync"/>. A rebuild compiles in the
/// background and swaps the new engine in atomically; a rebuild that fails (a broken edit) is
/// logged with its diagnostics and the last good engine stays in service.
/// </summary>
public interface IPolicyEngineProvider
{
    /// <summary>The engine in service. Read it per unit of work; it is immutable and thread-safe.</summary>
    PolicyEngine Current { get; }

    /// <summary>How many engines were put in service: 1 after the first build, +1 per successful rebuild.</summary>
    long Generation { get; }

    /// <summary>The outcome of the latest build or rebuild (also when it failed).</summary>
    PolicyEngineReloadEventArgs LastReload { get; }

    /// <summary>Raised after every rebuild, successful or not, on a background thread.</summary>
    event EventHandler<PolicyEngineReloadEventArgs>? ReloadCompleted;

    /// <summary>Rebuilds the engine now (in the background) and returns the outcome; never throws for rule-set errors.</summary>
    /// <param name="cancellationToken">Cancels waiting to start the rebuild.</param>
    /// <exception cref="ObjectDisposedException">The provider (the service provider that owns it) is disposed.</exception>
    Task<PolicyEngineReloadEventArgs> ReloadAsync(CancellationToken cancellationToken = default);
}
