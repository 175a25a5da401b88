using System.Collections.Concurrent;
using System.Text;
using Deeg.Policy.SchemaGeneration;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.SchemaGeneration.SchemaNodes;

namespace Deeg.Policy.SchemaGeneration;

/// <summary>The kinds of document deeg-policy reads, each with a JSON Schema (<see cref="JsonSchemas"/>).</summary>
public enum SchemaKind
{
    /// <summary>A rule set (<c>*.rules.json</c>).</summary>
    RuleSet,

    /// <summary>An organisation model.</summary>
    Model,

    /// <summary>A waiver file.</summary>
    Waivers,

    /// <summary>A rule-set test file (<c>*.tests.json</c>).</summary>
    Tests,
}

/// <summary>
/// JSON Schemas (draft 2020-12) of the documents deeg-policy reads, for editors: completion,
/// hover descriptions and validation while writing rule sets, models, waiver and test files.
/// They are generated from the same tables the loaders check documents against (fact types,
/// fields, enums, required fields, ranges, id patterns, property lists), so they cannot drift
/// from the code. The loaders remain the authority: a schema cannot check expressions,
/// references between facts or unique ids.
/// </summary>
/// <example>
/// <code>
/// File.WriteAllText("ruleset.schema.json", JsonSchemas.Get(SchemaKind.RuleSet));
/// string id = JsonSchemas.IdOf(SchemaKind.RuleSet); // https://deeg-policy.example/schemas/ruleset.schema.json
/// </code>
/// </example>
public static class JsonSchemas
{
    /// <summary>The base of the schemas' <c>$id</c>s; an identifier, not a download location.</summary>
    internal const string BaseId = "https://deeg-policy.example/schemas/";

    private static readonly ConcurrentDictionary<SchemaKind, string> Cache = new();

    /// <summary>The schema of a document kind, as indented JSON (two spaces, <c>\n</c> line ends, ASCII only, no final line end).</summary>
    /// <param name="kind">The document kind.</param>
    /// <exception cref="ArgumentOutOfRangeException">For a value that is not a <see cref="SchemaKind"/>.</exception>
    public static string Get(SchemaKind kind) => Cache.GetOrAdd(Check(kind), k => Write(Build(k)));

    /// <summary>The stable <c>$id</c> of a schema, e.g. <c>https://deeg-policy.example/schemas/ruleset.schema.json</c>.</summary>
    /// <param name="kind">The document kind.</param>
    /// <exception cref="ArgumentOutOfRangeException">For a value that is not a <see cref="SchemaKind"/>.</exception>
    public static string IdOf(SchemaKind kind) => BaseId + FileNameOf(kind);

    /// <summary>The schema's file name, e.g. <c>ruleset.schema.json</c> (as kept in the repository's <c>docs/schemas</c>).</summary>
    /// <param name="kind">The document kind.</param>
    /// <exception cref="ArgumentOutOfRangeException">For a value that is not a <see cref="SchemaKind"/>.</exception>
    internal static string FileNameOf(SchemaKind kind) => NameOf(kind) + ".schema.json";

    /// <summary>The command-line name of a kind: <c>ruleset</c>, <c>model</c>, <c>waivers</c> or <c>tests</c>.</summary>
    /// <param name="kind">The document kind.</param>
    /// <exception cref="ArgumentOutOfRangeException">For a value that is not a <see cref="SchemaKind"/>.</exception>
    public static string NameOf(SchemaKind kind) => Check(kind) switch
    {
        SchemaKind.RuleSet => "ruleset",
        SchemaKind.Model => "model",
        SchemaKind.Waivers => "waivers",
        _ => "tests",
    };

    private static SchemaKind Check(SchemaKind kind) =>
        System.Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown schema kind");

    private static JObject Build(SchemaKind kind)
    {
        var id = IdOf(kind);
        return kind switch
        {
            SchemaKind.RuleSet => Root(kind, "deeg-policy rule set", RuleSetSchema.Document(id), RuleSetSchema.Definitions()),
            SchemaKind.Model => Root(kind, "deeg-policy organisation model", ModelSchema.Document(id), ModelSchema.Definitions()),
            SchemaKind.Waivers => Root(kind, "deeg-policy waiver file", WaiverSchema.Document(id), WaiverSchema.Definitions()),

            // The test file embeds the model schema: its document as "model", its types beside it.
            _ => Root(kind, "deeg-policy rule-set tests", TestFileSchema.Document(id),
                TestFileSchema.Definitions()
                    .Append(("model", ModelSchema.Document(IdOf(SchemaKind.Model))))
                    .Concat(ModelSchema.Definitions())),
        };
    }

    private static JObject Root(SchemaKind kind, string title, JObject document, IEnumerable<(string Name, JObject Schema)> definitions)
    {
        var root = Obj(("$schema", Dialect), ("$id", IdOf(kind)), ("title", title));
        foreach (var property in document.Properties()) root.Add(property.Name, property.Value);
        var defs = new JObject();
        foreach (var (name, schema) in definitions) defs.Add(name, schema);
        root.Add("$defs", defs);
        return root;
    }

    /// <summary>
    /// Indented JSON, two spaces, <c>\n</c> line ends, non-ASCII escaped; an array of plain values
    /// (an <c>enum</c>, <c>required</c>, a <c>type</c> list) and an object of one plain value
    /// (<c>{ "type": "string" }</c>) stay on one line so the files read well.
    /// </summary>
    private static string Write(JObject schema)
    {
        var text = new StringBuilder();
        WriteToken(text, schema, 0);
        return text.ToString();
    }

    private static void WriteToken(StringBuilder text, JToken token, int depth)
    {
        switch (token)
        {
            case JObject obj when obj.Count == 0:
                text.Append("{}");
                break;
            case JObject { Count: 1 } obj when obj.Properties().First().Value is JValue value:
                text.Append("{ ").Append(Quote(obj.Properties().First().Name)).Append(": ").Append(Scalar(value)).Append(" }");
                break;
            case JObject obj:
                text.Append('{');
                var first = true;
                foreach (var property in obj.Properties())
                {
                    text.Append(first ? "\n" : ",\n").Append(' ', (depth + 1) * 2).Append(Quote(property.Name)).Append(": ");
                    WriteToken(text, property.Value, depth + 1);
                    first = false;
                }

                text.Append('\n').Append(' ', depth * 2).Append('}');
                break;
            case JArray array when array.All(item => item is JValue):
                text.Append('[').AppendJoin(", ", array.Select(Scalar)).Append(']');
                break;
            case JArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "\n" : ",\n").Append(' ', (depth + 1) * 2);
                    WriteToken(text, array[i], depth + 1);
                }

                text.Append('\n').Append(' ', depth * 2).Append(']');
                break;
            default:
                text.Append(Scalar(token));
                break;
        }
    }

    private static string Scalar(JToken token) =>
        token.Type == JTokenType.String ? Quote((string)token!) : token.ToString(Formatting.None);

    private static string Quote(string value) => JsonConvert.ToString(value, '"', StringEscapeHandling.EscapeNonAscii);
}
