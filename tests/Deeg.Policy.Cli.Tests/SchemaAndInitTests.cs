using Deeg.Policy.Testing;
using Newtonsoft.Json.Linq;
using Deeg.Policy.SchemaGeneration;

namespace Deeg.Policy.Cli.Tests;

public class SchemaAndInitTests
{
    [Theory]
    [InlineData("ruleset", SchemaKind.RuleSet)]
    [InlineData("model", SchemaKind.Model)]
    [InlineData("waivers", SchemaKind.Waivers)]
    [InlineData("tests", SchemaKind.Tests)]
    public void Schema_prints_the_generated_schema(string name, SchemaKind kind)
    {
        var result = Cli.Run("schema", name);
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(JsonSchemas.Get(kind) + "\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(JsonSchemas.IdOf(kind), (string?)JObject.Parse(result.Stdout)["$id"]);
    }

    [Theory]
    [InlineData("schema", "bogus")]
    [InlineData("schema", "Model")]
    [InlineData("schema")]
    [InlineData("schema", "model", "tests")]
    public void Schema_with_an_unknown_or_missing_kind_is_a_usage_error(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.True(result.Code == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("deeg-policy: error:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'deeg-policy schema --help' for usage.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_and_init_are_listed_in_the_help()
    {
        var result = Cli.Run("--help");
        Assert.Equal(0, result.Code);
        Assert.Contains("schema", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("init", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_writes_a_starter_project_whose_model_checks_and_whose_tests_pass()
    {
        using var dir = new TempDir();
        var target = dir.Combine("project");
        var result = Cli.Run("init", target);
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);

        var model = Path.Combine(target, "model.json");
        var rules = Path.Combine(target, "rules", "starter.rules.json");
        var tests = Path.Combine(target, "rules", "starter.tests.json");
        foreach (var written in new[] { model, rules, tests })
        {
            Assert.True(File.Exists(written), written);
            Assert.Contains(written, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("cd " + target, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("deeg-policy check model.json --rules rules", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("deeg-policy test rules", result.Stdout, StringComparison.Ordinal);

        // Each file names its schema by $id.
        Assert.Equal(JsonSchemas.IdOf(SchemaKind.Model), (string?)JObject.Parse(File.ReadAllText(model))["$schema"]);
        Assert.Equal(JsonSchemas.IdOf(SchemaKind.Tests), (string?)JObject.Parse(File.ReadAllText(tests))["$schema"]);
        var ruleSet = JObject.Parse(File.ReadAllText(rules));
        Assert.Equal(JsonSchemas.IdOf(SchemaKind.RuleSet), (string?)ruleSet["$schema"]);
        Assert.Equal("starter", (string?)ruleSet["ruleSet"]);
        Assert.Equal(2, ((JArray)ruleSet["rules"]!).Count);
        foreach (var rule in ruleSet["rules"]!)
        {
            Assert.False(string.IsNullOrEmpty((string?)rule["title"]?["en"]));
            Assert.False(string.IsNullOrEmpty((string?)rule["title"]?["de"]));
            Assert.False(string.IsNullOrEmpty((string?)rule["finding"]?["message"]?["de"]));
        }

        // Everything is valid, the model checks against the starter rules (findings: exit 1), the tests pass.
        var validate = Cli.Run("validate", model, rules, tests);
        Assert.True(validate.Code == 0, validate.ToString());

        var check = Cli.Run("check", model, "--rules", Path.Combine(target, "rules"), "--format", "json");
        Assert.True(check.Code is 0 or 1, check.ToString());
        Assert.Equal(string.Empty, check.Stderr);
        var report = JObject.Parse(check.Stdout);
        Assert.Equal(["STARTER-001", "STARTER-002"], report["findings"]!.Select(f => (string)f["ruleId"]!).Order(StringComparer.Ordinal));
        Assert.All(report["findings"]!, f => Assert.Equal("Channel/instagram", (string?)f["subject"]));

        var file = RuleSetTestFile.Load(tests);
        Assert.True(file.Succeeded, string.Join("\n", file.Diagnostics));
        var run = file.Run();
        Assert.True(run.Failed == 0, string.Join("\n", run.Cases.Where(c => !c.Passed).SelectMany(c => c.Failures.Prepend(c.Name))));
        Assert.True(run.Passed >= 5, $"{run.Passed} cases passed");
        Assert.Equal(["STARTER-001", "STARTER-002"], run.Rules.Order(StringComparer.Ordinal));
        Assert.Empty(run.RulesNeverFired);
        Assert.Contains(run.Cases, c => c.Findings.Count == 0);
    }

    [Fact]
    public void The_starter_rules_speak_german_too()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Cli.Run("init", dir.Path).Code);
        var check = Cli.Run("check", dir.Combine("model.json"), "--rules", dir.Combine("rules"), "--lang", "de");
        Assert.Equal(1, check.Code);
        Assert.Contains("Mehr-Faktor-Authentifizierung", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_does_not_overwrite_without_force()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Cli.Run("init", dir.Path).Code);
        var model = dir.Combine("model.json");
        File.WriteAllText(model, "{ \"edited\": true }");

        var again = Cli.Run("init", dir.Path);
        Assert.True(again.Code == 2, again.ToString());
        Assert.Equal(string.Empty, again.Stdout);
        Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("--force", again.Stderr, StringComparison.Ordinal);
        Assert.Contains(model, again.Stderr, StringComparison.Ordinal);
        Assert.Equal("{ \"edited\": true }", File.ReadAllText(model));

        var forced = Cli.Run("init", dir.Path, "--force");
        Assert.True(forced.Code == 0, forced.ToString());
        Assert.Contains("\"organisation\"", File.ReadAllText(model), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_refuses_when_only_one_of_the_files_exists_and_writes_nothing()
    {
        using var dir = new TempDir();
        dir.File("rules/starter.tests.json", "{}");
        var result = Cli.Run("init", dir.Path);
        Assert.Equal(2, result.Code);
        Assert.False(File.Exists(dir.Combine("model.json")));
        Assert.False(File.Exists(dir.Combine("rules/starter.rules.json")));
    }

    [Fact]
    public void Init_into_a_file_is_an_error()
    {
        using var dir = new TempDir();
        var file = dir.File("not-a-dir", "x");
        var result = Cli.Run("init", file);
        Assert.Equal(2, result.Code);
        Assert.Contains("not a directory", result.Stderr, StringComparison.Ordinal);
    }
}
