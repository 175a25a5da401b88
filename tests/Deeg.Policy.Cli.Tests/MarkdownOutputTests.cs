
namespace Deeg.Policy.Cli.Tests;

/// <summary><c>check --format markdown</c>: a pull-request comment with score, counts, a findings table and collapsed details.</summary>
public class MarkdownOutputTests
{
    [Fact]
    public void Heading_counts_table_rows_and_details()
    {
        using var dir = new TempDir();
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--waivers", ReportFormats.WaiverFile(dir), "--format", "markdown");
        Assert.Equal(1, result.Code);
        var md = result.Stdout;
        var lines = md.Split('\n');

        Assert.Equal("# Muster Maschinenbau GmbH — Score 63/100", lines[0]);
        Assert.Contains("| Severity | open | waived |", lines);
        Assert.Contains("| 🟧 high | 0 | 1 |", lines);
        Assert.Contains("| 🟨 medium | 1 | 0 |", lines);
        Assert.Contains("| Severity | Rule | Subject | Message | Status |", lines);

        // One table row per finding; the waived one marked and struck through.
        var rows = lines.Where(l => l.StartsWith("| 🟧 high | `MUSTER-002`", StringComparison.Ordinal) || l.StartsWith("| 🟨 medium | `MUSTER-001`", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("~~linkedin channel muster-maschinenbau has 1 administrator(s).~~", StringComparison.Ordinal) && r.EndsWith("| _waived_ |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("`Person/p-cmo`", StringComparison.Ordinal) && r.EndsWith("| open |", StringComparison.Ordinal));

        Assert.Equal(2, lines.Count(l => l.StartsWith("<details><summary>", StringComparison.Ordinal)));
        Assert.Contains("**Remediation:** Assign a second administrator.", md, StringComparison.Ordinal);
        Assert.Contains("_waiver until 2027-03-31, approved by ciso@muster.example: Second admin starts in January._", md, StringComparison.Ordinal);
        Assert.Contains("## Expired waivers (no longer applied)", md, StringComparison.Ordinal);
        Assert.Contains("## Unused waivers (matched no finding)", md, StringComparison.Ordinal);
        Assert.Contains("Rule sets used: <code>muster-extra</code> 1.0.0 (2 rules)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Pipes_newlines_and_html_in_cells_are_escaped()
    {
        var report = ReportSamples.Report([ReportSamples.Finding("GOV-001", Severity.High, "Channel/a", message: "a | b\nsecond <script>x</script> *bold*")]);
        var md = MarkdownReport.Render([report], Labels.English);
        var row = md.Split('\n').Single(l => l.StartsWith("| 🟧 high | `GOV-001`", StringComparison.Ordinal));
        Assert.Contains(@"a \| b<br>second &lt;script&gt;x&lt;/script&gt; \*bold\*", row, StringComparison.Ordinal);
        Assert.Equal(5, row.Split(" | ").Length); // five cells: no pipe leaked
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_and_several_reports_with_an_overview()
    {
        var one = ReportSamples.Report([ReportSamples.Finding("GOV-001", Severity.Critical, "Channel/a")], [new EvaluationError { RuleId = "GOV-009", Message = "it broke" }], id: "one");
        var two = ReportSamples.Report([], id: "two", name: "Two | Co");
        var md = MarkdownReport.Render([one, two], Labels.German);
        Assert.StartsWith("# Bericht zur Social-Media-Policy\n", md, StringComparison.Ordinal);
        Assert.Contains("| ACME Maschinenbau GmbH (one) | 42 | 1 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains(@"| Two \| Co (two) | 42 | 0 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("## Fehler (Regeln, die bei der Auswertung fehlgeschlagen sind)", md.Replace("###", "##", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("- `GOV-009`: it broke", md, StringComparison.Ordinal);
        Assert.Contains("Keine Befunde.", md, StringComparison.Ordinal);
        Assert.Contains("| Schweregrad | offen | ausgenommen |", md, StringComparison.Ordinal);
    }
}
