
namespace Deeg.Policy.Extensions.DependencyInjection;

/// <summary>
/// The <see cref="IPolicyEvaluator"/> of <c>AddDeegPolicy</c>: each call reads the engine in service
/// once. The engine measures its evaluations itself (see <see cref="DeegPolicyTelemetry"/>).
/// </summary>
internal sealed class PolicyEvaluator(IPolicyEngineProvider provider) : IPolicyEvaluator
{
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
        return provider.Current.Evaluate(model, options);
    }

    /// <inheritdoc />
    public PolicySession OpenSession(PolicyModel model, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return provider.Current.OpenSession(model, options);
    }
}
