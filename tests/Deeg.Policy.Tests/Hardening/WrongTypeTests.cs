using System.Globalization;
using Deeg.Policy.Model;
using Deeg.Policy.Model.Loading;
using Deeg.Policy.Core;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>
/// Every wrong JSON type for every field of every fact type and nested type, generated from the
/// loader's field tables (<see cref="FactSchemas"/>): each gives exactly one error, with the expected
/// code, at the line and column of the wrong value.
/// </summary>
public class WrongTypeTests
{
    /// <summary>The JSON values tried in every field.</summary>
    private static readonly (string Json, string Name)[] Values =
    [
        ("\"text\"", "string"), ("7", "integer"), ("1.5", "fraction"), ("true", "bool"), ("[]", "array"), ("{}", "object"), ("null", "null"),
    ];

    /// <summary>The model around the fact under test: facts every reference can point at.</summary>
    private const string Prefix = """
        {
          "organisation": { "id": "acme", "name": "ACME" },
          "people": [ { "id": "p1" } ],
          "channels": [ { "id": "c1", "platform": "x", "scope": "external" } ],
          "useCases": [ { "id": "u1", "area": "internalCommunication" } ],
        """;

    /// <summary>One case: the document, where the value is, the code expected (null: valid).</summary>
    public sealed record Case(string Description, string Json, int Line, int Column, string? Code);

    /// <summary>The field tables of the fact types in the document, and of the nested types, each with how a document holds one.</summary>
    private static IEnumerable<(TypeSchema Schema, Func<string, string> Wrap)> Hosts()
    {
        // A fact of each list, added after the facts of the prefix.
        foreach (var (json, schema, _) in FactSchemas.Lists)
        {
            var line = Prefix.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith($"\"{json}\": [", StringComparison.Ordinal));
            yield return line is null
                ? (schema, fact => $"{Prefix}\n  \"{json}\": [ {fact} ]\n}}")
                : (schema, fact => Prefix.Replace(line, line.TrimEnd(',').TrimEnd()[..^1] + ", " + fact + " ],", StringComparison.Ordinal) + "\n  \"trainings\": []\n}");
        }

        // The organisation: replaces the one of the prefix.
        yield return (FactSchemas.Organisation, fact => Prefix.Replace("{ \"id\": \"acme\", \"name\": \"ACME\" }", fact, StringComparison.Ordinal) + "\n  \"trainings\": []\n}");

