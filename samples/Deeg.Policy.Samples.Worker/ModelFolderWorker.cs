using Deeg.Policy.History;
using Microsoft.Extensions.Options;

namespace Deeg.Policy.Samples.Worker;

/// <summary>
/// Polls a folder of models (polling works on every file system, network shares included). A new
/// file opens a <see cref="PolicySession"/> for its organisation; a changed file is applied with
/// <see cref="PolicySession.Replace"/>, which re-evaluates only what changed; a deleted file closes
/// the session. When the rules are reloaded, each session is reopened on the new engine. Every
/// finding that opens or closes is logged. All session work happens on this one loop, as a session
/// is single-threaded. With <see cref="ModelFolderOptions.History"/> every evaluation is recorded as a
/// run of its organisation, so the trend can be looked at with <c>deeg-policy history</c>.
/// </summary>
public sealed class ModelFolderWorker(
    IPolicyEvaluator evaluator,
    IPolicyEngineProvider engines,
    IOptions<ModelFolderOptions> options,
    ILogger<ModelFolderWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, (string Organisation, DateTime Written, long Length)> _files = [];
    private readonly Dictionary<string, PolicySession> _sessions = [];
    private long _generation;
    private IHistoryStore? _history;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = Path.GetFullPath(options.Value.Folder);
        logger.LogInformation("Watching {Folder} for organisation models", folder);
        _generation = engines.Generation;
        if (options.Value.History is { Length: > 0 } target)
        {
            try
            {
                _history = HistoryStore.Open(target);
                logger.LogInformation("Recording every evaluation into the history {History}", _history.Target);
            }
            catch (HistoryException ex)
            {
                logger.LogError("{Error}; evaluating without a history", ex.Message);
            }
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval);
        try
        {
            do
            {
                Scan(folder);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public override void Dispose()
    {
        foreach (var session in _sessions.Values) session.Dispose();
        _history?.Dispose();
        base.Dispose();
    }

    private void Scan(string folder)
    {
        if (engines.Generation != _generation) ReopenSessions();

        var present = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json") : [];
        foreach (var path in present.Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(path);
            if (_files.TryGetValue(path, out var known) && known.Written == info.LastWriteTimeUtc && known.Length == info.Length) continue;
            Apply(path, info);
        }

        foreach (var path in _files.Keys.Except(present).ToList())
        {
            logger.LogInformation("{File} was deleted", Path.GetFileName(path));
            CloseSession(_files[path].Organisation);
            _files.Remove(path);
        }
    }

    private void Apply(string path, FileInfo info)
    {
        var loaded = evaluator.LoadModel(path);
        if (!loaded.Succeeded)
        {
            logger.LogWarning("{File} has errors; keeping its last good version:\n  {Diagnostics}", info.Name, string.Join("\n  ", loaded.Diagnostics));
            _files[path] = (_files.TryGetValue(path, out var known) ? known.Organisation : "", info.LastWriteTimeUtc, info.Length);
            return;
        }

        var model = loaded.Model!;
        var organisation = model.Organisation.Id;
        if (_files.TryGetValue(path, out var previous) && previous.Organisation != organisation && previous.Organisation != "")
            CloseSession(previous.Organisation);
        _files[path] = (organisation, info.LastWriteTimeUtc, info.Length);

        if (_sessions.TryGetValue(organisation, out var session))
        {
            try
            {
                var delta = session.Replace(model);   // applies the difference as upserts and removes
                LogFindings(organisation, "opened", delta.Opened);
                LogFindings(organisation, "closed", delta.Closed);
                logger.LogInformation("{Organisation}: {File} changed: {Opened} opened, {Closed} closed, {Open} open", organisation, info.Name, delta.Opened.Count, delta.Closed.Count, Open(session));
                Record(session.Report());
            }
            catch (ArgumentException ex)
            {
                logger.LogWarning("{Organisation}: {File} cannot be applied: {Reason}", organisation, info.Name, ex.Message);
            }

            return;
        }

        session = evaluator.OpenSession(model, new EvaluationOptions { Language = options.Value.Language });
        _sessions[organisation] = session;
        var report = session.Report();
        LogFindings(organisation, "opened", report.Findings);
        logger.LogInformation("{Organisation}: session opened from {File}: {Open} open finding(s), score {Score}", organisation, info.Name, Open(session), report.Summary.Score);
        Record(report);
    }

    /// <summary>Records an evaluation into the history, if there is one; a failed write is logged and the worker goes on.</summary>
    private void Record(ComplianceReport report)
    {
        if (_history is null) return;
        try
        {
            var run = _history.Record(report).Run;
            logger.LogInformation("{Organisation}: recorded run {Run} into the history (score {Score}, {New} new, {Fixed} fixed)", report.Organisation.Id, run.Id, run.Score, run.New, run.Fixed);
        }
        catch (HistoryException ex)
        {
            logger.LogError("{Organisation}: {Error}", report.Organisation.Id, ex.Message);
        }
    }

    private void CloseSession(string organisation)
    {
        if (!_sessions.Remove(organisation, out var session)) return;
        LogFindings(organisation, "closed", session.Report().Findings);
        session.Dispose();
        logger.LogInformation("{Organisation}: session closed", organisation);
    }

    /// <summary>The rules changed: reopen every session on the new engine and log the difference.</summary>
    private void ReopenSessions()
    {
        _generation = engines.Generation;
        foreach (var (organisation, old) in _sessions.ToList())
        {
            var before = old.Report().Findings;
            var session = evaluator.OpenSession(old.Model, new EvaluationOptions { Language = options.Value.Language });
            var after = session.Report().Findings;
            old.Dispose();
            _sessions[organisation] = session;
            LogFindings(organisation, "opened", after.Where(f => !before.Any(b => b.Fingerprint == f.Fingerprint)).ToList());
            LogFindings(organisation, "closed", before.Where(f => !after.Any(a => a.Fingerprint == f.Fingerprint)).ToList());
            logger.LogInformation("{Organisation}: rules reloaded (engine generation {Generation}): {Open} open finding(s)", organisation, _generation, Open(session));
            Record(session.Report());
        }
    }

    private void LogFindings(string organisation, string what, IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
            logger.LogInformation("{Organisation}: {What} {Severity} {RuleId} {Subject}: {Message}", organisation, what, f.Severity, f.RuleId, f.Subject, f.Message);
    }

    private static int Open(PolicySession session) => session.Report().Findings.Count(f => !f.Waived);
}
