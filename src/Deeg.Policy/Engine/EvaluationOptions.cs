
namespace Deeg.Policy;

/// <summary>Options of one evaluation.</summary>
public sealed class EvaluationOptions
{
    /// <summary>The evaluation date; default: the model's <c>asOf</c>, then today (UTC).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Language of titles and messages (<c>en</c>, <c>de</c>, …); default <c>en</c>.</summary>
    public string Language { get; init; } = "en";

    /// <summary>Waivers to apply.</summary>
    public IReadOnlyList<Waiver>? Waivers { get; init; }

    /// <summary>Parameter overrides by <c>ruleSet.name</c>, with a value of the parameter's type.</summary>
    public IDictionary<string, object?> Parameters { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Adds to each finding the values of its rule's aliases and expressions (<c>--explain</c>).</summary>
    public bool Explain { get; init; }

    /// <summary>
    /// Whether a big model may be validated on a second thread while the engine matches (default);
    /// off, it is validated first. For the benchmarks, which compare both.
    /// </summary>
    internal bool ValidateAlongsideMatching { get; init; } = true;
}
