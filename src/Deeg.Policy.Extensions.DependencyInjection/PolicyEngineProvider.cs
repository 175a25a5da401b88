using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Deeg.Policy.Extensions.DependencyInjection;

/// <summary>
/// The <see cref="IPolicyEngineProvider"/> of <c>AddDeegPolicy</c>. Builds the first engine when it
/// is created (throwing <see cref="RuleSetValidationException"/> if the rule sets have errors), then
/// rebuilds on a timer thread after a watched file or the options changed: one rebuild at a time,
/// the new engine published with a single reference write, a failed rebuild logged and ignored.
/// </summary>
internal sealed class PolicyEngineProvider : IPolicyEngineProvider, IDisposable
{
    private readonly IOptionsMonitor<DeegPolicyOptions> _options;
    private readonly ILogger _logger;
    private readonly IMeterFactory? _meterFactory;
    private readonly object _reloadLock = new();
    private readonly Timer _debounce;
    private readonly IDisposable? _optionsSubscription;
    private volatile State _state;
    private RuleSetFileWatcher? _watcher;
    private bool _disposed;

    /// <summary>Builds the first engine.</summary>
    /// <param name="options">The options; a change rebuilds the engine.</param>
    /// <param name="loggerFactory">The host's logging, if any.</param>
    /// <param name="meterFactory">The host's meter factory, if any: the engines record their metrics on its meter.</param>
    public PolicyEngineProvider(IOptionsMonitor<DeegPolicyOptions> options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        _options = options;
        _meterFactory = meterFactory;
        _logger = (ILogger?)loggerFactory?.CreateLogger<PolicyEngineProvider>() ?? NullLogger.Instance;

        var current = options.CurrentValue;
        var attempt = Compile(current, "initial", 1);
        if (attempt.Engine is null)
        {
            Log.InitialBuildFailed(_logger, attempt.Diagnostics);
            throw new RuleSetValidationException(attempt.Diagnostics);
        }

        Log.Warnings(_logger, attempt.Diagnostics);
        Log.Compiled(_logger, 1, attempt.Engine, attempt.Duration);
        _state = new State(attempt.Engine, 1, new PolicyEngineReloadEventArgs { Succeeded = true, Engine = attempt.Engine, Generation = 1, Diagnostics = attempt.Diagnostics, Duration = attempt.Duration });
        _debounce = new Timer(_ => ReloadInBackground(), null, Timeout.Infinite, Timeout.Infinite);
        UpdateWatcher(current, attempt.Files);
        _optionsSubscription = options.OnChange((_, name) =>
        {
            if (name != Options.DefaultName) return;
            Log.OptionsChanged(_logger);
            ScheduleReload();
        });
    }

    /// <inheritdoc />
    public PolicyEngine Current => _state.Engine;

    /// <inheritdoc />
    public long Generation => _state.Generation;

    /// <inheritdoc />
    public PolicyEngineReloadEventArgs LastReload => _state.LastReload;

    /// <inheritdoc />
    public event EventHandler<PolicyEngineReloadEventArgs>? ReloadCompleted;

    /// <summary>The files being watched (full paths); empty when watching is off.</summary>
    internal IReadOnlyCollection<string> WatchedFiles => _watcher?.Files ?? [];

    /// <inheritdoc />
    public Task<PolicyEngineReloadEventArgs> ReloadAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            lock (_reloadLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return Reload();
            }
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_reloadLock)
        {
            if (_disposed) return;
            _disposed = true;
            _optionsSubscription?.Dispose();
            _debounce.Dispose();
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    /// <summary>Starts (or restarts) the delay after which the engine is rebuilt.</summary>
    private void ScheduleReload()
    {
        var delay = _options.CurrentValue.ReloadDelay;
        try
        {
            _debounce.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while a change came in: nothing to do.
        }
    }

    private void OnFileChanged(string path)
    {
        Log.RuleSetFileChanged(_logger, path);
        ScheduleReload();
    }

    private void ReloadInBackground()
    {
        lock (_reloadLock)
        {
            if (_disposed) return;
            Reload();
        }
    }

    /// <summary>Rebuilds under <see cref="_reloadLock"/>; never throws.</summary>
    private PolicyEngineReloadEventArgs Reload()
    {
        var state = _state;
        var options = _options.CurrentValue;
        PolicyEngineReloadEventArgs outcome;
        try
        {
            var attempt = Compile(options, "reload", state.Generation + 1);
            if (attempt.Engine is null)
            {
                Log.ReloadFailed(_logger, state.Generation, attempt.Diagnostics);
                outcome = new PolicyEngineReloadEventArgs { Succeeded = false, Engine = state.Engine, Generation = state.Generation, Diagnostics = attempt.Diagnostics, Duration = attempt.Duration };
                _state = state with { LastReload = outcome };
            }
            else
            {
                var generation = state.Generation + 1;
                Log.Warnings(_logger, attempt.Diagnostics);
                Log.Compiled(_logger, generation, attempt.Engine, attempt.Duration);
                outcome = new PolicyEngineReloadEventArgs { Succeeded = true, Engine = attempt.Engine, Generation = generation, Diagnostics = attempt.Diagnostics, Duration = attempt.Duration };
                _state = new State(attempt.Engine, generation, outcome);   // the atomic swap
            }

            UpdateWatcher(options, attempt.Files);
        }
        catch (Exception ex)
        {
            Log.ReloadException(_logger, state.Generation, ex);
            outcome = new PolicyEngineReloadEventArgs { Succeeded = false, Engine = state.Engine, Generation = state.Generation, Diagnostics = [], Exception = ex };
            _state = state with { LastReload = outcome };
        }

        try
        {
            ReloadCompleted?.Invoke(this, outcome);
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, ex);
        }

        return outcome;
    }

    /// <summary>
    /// Builds an engine from the options. The builder measures the compilation and gives the
    /// engine the host's meter factory, the trigger and the generation it would have in service.
    /// </summary>
    private Attempt Compile(DeegPolicyOptions options, string trigger, long generation)
    {
        var started = Stopwatch.GetTimestamp();
        var builder = PolicyEngine.CreateBuilder();
        foreach (var configure in options.ConfigureEngine) configure(builder);
        if (options.IncludeAllBuiltInRuleSets) builder.AddBuiltInRuleSets();
        foreach (var name in options.BuiltInRuleSets) builder.AddBuiltInRuleSet(name);
        foreach (var file in options.RuleSetFiles) builder.AddRuleSetFile(file);
        var files = builder.RuleSetFiles.Select(Path.GetFullPath).Distinct().ToList();

        var result = builder.UseTelemetry(_meterFactory, trigger, generation).TryBuild();
        return new Attempt(result.Engine, result.Diagnostics, files, Stopwatch.GetElapsedTime(started));
    }

    private void UpdateWatcher(DeegPolicyOptions options, IReadOnlyList<string> files)
    {
        if (_disposed) return;
        var wanted = options.WatchRuleSetFiles ? files : [];
        if (_watcher is not null && _watcher.Watches(wanted, options.UsePollingFileWatcher)) return;
        _watcher?.Dispose();
        _watcher = wanted.Count == 0 ? null : new RuleSetFileWatcher(wanted, options.UsePollingFileWatcher, options.PollingInterval, OnFileChanged, _logger);
    }

    /// <summary>What is in service; replaced as a whole so readers see a consistent engine and generation.</summary>
    private sealed record State(PolicyEngine Engine, long Generation, PolicyEngineReloadEventArgs LastReload);

    private sealed record Attempt(PolicyEngine? Engine, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Files, TimeSpan Duration);
}
