
namespace Deeg.Policy.Cli.Tests;

/// <summary>Exit code 2 for bad usage and invalid input, --version and --help; none of these evaluates anything.</summary>
public class UsageTests
{
    [Fact]
    public void Version_prints_the_library_version()
    {
        var result = Cli.Run("--version");
        Assert.Equal(0, result.Code);
        Assert.Equal(CliApp.Version + "\n", result.Stdout);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", CliApp.Version);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var result = Cli.Run("--help");
        Assert.Equal(0, result.Code);
        Assert.Contains("check", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("validate", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("rules", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_help_lists_every_option_of_the_contract()
    {
        var result = Cli.Run("check", "--help");
        Assert.Equal(0, result.Code);
        foreach (var option in new[] { "--rules", "--builtin", "--param", "--as-of", "--waivers", "--format", "--output", "--fail-on", "--lang", "--explain" })
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", "model.json", "--bogus")]
    [InlineData("check", "--bogus", "model.json")]
    [InlineData("validate", "--strict", "x.json")]
    [InlineData("rules", "--bogus")]
    public void Unknown_option_exits_2(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(2, result.Code);
        Assert.Contains("unknown option", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("check")]
    [InlineData("check", "m.json", "--format")]
    [InlineData("check", "m.json", "--format", "xml")]
    [InlineData("check", "m.json", "--fail-on", "severe")]
    [InlineData("check", "m.json", "--lang", "fr")]
    [InlineData("rules", "--format", "yaml")]
    [InlineData("validate")]
    public void Parse_errors_exit_2_not_1(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(2, result.Code);
        Assert.StartsWith("deeg-policy: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "yaml");
        Assert.Equal(2, result.Code);
        Assert.StartsWith("deeg-policy: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("26.11.2026")]
    [InlineData("yesterday")]
    public void Bad_as_of_exits_2(string value)
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--as-of", value);
        Assert.Equal(2, result.Code);
        Assert.Contains($"invalid --as-of '{value}'", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maxInactiveDays=10")]
    [InlineData("muster-extra.maxInactiveDays")]
    [InlineData(".maxInactiveDays=10")]
    [InlineData("muster-extra.=10")]
    public void Malformed_param_exits_2(string value)
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--param", value);
        Assert.Equal(2, result.Code);
        Assert.Contains($"invalid --param '{value}'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Builtin_none_with_pack_names_exits_2()
    {
        var result = Cli.Run("check", Cli.Model, "--builtin", "none,governance");
        Assert.Equal(2, result.Code);
        Assert.Contains("--builtin none cannot be combined", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_directory_without_rule_sets_exits_2()
    {
        using var dir = new TempDir();
        var result = Cli.Run("check", Cli.Model, "--rules", dir.Path);
        Assert.Equal(2, result.Code);
        Assert.Contains("no *.rules.json files in directory", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_into_a_missing_directory_exits_2_before_evaluating()
    {
        using var dir = new TempDir();
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--output", Path.Combine(dir.Path, "no", "such", "report.json"));
        Assert.Equal(2, result.Code);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_model_file_is_a_DP1001_diagnostic_and_exit_2()
    {
        using var dir = new TempDir();
        var missing = dir.Combine("missing.model.json");
        var result = Cli.Run("check", missing, "--rules", Cli.Rules);
        Assert.Equal(2, result.Code);
        Assert.Contains($"{missing}:1:1: error DP1001: file not found", result.StderrLines);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Directory_as_model_is_a_DP1001_diagnostic_and_exit_2()
    {
        using var dir = new TempDir();
        var result = Cli.Run("check", dir.Path, "--rules", Cli.Rules);
        Assert.Equal(2, result.Code);
        Assert.Contains(result.StderrLines, l => l.StartsWith(dir.Path + ":1:1: error DP1001: this is a directory", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_model_is_a_DP1002_diagnostic_with_position_and_exit_2()
    {
        using var dir = new TempDir();
        var model = dir.File("broken.json", "{\n  \"organisation\": { \"id\": \"x\", \"name\": \"X\" },\n  \"channels\": [ { \"id\": \"c\" \n}");
        var result = Cli.Run("check", model, "--rules", Cli.Rules);
        Assert.Equal(2, result.Code);
        var line = Assert.Single(result.StderrLines, l => l.Contains("DP1002", StringComparison.Ordinal));
        var match = Cli.DiagnosticLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(model, match.Groups["file"].Value);
        Assert.Equal("error", match.Groups["severity"].Value);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Bad_waiver_file_is_reported_with_positions_and_exit_2()
    {
        using var dir = new TempDir();
        var waivers = dir.File("w.json", "{\n  \"waivers\": [\n    { \"rule\": \"MUSTER-002\", \"justification\": \"j\", \"expires\": \"soon\", \"aprovedBy\": \"x\" }\n  ]\n}");
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--waivers", waivers);
        Assert.Equal(2, result.Code);
        Assert.Contains($"{waivers}:3:62: error DP5001: invalid date 'soon' for 'expires' on waiver 1: use YYYY-MM-DD", result.StderrLines);
        Assert.Contains($"{waivers}:3:70: error DP5002: unknown property 'aprovedBy' on waiver 1; did you mean 'approvedBy'?", result.StderrLines);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Missing_waiver_file_exits_2()
    {
        using var dir = new TempDir();
        var missing = dir.Combine("nope.waivers.json");
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--waivers", missing);
        Assert.Equal(2, result.Code);
        Assert.Contains($"{missing}:1:1: error DP1001: file not found", result.StderrLines);
    }

    [Fact]
    public void Every_diagnostic_line_has_the_compiler_format()
    {
        using var dir = new TempDir();
        var model = dir.File("bad.json", "[1, 2");
        var waivers = dir.File("w.json", "{ \"waivers\": [ {} ] }");
        var result = Cli.Run("check", model, "--rules", Cli.Rules, "--waivers", waivers);
        Assert.Equal(2, result.Code);
        var diagnostics = result.StderrLines.Where(l => !l.StartsWith("deeg-policy:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, l => Assert.Matches(Cli.DiagnosticLine(), l));
    }
}
