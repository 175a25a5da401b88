using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Deeg.Policy.Extensions.DependencyInjection;

/// <summary>The instruments and the activity source of one service provider (see <see cref="DeegPolicyTelemetry"/>).</summary>
internal sealed class PolicyMetrics : IDisposable
{
    /// <summary>The library version, without the <c>+commit</c> suffix.</summary>
    internal static readonly string Version = Deeg.Policy.Core.ProductVersion.Of(typeof(PolicyMetrics).Assembly);

    /// <summary>One activity source per process, as usual for <see cref="ActivitySource"/>.</summary>
    internal static readonly ActivitySource ActivitySource = new(DeegPolicyTelemetry.ActivitySourceName, Version);

    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _evaluations;
    private readonly Histogram<double> _evaluationDuration;
    private readonly Counter<long> _findings;
    private readonly Histogram<double> _compileDuration;

    /// <summary>Creates the instruments on a meter of <paramref name="meterFactory"/> (the host's), or on an own meter.</summary>
    public PolicyMetrics(IMeterFactory? meterFactory = null)
    {
        var options = new MeterOptions(DeegPolicyTelemetry.MeterName) { Version = Version };
        Meter meter;
        if (meterFactory is null)
        {
            meter = new Meter(options);
            _ownedMeter = meter;
        }
        else
        {
            meter = meterFactory.Create(options);
        }

        Meter = meter;
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };
        _evaluations = meter.CreateCounter<long>(DeegPolicyTelemetry.EvaluationsInstrument, "{evaluation}", "Evaluations and opened sessions.");
        _evaluationDuration = meter.CreateHistogram(DeegPolicyTelemetry.EvaluationDurationInstrument, "s", "Duration of evaluations and session openings.", advice: seconds);
        _findings = meter.CreateCounter<long>(DeegPolicyTelemetry.FindingsInstrument, "{finding}", "Findings reported by evaluations and opened sessions.");
        _compileDuration = meter.CreateHistogram(DeegPolicyTelemetry.CompileDurationInstrument, "s", "Time to compile the rule sets.", advice: seconds);
    }

    /// <summary>The meter of the instruments.</summary>
    public Meter Meter { get; }

    /// <summary>Records one evaluation or opened session that produced <paramref name="report"/>.</summary>
    public void Evaluated(string operation, ComplianceReport report, TimeSpan duration)
    {
        var outcome = report.Errors.Count > 0 ? "rule_errors" : "ok";
        var tags = new TagList { { DeegPolicyTelemetry.OperationTag, operation }, { DeegPolicyTelemetry.OutcomeTag, outcome } };
        _evaluations.Add(1, tags);
        _evaluationDuration.Record(duration.TotalSeconds, tags);
        if (!_findings.Enabled) return;
        foreach (var group in report.Findings.GroupBy(f => (f.Severity, f.Waived)))
        {
            _findings.Add(group.Count(), new TagList
            {
                { DeegPolicyTelemetry.SeverityTag, SeverityName(group.Key.Severity) },
                { DeegPolicyTelemetry.WaivedTag, group.Key.Waived },
                { DeegPolicyTelemetry.OperationTag, operation },
            });
        }
    }

    /// <summary>Records an evaluation or session opening that threw.</summary>
    public void Failed(string operation, Exception exception, TimeSpan duration)
    {
        var tags = new TagList
        {
            { DeegPolicyTelemetry.OperationTag, operation },
            { DeegPolicyTelemetry.OutcomeTag, "failed" },
            { DeegPolicyTelemetry.ErrorTypeTag, exception.GetType().FullName },
        };
        _evaluations.Add(1, tags);
        _evaluationDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Records one compilation of the rule sets.</summary>
    public void Compiled(string trigger, bool succeeded, TimeSpan duration) =>
        _compileDuration.Record(duration.TotalSeconds, new TagList
        {
            { DeegPolicyTelemetry.TriggerTag, trigger },
            { DeegPolicyTelemetry.OutcomeTag, succeeded ? "ok" : "failed" },
        });

    /// <summary>The severity as written in reports: <c>info</c> … <c>critical</c>.</summary>
    internal static string SeverityName(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => "unknown",
    };

    /// <inheritdoc />
    public void Dispose() => _ownedMeter?.Dispose();
}
