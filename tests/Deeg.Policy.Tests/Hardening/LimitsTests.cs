using System.Diagnostics;
using System.Text;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Model;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>The limits of <see cref="PolicyLimits"/>: defaults, configuration, and the diagnostic (code, line, column) of each.</summary>
public class LimitsTests
{
    private const string Org = "\"organisation\": { \"id\": \"acme\", \"name\": \"ACME\" }";

    private static string RuleSet(string where, string message = "m", int rules = 1) =>
        "{\n  \"ruleSet\": \"lim\",\n  \"version\": \"1.0.0\",\n  \"rules\": [\n" + string.Join(",\n", Enumerable.Range(1, rules).Select(i =>
            $"    {{ \"id\": \"L-{i:000}\", \"title\": \"t\", \"severity\": \"low\",\n      \"when\": [ {{ \"fact\": \"Channel\", \"as\": \"c\",\n        \"where\": {Newtonsoft.Json.JsonConvert.ToString(where)} }} ],\n      \"finding\": {{ \"message\": {Newtonsoft.Json.JsonConvert.ToString(message)} }} }}"))
        + "\n  ]\n}\n";

    private static IReadOnlyList<Diagnostic> Build(string json, PolicyLimits? limits = null) =>
        PolicyEngine.CreateBuilder().WithLimits(limits ?? PolicyLimits.Default).AddRuleSetJson(json, "r.json").TryBuild().Diagnostics;

    private static Diagnostic Single(IEnumerable<Diagnostic> diagnostics, string code) =>
        Assert.Single(diagnostics, d => d.Code == code && d.Severity == DiagnosticSeverity.Error);

    [Fact]
    public void The_defaults_are_documented_values()
    {
        var d = PolicyLimits.Default;
        Assert.Equal(64L * 1024 * 1024, d.MaxDocumentSize);
        Assert.Equal(64, d.MaxJsonDepth);
        Assert.Equal(10_000, d.MaxExpressionLength);
        Assert.Equal(200, d.MaxExpressionDepth);
        Assert.Equal(1_000_000, d.MaxFacts);
        Assert.Equal(10_000, d.MaxRules);
        Assert.Equal(4_000, d.MaxMessageLength);
        Assert.Same(PolicyLimits.Default, PolicyEngine.CreateBuilder().Build().Limits);
    }

