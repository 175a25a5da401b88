using Deeg.Policy.Diagnostics;
using Deeg.Policy.Model.Loading;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Reporting.Sarif;

/// <summary>
/// Finds the line of a fact in a model file, for SARIF regions: the object in the fact type's array
/// (<c>channels</c>, <c>people</c>, … or <c>extensions.&lt;Type&gt;</c>) whose <c>id</c> is the subject's id
/// (for facts with derived ids: whose id fields joined with <c>:</c> give it), or the
/// <c>organisation</c> object. Anything it cannot find — an unreadable file, a fact type it does not
/// know — is line 1.
/// </summary>
internal sealed class ModelLineLocator
{
    private readonly JsonSource? _source;

    private ModelLineLocator(JsonSource? source) => _source = source;

    /// <summary>Reads the model file; never throws.</summary>
    public static ModelLineLocator ForFile(string? path)
    {
        if (path is null) return new ModelLineLocator(null);
        var source = JsonSource.ReadFile(path, new DiagnosticBag());
        return new ModelLineLocator(source.Root is null ? null : source);
    }

    /// <summary>Reads the model file through <paramref name="read"/> (null: from disk); no text means every subject is on line 1. Throws only what <paramref name="read"/> throws.</summary>
    public static ModelLineLocator For(string? path, Func<string, string?>? read)
    {
        if (path is null || read is null) return ForFile(path);
        var text = read(path);
        if (text is null) return new ModelLineLocator(null);
        var source = JsonSource.Parse(text, path, new DiagnosticBag());
        return new ModelLineLocator(source.Root is null ? null : source);
    }

    /// <summary>The 1-based line where the subject's fact starts; 1 when it is not found.</summary>
    public int LineOf(SubjectRef subject)
    {
        if (_source?.Root is not JObject root) return 1;
        var token = Find(root, subject);
        return token is null ? 1 : Math.Max(_source.Locate(token).Line, 1);
    }

    private static JToken? Find(JObject root, SubjectRef subject)
    {
        if (subject.Type == "Organisation") return root["organisation"] as JObject;

        IReadOnlyList<string> derivedFrom = [];
        JArray? array = null;
        foreach (var (json, schema, _) in FactSchemas.Lists)
        {
            if (!string.Equals(schema.Name, subject.Type, StringComparison.Ordinal)) continue;
            array = root[json] as JArray;
            derivedFrom = schema.DerivedIdFrom;
            break;
        }

        array ??= (root["extensions"] as JObject)?[subject.Type] as JArray;
        if (array is null) return null;

        foreach (var item in array.OfType<JObject>())
        {
            if (item["id"] is { Type: JTokenType.String } id)
            {
                if (string.Equals((string?)id, subject.Id, StringComparison.Ordinal)) return item;
                continue;
            }

            if (derivedFrom.Count == 0) continue;
            var derived = string.Join(':', derivedFrom.Select(name => item[name] is JValue { Value: not null } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty));

            // Enum parts are written camelCase in ids but matched case-insensitively in models.
            if (string.Equals(derived, subject.Id, StringComparison.OrdinalIgnoreCase)) return item;
        }

        return null;
    }
}
