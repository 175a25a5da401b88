using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Writers;
using static Deeg.Policy.Tests.Reporting.Writers.ReportSamples;

namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>The <c>markdown</c> format: escaping of model and rule texts, errors, several reports.</summary>
public class MarkdownFormatTests
{
    [Fact]
    public void Pipes_newlines_and_html_in_cells_are_escaped()
    {
        var report = Report([Finding("GOV-001", Severity.High, "Channel/a", message: "a | b\nsecond <script>x</script> *bold*")]);
        var md = MarkdownFormat.Render([report], ReportLabels.English);
        var row = md.Split('\n').Single(l => l.StartsWith("| 🟧 high | `GOV-001`", StringComparison.Ordinal));
        Assert.Contains(@"a \| b<br>second &lt;script&gt;x&lt;/script&gt; \*bold\*", row, StringComparison.Ordinal);
        Assert.Equal(6, row.Split(" | ").Length); // six cells: no pipe leaked
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_and_several_reports_with_an_overview()
    {
        var one = Report([Finding("GOV-001", Severity.Critical, "Channel/a")], [new EvaluationError("GOV-009", "it broke")], id: "one");
        var two = Report([], id: "two", name: "Two | Co");
        var md = MarkdownFormat.Render([one, two], ReportLabels.German);
        Assert.StartsWith("# Bericht zur Social-Media-Policy\n", md, StringComparison.Ordinal);
        Assert.Contains("| ACME Maschinenbau GmbH (one) | 42 | 1 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains(@"| Two \| Co (two) | 42 | 0 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("## Fehler (Regeln, die bei der Auswertung fehlgeschlagen sind)", md.Replace("###", "##", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("- `GOV-009`: it broke", md, StringComparison.Ordinal);
        Assert.Contains("Keine Befunde.", md, StringComparison.Ordinal);
        Assert.Contains("| Schweregrad | offen | ausgenommen |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void The_footer_names_the_tool()
    {
        var md = MarkdownFormat.Instance.WriteToString([Report([])], new ReportWriterOptions { ToolName = "acme-audit" });
        Assert.Contains(" · acme-audit 1.0.0</sub>\n", md, StringComparison.Ordinal);
    }
}