    [Fact]
    public void Limits_are_checked_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyLimits.Default with { MaxDocumentSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyLimits.Default with { MaxJsonDepth = 257 });
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyLimits.Default with { MaxExpressionDepth = 201 });
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyLimits.Default with { MaxFacts = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyLimits.Default with { MaxMessageLength = 3 });
        Assert.Throws<ArgumentNullException>(() => PolicyEngine.CreateBuilder().WithLimits(null!));
        var custom = PolicyLimits.Default with { MaxFacts = 5 };
        Assert.Equal(5, custom.MaxFacts);
        Assert.Equal(64, custom.MaxJsonDepth);
        Assert.Equal(custom, PolicyLimits.Default with { MaxFacts = 5 });
    }

    // ---------------------------------------------------------------- document size

    [Fact]
    public void A_file_over_the_size_limit_is_DP1006_and_is_not_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{ " + Org + ", \"channels\": [] }");
            var limits = PolicyLimits.Default with { MaxDocumentSize = 20 };
            var d = Assert.Single(PolicyModel.Load(path, limits).Diagnostics);
            Assert.Equal(("DP1006", 1, 1), (d.Code, d.Line, d.Column));
            Assert.Contains("larger than the limit of 20 bytes", d.Message, StringComparison.Ordinal);
            Assert.True(PolicyModel.Load(path, PolicyLimits.Default with { MaxDocumentSize = 1000 }).Succeeded);
            Assert.Equal("DP1006", Assert.Single(WaiverSet.Load(path, limits).Diagnostics).Code);
            Assert.Equal("DP1006", Assert.Single(PolicyEngine.CreateBuilder().WithLimits(limits).AddRuleSetFile(path).TryBuild().Diagnostics).Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_device_that_never_ends_is_cut_at_the_limit()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var watch = Stopwatch.StartNew();
        var d = Hostile.Bounded(() => Assert.Single(PolicyModel.Load("/dev/zero", PolicyLimits.Default with { MaxDocumentSize = 1 << 20 }).Diagnostics), "/dev/zero");
        Assert.Equal("DP1006", d.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_string_over_the_size_limit_counts_its_UTF8_bytes()
    {
        var json = "{ \"organisation\": { \"id\": \"acme\", \"name\": \"" + new string('ü', 100) + "\" } }";
        var limits = PolicyLimits.Default with { MaxDocumentSize = json.Length + 50 };

        // 100 characters more in UTF-8 than in UTF-16: over the limit.
        Assert.Equal("DP1006", Assert.Single(PolicyModel.Parse(json, "m.json", limits).Diagnostics).Code);
        Assert.True(PolicyModel.Parse(json, "m.json", limits with { MaxDocumentSize = json.Length + 100 }).Succeeded);
        Assert.Equal("DP1006", Assert.Single(Build(json, limits with { MaxDocumentSize = 10 })).Code);
    }

    // ---------------------------------------------------------------- JSON depth

    [Fact]
    public void JSON_depth_64_is_read_and_65_is_DP1003_at_the_bracket_that_is_too_deep()
    {
        string Nested(int depth) => "{ " + Org + ", \"x\": " + new string('[', depth - 1) + new string(']', depth - 1) + " }";

        // The root object is level 1, so 63 arrays make 64 levels.
        var ok = PolicyModel.Parse(Nested(64), "m.json");
        Assert.DoesNotContain(ok.Diagnostics, d => d.Code == "DP1003");
        var deep = Single(PolicyModel.Parse(Nested(65), "m.json").Diagnostics, "DP1003");
        var text = Nested(65);
        Assert.Equal((1, text.IndexOf('[', StringComparison.Ordinal) + 64), (deep.Line, deep.Column));
        Assert.Equal("the JSON document is nested deeper than 64 levels", deep.Message);
    }

    [Fact]
    public void JSON_depth_is_configurable()
    {
        var json = "{\n  \"organisation\": {\n    \"id\": \"a\", \"name\": \"b\", \"jurisdictions\": [ \"DE\" ] } }";
        Assert.True(PolicyModel.Parse(json, "m.json", PolicyLimits.Default with { MaxJsonDepth = 3 }).Succeeded);
        var d = Single(PolicyModel.Parse(json, "m.json", PolicyLimits.Default with { MaxJsonDepth = 2 }).Diagnostics, "DP1003");
        Assert.Equal((3, 46), (d.Line, d.Column));
        Assert.Equal("DP1003", Single(Build(RuleSet("c.mfa"), PolicyLimits.Default with { MaxJsonDepth = 4 }), "DP1003").Code);
    }

    // ---------------------------------------------------------------- expressions

    [Fact]
    public void An_expression_over_the_length_limit_is_DP4012_at_its_string()
    {
        var atLimit = "c.handle == '" + new string('x', 10_000 - 15) + "'";
        Assert.Equal(10_000 - 1, atLimit.Length);
        Assert.DoesNotContain(Build(RuleSet(atLimit + " ")), d => d.Severity == DiagnosticSeverity.Error);
        var d = Single(Build(RuleSet(atLimit + "  ")), "DP4012");
        Assert.Equal((7, 18), (d.Line, d.Column));
        Assert.Equal("the expression is 10001 characters long, more than the limit of 10000 (MaxExpressionLength)", d.Message);

        var limits = PolicyLimits.Default with { MaxExpressionLength = 10 };
        Assert.Equal("DP4012", Single(Build(RuleSet("c.handle == 'abc'"), limits), "DP4012").Code);
        Assert.DoesNotContain(Build(RuleSet("c.mfa"), limits), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_message_hole_over_the_length_limit_is_DP4012()
    {
        var limits = PolicyLimits.Default with { MaxExpressionLength = 10 };
        var d = Single(Build(RuleSet("c.mfa", "Handle {lower(trim(c.handle))} and {c.id}"), limits), "DP4012");
        Assert.Equal((8, 31), (d.Line, d.Column));
        Assert.Contains("column 8 of the text", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expression_depth_is_configurable_and_is_a_syntax_error()
    {
        var nested = new string('(', 12) + "c.mfa" + new string(')', 12);
        Assert.DoesNotContain(Build(RuleSet(nested)), d => d.Severity == DiagnosticSeverity.Error);
        var d = Single(Build(RuleSet(nested), PolicyLimits.Default with { MaxExpressionDepth = 10 }), "DP4001");
        Assert.Equal((7, 18), (d.Line, d.Column));
        Assert.Contains("nested too deeply (more than 10 levels)", d.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- rules and facts

    [Fact]
    public void More_rules_than_the_limit_is_DP3017_at_the_first_rule_too_many()
    {
        var json = RuleSet("c.mfa", rules: 3);
        Assert.Null(Build(json).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error));
        var d = Single(Build(json, PolicyLimits.Default with { MaxRules = 2 }), "DP3017");
        Assert.Equal((13, 5), (d.Line, d.Column));

        // Over all rule sets of the engine, built-in ones included.
        var builtIn = PolicyEngine.CreateBuilder().WithLimits(PolicyLimits.Default with { MaxRules = 20 }).AddBuiltInRuleSets().TryBuild();
        Assert.Null(builtIn.Engine);
        Assert.Equal("DP3017", Assert.Single(builtIn.Diagnostics).Code);
    }

    [Fact]
    public void More_facts_than_the_limit_is_DP2012_at_the_first_fact_too_many_without_follow_up_errors()
    {
        var json = "{\n  " + Org + ",\n  \"people\": [\n    { \"id\": \"p1\" },\n    { \"id\": \"p2\" },\n    { \"id\": \"p3\" }\n  ],\n"
            + "  \"roles\": [ { \"person\": \"p3\", \"role\": \"editor\" } ]\n}";
        Assert.True(PolicyModel.Parse(json, "m.json").Succeeded);
        var result = PolicyModel.Parse(json, "m.json", PolicyLimits.Default with { MaxFacts = 3 });
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("DP2012", 6, 5), (d.Code, d.Line, d.Column));
        Assert.Equal("the model has more than 3 facts (MaxFacts, --max-facts); this one and the ones after it are not read", d.Message);

        // The engine's limits apply to the models it loads.
        var engine = PolicyEngine.CreateBuilder().WithLimits(PolicyLimits.Default with { MaxFacts = 3 }).Build();
        Assert.Equal("DP2012", Assert.Single(engine.ParseModel(json, "m.json").Diagnostics).Code);
    }

    [Fact]
    public void A_code_built_model_over_the_fact_limit_is_reported_not_evaluated()
    {
        var model = new PolicyModel
        {
            Organisation = new Organisation { Id = "o", Name = "O" },
            People = Enumerable.Range(0, 50).Select(i => new Person { Id = "p" + i }).ToList(),
        };
        var engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().WithLimits(PolicyLimits.Default with { MaxFacts = 10 }).Build();
        var report = engine.Evaluate(model);
        var error = Assert.Single(report.Errors);
        Assert.Equal("model", error.RuleId);
        Assert.Contains("more than 10 facts", error.Message, StringComparison.Ordinal);
        Assert.Empty(report.Findings);
        using var session = engine.OpenSession(model);
        Assert.NotEmpty(session.Report().Errors);
    }

    // ---------------------------------------------------------------- messages

    [Fact]
    public void Rendered_messages_are_cut_at_the_limit_with_an_ellipsis()
    {
        var json = RuleSet("c.mfa == false", "Handle {c.handle} {c.handle}");
        var model = PolicyModel.Parse("{ " + Org + ", \"channels\": [ { \"id\": \"c1\", \"platform\": \"x\", \"scope\": \"external\", \"handle\": \"" + new string('h', 100_000) + "\" } ] }").Model!;

        var standard = PolicyEngine.CreateBuilder().AddRuleSetJson(json).Build().Evaluate(model);
        var message = Assert.Single(standard.Findings).Message;
        Assert.Equal(4_000, message.Length);
        Assert.EndsWith("h\u2026", message, StringComparison.Ordinal);

        var small = PolicyEngine.CreateBuilder().WithLimits(PolicyLimits.Default with { MaxMessageLength = 100 }).AddRuleSetJson(json).Build().Evaluate(model);
        Assert.Equal(100, Assert.Single(small.Findings).Message.Length);
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var text = new string('a', 14) + "𝄞𝄞𝄞";
        var cut = PolicyLimits.Truncate(text, 16);
        Assert.Equal(new string('a', 14) + "\u2026", cut);
        Assert.Equal("short", PolicyLimits.Truncate("short", 16));
    }

    [Fact]
    public void Diagnostic_messages_stay_one_bounded_line_whatever_they_quote()
    {
        var d = new Diagnostic("DP9999", DiagnosticSeverity.Error, "a\nb\r\u001b[31mc\u202Ed" + new string('x', 5_000), "f\nile", 1, 1);
        Assert.StartsWith("a\\nb\\r\\u001B[31mc\\u202Ed", d.Message, StringComparison.Ordinal);
        Assert.Equal(Diagnostic.MaxMessageLength, d.Message.Length);
        Assert.Equal("f\\nile", d.File);
        Assert.DoesNotContain('\n', d.ToString());
    }

    // ---------------------------------------------------------------- regular expressions

    [Fact]
    public void A_catastrophic_pattern_runs_in_linear_time()
    {
        var handle = new string('a', 50_000) + "!";
        var json = "{ \"ruleSet\": \"re\", \"version\": \"1.0.0\", \"parameters\": { \"p\": \"^(a|a)*$\" }, \"rules\": [ "
            + "{ \"id\": \"R-001\", \"title\": \"t\", \"severity\": \"low\", \"when\": [ { \"fact\": \"Channel\", \"as\": \"c\", \"where\": \"c.handle matches '^(a+)+$'\" } ], \"finding\": { \"message\": \"m\" } },"
            + "{ \"id\": \"R-002\", \"title\": \"t\", \"severity\": \"low\", \"when\": [ { \"fact\": \"Channel\", \"as\": \"c\", \"where\": \"c.handle matches params.p\" } ], \"finding\": { \"message\": \"m\" } } ] }";
        var engine = PolicyEngine.CreateBuilder().AddRuleSetJson(json).Build();
        var model = PolicyModel.Parse("{ " + Org + ", \"channels\": [ { \"id\": \"c1\", \"platform\": \"x\", \"scope\": \"external\", \"handle\": \"" + handle + "\" } ] }").Model!;
        var watch = Stopwatch.StartNew();
        var options = new EvaluationOptions();
        options.Parameters["re.p"] = "^(a*)*b$";
        var report = Hostile.Bounded(() => engine.Evaluate(model, options), "a catastrophic pattern");
        Assert.Empty(report.Findings);
        Assert.Empty(report.Errors);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(System.Text.RegularExpressions.RegexOptions.NonBacktracking, Runtime.PolicyFunctions.PatternOptions & System.Text.RegularExpressions.RegexOptions.NonBacktracking);
    }

    // ---------------------------------------------------------------- encodings

    [Fact]
    public void Bytes_that_are_not_UTF8_are_DP1007_at_the_first_bad_byte()
    {
        var bag = new DiagnosticBag();
        var bytes = Encoding.UTF8.GetBytes("{\n  \"a\": \"ok ü\",\n  \"b\": \"x").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\"\n}")).ToArray();
        Assert.Null(JsonSource.Decode(bytes, "f.json", bag));
        var d = Assert.Single(bag.Items);
        Assert.Equal(("DP1007", 3, 10), (d.Code, d.Line, d.Column));
        Assert.Contains("0xE9", d.Message, StringComparison.Ordinal);

        var bom = new DiagnosticBag();
        Assert.Equal("{}", JsonSource.Decode(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' }, "f.json", bom));
        Assert.Empty(bom.Items);
    }
}
