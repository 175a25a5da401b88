using Deeg.Policy.Packs;
using Deeg.Policy.Engine;
using Deeg.Policy.Model;
using Deeg.Policy.Core;

namespace Deeg.Policy;

/// <summary>
/// Compiled rule sets, ready to evaluate organisation models. Build once with
/// <see cref="CreateBuilder"/> and share: an engine is immutable and thread-safe.
/// </summary>
/// <remarks>
/// Building, <see cref="Evaluate"/> and <see cref="OpenSession"/> record metrics and activities
/// through <c>System.Diagnostics</c> on a <c>Meter</c> and an <c>ActivitySource</c> named
/// <c>Deeg.Policy</c> (for OpenTelemetry: <c>AddMeter("Deeg.Policy")</c>, <c>AddSource("Deeg.Policy")</c>).
/// </remarks>
public sealed class PolicyEngine
{
    private readonly CompiledPolicy _compiled;
    private readonly FactTypeRegistry _types;
    private readonly PolicyTelemetry _telemetry;
    private readonly long? _generation;

    internal PolicyEngine(CompiledPolicy compiled, FactTypeRegistry types, IReadOnlyList<Diagnostic> warnings, PolicyTelemetry telemetry, long? generation)
    {
        _compiled = compiled;
        _types = types;
        Warnings = warnings;
        _telemetry = telemetry;
        _generation = generation;
    }

    /// <summary>The names of the built-in rule packs.</summary>
    public static IReadOnlyList<string> BuiltInRuleSetNames => BuiltInPacks.Names;

    /// <summary>Starts a builder.</summary>
    public static PolicyEngineBuilder CreateBuilder() => new();

    /// <summary>The version of the library (<c>1.0.0</c>, without a commit suffix), as reports give it in <c>tool.version</c>.</summary>
    public static string Version => Reporting.ReportBuilder.ToolVersion;

    /// <summary>The loaded rule sets, in load order.</summary>
    public IReadOnlyList<RuleSetSummary> RuleSets => _compiled.RuleSets;

    /// <summary>Every loaded rule (enabled or not), ordered by rule-set id, then rule id.</summary>
    public IReadOnlyList<RuleInfo> Rules => _compiled.Rules;

    /// <summary>The compiled rules (for tests and benchmarks).</summary>
    internal CompiledPolicy Compiled => _compiled;

    /// <summary>The fact types rules and models may use (built-in and registered).</summary>
    internal FactTypeRegistry Types => _types;

    /// <summary>Warnings found while compiling, lint warnings included when linting was enabled (errors prevent the engine from being built).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>The limits of this engine (<see cref="PolicyEngineBuilder.WithLimits"/>): they apply to the models it loads and evaluates and to the messages it renders.</summary>
    public PolicyLimits Limits => _compiled.Limits;

    /// <summary>Loads a model file, accepting the fact types registered with this engine in <c>extensions</c>, within <see cref="Limits"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public ModelLoadResult LoadModel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Counted(PolicyTelemetry.LoadModelOperation, ModelLoader.LoadFile(path, _types, Limits));
    }

    /// <summary>Parses a model, accepting the fact types registered with this engine in <c>extensions</c>, within <see cref="Limits"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public ModelLoadResult ParseModel(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Counted(PolicyTelemetry.ParseModelOperation, ModelLoader.Parse(json, sourceName ?? "<model>", _types, Limits));
    }

    /// <summary>Checks evaluation options against the loaded rule sets (parameter names, types, patterns); empty when valid.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public IReadOnlyList<Diagnostic> ValidateOptions(EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _compiled.ValidateOptions(options).Diagnostics.ToSortedList();
    }

    /// <summary>
    /// Evaluates a model. Never throws for model content: a rule that fails at evaluation time
    /// is listed in <see cref="ComplianceReport.Errors"/> and the other rules still run.
    /// Invalid options (see <see cref="ValidateOptions"/>) throw <see cref="EvaluationOptionsException"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="EvaluationOptionsException">The options are invalid for the loaded rule sets (see <see cref="ValidateOptions"/>); <see cref="EvaluationOptionsException.Diagnostics"/> says why.</exception>
    public ComplianceReport Evaluate(PolicyModel model, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _telemetry.Measure(PolicyTelemetry.EvaluateOperation, PolicyTelemetry.EvaluateActivity, model, _generation,
            () => _compiled.Evaluate(model, options ?? new EvaluationOptions()), report => report);
    }

    /// <summary>
    /// Explains a rule on a model: for each candidate subject (or only <paramref name="subject"/>),
    /// whether the rule holds and, if not, the first element or condition that failed and the
    /// values it saw. Throws <see cref="ArgumentException"/> for an unknown or disabled rule.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="ruleId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ruleId"/> names no rule of the engine, or a disabled one.</exception>
    /// <exception cref="EvaluationOptionsException">The options are invalid for the loaded rule sets (see <see cref="ValidateOptions"/>); <see cref="EvaluationOptionsException.Diagnostics"/> says why.</exception>
    public RuleExplanation Explain(PolicyModel model, string ruleId, SubjectRef? subject = null, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ruleId);
        return _compiled.Explain(model, ruleId, subject, options ?? new EvaluationOptions());
    }

    /// <summary>
    /// Opens an incremental session on a model (see <see cref="PolicySession"/>). Never throws for
    /// model content: an invalid model gives a session whose report lists the problems in
    /// <see cref="ComplianceReport.Errors"/>. Invalid options throw <see cref="EvaluationOptionsException"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="EvaluationOptionsException">The options are invalid for the loaded rule sets (see <see cref="ValidateOptions"/>); <see cref="EvaluationOptionsException.Diagnostics"/> says why.</exception>
    public PolicySession OpenSession(PolicyModel model, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _telemetry.Measure(PolicyTelemetry.OpenSessionOperation, PolicyTelemetry.OpenSessionActivity, model, _generation,
            () => _compiled.OpenSession(model, options ?? new EvaluationOptions()), session => session.Report());
    }

    private ModelLoadResult Counted(string operation, ModelLoadResult result)
    {
        if (!result.Succeeded) _telemetry.Rejected(operation);
        return result;
    }
}
