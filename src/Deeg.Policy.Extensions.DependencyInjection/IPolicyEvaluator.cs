
namespace Deeg.Policy;

/// <summary>
/// Evaluates organisation models with the policy engine that is in service right now — the
/// thin, mockable front of <see cref="PolicyEngine.Evaluate"/> and
/// <see cref="PolicyEngine.OpenSession"/> that <c>services.AddDeegPolicy(…)</c> registers.
/// Each call uses <see cref="IPolicyEngineProvider.Current"/>, so it follows rule-set reloads;
/// the engine measures it (metrics and activities named <c>Deeg.Policy</c>, with the host's
/// <c>IMeterFactory</c> when there is one). Thread-safe; register and inject it as a singleton.
/// </summary>
/// <remarks>
/// The interface lives in the package <c>Deeg.Policy.Extensions.DependencyInjection</c> but in
/// the namespace <c>Deeg.Policy</c>, beside <see cref="PolicyEngine"/>: the core library needs no
/// abstraction of itself, while a host that injects the evaluator gets reloads and telemetry.
/// </remarks>
public interface IPolicyEvaluator
{
    /// <summary>The engine in service right now (changes when the rule-set files are reloaded).</summary>
    PolicyEngine Engine { get; }

    /// <summary>
    /// Parses a model with the current engine, so fact types registered with
    /// <c>AddFactType</c> are accepted in <c>extensions</c>. Never throws for content: problems
    /// are in <see cref="ModelLoadResult.Diagnostics"/>.
    /// </summary>
    /// <param name="json">The model JSON.</param>
    /// <param name="sourceName">Names the model in diagnostics; default <c>&lt;model&gt;</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    ModelLoadResult ParseModel(string json, string? sourceName = null);

    /// <summary>Loads a model file with the current engine (see <see cref="ParseModel"/>).</summary>
    /// <param name="path">The model file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    ModelLoadResult LoadModel(string path);

    /// <summary>
    /// Evaluates a model once with the current engine (see <see cref="PolicyEngine.Evaluate"/>):
    /// never throws for model content; invalid options throw <see cref="EvaluationOptionsException"/>.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Evaluation date, language, waivers, parameters; default: none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="EvaluationOptionsException">The options are invalid for the engine's rule sets (see <see cref="PolicyEngine.ValidateOptions"/>).</exception>
    ComplianceReport Evaluate(PolicyModel model, EvaluationOptions? options = null);

    /// <summary>
    /// Opens an incremental session on a model with the current engine (see
    /// <see cref="PolicyEngine.OpenSession"/>). The session keeps that engine for its lifetime;
    /// after a reload, open a new session to use the new rules.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Evaluation date, language, waivers, parameters; default: none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="EvaluationOptionsException">The options are invalid for the engine's rule sets (see <see cref="PolicyEngine.ValidateOptions"/>).</exception>
    PolicySession OpenSession(PolicyModel model, EvaluationOptions? options = null);
}