        // Nested objects inside a policy.
        yield return (FactSchemas.Clause, o => $"{Prefix}\n  \"policies\": [ {{ \"id\": \"pol\", \"kind\": \"governance\", \"clauses\": [ {o} ] }} ]\n}}");
        yield return (FactSchemas.CrisisTier, o => $"{Prefix}\n  \"policies\": [ {{ \"id\": \"pol\", \"kind\": \"crisisPlan\", \"tiers\": [ {o} ] }} ]\n}}");
    }

    /// <summary>A valid value for a field, so that only the field under test is wrong.</summary>
    private static string ValidValue(FieldSpec field) => field.Type.Kind switch
    {
        _ when field.RefersTo == "Person" => "\"p1\"",
        _ when field.RefersTo == "Channel" => "\"c1\"",
        _ when field.RefersTo == "UseCase" => "\"u1\"",
        FieldKind.String => "\"v\"",
        FieldKind.Bool => "true",
        FieldKind.Integer => "1",
        FieldKind.Number => "0.5",
        FieldKind.Date => "\"2026-01-01\"",
        FieldKind.DateTime => "\"2026-01-01T00:00:00Z\"",
        FieldKind.Enum => "\"" + Naming.CamelCase(Enum.GetNames(field.Type.Clr)[0]) + "\"",
        FieldKind.List => "[]",
        _ => throw new InvalidOperationException($"no valid value for {field.Name}"),
    };

    /// <summary>The code a value gives in a field of this type: DP2002 for a wrong JSON type, else the value's own problem, null when valid.</summary>
    private static string? Expected(FieldSpec field, FieldType type, string name, bool element)
    {
        if (name == "null") return element ? "DP2002" : field.Required ? "DP2001" : null;
        return (type.Kind, name) switch
        {
            (FieldKind.String, "string") => null,
            (FieldKind.Bool, "bool") => null,
            (FieldKind.Integer, "integer") => null,
            (FieldKind.Integer, "fraction") => "DP2010",
            (FieldKind.Number, "integer" or "fraction") => (field.Rules & FieldRules.Fraction) != 0 && !element ? "DP2010" : null, // a share is 0 to 1
            (FieldKind.Date or FieldKind.DateTime, "string") => "DP2007",
            (FieldKind.Enum, "string") => "DP2003",
            (FieldKind.List, "array") => null,
            (FieldKind.Object, "object") => "DP2001", // an empty Clause or CrisisTier misses its required field
            _ => "DP2002",
        };
    }

    public static IEnumerable<Case> Cases()
    {
        foreach (var (schema, wrap) in Hosts())
        {
            foreach (var field in schema.Fields)
            {
                // The other required fields, valid; the field under test on its own line, its value on the next.
                var others = schema.Fields.Where(f => f != field && f.Required).Select(f => $"\"{f.Name}\": {ValidValue(f)}");
                var head = string.Join(", ", others);
                foreach (var (json, name) in Values)
                {
                    var fact = "{ " + head + (head.Length > 0 ? "," : string.Empty) + $"\n    \"{field.Name}\":\n      {json} }}";
                    var code = Expected(field, field.Type, name, element: false);
                    if (field.RefersTo is not null && name == "string") code = "DP2006"; // a string, but no such fact
                    yield return MakeCase(schema, field, name, wrap(fact), json, code, column: 7);
                }

                // A list: every wrong type as an element.
                if (field.Type.Kind == FieldKind.List && field.Type.Element is { } element)
                {
                    foreach (var (json, name) in Values)
                    {
                        var fact = "{ " + head + (head.Length > 0 ? "," : string.Empty) + $"\n    \"{field.Name}\":\n      [ {json} ] }}";
                        yield return MakeCase(schema, field, name + " element", wrap(fact), json, Expected(field, element, name, element: true), column: 9);
                    }
                }
            }
        }
    }

    private static Case MakeCase(TypeSchema schema, FieldSpec field, string name, string document, string json, string? code, int column)
    {
        // The value is on the line after the field name, which is the first line of the fact that contains it.
        var lines = document.Split('\n');
        var fieldLine = Array.FindIndex(lines, l => l.TrimStart().StartsWith($"\"{field.Name}\":", StringComparison.Ordinal) && l.TrimEnd().EndsWith(':'));
        _ = json;
        return new Case($"{schema.Name}.{field.Name} = {name}", document, fieldLine + 2, column, code);
    }

    [Fact]
    public void Every_wrong_type_of_every_field_is_reported_at_the_value()
    {
        var cases = Cases().ToList();
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var result = ModelLoader.Parse(c.Json, "m.json", BuiltInFactTypes.CreateRegistry());
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (c.Code is null)
            {
                if (errors.Count > 0) failures.Add($"{c.Description}: expected no error, got {string.Join("; ", errors)}");
                continue;
            }

            if (errors.Count != 1 || errors[0].Code != c.Code || errors[0].Line != c.Line || errors[0].Column != c.Column)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Description}: expected {c.Code} at {c.Line}:{c.Column}, got {(errors.Count == 0 ? "no error" : string.Join("; ", errors))}"));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Take(40)));

        // Every field of every type: 12 tables, over a hundred fields, seven values each (plus list elements).
        Assert.True(cases.Count >= 800, $"only {cases.Count} cases");
        Assert.True(cases.Count(c => c.Code == "DP2002") > cases.Count / 2, "most values are of a wrong JSON type");
    }
}
