
namespace Deeg.Policy.Extensions.DependencyInjection;

/// <summary>
/// Names of the telemetry of Deeg.Policy, emitted through <c>System.Diagnostics</c> — no
/// OpenTelemetry dependency. The engine itself records it (building, evaluating, opening a
/// session), with or without this package; <c>AddDeegPolicy</c> adds the host's
/// <c>IMeterFactory</c>, the <see cref="TriggerTag"/> of rebuilds and the engine generation. With
/// OpenTelemetry, subscribe with <c>.AddMeter(DeegPolicyTelemetry.MeterName)</c> and
/// <c>.AddSource(DeegPolicyTelemetry.ActivitySourceName)</c>.
/// </summary>
public static class DeegPolicyTelemetry
{
    /// <summary>The name of the <c>Meter</c>: <c>Deeg.Policy</c>.</summary>
    public const string MeterName = "Deeg.Policy";

    /// <summary>The name of the <c>ActivitySource</c>: <c>Deeg.Policy</c>.</summary>
    public const string ActivitySourceName = "Deeg.Policy";

    /// <summary>Counter of evaluations and opened sessions (<c>{evaluation}</c>); tags <see cref="OperationTag"/>, <see cref="OutcomeTag"/>.</summary>
    public const string EvaluationsInstrument = "deeg.policy.evaluations";

    /// <summary>Histogram of the duration of evaluations and session openings in seconds; tags <see cref="OperationTag"/>, <see cref="OutcomeTag"/>.</summary>
    public const string EvaluationDurationInstrument = "deeg.policy.evaluation.duration";

    /// <summary>Counter of findings reported (<c>{finding}</c>); tags <see cref="SeverityTag"/>, <see cref="WaivedTag"/>, <see cref="OperationTag"/>.</summary>
    public const string FindingsInstrument = "deeg.policy.findings";

    /// <summary>Histogram of the time to compile the rule sets in seconds; tags <see cref="TriggerTag"/> (from this package), <see cref="OutcomeTag"/>.</summary>
    public const string CompileDurationInstrument = "deeg.policy.compile.duration";

    /// <summary>
    /// Counter of models rejected as invalid (<c>{model}</c>): not loaded by the engine's
    /// <c>LoadModel</c>/<c>ParseModel</c>, or not evaluated by <c>Evaluate</c>/<c>OpenSession</c>;
    /// tag <see cref="OperationTag"/> (<c>load_model</c>, <c>parse_model</c>, <c>evaluate</c>, <c>open_session</c>).
    /// </summary>
    public const string ModelsRejectedInstrument = "deeg.policy.models.rejected";

    /// <summary>Tag: <c>evaluate</c> or <c>open_session</c> (and <c>load_model</c>, <c>parse_model</c> on <see cref="ModelsRejectedInstrument"/>).</summary>
    public const string OperationTag = "deeg.policy.operation";

    /// <summary>Tag: <c>ok</c>; <c>rule_errors</c> (a report with evaluation errors); <c>failed</c> (an exception, see <c>error.type</c>).</summary>
    public const string OutcomeTag = "deeg.policy.outcome";

    /// <summary>Tag: the severity of a finding, <c>info</c> … <c>critical</c>.</summary>
    public const string SeverityTag = "deeg.policy.severity";

    /// <summary>Tag: whether the finding is waived (<c>true</c>/<c>false</c>).</summary>
    public const string WaivedTag = "deeg.policy.waived";

    /// <summary>Tag: what started a compilation, <c>initial</c> or <c>reload</c>; set by this package (an engine built without it has no trigger).</summary>
    public const string TriggerTag = "deeg.policy.trigger";

    /// <summary>Tag of failed operations: the exception's type name (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Activity of <see cref="PolicyEngine.Evaluate"/> (and so of <see cref="IPolicyEvaluator.Evaluate"/>).</summary>
    public const string EvaluateActivity = "deeg.policy.evaluate";

    /// <summary>Activity of <see cref="PolicyEngine.OpenSession"/> (and so of <see cref="IPolicyEvaluator.OpenSession"/>).</summary>
    public const string OpenSessionActivity = "deeg.policy.open_session";

    /// <summary>Activity of compiling the rule sets (<see cref="PolicyEngineBuilder.TryBuild"/>; here the first build and every rebuild).</summary>
    public const string CompileActivity = "deeg.policy.compile";
}
