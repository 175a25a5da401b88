
namespace Deeg.Policy;

/// <summary>
/// Options of the engine that <c>services.AddDeegPolicy(…)</c> registers, read through
/// <c>IOptionsMonitor&lt;DeegPolicyOptions&gt;</c>: configure them in code
/// (<c>services.Configure&lt;DeegPolicyOptions&gt;(…)</c>) or bind them to configuration, e.g. a
/// section <c>"DeegPolicy": { "BuiltInRuleSets": ["governance"], "RuleSetFiles": ["rules/acme.rules.json"] }</c>.
/// When they change, the engine is rebuilt.
/// </summary>
public sealed class DeegPolicyOptions
{
    /// <summary>Adds all built-in rule packs (as <see cref="PolicyEngineBuilder.AddBuiltInRuleSets"/>). Default false.</summary>
    public bool IncludeAllBuiltInRuleSets { get; set; }

    /// <summary>Built-in rule packs to add by name, e.g. <c>governance</c> (see <see cref="PolicyEngine.BuiltInRuleSetNames"/>).</summary>
    public IList<string> BuiltInRuleSets { get; } = new List<string>();

    /// <summary>
    /// Rule-set files to add, read relative to the current directory like
    /// <see cref="PolicyEngineBuilder.AddRuleSetFile"/>. Together with the files added in the
    /// <c>AddDeegPolicy</c> callback, they are watched when <see cref="WatchRuleSetFiles"/> is on.
    /// </summary>
    public IList<string> RuleSetFiles { get; } = new List<string>();

    /// <summary>
    /// Callbacks that configure each new <see cref="PolicyEngineBuilder"/>; <c>AddDeegPolicy(builder => …)</c>
    /// adds its callback here. They run again on every rebuild, so they must be repeatable.
    /// </summary>
    public IList<Action<PolicyEngineBuilder>> ConfigureEngine { get; } = new List<Action<PolicyEngineBuilder>>();

    /// <summary>
    /// Rebuild the engine when a rule-set file is written, created, renamed or deleted. Default true.
    /// A rebuild that fails is logged and the last good engine stays in service.
    /// </summary>
    public bool WatchRuleSetFiles { get; set; } = true;

    /// <summary>
    /// How long to wait after a change before rebuilding, so that the several writes of one save
    /// lead to one rebuild. Default 250 ms.
    /// </summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Detect changes by polling the files' timestamps and lengths instead of file-system
    /// events, for file systems without change notifications (some network shares and container
    /// mounts). Default: on when the environment variable <c>DOTNET_USE_POLLING_FILE_WATCHER</c>
    /// is <c>true</c> or <c>1</c>.
    /// </summary>
    public bool UsePollingFileWatcher { get; set; } = PollingFromEnvironment();

    /// <summary>How often to poll when <see cref="UsePollingFileWatcher"/> is on. Default 1 s.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    private static bool PollingFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER");
        return value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
    }
}
