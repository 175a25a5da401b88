using System.Collections.Frozen;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Core;

/// <summary>
/// Every English (<c>en</c>) and German (<c>de</c>) word of the product, in one place: the embedded
/// resource <c>Labels.json</c> beside this file, read once. It has four parts:
/// <list type="bullet">
/// <item><c>words</c>: the words of the human report formats and the command line, keyed by strings
/// such as <c>report.asOf</c>, grouped by prefix (<c>word.</c> words put together in counts,
/// <c>report.</c> headings and phrases, <c>baseline.</c> comparison with an earlier report,
/// <c>rules.</c> the rule listing); a label with <c>{0}</c>, <c>{1}</c>… is a composite format
/// (<see cref="Format"/>);</item>
/// <item><c>factTypes</c>: the fact types (<c>Channel</c> is "Kanal");</item>
/// <item><c>categories</c>: the categories of the built-in packs (<c>data-protection</c> is "Datenschutz");</item>
/// <item><c>enums</c>: every value of the model's enums and of <see cref="Deeg.Policy.Severity"/>, by
/// the enum's type name and the camelCase member.</item>
/// </list>
/// Messages, the human report formats and the model reference use them. A language is matched by
/// its primary tag (<c>de-AT</c> is German); any other language gets English.
/// </summary>
internal static class Labels
{
    /// <summary>The language tag of English, the language of anything that is not German.</summary>
    public const string English = "en";

    /// <summary>The language tag of German.</summary>
    public const string German = "de";

    private const string ResourceName = "Deeg.Policy.Core.Labels.json";

    private static readonly Lazy<Table> Content = new(Load);

    /// <summary>Every key of the words.</summary>
    public static IEnumerable<string> Keys => Content.Value.Words.Keys;

    /// <summary>The languages every label exists in.</summary>
    public static IReadOnlyList<string> Languages { get; } = [English, German];

    /// <summary>The language whose labels a tag gets: <c>de</c> and its regions (any case) are German, anything else English.</summary>
    public static string LanguageOf(string? language) =>
        language is not null && (language.Equals(German, StringComparison.OrdinalIgnoreCase) || language.StartsWith("de-", StringComparison.OrdinalIgnoreCase))
            ? German
            : English;

    /// <summary>The word of <paramref name="key"/> in <paramref name="language"/> (see <see cref="LanguageOf"/>).</summary>
    /// <exception cref="KeyNotFoundException">The table has no such key: a programming error, not a user's.</exception>
    public static string Get(string key, string? language) =>
        TryGet(key, language, out var label) ? label : throw new KeyNotFoundException($"no label '{key}'");

    /// <summary>The word of <paramref name="key"/>, or false when the table has no such key.</summary>
    public static bool TryGet(string key, string? language, out string label)
    {
        if (Content.Value.Words.TryGetValue(key, out var entry))
        {
            label = entry.In(language);
            return true;
        }

        label = string.Empty;
        return false;
    }

    /// <summary>The word of <paramref name="key"/> with its holes filled in (invariant culture).</summary>
    public static string Format(string key, string? language, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(key, language), args);

    /// <summary>The label of a fact type's name; an unknown (host) type is its name.</summary>
    public static string FactType(string name, string? language) =>
        Content.Value.FactTypes.TryGetValue(name, out var label) ? label.In(language) : name;

    /// <summary>The label of an enum value; a value of an enum without labels (a host's) is its camelCase name.</summary>
    public static string For(Enum value, string? language)
    {
        var member = Naming.EnumValue(value);
        return Find(value.GetType().Name, member) is { } label ? label.In(language) : member;
    }

    /// <summary>The label of a severity ("kritisch", "Hinweis", …).</summary>
    public static string Severity(Severity severity, string? language) => For(severity, language);

    /// <summary>The labels of one enum value by the enum's type name and the camelCase member, or null.</summary>
    public static Label? Find(string enumType, string member) =>
        Content.Value.Enums.TryGetValue(enumType, out var members) && members.TryGetValue(member, out var label) ? label : null;

    /// <summary>The labels of a fact type, or null.</summary>
    public static Label? FindFactType(string name) => Content.Value.FactTypes.GetValueOrDefault(name);

    /// <summary>The enum type names that have labels, with their members (camelCase), as in the table.</summary>
    public static IEnumerable<(string Enum, IEnumerable<string> Members)> EnumTypes =>
        Content.Value.Enums.Select(e => (e.Key, (IEnumerable<string>)e.Value.Keys));

    /// <summary>The fact type names that have labels.</summary>
    public static IEnumerable<string> FactTypeNames => Content.Value.FactTypes.Keys;

    /// <summary>The label of a rule category ("Datenschutz" for <c>data-protection</c>); a category of a user's rule set is itself.</summary>
    public static string Category(string category, string? language) =>
        Content.Value.Categories.TryGetValue(category, out var label) ? label.In(language) : category;

    /// <summary>The categories of the built-in packs that have labels.</summary>
    public static IEnumerable<string> CategoryNames => Content.Value.Categories.Keys;

    private static Table Load()
    {
        using var stream = typeof(Labels).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the resource {ResourceName} is missing from the assembly");
        using var reader = new StreamReader(stream);
        var root = JObject.Parse(reader.ReadToEnd());
        static FrozenDictionary<string, Label> Read(JObject obj) =>
            obj.Properties().ToFrozenDictionary(p => p.Name, p => new Label((string)p.Value["en"]!, (string)p.Value["de"]!), StringComparer.Ordinal);
        return new Table(
            Read((JObject)root["words"]!),
            Read((JObject)root["factTypes"]!),
            Read((JObject)root["categories"]!),
            ((JObject)root["enums"]!).Properties().ToFrozenDictionary(p => p.Name, p => Read((JObject)p.Value), StringComparer.Ordinal));
    }

    private sealed record Table(
        FrozenDictionary<string, Label> Words,
        FrozenDictionary<string, Label> FactTypes,
        FrozenDictionary<string, Label> Categories,
        FrozenDictionary<string, FrozenDictionary<string, Label>> Enums);

    /// <summary>One label in each language.</summary>
    internal sealed record Label(string En, string De)
    {
        /// <summary>German for <c>de</c> and its regions, else English.</summary>
        public string In(string? language) => LanguageOf(language) == German ? De : En;
    }
}
