namespace Deeg.Policy;

/// <summary>The description of a loaded rule, as listed by <c>deeg-policy rules</c>.</summary>
public sealed class RuleInfo
{
    /// <summary>The rule id.</summary>
    public required string Id { get; init; }

    /// <summary>The rule-set id.</summary>
    public required string RuleSet { get; init; }

    /// <summary>The severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The category (default <c>general</c>).</summary>
    public required string Category { get; init; }

    /// <summary>The title by language tag (<c>en</c>, <c>de</c>, …).</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The remediation text template by language (holes unrendered), if any.</summary>
    public LocalizedText? Remediation { get; init; }

    /// <summary>Whether the rule runs.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Tags.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>References (regulations, rulings, frameworks).</summary>
    public required IReadOnlyList<string> References { get; init; }
}

/// <summary>
/// A text in one or more languages. Lookup falls back to <c>en</c>, then to the first language given.
/// </summary>
public sealed class LocalizedText
{
    private readonly List<KeyValuePair<string, string>> _texts;

    /// <summary>Creates a localised text from language tag → text pairs, in document order.</summary>
    public LocalizedText(IEnumerable<KeyValuePair<string, string>> texts) => _texts = texts.ToList();

    /// <summary>A text in no particular language (used for every language).</summary>
    public LocalizedText(string text) => _texts = [new("en", text)];

    /// <summary>The languages present, in document order.</summary>
    public IEnumerable<string> Languages => _texts.Select(t => t.Key);

    /// <summary>The text in <paramref name="language"/>, else English, else the first given.</summary>
    public string Get(string? language)
    {
        foreach (var (key, value) in _texts)
        {
            if (string.Equals(key, language, StringComparison.OrdinalIgnoreCase)) return value;
        }

        foreach (var (key, value) in _texts)
        {
            if (string.Equals(key, "en", StringComparison.OrdinalIgnoreCase)) return value;
        }

        return _texts.Count > 0 ? _texts[0].Value : string.Empty;
    }

    /// <inheritdoc />
    public override string ToString() => Get("en");
}
