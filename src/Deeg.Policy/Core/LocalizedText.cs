namespace Deeg.Policy;

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
