using Deeg.Policy.Core;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Deeg.Policy.Engine;

/// <summary>
/// The metrics and activities of the library, plain <c>System.Diagnostics</c>: a meter and an
/// activity source named <c>Deeg.Policy</c>. Building an engine, evaluating and opening a session
/// record here, so a host sees them with or without dependency injection. An engine records on
/// the process-wide meter (<see cref="Shared"/>) unless its builder was given a meter factory.
/// </summary>
internal sealed class PolicyTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    internal const string Name = "Deeg.Policy";

    internal const string EvaluationsInstrument = "deeg.policy.evaluations";
    internal const string EvaluationDurationInstrument = "deeg.policy.evaluation.duration";
    internal const string FindingsInstrument = "deeg.policy.findings";
    internal const string CompileDurationInstrument = "deeg.policy.compile.duration";
    internal const string RejectedModelsInstrument = "deeg.policy.models.rejected";

    internal const string OperationTag = "deeg.policy.operation";
    internal const string OutcomeTag = "deeg.policy.outcome";
    internal const string SeverityTag = "deeg.policy.severity";
    internal const string WaivedTag = "deeg.policy.waived";
    internal const string TriggerTag = "deeg.policy.trigger";
    internal const string ErrorTypeTag = "error.type";

    internal const string EvaluateActivity = "deeg.policy.evaluate";
    internal const string OpenSessionActivity = "deeg.policy.open_session";
    internal const string CompileActivity = "deeg.policy.compile";

    internal const string EvaluateOperation = "evaluate";
    internal const string OpenSessionOperation = "open_session";
    internal const string LoadModelOperation = "load_model";
    internal const string ParseModelOperation = "parse_model";

    /// <summary>The rule id of the errors that say a model was invalid (nothing was evaluated).</summary>
    internal const string ModelErrorRuleId = "model";

    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly ConditionalWeakTable<IMeterFactory, PolicyTelemetry> ByFactory = new();

    private readonly Counter<long> _evaluations;
    private readonly Histogram<double> _evaluationDuration;
    private readonly Counter<long> _findings;
    private readonly Histogram<double> _compileDuration;
    private readonly Counter<long> _rejectedModels;

    private PolicyTelemetry(Meter meter)
    {
        Meter = meter;
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };
        _evaluations = meter.CreateCounter<long>(EvaluationsInstrument, "{evaluation}", "Evaluations and opened sessions.");
        _evaluationDuration = meter.CreateHistogram(EvaluationDurationInstrument, "s", "Duration of evaluations and session openings.", advice: seconds);
        _findings = meter.CreateCounter<long>(FindingsInstrument, "{finding}", "Findings reported by evaluations and opened sessions.");
        _compileDuration = meter.CreateHistogram(CompileDurationInstrument, "s", "Time to compile the rule sets.", advice: seconds);
        _rejectedModels = meter.CreateCounter<long>(RejectedModelsInstrument, "{model}", "Models rejected as invalid: not loaded, or not evaluated.");
    }

    /// <summary>The library version, without the <c>+commit</c> suffix.</summary>
    internal static string Version { get; } = ProductVersion.Of(typeof(PolicyTelemetry).Assembly);

    /// <summary>One activity source per process, as usual for <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    internal static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The instruments on the process-wide meter: what an engine records on by default.</summary>
    internal static PolicyTelemetry Shared { get; } = new(new Meter(Options()));

    /// <summary>The meter of the instruments.</summary>
    internal Meter Meter { get; }

    /// <summary>
    /// The instruments on the meter that <paramref name="meterFactory"/> creates (a host's, so its
    /// metrics pipeline sees them), made once per factory; <see cref="Shared"/> when there is none.
    /// </summary>
    internal static PolicyTelemetry For(IMeterFactory? meterFactory) =>
        meterFactory is null ? Shared : ByFactory.GetValue(meterFactory, factory => new PolicyTelemetry(factory.Create(Options())));

    private bool Listened => _evaluations.Enabled || _evaluationDuration.Enabled || _findings.Enabled || _rejectedModels.Enabled;

    /// <summary>Records one evaluation or opened session that produced <paramref name="report"/>.</summary>
    internal void Evaluated(string operation, ComplianceReport report, TimeSpan duration)
    {
        var outcome = report.Errors.Count > 0 ? "rule_errors" : "ok";
        var tags = new TagList { { OperationTag, operation }, { OutcomeTag, outcome } };
        _evaluations.Add(1, tags);
        _evaluationDuration.Record(duration.TotalSeconds, tags);
        if (report.Errors.Any(e => e.RuleId == ModelErrorRuleId)) Rejected(operation);
        if (!_findings.Enabled) return;
        foreach (var group in report.Findings.GroupBy(f => (f.Severity, f.Waived)))
        {
            _findings.Add(group.Count(), new TagList
            {
                { SeverityTag, Severities.Name(group.Key.Severity) },
                { WaivedTag, group.Key.Waived },
                { OperationTag, operation },
            });
        }
    }

    /// <summary>Records an evaluation or session opening that threw.</summary>
    internal void Failed(string operation, Exception exception, TimeSpan duration)
    {
        var tags = new TagList
        {
            { OperationTag, operation },
            { OutcomeTag, "failed" },
            { ErrorTypeTag, exception.GetType().FullName },
        };
        _evaluations.Add(1, tags);
        _evaluationDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Records one compilation of rule sets; <paramref name="trigger"/> is the host's reason, if it gave one.</summary>
    internal void Compiled(string? trigger, bool succeeded, TimeSpan duration)
    {
        var tags = new TagList();
        if (trigger is not null) tags.Add(TriggerTag, trigger);
        tags.Add(OutcomeTag, succeeded ? "ok" : "failed");
        _compileDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Records a model that was rejected as invalid by <paramref name="operation"/>.</summary>
    internal void Rejected(string operation) => _rejectedModels.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));

    /// <summary>
    /// Runs an evaluation or a session opening inside its activity and measures it: duration,
    /// outcome, findings by severity, and a rejected model. An exception is measured and rethrown.
    /// <paramref name="reportOf"/> is called only when an activity or an instrument is listened to.
    /// </summary>
    internal T Measure<T>(string operation, string activityName, PolicyModel model, long? generation, Func<T> run, Func<T, ComplianceReport> reportOf)
    {
        using var activity = ActivitySource.StartActivity(activityName);
        if (activity is not null)
        {
            activity.SetTag("deeg.policy.organisation.id", model.Organisation?.Id);
            if (generation is not null) activity.SetTag("deeg.policy.engine.generation", generation.Value);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = run();
            var duration = Stopwatch.GetElapsedTime(started);

            // A session's report costs a report build: only made when someone listens.
            if (activity is null && !Listened) return result;
            var report = reportOf(result);
            Evaluated(operation, report, duration);
            if (activity is not null)
            {
                activity.SetTag("deeg.policy.findings", report.Summary.Findings - report.Summary.Waived);
                activity.SetTag("deeg.policy.waived", report.Summary.Waived);
                activity.SetTag("deeg.policy.score", report.Summary.Score);
                activity.SetTag("deeg.policy.errors", report.Errors.Count);
                if (report.Errors.Count > 0) activity.SetStatus(ActivityStatusCode.Error, $"{report.Errors.Count} rule(s) failed at evaluation time");
            }

            return result;
        }
        catch (Exception ex)
        {
            Failed(operation, ex, Stopwatch.GetElapsedTime(started));
            if (activity is not null)
            {
                activity.SetTag(ErrorTypeTag, ex.GetType().FullName);
                activity.SetStatus(ActivityStatusCode.Error, ex.Message);
                activity.AddException(ex);
            }

            throw;
        }
    }

    private static MeterOptions Options() => new(Name) { Version = Version };

}
