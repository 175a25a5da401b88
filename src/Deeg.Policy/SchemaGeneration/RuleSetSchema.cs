using Newtonsoft.Json.Linq;
using static Deeg.Policy.SchemaGeneration.SchemaNodes;
using Deeg.Policy.Model;

namespace Deeg.Policy.SchemaGeneration;

/// <summary>
/// The schema of a rule set (docs/rule-language.md), generated from the rule-set reader's property
/// lists, element keys and id patterns, the <see cref="Severity"/> enum and the built-in fact
/// types. Expressions are strings: the schema cannot check them, the loader does.
/// </summary>
internal static class RuleSetSchema
{
    private const string ExpressionHint = "An expression of the rule language over the aliases bound so far, params and asOf.";

    /// <summary>The document's keywords (type, properties, required, …).</summary>
    public static JObject Document(string id) => Obj(
        ("type", "object"),
        ("description", "A rule set: rules written in the deeg-policy rule language, checked against the fact types when it loads."),
        ("properties", Properties(CodeTables.RuleSetDocument, DocumentShapes(id), "rule set")),
        ("required", Strings(["ruleSet", "version", "rules"])),
        ("additionalProperties", false));

    /// <summary>The definitions the document refers to.</summary>
    public static IEnumerable<(string Name, JObject Schema)> Definitions()
    {
        yield return ("rule", Rule());
        yield return ("finding", Finding());
        yield return ("element", Element());
        yield return ("factPattern", FactPattern());
        yield return ("parameterValue", ParameterValue());
        yield return ("text", LocalizedTextDefinition());
    }

    /// <summary>A parameter value: a number, string or boolean, or an array of one of those.</summary>
    public static JObject ParameterValue() => Obj(
        ("description", "A number, string or boolean, or an array of one of those (all elements of the same type)."),
        ("anyOf", new JArray(
            Obj(("type", "number")),
            Obj(("type", "string")),
            Obj(("type", "boolean")),
            Obj(("type", "array"), ("items", Obj(("type", "number")))),
            Obj(("type", "array"), ("items", Obj(("type", "string")))),
            Obj(("type", "array"), ("items", Obj(("type", "boolean")))))));

    /// <summary>The rule id pattern, also used by waivers and test expectations.</summary>
    public static JObject RuleId(string description) =>
        Pattern(description, CodeTables.RuleIdPattern, "upper-case letters and digits, a dash and at least three digits, e.g. ACME-001");

    /// <summary>The severities in order, as written in rule sets: <c>info</c> … <c>critical</c>.</summary>
    public static IEnumerable<string> Severities => System.Enum.GetNames<Severity>().Select(n => n.ToLowerInvariant());

    private static Dictionary<string, JObject> DocumentShapes(string id) => new(StringComparer.Ordinal)
    {
        ["$schema"] = SchemaProperty(id),
        ["ruleSet"] = Pattern(
            "The rule set's id: lower-case letters, digits and '-'; unique among the loaded rule sets. Parameters are overridden as ID.NAME.",
            CodeTables.RuleSetIdPattern,
            "lower-case letters, digits and '-', starting with a letter or digit"),
        ["version"] = Pattern("A semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0.", CodeTables.SemVerPattern, "a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0"),
        ["title"] = LocalizedText("The rule set's title (a text, or language tag -> text)."),
        ["description"] = LocalizedText("What the rule set is about (a text, or language tag -> text)."),
        ["parameters"] = Obj(
            ("type", "object"),
            ("description", "Parameters: name -> number, string, boolean or array of those; used as params.NAME and overridable per evaluation with a value of the same type."),
            ("patternProperties", Obj((CodeTables.ParameterNamePattern, Ref("parameterValue")))),
            ("additionalProperties", false)),
        ["rules"] = Array("The rules; at least one.", Ref("rule"), minItems: 1),
    };

