using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Cli.Tests;

/// <summary>
/// Hostile input at the command line: every corpus file exits 2 with its diagnostics (never a stack
/// trace or a hang), the limit options, <c>validate --lint</c>, the order of a parallel batch, and
/// exit code 3 for a rule that fails at evaluation time.
/// </summary>
public class HardeningTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    /// <summary>The corpus of the library's tests (tests/Deeg.Policy.Tests/Hardening/Corpus), found from the test output upwards.</summary>
    private static string Corpus { get; } = FindCorpus();

    private static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Deeg.Policy.Tests", "Hardening", "Corpus");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException("tests/Deeg.Policy.Tests/Hardening/Corpus not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> CorpusFiles() =>
        [.. JObject.Parse(File.ReadAllText(Path.Combine(Corpus, "corpus.json")))["entries"]!.Select(e => (string)e["file"]!)];

    private static CliResult Run(params string[] args)
    {
        var task = Task.Run(() => Cli.Run(args));
        Assert.True(task.Wait(Budget), $"deeg-policy {string.Join(' ', args)} did not finish within {Budget.TotalSeconds} s");
        return task.Result;
    }

    private static void NoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_corpus_file_exits_2_with_its_diagnostics_or_0_when_valid(string file)
    {
        var entry = JObject.Parse(File.ReadAllText(Path.Combine(Corpus, "corpus.json")))["entries"]!.Single(e => (string)e["file"]! == file);
        var path = Path.Combine(Corpus, file.Replace('/', Path.DirectorySeparatorChar));
        var expect = entry["expect"]!.Select(x => $"{path}:{(int)x["line"]!}:{(int)x["column"]!}: error {(string)x["code"]!}: ").ToList();

        // Test files are checked completely by 'test'; everything else by 'validate'.
        var result = (string)entry["kind"]! == "tests" ? Run("test", path) : Run("validate", path);
        NoStackTrace(result);
        Assert.All(result.StderrLines, l => Assert.Matches(Cli.DiagnosticLine(), l));
        var errors = result.StderrLines.Where(l => l.Contains(": error DP", StringComparison.Ordinal)).ToList();
        Assert.Equal(expect.Count, errors.Count);
        for (var i = 0; i < expect.Count; i++) Assert.StartsWith(expect[i], errors[i], StringComparison.Ordinal);
        Assert.Equal(expect.Count == 0 ? 0 : 2, result.Code);
    }

    // ---------------------------------------------------------------- limit options

    [Fact]
    public void Limit_options_of_validate()
    {
        var model = Path.Combine(Corpus, "models", "valid.json");
        var tooLarge = Run("validate", "--max-document-size", "100", model);
        Assert.Equal(2, tooLarge.Code);
        Assert.Equal([model + ":1:1: error DP1006: the file is larger than the limit of 100 bytes (MaxDocumentSize, --max-document-size); it was not read"], tooLarge.StderrLines);
        Assert.Equal(0, Run("validate", "--max-document-size", "1KiB", model).Code);

        var tooDeep = Run("validate", "--max-depth", "2", model);
        Assert.Equal(2, tooDeep.Code);
        Assert.StartsWith(model + ":6:5: error DP1003: the JSON document is nested deeper than 2 levels", Assert.Single(tooDeep.StderrLines), StringComparison.Ordinal);

        var tooMany = Run("validate", "--max-facts", "2", model);
        Assert.Equal(2, tooMany.Code);
        Assert.StartsWith(model + ":8:15: error DP2012: the model has more than 2 facts", Assert.Single(tooMany.StderrLines), StringComparison.Ordinal);

        var rules = Path.Combine(Corpus, "rulesets", "valid.rules.json");
        Assert.Equal(0, Run("validate", "--max-rules", "1", rules).Code);
    }

    [Theory]
    [InlineData("--max-depth", "0")]
    [InlineData("--max-depth", "257")]
    [InlineData("--max-depth", "ten")]
    [InlineData("--max-facts", "-1")]
    [InlineData("--max-rules", "1.5")]
    [InlineData("--max-document-size", "3TB")]
    [InlineData("--max-document-size", "0")]
    public void Bad_limit_values_are_usage_errors(string option, string value)
    {
        var result = Run("validate", option, value, Path.Combine(Corpus, "models", "valid.json"));
        Assert.Equal(2, result.Code);
        Assert.StartsWith($"deeg-policy: error: invalid {option} '{value}'", result.Stderr, StringComparison.Ordinal);
        NoStackTrace(result);
    }

    [Fact]
    public void Limit_options_of_check_and_rules()
    {
        var model = Path.Combine(Corpus, "models", "valid.json");
        var check = Run("check", model, "--builtin", "governance", "--max-facts", "2");
        Assert.Equal(2, check.Code);
        Assert.Contains(check.StderrLines, l => l.StartsWith(model + ":8:15: error DP2012", StringComparison.Ordinal));
        Assert.Equal(string.Empty, check.Stdout);

        var rules = Run("rules", "--builtin", "governance", "--max-rules", "3");
        Assert.Equal(2, rules.Code);
        Assert.Contains(rules.StderrLines, l => l.StartsWith("builtin:governance:", StringComparison.Ordinal) && l.Contains("error DP3017", StringComparison.Ordinal));

        var help = Run("check", "--help");
        foreach (var option in new[] { "--max-document-size", "--max-depth", "--max-facts", "--max-rules" })
            Assert.Contains(option, help.Stdout, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- lint

    [Fact]
    public void Validate_lint_prints_warnings_and_keeps_exit_0()
    {
        using var dir = new TempDir();
        var rules = dir.File("lint.rules.json", """
            {
              "ruleSet": "lint",
              "version": "1.0.0",
              "parameters": { "unused": 1 },
              "rules": [
                { "id": "L-001", "title": "t", "severity": "low",
                  "when": [ { "fact": "Channel", "as": "c", "where": "c.mfa != null" } ],
                  "finding": { "message": "m" } }
              ]
            }
            """);
        var plain = Run("validate", rules);
        Assert.Equal(0, plain.Code);
        Assert.Equal([rules + ": ok"], plain.StdoutLines);

        var lint = Run("validate", "--lint", rules);
        Assert.Equal(0, lint.Code);
        Assert.Equal(
            [
                rules + ":4:19: warning DP7004: the parameter 'unused' is not used by any rule of the rule set 'lint'",
                rules + ":7:58: warning DP7002: rule L-001: the condition of the Channel pattern 'c' is always true, so it has no effect",
            ],
            lint.StderrLines);
        Assert.Equal([rules + ": 0 error(s), 2 warning(s)"], lint.StdoutLines);

        // The built-in packs lint clean.
        var packs = Path.GetFullPath(Path.Combine(Corpus, "..", "..", "..", "..", "src", "Deeg.Policy", "Packs"));
        var builtIn = Run(["validate", "--lint", .. Directory.GetFiles(packs, "*.rules.json").Order(StringComparer.Ordinal)]);
        Assert.True(builtIn.Code == 0 && builtIn.Stderr.Length == 0, builtIn.ToString());
    }

    // ---------------------------------------------------------------- batch order and exit code 3

    [Fact]
    public void A_parallel_batch_keeps_the_argument_order()
    {
        using var dir = new TempDir();
        var files = Enumerable.Range(0, 12).Select(i => dir.File($"m{i:00}.json",
            $$"""{ "asOf": "2026-11-26", "organisation": { "id": "org-{{i:00}}", "name": "Org {{i}}" }, "channels": [ {{string.Join(", ", Enumerable.Range(0, i).Select(c => $$"""{ "id": "c{{c}}", "platform": "xing", "scope": "external" }"""))}} ] }""")).ToList();
        foreach (var order in new[] { files, Enumerable.Reverse(files).ToList(), files.Where((_, i) => i % 2 == 1).Concat(files.Where((_, i) => i % 2 == 0)).ToList() })
        {
            var result = Run(["check", .. order, "--builtin", "governance", "--format", "json", "--fail-on", "none"]);
            Assert.True(result.Code == 0, result.ToString());
            var reports = JArray.Parse(result.Stdout);
            Assert.Equal(order.Select(f => "org-" + Path.GetFileNameWithoutExtension(f)[1..]), reports.Select(r => (string)r["organisation"]!["id"]!));
        }
    }

    /// <summary>A host type whose getter throws: the CLI cannot register host types, so the report comes from the API and goes through the CLI's exit-code rule.</summary>
    public sealed class Gadget
    {
        public string Id { get; set; } = string.Empty;

        public int Fragile => throw new InvalidOperationException("unplugged");
    }

    [Fact]
    public void A_rule_that_fails_at_evaluation_time_makes_the_exit_code_3()
    {
        var engine = PolicyEngine.CreateBuilder()
            .AddRuleSetJson("""
                { "ruleSet": "host", "version": "1.0.0", "rules": [
                  { "id": "HOST-001", "title": "t", "severity": "critical", "when": [ { "fact": "Gadget", "as": "g", "where": "g.fragile > 0" } ], "finding": { "message": "m" } },
                  { "id": "HOST-002", "title": "t", "severity": "critical", "when": [ { "fact": "Organisation", "as": "o" } ], "finding": { "message": "m" } } ] }
                """)
            .AddFactType<Gadget>()
            .Build();
        var model = engine.ParseModel("""{ "organisation": { "id": "o", "name": "O" }, "extensions": { "Gadget": [ { "id": "g1" } ] } }""").Model!;
        var failed = engine.Evaluate(model);
        Assert.Equal("HOST-001", Assert.Single(failed.Errors).RuleId);
        Assert.Contains(failed.Findings, f => f.RuleId == "HOST-002");

        Assert.Equal(3, CheckCommand.ExitCodeFor([failed], Severity.Info));
        Assert.Equal(3, CheckCommand.ExitCodeFor([failed], null));
        var fine = PolicyEngine.CreateBuilder().AddBuiltInRuleSet("governance").Build()
            .Evaluate(PolicyModel.Parse("""{ "asOf": "2026-11-26", "organisation": { "id": "o", "name": "O" } }""").Model!);
        Assert.Empty(fine.Errors);
        Assert.Equal(3, CheckCommand.ExitCodeFor([fine, failed], null));
        Assert.Equal(0, CheckCommand.ExitCodeFor([fine], null));
    }
}
