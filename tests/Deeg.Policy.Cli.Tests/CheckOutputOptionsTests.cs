namespace Deeg.Policy.Cli.Tests;

/// <summary><c>check --output</c> says what it wrote; <c>check --verbose</c> gives everything in the human formats.</summary>
public class CheckOutputOptionsTests
{
    [Theory]
    [InlineData("html", "report.html")]
    [InlineData("json", "report.json")]
    [InlineData("text", "report.txt")]
    public void Output_says_on_standard_error_what_it_wrote(string format, string name)
    {
        using var dir = new TempDir();
        var file = dir.Combine(name);
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", format, "--output", file, "--fail-on", "none");
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal([$"wrote {file}: 2 findings, score 0"], result.StderrLines);
        Assert.True(new FileInfo(file).Length > 0);
    }

    [Fact]
    public void The_wrote_line_of_several_models_counts_all_their_findings_and_gives_each_score()
    {
        using var dir = new TempDir();
        var file = dir.Combine("all.json");
        var models = ReportFormats.SampleModels;
        var result = Cli.Run(["check", .. models, "--format", "json", "--output", file, "--fail-on", "none"]);
        Assert.True(result.Code == 0, result.ToString());
        var reports = (Newtonsoft.Json.Linq.JArray)ReportFormats.Parse(File.ReadAllText(file));
        var findings = reports.Sum(r => (int)r["summary"]!["findings"]!);
        var scores = string.Join(", ", reports.Select(r => (int)r["summary"]!["score"]!));
        Assert.Equal([$"wrote {file}: {models.Count} reports, {findings} findings, scores {scores}"], result.StderrLines);
    }

    [Fact]
    public void Without_output_nothing_is_said()
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--fail-on", "none");
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void Text_is_compact_and_verbose_gives_everything()
    {
        var compact = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--fail-on", "none");
        var verbose = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--fail-on", "none", "--verbose");
        Assert.True(verbose.Code == 0, verbose.ToString());

        // Compact: the rule once, then one line and the message per finding, the remediation once per rule.
        Assert.Contains("  MUSTER-002  Channel with a single admin\n    - Channel muster-maschinenbau\n      linkedin channel muster-maschinenbau has 1 administrator(s).\n    Remediation: Assign a second administrator.\n", compact.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Fingerprint", compact.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Channel/li-page", compact.Stdout, StringComparison.Ordinal);

        // Verbose: the reference, the remediation and the fingerprint with each finding.
        Assert.Contains("      Subject: Channel/li-page\n      Remediation: Assign a second administrator.\n      Fingerprint: f222bce220aeca7e11b000daf397f248\n", verbose.Stdout, StringComparison.Ordinal);
        Assert.Equal(compact.StdoutLines[^1], verbose.StdoutLines[^1]);
    }

    [Theory]
    [InlineData("markdown", "Fingerprint `f222bce220aeca7e11b000daf397f248`")]
    [InlineData("html", "<dt>Fingerprint</dt><dd><code>f222bce220aeca7e11b000daf397f248</code></dd>")]
    public void Verbose_in_markdown_and_html_adds_references_and_fingerprints(string format, string verboseOnly)
    {
        var compact = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--fail-on", "none", "--format", format);
        var verbose = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--fail-on", "none", "--format", format, "--verbose");
        Assert.DoesNotContain(verboseOnly, compact.Stdout, StringComparison.Ordinal);
        Assert.Contains(verboseOnly, verbose.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_does_not_change_the_machine_formats()
    {
        foreach (var format in new[] { "json", "sarif" })
        {
            var plain = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--fail-on", "none", "--format", format);
            var verbose = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--fail-on", "none", "--format", format, "--verbose");
            Assert.Equal(plain.Stdout, verbose.Stdout);
        }
    }
}
