using Newtonsoft.Json.Linq;

namespace Deeg.Policy.SchemaGeneration;

/// <summary>
/// Small builders for JSON Schema nodes. Properties are written in the order they are given, so
/// the generated text is stable and reads top-down (type, description, then constraints).
/// </summary>
internal static class SchemaNodes
{
    /// <summary>The JSON Schema dialect of every generated schema.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary><c>YYYY-MM-DD</c>, as the loaders read dates (a real calendar day is checked by <c>format: date</c>).</summary>
    public const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    /// <summary>
    /// What the model loader accepts for a datetime (IsoDates): a bare date (midnight UTC), or
    /// <c>YYYY-MM-DDThh:mm[:ss[.fffffff]]</c> with <c>Z</c> or <c>±hh:mm</c>.
    /// </summary>
    public const string DateTimePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$";

    /// <summary>At least one character that is not white space (ids and required strings).</summary>
    public const string NotBlankPattern = "\\S";

    /// <summary>An object node from name/value pairs; null values (and null strings) are left out.</summary>
    public static JObject Obj(params (string Name, JToken? Value)[] properties)
    {
        var obj = new JObject();
        foreach (var (name, value) in properties)
        {
            if (value is null or JValue { Type: JTokenType.String, Value: null }) continue;
            obj.Add(name, value);
        }

        return obj;
    }

    /// <summary>A JSON array of strings.</summary>
    public static JArray Strings(IEnumerable<string> values) => new(values.Select(v => (JToken)v));

    /// <summary><c>{"type": "string", "description": …}</c>.</summary>
    public static JObject String(string description) => Obj(("type", "string"), ("description", description));

    /// <summary>A string that must not be empty or blank.</summary>
    public static JObject NonBlank(string description) =>
        Obj(("type", "string"), ("description", description), ("minLength", 1), ("pattern", NotBlankPattern), ("patternErrorMessage", "must not be empty or blank"));

    /// <summary>A string matching <paramref name="pattern"/>; <paramref name="hint"/> is shown by editors that support <c>patternErrorMessage</c>.</summary>
    public static JObject Pattern(string description, string pattern, string hint) =>
        Obj(("type", "string"), ("description", description), ("pattern", pattern), ("patternErrorMessage", hint));

    /// <summary><c>{"type": "boolean", …}</c>.</summary>
    public static JObject Boolean(string description, bool? defaultValue = null) =>
        Obj(("type", "boolean"), ("description", description), ("default", defaultValue is { } d ? new JValue(d) : null));

    /// <summary>A <c>YYYY-MM-DD</c> date string.</summary>
    public static JObject Date(string? description) =>
        Obj(("type", "string"), ("description", description), ("format", "date"), ("pattern", DatePattern), ("patternErrorMessage", "a date YYYY-MM-DD"));

    /// <summary>A string of one of <paramref name="values"/>.</summary>
    public static JObject Enum(string description, IEnumerable<string> values) =>
        Obj(("type", "string"), ("description", description), ("enum", Strings(values)));

    /// <summary>An array whose items are <paramref name="items"/>.</summary>
    public static JObject Array(string description, JToken items, int? minItems = null) =>
        Obj(("type", "array"), ("description", description), ("items", items), ("minItems", minItems is { } m ? new JValue(m) : null));

    /// <summary>A reference to <c>#/$defs/NAME</c>.</summary>
    public static JObject Ref(string def) => Obj(("$ref", "#/$defs/" + def));

    /// <summary>A reference with its own description (2020-12 allows keywords beside <c>$ref</c>).</summary>
    public static JObject Ref(string def, string description) => Obj(("$ref", "#/$defs/" + def), ("description", description));

    /// <summary>
    /// A closed object: <paramref name="properties"/> in order, the <paramref name="required"/> ones
    /// required, nothing else allowed.
    /// </summary>
    public static JObject ClosedObject(string description, JObject properties, IEnumerable<string> required)
    {
        var requiredList = required.ToList();
        return Obj(
            ("type", "object"),
            ("description", description),
            ("properties", properties),
            ("required", requiredList.Count == 0 ? null : Strings(requiredList)),
            ("additionalProperties", false));
    }

    /// <summary>
    /// The properties of an object, in the order of <paramref name="names"/> (a list the code checks
    /// documents against), each with its shape from <paramref name="shapes"/>. Throws when the two
    /// disagree, so that a property added to a reader without a schema (or the reverse) fails the
    /// schema tests instead of silently drifting.
    /// </summary>
    public static JObject Properties(IEnumerable<string> names, IReadOnlyDictionary<string, JObject> shapes, string owner)
    {
        var nameList = names.ToList();
        var missing = nameList.Where(n => !shapes.ContainsKey(n)).ToList();
        var extra = shapes.Keys.Where(k => !nameList.Contains(k, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new InvalidOperationException(
                $"the JSON Schema of the {owner} does not match the properties its reader accepts: "
                + (missing.Count > 0 ? "no schema for " + string.Join(", ", missing) + ". " : string.Empty)
                + (extra.Count > 0 ? "schema for unknown " + string.Join(", ", extra) + "." : string.Empty));
        }

        var result = new JObject();
        foreach (var name in nameList) result.Add(name, shapes[name]);
        return result;
    }

    /// <summary>The <c>$schema</c> property every document may have.</summary>
    public static JObject SchemaProperty(string id) =>
        Obj(
            ("type", "string"),
            ("description", $"The JSON Schema of this document, for editors: a relative path to a copy of it, or its id {id}. Ignored by deeg-policy."),
            ("examples", Strings([id])));

    /// <summary>The definition of a text or localised text: a string, or an object of language tag → string (<c>en</c>, <c>de</c>, …).</summary>
    public static JObject LocalizedTextDefinition()
    {
        var languages = Obj(("en", String("English")), ("de", String("German")));
        var localized = Obj(
            ("type", "object"),
            ("properties", languages),
            ("additionalProperties", Obj(("type", "string"))),
            ("minProperties", 1));
        return Obj(
            ("description", "A text, or an object of language tag -> text (en, de, ...); falls back to en, then to the first language given."),
            ("anyOf", new JArray(Obj(("type", "string")), localized)));
    }

    /// <summary>A text or localised text (a reference to the <c>text</c> definition).</summary>
    public static JObject LocalizedText(string description) => Ref("text", description);
}
