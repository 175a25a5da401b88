using System.Text.RegularExpressions;
using Deeg.Policy.Model;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Model;

/// <summary>The loader is total: any damage to a valid document gives a model or diagnostics, never an exception.</summary>
public class ModelLoaderPropertyTests
{
    /// <summary>One edit of the document text; positions are taken modulo the current length.</summary>
    public sealed record Mutation(int Kind, int Position, int Length, string Token)
    {
        public override string ToString() => $"{Kind}@{Position}+{Length} {JsonConvert.ToString(Token)}";
    }

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "0", "-1", "1.5", "1e400", "NaN", "-Infinity", "99999999999999999999999",
        "\"x\"", "\"\"", "{}", "[]", "\"2026-02-30\"", "\"2026-11-01T09:30:00\"", "\"linkedin\"", "\"p-sm\"", "/*", "//", "\n", "\\u0000", "\uFEFF",
        "\"extensions\": { \"SupplierContract\": [ { \"id\": 1 } ] },", "\"id\": \"li-page\",", "\"schemaVersion\": 2,",
    ];

    private static readonly string[] Values =
    [
        "\"x\"", "\"\"", "1", "-7", "2.5", "0.0", "true", "false", "null", "[]", "{}", "[1, \"a\", null]", "{\"a\": 1}",
        "\"2026-02-30\"", "\"LinkedIn\"", "12345678901234567890", "[{}]", "\"p-ceo\"",
    ];

    private static readonly Gen<Mutation> OneMutation =
        from kind in Gen.Choose(0, 4)
        from position in Gen.Choose(0, 100_000)
        from length in Gen.Choose(1, 60)
        from token in Gen.OneOf(Gen.Elements(Fragments), Gen.Elements(Values), Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()))
        select new Mutation(kind, position, length, token);

    private static readonly Gen<Mutation[]> Mutations = Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(OneMutation, n));

    private static string Apply(string text, Mutation m)
    {
        var at = m.Position % (text.Length + 1);
        switch (m.Kind)
        {
            case 0: // delete a range
                return text.Remove(at, Math.Min(m.Length, text.Length - at));
            case 1: // insert a token or a random character
                return text.Insert(at, m.Token);
            case 2: // duplicate a line
                var lines = text.Split('\n').ToList();
                var i = m.Position % lines.Count;
                lines.Insert(i, lines[i]);
                return string.Join('\n', lines);
            case 3: // replace a value with a value of another JSON type
                return ReplaceValue(text, m);
            default: // swap a range for a token
                return text.Remove(at, Math.Min(m.Length, text.Length - at)).Insert(at, m.Token);
        }
    }

    private static string ReplaceValue(string text, Mutation m)
    {
        JToken root;
        try
        {
            root = JToken.Parse(text, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Ignore });
        }
        catch (JsonException)
        {
            return text; // an earlier mutation broke the JSON; nothing to replace
        }

        var candidates = (root is JContainer container ? container.DescendantsAndSelf() : [root]).Where(t => t is not JProperty).ToList();
        var target = candidates[m.Position % candidates.Count];
        var replacement = JToken.Parse(Values[m.Length % Values.Length]);
        if (target.Parent is null) return replacement.ToString(Formatting.Indented);
        target.Replace(replacement);
        return root.ToString(Formatting.Indented);
    }

    [Fact]
    public void Any_mutation_of_the_example_gives_a_model_or_diagnostics_but_never_throws()
    {
        var types = ModelLoaderTests.RegistryWithExtensions();
        var property = Prop.ForAll(Mutations.ToArbitrary(), mutations =>
        {
            var text = mutations.Aggregate(ExampleModel.Json, Apply);
            var result = ModelLoader.Parse(text, "m.json", types);
            var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            var wellFormed = result.Diagnostics.All(d =>
                Regex.IsMatch(d.Code, "^DP[0-9]{4}$") && d.File == "m.json" && d.Line >= 1 && d.Column >= 1 && d.Message.Length > 0);
            return wellFormed && (result.Succeeded ? result.Model is not null && errors == 0 : errors > 0);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Arbitrary_strings_never_throw(string text) =>
        ModelLoader.Parse(text ?? string.Empty, "m.json", ModelLoaderTests.RegistryWithExtensions()) is { } r && (r.Succeeded || r.Diagnostics.Count > 0);
}
