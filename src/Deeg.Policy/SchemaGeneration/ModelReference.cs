using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;
using Deeg.Policy.Core;
using Deeg.Policy.Model.Loading;

namespace Deeg.Policy.SchemaGeneration;

/// <summary>
/// The model reference for users (<c>docs/model.md</c>), generated from the fact types: the
/// document's shape and general rules (written here), then per type a table of its fields with
/// type, default, required flag and meaning, and the allowed values of every enum with their
/// English and German labels. The fields, defaults and descriptions come from the same schemas
/// the loader checks documents against, the labels from <see cref="Labels"/>, so the page
/// cannot drift from the code; a test keeps the committed page equal to this text.
/// </summary>
internal static class ModelReference
{
    /// <summary>How to bring the committed page up to date (printed by the test that compares it).</summary>
    public const string Regenerate = "DEEG_UPDATE_DOCS=1 dotnet test tests/Deeg.Policy.Tests --filter FullyQualifiedName~ModelReferenceTests";

    /// <summary>The page, with <c>\n</c> line ends and a final line end.</summary>
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.Append(Intro);
        TopLevel(md);
        md.Append(Rules);
        var enums = new List<Type>();
        foreach (var type in ModelSchema.Types) FactType(md, type, enums);
        Values(md, enums);
        md.Append(Closing);

