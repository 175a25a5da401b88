using System.Xml.Linq;

namespace Deeg.Policy.Cli.Tests;

/// <summary>Every format in both languages, to standard output and with <c>--output</c>, for one model and for several.</summary>
public class FormatMatrixTests
{
    public static TheoryData<string, string> FormatsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var format in ReportFormats.All)
        {
            data.Add(format, "en");
            data.Add(format, "de");
        }

        return data;
    }

    /// <summary>The German title of MUSTER-002, or the English one: proves the language reached the output.</summary>
    private static string Title(string language) => language == "de" ? "Kanal mit nur einer Admin-Person" : "Channel with a single admin";

    [Theory]
    [MemberData(nameof(FormatsAndLanguages))]
    public void Every_format_in_both_languages_to_stdout_and_to_a_file(string format, string language)
    {
        using var dir = new TempDir();
        var stdout = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", format, "--lang", language);
        Assert.True(stdout.Code == 1, stdout.ToString());
        Assert.Equal(string.Empty, stdout.Stderr);
        Assert.Contains(Title(language), stdout.Stdout, StringComparison.Ordinal);
        Check(format, stdout.Stdout);

        var file = dir.Combine("report." + format);
        var written = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", format, "--lang", language, "--output", file);
        Assert.Equal(1, written.Code);
        Assert.Equal(string.Empty, written.Stdout);
        Assert.Equal(stdout.Stdout, File.ReadAllText(file));
        Assert.DoesNotContain("\u001b[", stdout.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("junit")]
    [InlineData("markdown")]
    [InlineData("html")]
    public void Every_format_takes_several_models(string format)
    {
        var models = ReportFormats.SampleModels.ToArray();
        var result = Cli.Run(["check", .. models, "--format", format, "--fail-on", "none"]);
        Assert.True(result.Code == 0, result.ToString());
        Check(format, result.Stdout);
        foreach (var id in new[] { "hahn", "nordlicht", "lindenau" }.Where(id => models.Any(m => m.Contains(id, StringComparison.Ordinal))))
            Assert.Contains(id, result.Stdout, StringComparison.Ordinal);
    }

    private static void Check(string format, string output)
    {
        switch (format)
        {
            case "json":
                Assert.NotNull(ReportFormats.Parse(output));
                break;
            case "sarif":
                SarifOutputTests.Validated(output);
                break;
            case "junit":
                Assert.Equal("testsuites", XDocument.Parse(output).Root!.Name.LocalName);
                break;
            case "html":
                Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.Ordinal);
                Assert.EndsWith("</html>\n", output, StringComparison.Ordinal);
                break;
            case "markdown":
                Assert.StartsWith("# ", output, StringComparison.Ordinal);
                break;
            default:
                Assert.Matches(@"score [0-9]+\n$", output.Replace("Score", "score", StringComparison.Ordinal));
                break;
        }
    }
}
