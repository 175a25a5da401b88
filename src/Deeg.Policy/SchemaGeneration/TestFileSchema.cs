using Newtonsoft.Json.Linq;
using static Deeg.Policy.SchemaGeneration.SchemaNodes;

namespace Deeg.Policy.SchemaGeneration;

/// <summary>
/// The schema of a rule-set test file (<see cref="Testing.RuleSetTestFile"/>), from the test file reader's
/// property lists. Inline models are checked by the model schema, embedded under <c>$defs</c>.
/// </summary>
internal static class TestFileSchema
{
    /// <summary>The document's keywords.</summary>
    public static JObject Document(string id)
    {
        var shapes = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["$schema"] = SchemaProperty(id),
            ["ruleSets"] = Array(
                "The rule sets to load: paths relative to this file (e.g. \"acme.rules.json\"), or builtin:NAME for a built-in pack.",
                Obj(("type", "string"), ("examples", Strings(["acme.rules.json", "builtin:deeg-baseline"])))),
            ["cases"] = Array("The test cases.", Ref("testCase")),
        };
        return Obj(
            ("type", "object"),
            ("description", "Rule-set tests: models with the findings the loaded rule sets must and must not produce."),
            ("properties", Properties(CodeTables.TestDocument, shapes, "test file")),
            ("required", Strings(["ruleSets", "cases"])),
            ("additionalProperties", false));
    }

    /// <summary>The test file's own definitions (the model's are added beside them).</summary>
    public static IEnumerable<(string Name, JObject Schema)> Definitions()
    {
        var caseShapes = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["name"] = NonBlank("What the case checks, e.g. \"a dormant XING account is flagged\"."),
            ["asOf"] = Date("The evaluation date (YYYY-MM-DD); default: the model's asOf, then today."),
            ["lang"] = Enum("The language the findings' messages render in (for message and messageMatches); default en.", Testing.RuleSetTestFile.Languages),
            ["model"] = Ref("model", "The model, inline."),
            ["modelFile"] = NonBlank("A model file, relative to this file (instead of model)."),
            ["params"] = Obj(
                ("type", "object"),
                ("description", "Parameter overrides: ruleSet.name -> value of the parameter's type."),
                ("patternProperties", Obj(("^[a-z0-9][a-z0-9-]*\\.[A-Za-z_][A-Za-z0-9_]*$", Ref("parameterValue")))),
                ("additionalProperties", false)),
            ["expect"] = Array("Each entry must match at least one finding.", Ref("expectation")),
            ["expectNot"] = Array("No finding may match any entry.", Ref("expectation")),
            ["exact"] = Boolean("The findings of the loaded rule sets must be exactly those in expect (each entry then names a subject).", defaultValue: false),
        };
        var testCase = ClosedObject("A test case: a model (inline or from a file), options, and the expected findings.",
            Properties(CodeTables.TestCase, caseShapes, "test case"), ["name"]);
        testCase.Add("oneOf", new JArray(Obj(("required", Strings(["model"]))), Obj(("required", Strings(["modelFile"])))));

        // With "exact": true every expectation names its subject.
        var exact = Obj(("enum", new JArray(true)));
        var expectWithSubjects = Obj(("items", Obj(("required", Strings(["subject"])))));
        testCase.Add("if", Obj(("properties", Obj(("exact", exact))), ("required", Strings(["exact"]))));
        testCase.Add("then", Obj(("properties", Obj(("expect", expectWithSubjects)))));
        yield return ("testCase", testCase);

        var expectationShapes = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["rule"] = RuleSetSchema.RuleId("The rule id."),
            ["subject"] = WaiverSchema.Subject("The subject reference Type/id, e.g. Channel/x; absent: any subject."),
            ["message"] = String("The finding's message exactly as rendered in the case's lang."),
            ["messageMatches"] = String("A .NET regular expression that must match somewhere in the finding's message (anchor with ^…$ for all of it)."),
        };
        var expectation = ClosedObject("A finding of a rule, optionally about one subject and with a given message.",
            Properties(CodeTables.Expectation, expectationShapes, "expectation"), ["rule"]);
        expectation.Add("not", Obj(("required", Strings(["message", "messageMatches"]))));
        yield return ("expectation", expectation);
        yield return ("parameterValue", RuleSetSchema.ParameterValue());
    }
}
