using System.Diagnostics;

namespace Deeg.Policy.Extensions.DependencyInjection;

/// <summary>The <see cref="IPolicyEvaluator"/> of <c>AddDeegPolicy</c>: the current engine, measured.</summary>
internal sealed class PolicyEvaluator(IPolicyEngineProvider provider, PolicyMetrics metrics) : IPolicyEvaluator
{
    private const string EvaluateOperation = "evaluate";
    private const string OpenSessionOperation = "open_session";

    /// <inheritdoc />
    public PolicyEngine Engine => provider.Current;

    /// <inheritdoc />
    public ModelLoadResult ParseModel(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return provider.Current.ParseModel(json, sourceName);
    }

    /// <inheritdoc />
    public ModelLoadResult LoadModel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return provider.Current.LoadModel(path);
    }

    /// <inheritdoc />
    public ComplianceReport Evaluate(PolicyModel model, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Measure(EvaluateOperation, DeegPolicyTelemetry.EvaluateActivity, model, engine => engine.Evaluate(model, options), report => report);
    }

    /// <inheritdoc />
    public PolicySession OpenSession(PolicyModel model, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Measure(OpenSessionOperation, DeegPolicyTelemetry.OpenSessionActivity, model, engine => engine.OpenSession(model, options), session => session.Report());
    }

    private T Measure<T>(string operation, string activityName, PolicyModel model, Func<PolicyEngine, T> run, Func<T, ComplianceReport> reportOf)
    {
        var engine = provider.Current;
        using var activity = PolicyMetrics.ActivitySource.StartActivity(activityName);
        activity?.SetTag("deeg.policy.organisation.id", model.Organisation.Id);
        activity?.SetTag("deeg.policy.engine.generation", provider.Generation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = run(engine);
            var report = reportOf(result);
            var duration = Stopwatch.GetElapsedTime(started);
            metrics.Evaluated(operation, report, duration);
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
            metrics.Failed(operation, ex, Stopwatch.GetElapsedTime(started));
            activity?.SetTag(DeegPolicyTelemetry.ErrorTypeTag, ex.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.AddException(ex);
            throw;
        }
    }
}
