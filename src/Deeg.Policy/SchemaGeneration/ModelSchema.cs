using Deeg.Policy.Model.Loading;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.SchemaGeneration.SchemaNodes;
using Deeg.Policy.Core;
using Deeg.Policy.Diagnostics;

namespace Deeg.Policy.SchemaGeneration;

/// <summary>
/// The schema of an organisation model (a facts document), generated from the model loader's
/// schemas: the top-level fields (<see cref="FactSchemas.TopLevelFields"/>), the fact lists, and
/// per type its fields with kinds, enums, required flags, ranges, references, descriptions and the
/// defaults of the fact records. As in the loader, <c>null</c> is accepted wherever a field is
/// optional (it means "absent").
/// </summary>
internal static class ModelSchema
{
    /// <summary>The fact and nested types of the model, in document order (nested types after their owner).</summary>
    public static IReadOnlyList<TypeSchema> Types { get; } = CollectTypes();

    /// <summary>One definition per type, named by type (<c>Channel</c>, <c>Clause</c>, …).</summary>
    public static IEnumerable<(string Name, JObject Schema)> Definitions() => Types.Select(t => (t.Name, TypeDefinition(t)));

    /// <summary>The model document's keywords (type, properties, required, …) without <c>$schema</c>/<c>$id</c>.</summary>
    public static JObject Document(string id)
    {
        var shapes = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["$schema"] = SchemaProperty(id),
            ["schemaVersion"] = Obj(
                ("type", Strings(["integer", "null"])),
                ("description", "The version of the model format; only 1 exists. Optional (default 1)."),
                ("enum", new JArray(DocumentVersion.Current, JValue.CreateNull())),
                ("default", DocumentVersion.Current)),
            ["asOf"] = Nullable(Date("The date the model describes (YYYY-MM-DD). Evaluation uses the caller's explicit date, then this, then today (UTC).")),
            ["organisation"] = Ref(FactSchemas.Organisation.Name, FactSchemas.Organisation.Description!),
            ["extensions"] = Nullable(Obj(
                ("type", "object"),
                ("description", "Facts of types the embedding application registered: registered type name -> array of facts, each with an id."),
                ("additionalProperties", Obj(
                    ("type", "array"),
                    ("items", Obj(
                        ("type", "object"),
                        ("properties", Obj(("id", NonBlank("The fact's id, unique within its type.")))),
                        ("required", Strings(["id"])))))))),
        };
        foreach (var (json, schema, _) in FactSchemas.Lists)
        {
            shapes[json] = Nullable(Array(
                $"The {schema.Name} facts. {schema.Description}".TrimEnd(),
                Ref(schema.Name)));
        }

