using Deeg.Policy.Packs;
using System.Text;
using Deeg.Policy.Testing;
using Deeg.Policy.Tests.Model;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>
/// FsCheck mutates valid documents — models, the built-in rule sets, waiver files and rule-set test
/// files, as text, as JSON trees and as bytes — and the public API must answer every mutant with a
/// result or well-formed diagnostics: no exception, no hang (each case has a time budget), and
/// whatever loads also evaluates without throwing.
/// </summary>
public class MutationFuzzTests
{
    /// <summary>One edit; positions are taken modulo the current length.</summary>
    public sealed record Mutation(int Kind, int Position, int Length, string Token)
    {
        public override string ToString() => $"{Kind}@{Position}+{Length} {JsonConvert.ToString(Token)}";
    }

    /// <summary>Fragments of broken JSON and of hostile expressions.</summary>
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "'", "null", "true", "0", "-1", "1.5", "1e400", "NaN", "-Infinity", "010", "0x1F",
        "99999999999999999999999999999999", "\"x\"", "\"\"", "{}", "[]", "/*", "//", "\n", "\r", "\t", "\\u0000", "\\u001b[31m",
        "\\ud800", "\u202E", "\u0007", "\uFEFF", "\\", "\"a\": 1,", "\"id\": \"x\",",
        "c.GetType()", "System.IO.File.ReadAllText('/etc/passwd')", "typeof(c)", "c['x']", "x => x", ".Length", "((((((((((",
        "))))", " and ", " or not ", " matches '(a+)+$'", " matches '(a{1000}){1000}'", "params.nope", "asOf - 999999999d", "{{", "}}",
        "{c.id}", "{", " / 0", " ?? ", "len(", "count(x in ", "99999999999999999999999999999 * 99999999999999999999999999999",
    ];

    private static readonly string[] Values =
    [
        "\"x\"", "\"\"", "1", "-7", "2.5", "0.0", "true", "false", "null", "[]", "{}", "[1, \"a\", null]", "{\"a\": 1}",
        "\"2026-02-30\"", "\"c.mfa == null\"", "\"not not not true\"", "\"c.id\"", "\"{c.GetType()}\"", "[[[[[[[[]]]]]]]]",
        "\"" + new string('(', 250) + "\"", "\"" + new string('x', 20_000) + "\"",
    ];

    private static readonly Gen<Mutation> OneMutation =
        from kind in Gen.Choose(0, 6)
        from position in Gen.Choose(0, 1_000_000)
        from length in Gen.Choose(1, 80)
        from token in Gen.OneOf(Gen.Elements(Fragments), Gen.Elements(Values), Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()))
        select new Mutation(kind, position, length, token);

    private static readonly Gen<Mutation[]> Mutations = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(OneMutation, n));

    /// <summary>Byte edits for the byte-level cases: invalid UTF-8, NUL, a byte order mark in the middle, truncation.</summary>
    private static readonly byte[][] ByteTokens =
    [
        [0xFF], [0xFE, 0xFF], [0xC3], [0xE9], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x00], [0xEF, 0xBB, 0xBF], [0x80],
    ];

    private static readonly Gen<(int Kind, int Position, int Token)[]> ByteMutations =
        Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(
            from kind in Gen.Choose(0, 2)
            from position in Gen.Choose(0, 1_000_000)
            from token in Gen.Choose(0, ByteTokens.Length - 1)
            select (kind, position, token), n));

    private static readonly Lazy<PolicyEngine> AllPacks = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build());

    private static readonly string Waivers = """
        {
          "waivers": [
            { "rule": "GOV-006", "subject": "Channel/xing-old", "justification": "kept for name protection", "approvedBy": "ciso@muster.example", "expires": "2027-03-31" },
            { "rule": "GOV-001", "justification": "all subjects", "expires": "2026-01-01" }
          ]
        }
        """;

    internal static string Apply(string text, Mutation m)
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
                return Replace(text, m, t => t is not JProperty, _ => JToken.Parse(Values[m.Length % Values.Length]));
            case 4: // edit inside a string value: an expression, a message, an id
                return Replace(text, m, t => t.Type == JTokenType.String, t =>
                {
                    var s = (string)t!;
                    var p = m.Length % (s.Length + 1);
                    return new JValue(s.Insert(p, m.Token));
                });
            case 5: // truncate
                return text[..at];
            default: // swap a range for a token
                return text.Remove(at, Math.Min(m.Length, text.Length - at)).Insert(at, m.Token);
        }
    }

    private static string Replace(string text, Mutation m, Func<JToken, bool> candidate, Func<JToken, JToken> replacement)
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

        var candidates = (root is JContainer container ? container.DescendantsAndSelf() : [root]).Where(candidate).ToList();
        if (candidates.Count == 0) return text;
        var target = candidates[m.Position % candidates.Count];
        var value = replacement(target);
        if (target.Parent is null) return value.ToString(Formatting.Indented);
        target.Replace(value);
        return root.ToString(Formatting.Indented);
    }

    private static bool AllWellFormed(IEnumerable<Diagnostic> diagnostics) => diagnostics.All(d => Hostile.WellFormed(d));

    private static void Check(Arbitrary<Mutation[]> arbitrary, int count, Func<Mutation[], bool> property) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), Prop.ForAll(arbitrary, property));

    [Fact]
    public void Mutated_rule_sets_give_an_engine_or_diagnostics_and_the_engine_evaluates()
    {
        var seeds = BuiltInPacks.Names.Select(n => BuiltInPacks.Read(n)!).ToArray();
        var model = PolicyModel.Parse(ExampleModel.Json).Model!;
        Check(Mutations.ToArbitrary(), 120, mutations =>
        {
            var seed = seeds[Math.Abs(mutations[0].Position) % seeds.Length];
            var text = mutations.Aggregate(seed, Apply);
            return Hostile.Bounded(() =>
            {
                var built = PolicyEngine.CreateBuilder().AddRuleSetJson(text, "r.json").EnableLinting().TryBuild();
                if (!AllWellFormed(built.Diagnostics)) return false;
                if (built.Engine is null) return built.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
                var report = built.Engine.Evaluate(model);
                return report.Findings.All(f => f.Message.Length <= PolicyLimits.DefaultMaxMessageLength);
            }, "a mutated rule set");
        });
    }

    [Fact]
    public void Mutated_models_give_a_model_or_diagnostics_and_the_model_evaluates()
    {
        Check(Mutations.ToArbitrary(), 250, mutations =>
        {
            var text = mutations.Aggregate(ExampleModel.Json, Apply);
            return Hostile.Bounded(() =>
            {
                var result = AllPacks.Value.ParseModel(text, "m.json");
                if (!AllWellFormed(result.Diagnostics)) return false;
                if (result.Model is null) return result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
                return AllPacks.Value.Evaluate(result.Model).Errors.Count == 0;
            }, "a mutated model");
        });
    }

    [Fact]
    public void Mutated_waiver_files_give_waivers_or_diagnostics()
    {
        var model = PolicyModel.Parse(ExampleModel.Json).Model!;
        Check(Mutations.ToArbitrary(), 250, mutations =>
        {
            var text = mutations.Aggregate(Waivers, Apply);
            return Hostile.Bounded(() =>
            {
                var set = WaiverSet.Parse(text, "w.json");
                if (!AllWellFormed(set.Diagnostics)) return false;
                if (!set.Succeeded) return set.Waivers.Count == 0;
                AllPacks.Value.Evaluate(model, new EvaluationOptions { Waivers = set.Waivers });
                return true;
            }, "a mutated waiver file");
        });
    }

    [Fact]
    public void Mutated_rule_set_test_files_load_and_run_without_throwing()
    {
        // The packs' own test files, pointed at the embedded packs.
        var packs = Path.Combine(Path.GetDirectoryName(Hostile.CorpusDirectory)!, "..", "..", "..", "src", "Deeg.Policy", "Packs");
        var seeds = Directory.GetFiles(packs, "*.tests.json").Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f).Replace("\"finance-records.rules.json\"", "\"builtin:finance-records\"", StringComparison.Ordinal))
            .Select(t => BuiltInPacks.Names.Aggregate(t, (s, n) => s.Replace($"\"{n}.rules.json\"", $"\"builtin:{n}\"", StringComparison.Ordinal)))
            .ToArray();
        Assert.NotEmpty(seeds);
        Check(Mutations.ToArbitrary(), 30, mutations =>
        {
            var seed = seeds[Math.Abs(mutations[0].Position) % seeds.Length];
            var text = mutations.Aggregate(seed, Apply);
            return Hostile.Bounded(() =>
            {
                var file = RuleSetTestFile.Parse(text, "t.tests.json", packs);
                if (!AllWellFormed(file.Diagnostics)) return false;
                var run = file.Run();
                return file.Succeeded || run.Cases.Count == 0;
            }, "a mutated test file");
        });
    }

    [Fact]
    public void Mutated_bytes_of_every_kind_of_file_give_diagnostics_not_garbage()
    {
        var dir = Directory.CreateTempSubdirectory("deeg-fuzz-");
        try
        {
            var seeds = new (string Kind, byte[] Bytes)[]
            {
                ("model", Encoding.UTF8.GetBytes(ExampleModel.Json.Replace("Muster", "Müller Ünïcödé ✓ 𝄞", StringComparison.Ordinal))),
                ("ruleSet", Encoding.UTF8.GetBytes(BuiltInPacks.Read("finance-records")!)),
                ("waivers", Encoding.UTF8.GetBytes(Waivers.Replace("protection", "Schutz – geprüft", StringComparison.Ordinal))),
            };
            var arbitrary = ByteMutations.ToArbitrary();
            var property = Prop.ForAll(arbitrary, edits =>
            {
                var (kind, seed) = seeds[Math.Abs(edits[0].Position) % seeds.Length];
                var bytes = edits.Aggregate(seed.ToList(), (b, e) =>
                {
                    var at = e.Position % (b.Count + 1);
                    switch (e.Kind)
                    {
                        case 0: b.InsertRange(at, ByteTokens[e.Token]); break;
                        case 1 when at < b.Count: b[at] = ByteTokens[e.Token][0]; break;
                        default: b.RemoveRange(at, b.Count - at); break;
                    }

                    return b;
                }).ToArray();
                var path = Path.Combine(dir.FullName, Guid.NewGuid().ToString("N") + ".json");
                File.WriteAllBytes(path, bytes);
                var diagnostics = Hostile.Bounded<IReadOnlyList<Diagnostic>>(() => kind switch
                {
                    "model" => PolicyModel.Load(path).Diagnostics,
                    "ruleSet" => PolicyEngine.CreateBuilder().AddRuleSetFile(path).TryBuild().Diagnostics,
                    _ => WaiverSet.Load(path).Diagnostics,
                }, "a file with mutated bytes");
                File.Delete(path);

                // Bytes that are not UTF-8 are DP1007 (never decoded into replacement characters and read on).
                var valid = IsUtf8(bytes);
                return AllWellFormed(diagnostics) && (valid || diagnostics.Any(d => d.Code == "DP1007"));
            });
            FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static bool IsUtf8(byte[] bytes)
    {
        var body = bytes.AsSpan();
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) body = body[3..];
        if (body.Length >= 2 && ((body[0] == 0xFF && body[1] == 0xFE) || (body[0] == 0xFE && body[1] == 0xFF))) return false;
        if (body.Length >= 2 && (body[0] == 0) != (body[1] == 0)) return false;
        if (body.Length >= 4 && body[0] != 0 && body[1] == 0 && body[2] == 0 && body[3] == 0) return false;
        if (body.Length >= 4 && body[0] == 0 && body[1] == 0 && body[2] == 0 && body[3] != 0) return false;
        return System.Text.Unicode.Utf8.IsValid(body);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Arbitrary_strings_as_rule_sets_never_throw(string text)
    {
        var built = PolicyEngine.CreateBuilder().AddRuleSetJson(text ?? string.Empty, "r.json").TryBuild();
        return built.Engine is null && built.Diagnostics.Count > 0 && AllWellFormed(built.Diagnostics);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Arbitrary_strings_as_waiver_files_never_throw(string text)
    {
        var set = WaiverSet.Parse(text ?? string.Empty, "w.json");
        return AllWellFormed(set.Diagnostics) && (set.Succeeded || set.Diagnostics.Count > 0);
    }
}
