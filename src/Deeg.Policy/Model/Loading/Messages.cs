using System.Globalization;
using Deeg.Policy.Diagnostics;
using static Deeg.Policy.Diagnostics.Suggestions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Deeg.Policy.Core;

namespace Deeg.Policy.Model.Loading;

/// <summary>
/// Names a field in messages: <c>'platform' on Channel</c>; a code-built model adds where the
/// object is (<c>'platform' on Channel at channels[2]</c>) since there is no line to point at.
/// </summary>
internal readonly record struct FieldRef(string Field, string Owner, ObjectPath? Path = null)
{
    /// <summary>The same field's element <paramref name="index"/>: <c>'clauses[1]' on Policy</c>.</summary>
    public FieldRef Element(int index) => this with { Field = $"{Field}[{index}]" };

    public override string ToString() => Path is null ? $"'{Field}' on {Owner}" : $"'{Field}' on {Owner} at {Path}";
}

/// <summary>
/// Where an object of a code-built model is: a path such as <c>organisation</c>, or element
/// <see cref="Index"/> of a list (<c>channels[2]</c>). A struct rendered only when a message needs
/// it, so validating a large model builds no location string per fact.
/// </summary>
internal readonly record struct ObjectPath(string Prefix, int Index = -1)
{
    public static implicit operator ObjectPath(string path) => new(path);

    public override string ToString() => Index < 0 ? Prefix : $"{Prefix}[{Index}]";
}

/// <summary>The message texts of the DP2xxx model diagnostics, in one place.</summary>
internal static class Messages
{
    public const string TheModel = "the model";

    public static string MissingField(string field, string owner, string? path = null) =>
        $"missing required field '{field}' on {owner}{At(path)}";

    public static string NullRequired(FieldRef f) => $"required field {f} must not be null";

    public static string Empty(FieldRef f) => $"required field {f} must not be empty";

    public static string NotNull(FieldRef f) => $"{f} must not be null";

    public static string WrongType(FieldRef f, string expected, string found) => $"{f} must be {expected}, not {found}";

    public static string UnknownEnum(FieldRef f, string value, Type enumType)
    {
        var allowed = Naming.EnumValues(enumType);
        // A number is no typo of a name: suggesting 'x' for '99' would only confuse.
        var suggestion = value.Any(char.IsLetter) ? DidYouMean(value, allowed) : string.Empty;
        return $"unknown value '{Shorten(value)}' for {f} (allowed: {string.Join(", ", allowed)}){suggestion}";
    }

    public static string UnknownField(string field, string owner, IEnumerable<string> known) => Suggestions.Unknown("field", field, "on " + owner, known);

    public static string DuplicateId(string type, string id, string first) => $"duplicate id '{Shorten(id)}' of {type}; the first is at {first}";

    public static string Dangling(FieldRef f, string target, string id, IEnumerable<string> known) =>
        $"{f} refers to {target} '{Shorten(id)}', which does not exist{DidYouMean(id, known)}";

    public static string InvalidDate(FieldRef f, string value) => $"invalid date '{Shorten(value)}' for {f}; expected YYYY-MM-DD";

    public static string InvalidDateTime(FieldRef f, string value) =>
        $"invalid datetime '{Shorten(value)}' for {f}; expected ISO 8601 with offset, e.g. 2026-11-01T09:30:00Z";

    public static string NoOffset(FieldRef f, string value) =>
        $"datetime '{Shorten(value)}' for {f} has no offset; add Z or an offset such as +01:00";

    public static string SchemaVersion(string value) => $"schemaVersion {Shorten(value)} is not supported; this version reads schemaVersion {DocumentVersion.Current}";

    public static string UnknownExtension(string name, IEnumerable<string> registered)
    {
        var names = registered.ToList();
        return names.Count == 0
            ? $"unknown extension type '{Shorten(name)}'; no extension types are registered"
            : $"unknown extension type '{Shorten(name)}'{DidYouMean(name, names)}";
    }

    public static string BuiltInExtension(string name, string list) =>
        $"'{name}' is a built-in fact type, not an extension; list its facts under '{list}'";

    public static string OutOfRange(FieldRef f, string value, string reason) => $"value {Shorten(value)} of {f} is out of range: {reason}";

    public static string NotInteger(FieldRef f, string value) => $"value {Shorten(value)} of {f} is not an integer";

    public static string Rejected(string type, string reason) => $"{type} rejected the entry: {reason}";

    public static string CannotRead(FieldRef f, Type clr) => $"{f} has the CLR type {clr.Name}, which a facts document cannot set";

    // DP1004, the document's shape.
    public static string DocumentNotObject(string found) => $"a facts document must be a JSON object, not {found}";

    public static string NoOrganisation => "the model has no 'organisation' object";

    public static string ShapeNotObject(string what, string found) => $"{what} must be an object, not {found}";

    public static string ShapeNotArray(string what, string found) => $"{what} must be an array, not {found}";

    /// <summary>"a string", "a number", "null", … for the JSON type of a token.</summary>
    public static string JsonType(JToken token) => token.Type switch
    {
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        JTokenType.Null => "null",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        // Newtonsoft extensions such as undefined or new Date(…).
        var other => other.ToString().ToLowerInvariant() is var name && "aeiou".Contains(name[0], StringComparison.Ordinal) ? "an " + name : "a " + name,
    };

    /// <summary>A token as written (compact JSON for numbers and the like).</summary>
    public static string Raw(JToken token) => token switch
    {
        JValue { Type: JTokenType.String } v => (string)v!,
        JValue { Type: JTokenType.Integer or JTokenType.Float, Value: IFormattable number } => number.ToString(null, CultureInfo.InvariantCulture),
        _ => token.ToString(Formatting.None),
    };

    public static string Raw(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string At(string? path) => path is null ? string.Empty : " at " + path;
}
