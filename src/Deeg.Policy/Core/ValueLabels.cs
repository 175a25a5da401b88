using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Core;

/// <summary>
/// The English and German labels of the model's values: every enum value (by enum type and
/// camelCase member), every fact type and every severity. They live in one place, the embedded
/// <c>ValueLabels.json</c> beside this file, read once. Messages, the human report formats and the
/// model reference use them. A language is matched by its primary tag (<c>de-AT</c> is <c>de</c>);
/// any other language gets English.
/// </summary>
internal static class ValueLabels
{
    /// <summary>The languages every label exists in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "de"];

    private const string ResourceName = "Deeg.Policy.Core.ValueLabels.json";

    private static readonly Lazy<(Dictionary<string, Label> FactTypes, Dictionary<string, Dictionary<string, Label>> Enums)> Table = new(Load);

    /// <summary>The label of a fact type's name (<c>Channel</c> is "Kanal" in German); an unknown (host) type is its name.</summary>
    public static string FactType(string name, string? language) =>
        Table.Value.FactTypes.TryGetValue(name, out var label) ? label.In(language) : name;

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
        Table.Value.Enums.TryGetValue(enumType, out var members) && members.TryGetValue(member, out var label) ? label : null;

    /// <summary>The labels of a fact type, or null.</summary>
    public static Label? FindFactType(string name) => Table.Value.FactTypes.GetValueOrDefault(name);

    /// <summary>The enum type names that have labels, with their members (camelCase), as in the table.</summary>
    public static IEnumerable<(string Enum, IEnumerable<string> Members)> EnumTypes =>
        Table.Value.Enums.Select(e => (e.Key, (IEnumerable<string>)e.Value.Keys));

    /// <summary>The fact type names that have labels.</summary>
    public static IEnumerable<string> FactTypeNames => Table.Value.FactTypes.Keys;

    private static (Dictionary<string, Label>, Dictionary<string, Dictionary<string, Label>>) Load()
    {
        using var stream = typeof(ValueLabels).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the resource {ResourceName} is missing from the assembly");
        using var reader = new StreamReader(stream);
        var root = JObject.Parse(reader.ReadToEnd());
        static Dictionary<string, Label> Labels(JObject obj) =>
            obj.Properties().ToDictionary(p => p.Name, p => new Label((string)p.Value["en"]!, (string)p.Value["de"]!), StringComparer.Ordinal);
        var factTypes = Labels((JObject)root["factTypes"]!);
        var enums = ((JObject)root["enums"]!).Properties().ToDictionary(p => p.Name, p => Labels((JObject)p.Value), StringComparer.Ordinal);
        return (factTypes, enums);
    }

    /// <summary>One value's label in each language.</summary>
    internal sealed record Label(string En, string De)
    {
        /// <summary>German for <c>de</c> and its regions, else English.</summary>
        public string In(string? language) =>
            language is not null && (language.Equals("de", StringComparison.OrdinalIgnoreCase) || language.StartsWith("de-", StringComparison.OrdinalIgnoreCase))
                ? De
                : En;
    }
}