        // The text blocks above have the line ends of this source file, whatever a checkout made of them.
        return md.ToString().ReplaceLineEndings("\n");
    }

    private const string Intro = """
        # The organisation model

        <!-- Generated from the fact types in src/Deeg.Policy/Model; do not edit by hand. Regenerate with:
             DEEG_UPDATE_DOCS=1 dotnet test tests/Deeg.Policy.Tests --filter FullyQualifiedName~ModelReferenceTests -->

        An organisation model is one JSON document, the *facts document*, that describes one
        organisation at one point in time. Each entry becomes one fact the rules see: `channels` hold
        `Channel` facts, `people` hold `Person` facts, and so on. The loader (`PolicyModel.Load`,
        `deeg-policy check` and `validate`) accepts exactly the shape below and reports every problem
        at once, each as a diagnostic with file, line and column (codes DP2xxx, see
        [diagnostics](diagnostics.md)); it never throws on bad input.

        The same description is in the package: every fact type, field and enum value of the
        namespace `Deeg.Policy.Model` has XML documentation, and editors can check documents with the
        JSON schema [`schemas/model.schema.json`](schemas/model.schema.json) (see [schemas](schemas.md)).
        The [samples](../samples/models) are complete models.

        ## Document shape

        ```json
        {
          "$schema": "https://deeg-policy.example/schemas/model.schema.json",
          "schemaVersion": 1,
          "asOf": "2026-11-26",
          "organisation": { "id": "acme", "name": "ACME Maschinenbau GmbH", "sector": "b2b" },
          "channels": [ { "id": "xing-main", "platform": "xing", "scope": "external" } ],
          "people": [ { "id": "p7", "name": "Jana Keßler" } ],
          "roles": [ { "person": "p7", "role": "channelAdmin", "channel": "xing-main" } ],
          "policies": [],
          "useCases": [],
          "stakeholders": [],
          "mentions": [],
          "posts": [],
          "trainings": [],
          "extensions": { "AgencyContract": [ { "id": "ac-1" } ] }
        }
        ```


        """;

    private const string Rules = """

        ## General rules

        - Property names are camelCase and matched case-sensitively. An unknown property is an error
          (DP2004) with a "did you mean …" suggestion when a close name exists.
        - Enum values are camelCase strings (`whatsApp`, `channelAdmin`) and matched
          case-insensitively. An unknown value is an error (DP2003) that lists the allowed values.
        - A `date` is `YYYY-MM-DD`. A `datetime` is ISO 8601 with an offset (`2026-11-01T09:30:00Z`,
          `2026-11-01T10:30:00+01:00`); a bare date is accepted for a datetime and means midnight UTC.
          Anything else is an error (DP2007).
        - `null` means the same as a missing field, except for a required field (DP2001). A field
          that is missing takes its default (the *default* column); fields without a default are
          `null`.
        - `int` is a whole number, `number` any number; *0 or more* and *0 to 1* in the meaning
          column are checked (DP2010).
        - Every fact has an id, unique within its fact type (a duplicate is DP2005). Where the
          *default* column says *derived*, the id may be left out: it is then the listed fields
          joined with `:`, absent ones empty, enum values camelCase, dates `YYYY-MM-DD`
          (`p7:channelAdmin:xing-main:`). An explicit `id` always wins. Ids and references are one
          line of visible text (DP2011).
        - A field whose type is *… id* refers to another fact and must name an existing one: a
          dangling reference is an error (DP2006).
        - Arrays may be absent or empty. `organisation` is required (DP1004).
        - `extensions` holds facts of types the embedding application registered with
          `PolicyEngineBuilder.AddFactType<T>()` (see [embedding](embedding.md)), by the registered
          name; each fact needs an `id`. Their fields are read like those of the built-in types
          (public settable properties, camelCase, with the same attributes for references, ranges
          and derived ids); an unregistered name is an error (DP2009).
        - A model of more than `PolicyLimits.MaxFacts` facts is an error (DP2012, see
          [limits](limits.md)).

        ## Writing a model

        `PolicyModel.ToJson()` and `PolicyModel.WriteTo(Stream)` write a model, loaded or built in
        code, as a facts document that loads again into the same facts: `schemaVersion` 1, `asOf`
        when the model has one, then the organisation and the non-empty lists in the order above,
        then `extensions`. Field names and enum values are camelCase, dates `YYYY-MM-DD`, datetimes
        in UTC with `Z`. A field is left out when it has its default value (or is `null`, or an
        empty list), and a derived id when it equals the id derived from its fields; required fields
        are always written. The text is UTF-8, indented with two spaces, with `\n` line ends.

        """;

    private const string Closing = """

        ## Subjects

        A finding names the fact it is about as a *subject reference* `Type/id`, for example
        `Channel/xing-main`, `Organisation/acme` or `RoleAssignment/p7:channelAdmin:xing-main:`.
        Waivers and rule-set tests use the same form.

        """;

    private static void TopLevel(StringBuilder md)
    {
        md.Append("| property | type | meaning |\n| --- | --- | --- |\n");
        md.Append("| `$schema` | string | optional; ignored by the loader, for editors |\n");
        md.Append("| `schemaVersion` | int | optional (default 1); any other value than 1 is an error (DP2008) |\n");
        md.Append("| `asOf` | date | optional: the date the model describes. Evaluation uses, in this order, the caller's explicit date, the model's `asOf`, today's date in UTC |\n");
        md.Append("| `organisation` | ").Append(Link(FactSchemas.Organisation.Name)).Append(" | required. ").Append(Cell(FactSchemas.Organisation.Description)).Append(" |\n");
        foreach (var (json, schema, _) in FactSchemas.Lists)
            md.Append("| `").Append(json).Append("` | ").Append(Link(schema.Name)).Append("[] | ").Append(Cell(schema.Description)).Append(" |\n");
        md.Append("| `extensions` | object | facts of host-registered types: type name → array of facts |\n");
    }

    private static void FactType(StringBuilder md, TypeSchema type, List<Type> enums)
    {
        md.Append("\n## ").Append(type.Name).Append("\n\n");
        md.Append(type.Description);
        var list = FactSchemas.BuiltInListOf(type.Name);
        md.Append(list switch
        {
            null => $" Nested: a {Owners(type)} holds them.",
            "organisation" => $" The object `organisation`; fact type `{type.Name}`.",
            _ => $" Listed under `{list}`; fact type `{type.Name}`.",
        });
        if (Labels.FindFactType(type.Name) is { } label) md.Append($" Label: {label.En} (en), {label.De} (de).");
        md.Append("\n\n| field | type | default | required | meaning |\n| --- | --- | --- | --- | --- |\n");

        var absent = type.AbsentValues;
        for (var i = 0; i < type.Fields.Count; i++)
        {
            var field = type.Fields[i];
            var element = field.Type.Kind == FieldKind.List ? field.Type.Element! : field.Type;
            if (element.Kind == FieldKind.Enum && !enums.Contains(element.Clr)) enums.Add(element.Clr);
            var defaultText = field.Name == "id" && type.DerivedIdFrom.Count > 0
                ? $"derived: `{string.Join(':', type.DerivedIdFrom)}`"
                : field.Required || absent is null ? string.Empty : Default(absent[i]);
            md.Append("| `").Append(field.Name).Append("` | ").Append(TypeText(field)).Append(" | ").Append(defaultText)
                .Append(" | ").Append(field.Required ? "yes" : string.Empty).Append(" | ").Append(Meaning(field)).Append(" |\n");
        }
    }

    private static void Values(StringBuilder md, List<Type> enums)
    {
        md.Append("\n## Values\n\nThe allowed values of each enum field, with what they mean and the labels that messages and the human report formats show.\n");
        foreach (var type in enums)
        {
            var users = ModelSchema.Types.SelectMany(t => t.Fields.Where(f => ElementClr(f) == type).Select(f => $"`{t.Name}.{f.Name}`"));
            md.Append("\n### ").Append(type.Name).Append("\n\nUsed by ").Append(string.Join(", ", users)).Append(".\n\n");
            md.Append("| value | meaning | en | de |\n| --- | --- | --- | --- |\n");
            foreach (var member in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = Naming.CamelCase(member.Name);
                var label = Labels.Find(type.Name, value);
                md.Append("| `").Append(value).Append("` | ").Append(Cell(member.GetCustomAttribute<DescriptionAttribute>()?.Description))
                    .Append(" | ").Append(label?.En).Append(" | ").Append(label?.De).Append(" |\n");
            }
        }
    }

    private static Type ElementClr(FieldSpec field) => (field.Type.Kind == FieldKind.List ? field.Type.Element! : field.Type).Clr;

    private static string TypeText(FieldSpec field)
    {
        if (field.RefersTo is { } target)
            return (field.Type.Kind == FieldKind.List ? "list of " : string.Empty) + Link(target) + " id";
        return field.Type.Kind == FieldKind.List ? Scalar(field.Type.Element!) + "[]" : Scalar(field.Type);
    }

    private static string Scalar(FieldType type) => type.Kind switch
    {
        FieldKind.String => "string",
        FieldKind.Bool => "bool",
        FieldKind.Integer => "int",
        FieldKind.Number => "number",
        FieldKind.Date => "date",
        FieldKind.DateTime => "datetime",
        FieldKind.Enum => $"[{type.Clr.Name}](#{type.Clr.Name.ToLowerInvariant()})",
        FieldKind.Object => Link(type.Clr.Name),
        _ => type.Clr.Name,
    };

    private static string Meaning(FieldSpec field)
    {
        var text = Cell(field.Description);
        if ((field.Rules & FieldRules.Fraction) != 0) text += " 0 to 1.";
        else if ((field.Rules & FieldRules.NonNegative) != 0) text += " 0 or more.";
        return text;
    }

    private static string Default(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "`true`" : "`false`",
        Enum e => $"`{Naming.EnumValue(e)}`",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        System.Collections.IEnumerable list when !list.Cast<object>().Any() => "`[]`",
        _ => string.Empty,
    };

    private static string Owners(TypeSchema nested) =>
        string.Join(" or ", ModelSchema.Types.Where(t => t.Fields.Any(f => ElementClr(f) == nested.ClrType)).Select(t => $"{Link(t.Name)} (`{t.Fields.First(f => ElementClr(f) == nested.ClrType).Name}`)"));

    private static string Link(string typeName) => $"[{typeName}](#{typeName.ToLowerInvariant()})";

    private static string Cell(string? text) => (text ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal);
}
