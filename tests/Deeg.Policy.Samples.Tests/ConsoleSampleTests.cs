
namespace Deeg.Policy.Samples.Tests;

[Trait("Category", "Slow")]
[Trait("Kind", "Process")]
public sealed class ConsoleSampleTests
{
    [Fact]
    public async Task Prints_the_report_of_the_default_model_with_the_built_in_packs_and_the_custom_rule_set()
    {
        using var temp = new TempFolder();   // runs from any folder: its rule set and models travel with it
        using var sample = SampleProcess.Start("Console", temp.Path);

        Assert.Equal(0, await sample.WaitForExitAsync());
        var output = sample.Output;
        // The library's text writer: header, findings by severity, summary line.
        Assert.StartsWith("Hahn Antriebstechnik GmbH (hahn)", output, StringComparison.Ordinal);
        Assert.Matches(@"Rule sets: deeg-baseline 1\.0\.0 \([0-9]+ rules\), culture 1\.0\.0 \([0-9]+ rules\), governance 1\.0\.0 \([0-9]+ rules\), gdpr-de 1\.0\.0 \([0-9]+ rules\), finance-records 1\.0\.0 \([0-9]+ rules\), acme-social 1\.0\.0 \(2 rules\)", output);
        Assert.Contains("CRITICAL (", output, StringComparison.Ordinal);
        Assert.Matches(@"ACME-001 .*\r?\n(\s+.*\r?\n)*?\s+- Channel Hahn Antriebstechnik auf XING\r?\n", output); // Channel/xing-unternehmensseite by its name
        Assert.Contains("XING channel xing-unternehmensseite can be taken over with one password.", output, StringComparison.Ordinal);
        Assert.Matches(@"hahn: [0-9]+ findings \(.*\), 0 waived, score [0-9]+\s*$", output);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);   // no colour when the output is not a terminal
    }

    [Fact]
    public async Task Takes_a_model_and_a_language()
    {
        using var sample = SampleProcess.Start("Console", SampleProcess.Root, Path.Combine("samples", "models", "stadtbibliothek-lindenau.json"), "de");

        Assert.Equal(0, await sample.WaitForExitAsync());
        Assert.StartsWith("Stadtbibliothek Lindenau (", sample.Output, StringComparison.Ordinal);
        Assert.Contains("Stand:", sample.Output, StringComparison.Ordinal);
        Assert.Contains("Der Facebook-Kanal facebook-stabi ist mit einem Passwort übernehmbar.", sample.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_model_prints_its_diagnostics_and_exits_2()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.json"), """{ "organisation": { "id": "x" } }""");
        using var sample = SampleProcess.Start("Console", temp.Path, "bad.json");

        Assert.Equal(2, await sample.WaitForExitAsync());
        Assert.Contains("bad.json:1:19: error DP2001: missing required field 'name' on Organisation", sample.Output, StringComparison.Ordinal);
    }
}
