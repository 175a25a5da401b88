using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Writers;
using static Deeg.Policy.Tests.Reporting.Writers.ReportSamples;

namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>The <c>text</c> format: header, findings by severity, waivers, errors and the summary line.</summary>
public class TextFormatTests
{
    [Fact]
    public void Summary_line_counts_all_findings_breaks_down_the_unwaived_ones()
    {
        Assert.Equal("acme: 9 findings (1 critical, 3 high, 3 medium, 1 low), 1 waived, score 71", TextFormat.SummaryLine(Nine(), ReportLabels.English));
        Assert.Equal("acme: 9 Befunde (1 kritisch, 3 hoch, 3 mittel, 1 niedrig), 1 ausgenommen, Score 71", TextFormat.SummaryLine(Nine(), ReportLabels.German));
        Assert.Equal("acme: 0 findings, 0 waived, score 100", TextFormat.SummaryLine(Report([], score: 100), ReportLabels.English));
        Assert.Equal("acme: 1 finding (1 low), 0 waived, score 99", TextFormat.SummaryLine(Report([Finding("GOV-018", Severity.Low, "Channel/a")], score: 99), ReportLabels.English));
    }

    [Fact]
    public void Text_groups_by_severity_marks_waived_findings_and_lists_errors()
    {
        var text = TextFormat.Render([Nine([new EvaluationError("GOV-009", "it broke")])], ReportLabels.English, colour: false);
        var lines = text.Split('\n');

        var headers = lines.Where(l => l.Length > 0 && char.IsUpper(l[0]) && l.Contains(" (", StringComparison.Ordinal) && !l.StartsWith("ACME", StringComparison.Ordinal)).ToList();
        Assert.Equal(["CRITICAL (1)", "HIGH (3)", "MEDIUM (4)", "LOW (1)", "Errors (rules that failed at evaluation time)"], headers);
        Assert.Contains("  GOV-006  GOV-006 title", lines);
        Assert.Contains(lines, l => l.Contains("Channel xing-main", StringComparison.Ordinal) && l.Contains("[waived]", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("waiver until", StringComparison.Ordinal)); // with --verbose
        Assert.Contains("  GOV-009: it broke", lines);
        Assert.Contains(lines, l => l.Contains("Remediation: Fix GOV-001", StringComparison.Ordinal));
        Assert.Equal("acme: 9 findings (1 critical, 3 high, 3 medium, 1 low), 1 waived, score 71", lines[^2]);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Colour_only_when_asked()
    {
        Assert.Contains("\u001b[", TextFormat.Render([Nine()], ReportLabels.English, colour: true), StringComparison.Ordinal);
        Assert.Contains("\u001b[", TextFormat.Instance.WriteToString([Nine()], new ReportWriterOptions { Colour = true }), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", TextFormat.Instance.WriteToString([Nine()]), StringComparison.Ordinal);
    }

    [Fact]
    public void German_labels()
    {
        var text = TextFormat.Render([Nine()], ReportLabels.German, colour: false);
        Assert.Contains("KRITISCH (1)", text, StringComparison.Ordinal);
        Assert.Contains("Stand:", text, StringComparison.Ordinal);
        Assert.Contains("Abhilfe: Fix GOV-001", text, StringComparison.Ordinal);
        Assert.Contains("[ausgenommen]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_reports_one_after_another()
    {
        var text = TextFormat.Render([Report([], id: "one", score: 100), Report([], id: "two", score: 100)], ReportLabels.English, colour: false);
        Assert.True(text.IndexOf("one: 0 findings", StringComparison.Ordinal) < text.IndexOf("two: 0 findings", StringComparison.Ordinal));
        Assert.Contains("No findings.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_values_as_the_rule_language_renders_them()
    {
        Assert.Equal("null", TextFormat.Value(null));
        Assert.Equal("[a, 2, true]", TextFormat.Value(new object?[] { "a", 2, true }));
        Assert.Equal("2026-11-26", TextFormat.Value(new DateOnly(2026, 11, 26)));
        Assert.Equal("1.5", TextFormat.Value(1.50m));
        Assert.Equal("Channel/a", TextFormat.Value(new SubjectRef("Channel", "a")));
    }
}
