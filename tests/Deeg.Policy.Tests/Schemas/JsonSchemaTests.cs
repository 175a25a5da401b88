using Deeg.Policy.SchemaGeneration;
using Deeg.Policy.Model.Loading;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using LoaderSchemas = Deeg.Policy.Model.Loading.FactSchemas;
using Deeg.Policy.Model;

namespace Deeg.Policy.Tests.SchemaGeneration;

/// <summary>
/// The JSON Schemas: the committed files equal the generated text, they cover every fact type,
/// field and enum value, and the repository's documents (examples, packs, samples) validate
/// against them with an independent validator (NJsonSchema) — while broken ones do not.
/// </summary>
public class JsonSchemaTests
{
    public static TheoryData<SchemaKind> Kinds => [.. System.Enum.GetValues<SchemaKind>()];

    private static readonly Lazy<string> RepositoryRoot = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Deeg.Policy.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Deeg.Policy.sln not found above " + AppContext.BaseDirectory);
    });

    private static string Repo(params string[] parts) => Path.Combine([RepositoryRoot.Value, .. parts]);

    private static JObject Parsed(SchemaKind kind) => JObject.Parse(JsonSchemas.Get(kind));

    private static readonly Dictionary<SchemaKind, JsonSchema> Validators = [];

    private static JsonSchema Validator(SchemaKind kind)
    {
        lock (Validators)
        {
            if (!Validators.TryGetValue(kind, out var schema))
            {
                // NJsonSchema resolves references into draft-07 "definitions" only; "$defs" (2020-12) means the same here.
                var text = JsonSchemas.Get(kind).Replace("\"$defs\":", "\"definitions\":", StringComparison.Ordinal).Replace("#/$defs/", "#/definitions/", StringComparison.Ordinal);
                schema = JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
                Validators[kind] = schema;
            }

            return schema;
        }
    }

    private static string Errors(SchemaKind kind, string json) =>
        string.Join("\n", Validator(kind).Validate(json).Select(e => e.ToString()));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_committed_schema_file_is_the_generated_text(SchemaKind kind)
    {
        var name = JsonSchemas.FileNameOf(kind);
        var path = Repo("docs", "schemas", name);
        var regenerate = $"regenerate it with: dotnet run --project src/Deeg.Policy.Cli -- schema {JsonSchemas.NameOf(kind)} > docs/schemas/{name}";
        Assert.True(File.Exists(path), $"docs/schemas/{name} is missing; {regenerate}");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(committed == JsonSchemas.Get(kind) + "\n", $"docs/schemas/{name} is not the generated schema; {regenerate}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_schema_names_its_dialect_id_and_title_and_every_ref_resolves(SchemaKind kind)
    {
        var schema = Parsed(kind);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal(JsonSchemas.IdOf(kind), (string?)schema["$id"]);
        Assert.Equal("https://deeg-policy.example/schemas/" + JsonSchemas.NameOf(kind) + ".schema.json", JsonSchemas.IdOf(kind));
        Assert.False(string.IsNullOrWhiteSpace((string?)schema["title"]));
        Assert.Equal("string", (string?)schema["properties"]?["$schema"]?["type"]);
        Assert.False((bool)schema["additionalProperties"]!);

        var refs = schema.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref").Select(p => (string)p.Value!).Distinct().ToList();
        Assert.NotEmpty(refs);
        foreach (var reference in refs)
        {
            Assert.StartsWith("#/$defs/", reference, StringComparison.Ordinal);
            Assert.NotNull(schema["$defs"]?[reference["#/$defs/".Length..]]);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_text_is_stable_ascii_with_unix_line_ends(SchemaKind kind)
    {
        var text = JsonSchemas.Get(kind);
        Assert.DoesNotContain('\r', text);
        Assert.All(text, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4}"));
        Assert.False(text.EndsWith('\n'));
        Assert.Equal(text, JsonSchemas.Get(kind));
    }

    [Fact]
    public void Every_built_in_fact_type_is_a_fact_of_the_rule_set_schema_and_a_type_of_the_model_schema()
    {
        var names = BuiltInFactTypes.Facts.Select(f => f.Name).ToList();
        var ruleSet = Parsed(SchemaKind.RuleSet);
        Assert.Equal(names, ruleSet["$defs"]!["factPattern"]!["properties"]!["fact"]!["enum"]!.Select(t => (string)t!));

        var model = Parsed(SchemaKind.Model);
        foreach (var name in names)
        {
            var definition = model["$defs"]![name] as JObject;
            Assert.NotNull(definition);
            Assert.False((bool)definition["additionalProperties"]!);
            var list = LoaderSchemas.BuiltInListOf(name)!;
            var property = model["properties"]![list]!;
            Assert.Equal("#/$defs/" + name, (string?)(property["$ref"] ?? property["items"]?["$ref"]));
        }

        Assert.Equal(LoaderSchemas.TopLevelFields, ((JObject)model["properties"]!).Properties().Select(p => p.Name));
    }

    [Fact]
    public void Every_field_of_every_model_type_is_in_the_schema_with_its_required_flag_and_a_description()
    {
        var model = Parsed(SchemaKind.Model);
        foreach (var type in ModelSchema.Types)
        {
            var definition = model["$defs"]![type.Name]!;
            Assert.Equal(type.Fields.Select(f => f.Name), ((JObject)definition["properties"]!).Properties().Select(p => p.Name));
            Assert.Equal(type.Fields.Where(f => f.Required).Select(f => f.Name), definition["required"]?.Select(t => (string)t!) ?? []);
            Assert.False(string.IsNullOrWhiteSpace(type.Description), $"no description of {type.Name}");
            foreach (var field in type.Fields)
            {
                Assert.False(string.IsNullOrWhiteSpace(field.Description), $"no description of {type.Name}.{field.Name}");
                Assert.StartsWith(field.Description!, (string?)definition["properties"]![field.Name]!["description"], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_enum_value_of_the_model_appears_in_the_model_schema_in_camel_case()
    {
        var model = Parsed(SchemaKind.Model);
        var values = model.Descendants().OfType<JProperty>().Where(p => p.Name == "enum")
            .SelectMany(p => p.Value.Select(v => v.Type == JTokenType.String ? (string)v! : null)).ToHashSet();
        var enums = typeof(Deeg.Policy.Model.Organisation).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic && t.Namespace == "Deeg.Policy.Model").ToList();
        Assert.True(enums.Count >= 20, "expected the enums of the model");
        foreach (var type in enums)
        {
            foreach (var name in System.Enum.GetNames(type))
                Assert.Contains(char.ToLowerInvariant(name[0]) + name[1..], values);
        }

        Assert.Contains("whatsApp", values);
        Assert.Contains("b2bNoEndCustomers", values);
    }

    [Fact]
    public void The_rule_set_schema_lists_severities_and_every_element_kind()
    {
        var ruleSet = Parsed(SchemaKind.RuleSet);
        Assert.Equal(["info", "low", "medium", "high", "critical"], ruleSet["$defs"]!["rule"]!["properties"]!["severity"]!["enum"]!.Select(t => (string)t!));
        var variants = (JArray)ruleSet["$defs"]!["element"]!["oneOf"]!;
        var keys = variants.Select(v => v["$ref"] is not null ? "fact" : (string)v["required"]![0]!).ToList();
        Assert.Equal(["fact", "not", "exists", "anyOf", "forAll", "count", "sum", "min", "max", "avg", "collect", "group", "let", "test"], keys);
        Assert.Equal(CodeTables.ElementKeys, keys);
        Assert.Equal(CodeTables.Rule.Order(StringComparer.Ordinal), ((JObject)ruleSet["$defs"]!["rule"]!["properties"]!).Properties().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_tests_schema_embeds_the_model_schema()
    {
        var tests = Parsed(SchemaKind.Tests);
        var model = Parsed(SchemaKind.Model);
        Assert.Equal("#/$defs/model", (string?)tests["$defs"]!["testCase"]!["properties"]!["model"]!["$ref"]);
        Assert.True(JToken.DeepEquals(model["properties"], tests["$defs"]!["model"]!["properties"]));
        foreach (var definition in ((JObject)model["$defs"]!).Properties())
            Assert.True(JToken.DeepEquals(definition.Value, tests["$defs"]![definition.Name]), definition.Name);
    }

    [Theory]
    [InlineData("2026-11-01", true)]
    [InlineData("2026-11-01T09:30:00Z", true)]
    [InlineData("2026-11-01T09:30Z", true)]
    [InlineData("2026-11-01T09:30:00.1234567+01:00", true)]
    [InlineData("2026-11-01T09:30:00-05:30", true)]
    [InlineData("2026-11-01T09:30:00", false)]
    [InlineData("2026-11-01 09:30:00Z", false)]
    [InlineData("26-11-01", false)]
    [InlineData("2026-11-01T09:30:00.12345678Z", false)]
    public void The_datetime_pattern_agrees_with_the_loader(string text, bool valid)
    {
        Assert.Equal(valid, IsoDates.TryDateTime(text, out _) == IsoDates.DateTimeParse.Ok);
        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(text, SchemaNodes.DateTimePattern));
    }

    public static TheoryData<string, SchemaKind> RepositoryDocuments()
    {
        var data = new TheoryData<string, SchemaKind>
        {
            { "tests/Deeg.Policy.Cli.Tests/TestData/muster-maschinenbau.model.json", SchemaKind.Model },
            { "tests/Deeg.Policy.Cli.Tests/TestData/muster-extra.rules.json", SchemaKind.RuleSet },
            { "tests/Deeg.Policy.Cli.Tests/TestData/muster.waivers.json", SchemaKind.Waivers },
            { "tests/Deeg.Policy.Cli.Tests/TestData/muster-extra.tests.json", SchemaKind.Tests },
        };
        var root = RepositoryRoot.Value;
        string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
        foreach (var file in Directory.GetFiles(Path.Combine(root, "src", "Deeg.Policy", "Packs"), "*.rules.json").Order(StringComparer.Ordinal)) data.Add(Relative(file), SchemaKind.RuleSet);
        foreach (var file in Directory.GetFiles(Path.Combine(root, "src", "Deeg.Policy", "Packs"), "*.tests.json").Order(StringComparer.Ordinal)) data.Add(Relative(file), SchemaKind.Tests);
        foreach (var file in Directory.GetFiles(Path.Combine(root, "samples", "models"), "*.json").Order(StringComparer.Ordinal)) data.Add(Relative(file), SchemaKind.Model);
        return data;
    }

    [Theory]
    [MemberData(nameof(RepositoryDocuments))]
    public void The_repository_documents_validate_against_their_schema(string file, SchemaKind kind)
    {
        var json = File.ReadAllText(Repo(file.Split('/')));
        Assert.True(Errors(kind, json).Length == 0, $"{file} does not validate against {JsonSchemas.FileNameOf(kind)}:\n{Errors(kind, json)}");
    }

    [Theory]

    // Models: unknown field, unknown enum value, missing required field, bad date, out of range, a required id that is blank.
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": "a", "name": "A", "sectr": "b2b" } }""")]
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": "a", "name": "A" }, "channels": [ { "id": "c", "platform": "myspace", "scope": "external" } ] }""")]
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": "a", "name": "A" }, "channels": [ { "id": "c", "platform": "xing" } ] }""")]
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": "a", "name": "A" }, "people": [ { "id": "p", "internalActivityOn": "01.02.2026" } ] }""")]
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": "a", "name": "A" }, "useCases": [ { "id": "u", "area": "workOrganisation", "openShare": 1.5 } ] }""")]
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": " ", "name": "A" } }""")]
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": "a", "name": "A" }, "mentions": [ { "id": "m", "platform": "x", "at": "2026-11-01T09:30:00" } ] }""")]
    [InlineData(SchemaKind.Model, """{ "channels": [] }""")]
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": "a", "name": "A" }, "schemaVersion": 2 }""")]

    // Rule sets: bad severity, bad rule id, unknown element, element with two keys, unknown fact type, bad alias, missing message.
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "rules": [ { "id": "R-001", "title": "t", "severity": "severe", "when": [ { "test": "true" } ], "finding": { "message": "m" } } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "rules": [ { "id": "r-1", "title": "t", "severity": "low", "when": [ { "test": "true" } ], "finding": { "message": "m" } } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "rules": [ { "id": "R-001", "title": "t", "severity": "low", "when": [ { "unless": "true" } ], "finding": { "message": "m" } } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "rules": [ { "id": "R-001", "title": "t", "severity": "low", "when": [ { "test": "true", "not": [ { "test": "false" } ] } ], "finding": { "message": "m" } } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "rules": [ { "id": "R-001", "title": "t", "severity": "low", "when": [ { "fact": "Chanel", "as": "c" } ], "finding": { "message": "m" } } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "rules": [ { "id": "R-001", "title": "t", "severity": "low", "when": [ { "fact": "Channel", "as": "C" } ], "finding": { "message": "m" } } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "rules": [ { "id": "R-001", "title": "t", "severity": "low", "when": [ { "fact": "Channel", "as": "c" } ], "finding": { "subject": "c" } } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "rules": [ { "id": "R-001", "title": "t", "severity": "low", "when": [ { "sum": { "fact": "Post", "as": "p" }, "as": "n" } ], "finding": { "message": "m" } } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "R", "version": "1.0", "rules": [] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "parameters": { "mixed": [1, "a"] }, "rules": [ { "id": "R-001", "title": "t", "severity": "low", "when": [ { "test": "true" } ], "finding": { "message": "m" } } ] }""")]

    // Waivers: missing expires, bad subject, bad date, unknown property.
    [InlineData(SchemaKind.Waivers, """{ "waivers": [ { "rule": "GOV-006", "justification": "j" } ] }""")]
    [InlineData(SchemaKind.Waivers, """{ "waivers": [ { "rule": "GOV-006", "subject": "xing-main", "justification": "j", "expires": "2027-03-31" } ] }""")]
    [InlineData(SchemaKind.Waivers, """{ "waivers": [ { "rule": "GOV-006", "justification": "j", "expires": "2027-02-30" } ] }""")]
    [InlineData(SchemaKind.Waivers, """{ "waivers": [ { "rule": "GOV-006", "justification": "j", "expires": "2027-03-31", "approver": "x" } ] }""")]

    // Tests: both model and modelFile, an invalid inline model, a bad expectation, unknown case property.
    [InlineData(SchemaKind.Tests, """{ "ruleSets": ["a.rules.json"], "cases": [ { "name": "n", "model": { "organisation": { "id": "t", "name": "T" } }, "modelFile": "m.json" } ] }""")]
    [InlineData(SchemaKind.Tests, """{ "ruleSets": ["a.rules.json"], "cases": [ { "name": "n", "model": { "organisation": { "id": "t" } } } ] }""")]
    [InlineData(SchemaKind.Tests, """{ "ruleSets": ["a.rules.json"], "cases": [ { "name": "n", "modelFile": "m.json", "expect": [ { "rule": "R-001", "subject": "nope" } ] } ] }""")]
    [InlineData(SchemaKind.Tests, """{ "ruleSets": ["a.rules.json"], "cases": [ { "name": "n", "modelFile": "m.json", "expected": [] } ] }""")]
    [InlineData(SchemaKind.Tests, """{ "cases": [] }""")]
    public void Broken_documents_do_not_validate(SchemaKind kind, string json)
    {
        Assert.NotEmpty(Validator(kind).Validate(json));
    }

    [Theory]
    [InlineData(SchemaKind.Model, """{ "$schema": "model.schema.json", "organisation": { "id": "a", "name": "A", "sector": null }, "channels": null, "asOf": null }""")]
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": "a", "name": "A" }, "roles": [ { "person": "p", "role": "editor" } ], "people": [ { "id": "p" } ], "extensions": { "Ticket": [ { "id": "t1", "any": 1 } ] } }""")]
    [InlineData(SchemaKind.Model, """{ "organisation": { "id": "a", "name": "A" }, "channels": [ { "id": "c", "platform": "x", "scope": "external", "lastPostAt": "2026-11-01" } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "$schema": "x", "ruleSet": "r", "version": "1.0.0-beta.1", "parameters": { "list": ["a", "b"], "n": 2, "b": true }, "rules": [ { "id": "R-001", "title": { "en": "t", "fr": "t" }, "severity": "critical", "when": [ { "fact": "Channel", "as": "c", "where": ["c.mfa", "c.scope == 'external'"] }, { "forAll": { "fact": "Post", "as": "p", "where": "p.channel == c.id" }, "require": "p.labeledAsAd" }, { "anyOf": [ [ { "test": "true" } ], [ { "let": "v", "value": "1" } ] ] }, { "collect": { "fact": "Post", "as": "q" }, "of": "q.id", "distinct": true, "as": "ids" } ], "finding": { "message": "m" } } ] }""")]
    [InlineData(SchemaKind.RuleSet, """{ "ruleSet": "r", "version": "1.0.0", "rules": [ { "id": "R-001", "title": "t", "severity": "low", "when": [ { "group": { "fact": "Mention", "as": "m", "where": ["m.sentiment == 'negative'"] }, "by": "m.platform", "as": "g" }, { "test": "g.count > 2" } ], "finding": { "subject": "g", "message": "{g.count} on {g.key}" } } ] }""")]
    [InlineData(SchemaKind.Tests, """{ "ruleSets": ["builtin:deeg-baseline"], "cases": [ { "name": "n", "modelFile": "m.json", "params": { "deeg-baseline.minInternalAreas": 2 }, "expect": [ { "rule": "DEEG-001", "subject": "Organisation/t" } ], "exact": true } ] }""")]
    public void Valid_documents_validate(SchemaKind kind, string json)
    {
        Assert.True(Errors(kind, json).Length == 0, Errors(kind, json));
    }
}