        return Obj(
            ("type", "object"),
            ("description", "An organisation model: one organisation at one point in time; each entry becomes one fact."),
            ("properties", Properties(FactSchemas.TopLevelFields, shapes, "model")),
            ("required", Strings(["organisation"])),
            ("additionalProperties", false));
    }

    private static List<TypeSchema> CollectTypes()
    {
        var result = new List<TypeSchema>();
        void Add(TypeSchema schema)
        {
            if (result.Exists(t => t.Name == schema.Name)) return;
            result.Add(schema);
            foreach (var field in schema.Fields)
            {
                var type = field.Type.Kind == FieldKind.List ? field.Type.Element! : field.Type;
                if (type.Kind == FieldKind.Object) Add(FactSchemas.ForNested(type.Clr));
            }
        }

        Add(FactSchemas.Organisation);
        foreach (var (_, schema, _) in FactSchemas.Lists) Add(schema);
        return result;
    }

    private static JObject TypeDefinition(TypeSchema type)
    {
        var defaults = Defaults(type);
        var properties = new JObject();
        foreach (var field in type.Fields) properties.Add(field.Name, Field(field, defaults));
        var description = type.Description ?? type.Name + ".";
        if (type.DerivedIdFrom.Count > 0)
            description += $" The id may be omitted: it is then derived as {string.Join(':', type.DerivedIdFrom)} (absent parts empty).";
        return ClosedObject(description, properties, type.Fields.Where(f => f.Required).Select(f => f.Name));
    }

    private static JObject Field(FieldSpec field, IReadOnlyDictionary<string, JToken> defaults)
    {
        var description = field.Description ?? field.Name + ".";
        if (field.RefersTo is { } target)
            description += $" The id of a {target} in '{FactSchemas.BuiltInListOf(target) ?? target}'.";

        var node = Value(field.Type, description, field.NonEmpty);
        if ((field.Rules & FieldRules.Fraction) != 0)
        {
            node.Add("minimum", 0);
            node.Add("maximum", 1);
        }
        else if ((field.Rules & FieldRules.NonNegative) != 0)
        {
            node.Add("minimum", 0);
        }

        if (defaults.TryGetValue(field.Name, out var value)) node.Add("default", value);
        return field.Required ? node : Nullable(node);
    }

    /// <summary>The schema of a value of a field type.</summary>
    private static JObject Value(FieldType type, string? description, bool nonBlank = false) => type.Kind switch
    {
        FieldKind.String when nonBlank => NonBlank(description ?? "A string."),
        FieldKind.String => Obj(("type", "string"), ("description", description)),
        FieldKind.Bool => Obj(("type", "boolean"), ("description", description)),
        FieldKind.Integer => Obj(("type", "integer"), ("description", description)),
        FieldKind.Number => Obj(("type", "number"), ("description", description)),
        FieldKind.Date => Date(description),
        FieldKind.DateTime => Obj(
            ("type", "string"),
            ("description", (description is null ? string.Empty : description + " ") + "ISO 8601 with offset (2026-11-01T09:30:00Z), or a date (midnight UTC)."),
            ("pattern", DateTimePattern),
            ("patternErrorMessage", "a datetime YYYY-MM-DDThh:mm[:ss]Z or with an offset +hh:mm, or a date YYYY-MM-DD")),
        FieldKind.Enum => Obj(("type", "string"), ("description", description), ("enum", Strings(Naming.EnumValues(type.Clr)))),
        FieldKind.List => Obj(("type", "array"), ("description", description), ("items", Value(type.Element!, null))),
        FieldKind.Object => description is null ? Ref(ObjectName(type.Clr)) : Ref(ObjectName(type.Clr), description),
        _ => Obj(("description", description)),
    };

    private static string ObjectName(Type clr) => FactSchemas.ForNested(clr).Name;

    /// <summary>
    /// The values optional fields take when absent (<see cref="TypeSchema.AbsentValues"/>). Nulls
    /// are left out: they are no default.
    /// </summary>
    private static Dictionary<string, JToken> Defaults(TypeSchema type)
    {
        var result = new Dictionary<string, JToken>(StringComparer.Ordinal);
        if (type.AbsentValues is not { } absent) return result;
        for (var i = 0; i < type.Fields.Count; i++)
        {
            var field = type.Fields[i];
            if (field.Required || field.Name == "id" || field.Property is null) continue;
            JToken? value = absent[i] switch
            {
                null => null,
                bool b => new JValue(b),
                int n => new JValue(n),
                long l => new JValue(l),
                decimal d when d == decimal.Truncate(d) => new JValue((long)d),
                decimal d => new JValue(d),
                System.Enum e => new JValue(Naming.EnumValue(e)),
                string s => new JValue(s),
                System.Collections.IEnumerable list when !list.Cast<object>().Any() => new JArray(),
                _ => null,
            };
            if (value is not null) result[field.Name] = value;
        }

        return result;
    }

    /// <summary>The same schema, also accepting <c>null</c> (which the loader reads as "absent").</summary>
    private static JObject Nullable(JObject node)
    {
        if (node["$ref"] is not null)
            return Obj(("anyOf", new JArray(Ref(((string)node["$ref"]!)["#/$defs/".Length..]), Obj(("type", "null")))), ("description", node["description"]));
        if (node["type"] is JValue { Type: JTokenType.String } type) node["type"] = Strings([(string)type!, "null"]);
        if (node["enum"] is JArray values) values.Add(JValue.CreateNull());
        return node;
    }
}
