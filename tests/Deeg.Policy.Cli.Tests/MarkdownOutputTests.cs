
namespace Deeg.Policy.Cli.Tests;

/// <summary><c>check --format markdown</c>: a pull-request comment with score, counts, a findings table and collapsed details (escaping and edge cases: the library's MarkdownFormatTests).</summary>
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
        Assert.Contains("| Severity | Rule | Subject | Owner | Message | Status |", lines);

        // One table row per finding; the waived one marked and struck through.
        var rows = lines.Where(l => l.StartsWith("| 🟧 high | `MUSTER-002`", StringComparison.Ordinal) || l.StartsWith("| 🟨 medium | `MUSTER-001`", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("~~LinkedIn channel muster-maschinenbau has 1 administrator(s).~~", StringComparison.Ordinal) && r.EndsWith("| _waived_ |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("| Person Ben Beispiel | no owner named |", StringComparison.Ordinal) && r.EndsWith("| open |", StringComparison.Ordinal));

        Assert.Equal(2, lines.Count(l => l.StartsWith("<details><summary>", StringComparison.Ordinal)));
        Assert.Contains("**Remediation:** Assign a second administrator.", md, StringComparison.Ordinal);
        Assert.Contains("  _waiver until 2027-03-31, approved by ciso@muster.example: Second admin starts in January._", md, StringComparison.Ordinal);
        Assert.Contains("## Expired waivers (no longer applied)", md, StringComparison.Ordinal);
        Assert.Contains("## Unused waivers (matched no finding)", md, StringComparison.Ordinal);
        Assert.Contains("Rule sets used: <code>muster-extra</code> 1.0.0 (2 rules)", md, StringComparison.Ordinal);
    }
}
