using Microsoft.Extensions.Logging;

namespace Deeg.Policy.Extensions.DependencyInjection;

/// <summary>The log messages of the engine provider (category <c>Deeg.Policy.PolicyEngineProvider</c>).</summary>
internal static class Log
{
    private static readonly Action<ILogger, long, int, int, double, Exception?> s_compiled = LoggerMessage.Define<long, int, int, double>(
        LogLevel.Information, new EventId(1, "EngineCompiled"),
        "Policy engine generation {Generation} in service: {RuleSetCount} rule set(s), {RuleCount} rule(s), compiled in {ElapsedMilliseconds:0} ms");

    private static readonly Action<ILogger, string, Exception?> s_warning = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(2, "RuleSetWarning"),
        "Rule-set warning: {Diagnostic}");

    private static readonly Action<ILogger, int, long, string, Exception?> s_reloadFailed = LoggerMessage.Define<int, long, string>(
        LogLevel.Error, new EventId(3, "ReloadFailed"),
        "Rebuilding the policy engine failed with {ErrorCount} error(s); generation {Generation} stays in service:\n{Diagnostics}");

    private static readonly Action<ILogger, int, string, Exception?> s_initialFailed = LoggerMessage.Define<int, string>(
        LogLevel.Critical, new EventId(4, "InitialBuildFailed"),
        "Building the policy engine failed with {ErrorCount} error(s):\n{Diagnostics}");

    private static readonly Action<ILogger, long, Exception?> s_reloadException = LoggerMessage.Define<long>(
        LogLevel.Error, new EventId(5, "ReloadException"),
        "Rebuilding the policy engine threw; generation {Generation} stays in service");

    private static readonly Action<ILogger, string, Exception?> s_changed = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(6, "RuleSetFileChanged"),
        "Rule-set file {Path} changed; rebuilding the policy engine");

    private static readonly Action<ILogger, string, string, Exception?> s_watching = LoggerMessage.Define<string, string>(
        LogLevel.Debug, new EventId(7, "WatchingRuleSetFile"),
        "Watching rule-set file {Path} ({Mode})");

    private static readonly Action<ILogger, string, Exception?> s_cannotWatch = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(8, "CannotWatch"),
        "Cannot watch the folder {Folder}: it does not exist; changes of rule-set files in it are not noticed");

    private static readonly Action<ILogger, Exception?> s_handlerFailed = LoggerMessage.Define(
        LogLevel.Error, new EventId(9, "ReloadHandlerFailed"),
        "A handler of IPolicyEngineProvider.ReloadCompleted threw");

    private static readonly Action<ILogger, Exception?> s_optionsChanged = LoggerMessage.Define(
        LogLevel.Information, new EventId(10, "OptionsChanged"),
        "DeegPolicyOptions changed; rebuilding the policy engine");

    public static void Compiled(ILogger logger, long generation, PolicyEngine engine, TimeSpan elapsed) =>
        s_compiled(logger, generation, engine.RuleSets.Count, engine.Rules.Count, elapsed.TotalMilliseconds, null);

    public static void Warnings(ILogger logger, IEnumerable<Diagnostic> diagnostics)
    {
        if (!logger.IsEnabled(LogLevel.Warning)) return;
        foreach (var d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning)) s_warning(logger, d.ToString(), null);
    }

    public static void ReloadFailed(ILogger logger, long generation, IReadOnlyList<Diagnostic> diagnostics) =>
        s_reloadFailed(logger, Errors(diagnostics), generation, Lines(diagnostics), null);

    public static void InitialBuildFailed(ILogger logger, IReadOnlyList<Diagnostic> diagnostics) =>
        s_initialFailed(logger, Errors(diagnostics), Lines(diagnostics), null);

    public static void ReloadException(ILogger logger, long generation, Exception exception) => s_reloadException(logger, generation, exception);

    public static void RuleSetFileChanged(ILogger logger, string path) => s_changed(logger, path, null);

    public static void Watching(ILogger logger, string path, string mode) => s_watching(logger, path, mode, null);

    public static void CannotWatch(ILogger logger, string folder) => s_cannotWatch(logger, folder, null);

    public static void HandlerFailed(ILogger logger, Exception exception) => s_handlerFailed(logger, exception);

    public static void OptionsChanged(ILogger logger) => s_optionsChanged(logger, null);

    private static int Errors(IReadOnlyList<Diagnostic> diagnostics) => diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    private static string Lines(IReadOnlyList<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => "  " + d));
}