    private static JObject Rule()
    {
        var shapes = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["id"] = RuleId("The rule's id, unique across all loaded rule sets, e.g. ACME-007."),
            ["title"] = LocalizedText("The rule's title (a text, or language tag -> text)."),
            ["severity"] = Enum("How serious a finding is (score weights: critical 10, high 5, medium 3, low 1, info 0).", Severities),
            ["category"] = Obj(("type", "string"), ("description", "A category for grouping, e.g. governance, privacy, culture."), ("default", "general")),
            ["tags"] = Array("Free tags.", Obj(("type", "string"))),
            ["references"] = Array("Sources and further reading (URLs or citations).", Obj(("type", "string"))),
            ["enabled"] = Boolean("A disabled rule is checked but not run.", defaultValue: true),
            ["when"] = Array("The conditions, all of which must hold: fact patterns and other elements. The rule fires once per distinct combination of the facts bound by the top-level patterns.", Ref("element"), minItems: 1),
            ["finding"] = Ref("finding"),
            ["description"] = LocalizedText("A longer explanation of the rule (a text, or language tag -> text)."),
        };
        return ClosedObject("A rule: conditions over the facts, and the finding it reports when they hold.",
            Properties(CodeTables.Rule, shapes, "rule"), ["id", "title", "severity", "when", "finding"]);
    }

    private static JObject Finding()
    {
        var shapes = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["subject"] = Alias("The alias of the top-level fact pattern or group the finding is about; default: the last top-level fact pattern or group."),
            ["message"] = LocalizedText("The finding's message, with {expression} holes; {{ and }} are literal braces (a text, or language tag -> text)."),
            ["remediation"] = LocalizedText("How to fix it, with {expression} holes (a text, or language tag -> text)."),
            ["owner"] = Obj(
                ("description", "Who must act: an expression giving a Person fact, or null (nobody), e.g. \"p\" for a person bound by a fact pattern. " + ExpressionHint),
                ("type", Strings(["string", "null"]))),
        };
        return ClosedObject("What the rule reports about each matching combination of facts.", Properties(CodeTables.Finding, shapes, "finding"), ["message"]);
    }

    private static JObject FactPattern()
    {
        var shapes = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["fact"] = Enum("The fact type to match.", BuiltInFactTypes.Facts.Select(f => f.Name)),
            ["as"] = Alias("The alias the matched fact is bound to, e.g. \"c\"."),
            ["where"] = Obj(
                ("description", "A condition on the fact, or an array of conditions that must all hold, e.g. \"c.scope == 'external' and not c.mfa\". " + ExpressionHint),
                ("anyOf", new JArray(Obj(("type", "string")), Obj(("type", "array"), ("items", Obj(("type", "string"))))))),
        };
        return ClosedObject("A fact pattern: one fact of a type, bound to an alias, for which the where condition holds.",
            Properties(CodeTables.FactPattern, shapes, "fact pattern"), ["fact", "as"]);
    }

    /// <summary>One object per element kind, told apart by its key; editors offer a snippet for each.</summary>
    private static JObject Element()
    {
        var kinds = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["fact"] = Ref("factPattern"),
            ["not"] = Closed("There is no combination of facts for which all inner elements hold.", ("not", Elements("The inner elements.")), required: ["not"]),
            ["exists"] = Closed("There is at least one combination of facts for which all inner elements hold (binds nothing outside).", ("exists", Elements("The inner elements.")), required: ["exists"]),
            ["anyOf"] = Closed(
                "At least one branch holds; aliases bound inside a branch are not visible after it.",
                ("anyOf", Array("The branches, each an array of elements.", Elements("A branch."), minItems: 1)),
                required: ["anyOf"]),
            ["forAll"] = Closed(
                "Every fact that matches the pattern also satisfies require (true when there is none).",
                [("forAll", Ref("factPattern")), ("require", Expression("The condition every matching fact must satisfy."))],
                required: ["forAll", "require"]),
            ["count"] = Aggregate("count", "Binds the alias to the number of matching facts (0 when none); with of and distinct: the number of distinct non-null values of of.", ofRequired: false, distinct: true),
            ["sum"] = Aggregate("sum", "Binds the alias to the sum of of over the matching facts (nulls skipped; 0 when none).", ofRequired: true, distinct: false),
            ["min"] = Aggregate("min", "Binds the alias to the minimum of of over the matching facts (nulls skipped; null when none).", ofRequired: true, distinct: false),
            ["max"] = Aggregate("max", "Binds the alias to the maximum of of over the matching facts (nulls skipped; null when none).", ofRequired: true, distinct: false),
            ["avg"] = Aggregate("avg", "Binds the alias to the average of of over the matching facts (nulls skipped; null when none).", ofRequired: true, distinct: false),
            ["collect"] = Aggregate("collect", "Binds the alias to the list of the non-null values of of over the matching facts (distinct when asked), in a stable order.", ofRequired: true, distinct: true),
            ["group"] = Closed(
                "Binds the alias once for each distinct non-null value of by among the matching facts (only at the top level of when); members key, count and items (in id order).",
                [("group", Ref("factPattern")), ("by", Expression("The key the facts are grouped on, e.g. \"m.platform\".")), ("as", Alias("The alias that receives each group, e.g. \"g\"."))],
                required: ["group", "by", "as"]),
            ["let"] = Closed(
                "Binds an alias to the value of an expression.",
                [("let", Alias("The alias to bind.")), ("value", Expression("The value."))],
                required: ["let", "value"]),
            ["test"] = Closed("A condition over the aliases bound so far that must be true.", ("test", Expression("The condition.")), required: ["test"]),
        };

        var variants = Properties(CodeTables.ElementKeys, kinds, "when element");
        return Obj(
            ("description", "An element of when: a fact pattern, not, exists, anyOf, forAll, an aggregate (count, sum, min, max, avg, collect), group, let or test."),
            ("oneOf", new JArray(variants.Properties().Select(p => p.Value))),
            ("defaultSnippets", new JArray(CodeTables.ElementKeys.Select(Snippet))));
    }

    private static JObject Aggregate(string key, string description, bool ofRequired, bool distinct)
    {
        var properties = new List<(string, JObject)>
        {
            (key, Ref("factPattern")),
            ("of", Expression(ofRequired ? "The value to aggregate." : "The value whose distinct non-null values are counted (with distinct).")),
        };
        if (distinct) properties.Add(("distinct", Boolean(key == "count" ? "Count the distinct non-null values of of." : "Collect each value once.", defaultValue: false)));
        properties.Add(("as", Alias("The alias that receives the result.")));
        return Closed(description, [.. properties], required: ofRequired ? [key, "of", "as"] : [key, "as"]);
    }

    private static JObject Snippet(string key)
    {
        JObject Pattern() => Obj(("fact", "${1:Channel}"), ("as", "${2:c}"), ("where", "$3"));
        var body = key switch
        {
            "fact" => Pattern(),
            "not" or "exists" => Obj((key, new JArray(Pattern()))),
            "anyOf" => Obj((key, new JArray(new JArray(Pattern()), new JArray(Obj(("test", "$4")))))),
            "forAll" => Obj((key, Pattern()), ("require", "$4")),
            "count" => Obj((key, Pattern()), ("as", "${4:n}")),
            "group" => Obj((key, Pattern()), ("by", "$4"), ("as", "${5:g}")),
            "let" => Obj((key, "${1:v}"), ("value", "$2")),
            "test" => Obj((key, "$1")),
            _ => Obj((key, Pattern()), ("of", "$4"), ("as", "${5:v}")),
        };
        return Obj(("label", key), ("body", body));
    }

    private static JObject Closed(string description, (string Name, JObject Schema) property, string[] required) => Closed(description, [property], required);

    private static JObject Closed(string description, (string Name, JObject Schema)[] properties, string[] required)
    {
        var obj = new JObject();
        foreach (var (name, schema) in properties) obj.Add(name, schema);
        return ClosedObject(description, obj, required);
    }

    private static JObject Elements(string description) => Array(description, Ref("element"), minItems: 1);

    private static JObject Expression(string description) => String(description + " " + ExpressionHint);

    private static JObject Alias(string description) =>
        Pattern(description, CodeTables.AliasPattern, "a lower-case letter, then letters, digits or '_'");
}
