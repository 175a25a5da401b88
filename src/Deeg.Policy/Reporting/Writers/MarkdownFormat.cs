using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Deeg.Policy.Core;

namespace Deeg.Policy.Reporting.Writers;

/// <summary>
/// <c>markdown</c>: a summary for a pull-request comment (GitHub-flavoured Markdown).
/// Per report: a heading with organisation and score, a table of counts by severity, the summary tables by
/// owner and by channel, a table of the findings (severity, rule, subject, owner, message, status — waived ones
/// marked, with a baseline new or unchanged), one collapsed <c>&lt;details&gt;</c> per rule with its remediation
/// once and its findings, the
/// fixed findings of a baseline, waiver problems, errors and the rule sets used. Several reports get
/// an overview table first. Text from models and rules is escaped: Markdown and HTML characters, and
/// in table cells <c>|</c> and line breaks.
/// </summary>
internal sealed partial class MarkdownFormat : ReportFormat
{

    public static MarkdownFormat Instance { get; } = new();

    public override string Name => "markdown";

    public override string ContentType => "text/markdown";

    public override string FileExtension => ".md";

    protected override string Render(IReadOnlyList<ComplianceReport> reports, ReportWriterOptions options, ReportLabels labels) =>
        Render(reports, labels, options.ToolName, options.Verbose);

    public static string Render(IReadOnlyList<ComplianceReport> reports, ReportLabels labels, string toolName = ReportWriterOptions.DefaultToolName, bool verbose = false)
    {
        var md = new StringBuilder();
        if (reports.Count > 1)
        {
            md.Append("# ").Append(Inline(labels.ReportTitle)).Append("\n\n");
            md.Append("| ").Append(labels.Organisation).Append(" | ").Append(labels.Score).Append(" | ").Append(labels.Findings)
                .Append(" | ").Append(labels.Waived).Append(" |");
            var baseline = reports.Any(r => r.Fixed is not null);
            if (baseline) md.Append(' ').Append(labels.New).Append(" | ").Append(labels.Fixed).Append(" |");
            md.Append('\n').Append(baseline ? "| --- | ---: | ---: | ---: | ---: | ---: |\n" : "| --- | ---: | ---: | ---: |\n");
            foreach (var r in reports)
            {
                md.Append("| ").Append(Cell($"{r.Organisation.Name} ({r.Organisation.Id})")).Append(" | ").Append(Num(r.Summary.Score))
                    .Append(" | ").Append(Num(r.Summary.Findings)).Append(" | ").Append(Num(r.Summary.Waived)).Append(" |");
                if (baseline)
                {
                    md.Append(' ').Append(r.Fixed is null ? "–" : Num(r.Findings.Count(f => f.Baseline == BaselineState.New)))
                        .Append(" | ").Append(r.Fixed is null ? "–" : Num(r.Fixed.Count)).Append(" |");
                }

                md.Append('\n');
            }

            md.Append('\n');
        }

        for (var i = 0; i < reports.Count; i++)
        {
            if (i > 0) md.Append("---\n\n");
            Report(md, reports[i], labels, reports.Count > 1 ? "##" : "#", toolName, verbose);
        }

        return md.ToString();
    }

    private static void Report(StringBuilder md, ComplianceReport report, ReportLabels labels, string h, string toolName, bool verbose)
    {
        var s = report.Summary;
        var names = new ReportNames(report, labels);
        md.Append(h).Append(' ').Append(Inline(report.Organisation.Name)).Append(" — ").Append(labels.Score).Append(' ')
            .Append(Num(s.Score)).Append("/100\n\n");
        md.Append(Icon(s.Score)).Append(' ').Append(Inline(labels.Format(labels.RulesPassed, s.RulesPassed, s.RulesEvaluated)))
            .Append(" · ").Append(Inline(labels.AsOf)).Append(' ').Append(Date(report.AsOf))
            .Append(" · `").Append(Code(report.Organisation.Id)).Append('`');
        if (report.ModelFile is not null) md.Append(" · `").Append(Code(report.ModelFile)).Append('`');
        md.Append("\n\n");
        md.Append("**").Append(Inline(TextFormat.SummaryLine(report, labels))).Append("**\n\n");

        // Counts by severity: open (unwaived) and waived, with a baseline the new ones.
        var baseline = report.Fixed is not null;
        md.Append("| ").Append(labels.SeverityColumn).Append(" | ").Append(labels.Unwaived).Append(" | ").Append(labels.Waived).Append(" |");
        if (baseline) md.Append(' ').Append(labels.New).Append(" |");
        md.Append('\n').Append(baseline ? "| --- | ---: | ---: | ---: |\n" : "| --- | ---: | ---: |\n");
        foreach (var severity in Severities.MostSevereFirst)
        {
            var open = s.BySeverity.TryGetValue(severity, out var n) ? n : 0;
            var waived = report.Findings.Count(f => f.Severity == severity && f.Waived);
            md.Append("| ").Append(Badge(severity)).Append(' ').Append(labels.Severities[severity]).Append(" | ").Append(Num(open))
                .Append(" | ").Append(Num(waived)).Append(" |");
            if (baseline) md.Append(' ').Append(Num(report.Findings.Count(f => f.Severity == severity && f.Baseline == BaselineState.New))).Append(" |");
            md.Append('\n');
        }

        md.Append("| **").Append(labels.Total).Append("** | **").Append(Num(s.BySeverity.Values.Sum())).Append("** | **").Append(Num(s.Waived)).Append("** |");
        if (baseline) md.Append(" **").Append(Num(report.Findings.Count(f => f.Baseline == BaselineState.New))).Append("** |");
        md.Append("\n\n");

        // For a steering committee: who must act, and where, before the details.
        if (report.Findings.Count > 0)
        {
            CountTable(md, h, labels.FindingsByOwner, labels.Owner, report.Findings.GroupBy(f => f.Owner).Select(g => (g.Key is null ? null : names.Name(g.Key), g.ToList())), labels);
            CountTable(md, h, labels.FindingsByChannel, labels.Channel, report.Findings.GroupBy(ReportNames.ChannelOf).Select(g => (g.Key is null ? null : names.Name(g.Key), g.ToList())), labels, labels.NotAboutChannel);
        }

        // The findings.
        md.Append(h).Append("# ").Append(labels.Findings).Append("\n\n");
        if (report.Findings.Count == 0)
        {
            md.Append(Inline(labels.NoFindings)).Append("\n\n");
        }
        else
        {
            md.Append("| ").Append(labels.SeverityColumn).Append(" | ").Append(labels.Rule).Append(" | ").Append(labels.Subject)
                .Append(" | ").Append(labels.Owner).Append(" | ").Append(labels.Message).Append(" | ").Append(labels.Status).Append(" |\n");
            md.Append("| --- | --- | --- | --- | --- | --- |\n");
            foreach (var f in report.Findings)
            {
                md.Append("| ").Append(Badge(f.Severity)).Append(' ').Append(labels.Severities[f.Severity])
                    .Append(" | `").Append(Code(f.RuleId)).Append("` ").Append(Cell(f.Title))
                    .Append(" | ").Append(Cell(names.Subject(f)))
                    .Append(" | ").Append(Cell(names.OwnerOrNone(f)))
                    .Append(" | ").Append(f.Waived ? "~~" + Cell(f.Message) + "~~" : Cell(f.Message))
                    .Append(" | ").Append(Status(f, labels)).Append(" |\n");
            }

            md.Append('\n');

            // Details: one block per rule, its remediation once, then its findings.
            md.Append("**").Append(labels.Details).Append("**\n\n");
            foreach (var rule in report.Findings.GroupBy(f => (f.RuleSet, f.RuleId)))
            {
                var first = rule.First();
                md.Append("<details><summary>").Append(Badge(first.Severity)).Append(' ').Append(Html(first.RuleId)).Append(' ')
                    .Append(Html(first.Title)).Append(" (").Append(Num(rule.Count())).Append(")</summary>\n\n");
                md.Append(Inline(labels.SeverityColumn)).Append(": ").Append(labels.Severities[first.Severity]).Append(" · ")
                    .Append(Inline(labels.Category)).Append(": ").Append(Inline(labels.CategoryName(first.Category))).Append(" · ")
                    .Append(Inline(labels.RuleSet)).Append(": `").Append(Code(first.RuleSet)).Append("`\n\n");
                if (!verbose)
                {
                    foreach (var remediation in rule.Select(f => f.Remediation).Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.Ordinal))
                        md.Append("**").Append(labels.Remediation).Append(":** ").Append(Inline(remediation!)).Append("\n\n");
                }

                foreach (var f in rule)
                {
                    md.Append("- **").Append(Inline(names.Subject(f))).Append("**");
                    if (names.Owner(f) is { } owner) md.Append(" · ").Append(Inline(labels.Owner)).Append(": ").Append(Inline(owner));
                    if (f.Waived) md.Append(" (").Append(Inline(labels.Waived)).Append(')');
                    if (f.Baseline is { } state) md.Append(" (").Append(Inline(labels.BaselineLabel(state))).Append(')');
                    if (labels.Age(f) is { } age) md.Append(" (").Append(Inline(age)).Append(')');
                    md.Append(": ").Append(Inline(f.Message).Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
                    if (f.Waiver is { } waiver)
                    {
                        var approved = waiver.ApprovedBy is null ? string.Empty : labels.Format(labels.ApprovedBy, waiver.ApprovedBy);
                        md.Append("  _").Append(Inline(labels.Format(labels.WaiverDetail, Date(waiver.Expires), approved, waiver.Justification))).Append("_\n");
                    }

                    if (!verbose) continue;
                    if (!string.IsNullOrEmpty(f.Remediation)) md.Append("  ").Append(Inline(labels.Remediation)).Append(": ").Append(Inline(f.Remediation)).Append('\n');
                    md.Append("  `").Append(Code(f.Subject.ToString())).Append('`');
                    if (f.Owner is { } ownerRef) md.Append(" · `").Append(Code(ownerRef.ToString())).Append('`');
                    md.Append(" · ").Append(Inline(labels.Fingerprint)).Append(" `").Append(Code(f.Fingerprint)).Append("`\n");
                }

                md.Append("\n</details>\n");
            }

            md.Append('\n');
        }

        if (report.Fixed is { Count: > 0 } gone)
        {
            md.Append(h).Append("# ").Append(labels.FixedSince).Append(" (").Append(Num(gone.Count)).Append(")\n\n");
            md.Append("| ").Append(labels.Rule).Append(" | ").Append(labels.Subject).Append(" | ").Append(labels.Fingerprint).Append(" |\n| --- | --- | --- |\n");
            foreach (var f in gone)
            {
                md.Append("| `").Append(Code(f.RuleId)).Append("` ").Append(Cell(f.Title)).Append(" | ").Append(Cell(names.Reference(f.Subject))).Append(" | `")
                    .Append(Code(f.Fingerprint)).Append("` |\n");
            }

            md.Append('\n');
        }

        WaiverTable(md, h, labels.ExpiredWaivers, report.Waivers.Expired, labels, names);
        WaiverTable(md, h, labels.UnusedWaivers, report.Waivers.Unused, labels, names);

        if (report.Errors.Count > 0)
        {
            md.Append(h).Append("# ").Append(Inline(labels.Errors)).Append("\n\n");
            foreach (var e in report.Errors) md.Append("- `").Append(Code(e.RuleId)).Append("`: ").Append(Inline(e.Message)).Append('\n');
            md.Append('\n');
        }

        md.Append("<sub>").Append(Html(labels.RuleSetsUsed)).Append(": ");
        md.Append(report.RuleSets.Count == 0 ? "–" : string.Join(", ", report.RuleSets.Select(r => $"<code>{Html(r.Id)}</code> {Html(r.Version)} ({Html(labels.Rules(r.Rules))})")));
        md.Append(" · ").Append(Html(toolName)).Append(' ').Append(Html(report.Tool.Version)).Append("</sub>\n");
    }

    private static void WaiverTable(StringBuilder md, string h, string title, IReadOnlyList<Waiver> waivers, ReportLabels labels, ReportNames names)
    {
        if (waivers.Count == 0) return;
        md.Append(h).Append("# ").Append(Inline(title)).Append("\n\n");
        md.Append("| ").Append(labels.Rule).Append(" | ").Append(labels.Subject).Append(" | ").Append(labels.ExpiresColumn).Append(" | ")
            .Append(labels.ApprovedByColumn).Append(" | ").Append(labels.Justification).Append(" |\n| --- | --- | --- | --- | --- |\n");
        foreach (var w in waivers)
        {
            md.Append("| `").Append(Code(w.Rule)).Append("` | ").Append(w.Subject is null ? "*" : Cell(names.Reference(w.Subject))).Append(" | ")
                .Append(Date(w.Expires)).Append(" | ").Append(w.ApprovedBy is null ? "–" : Cell(w.ApprovedBy)).Append(" | ").Append(Cell(w.Justification)).Append(" |\n");
        }

        md.Append('\n');
    }

    /// <summary>
    /// Counts per group (owner, channel): open findings by severity and the waived ones; the largest
    /// groups first, the group without a name (<paramref name="none"/>) last.
    /// </summary>
    private static void CountTable(StringBuilder md, string h, string title, string column, IEnumerable<(string? Name, List<Finding> Findings)> groups, ReportLabels labels, string? none = null)
    {
        md.Append(h).Append("# ").Append(Inline(title)).Append("\n\n");
        md.Append("| ").Append(Inline(column)).Append(" | ").Append(Inline(labels.Unwaived));
        foreach (var severity in Severities.MostSevereFirst) md.Append(" | ").Append(Inline(labels.Severities[severity]));
        md.Append(" | ").Append(Inline(labels.Waived)).Append(" |\n| --- | ---:");
        foreach (var _ in Severities.MostSevereFirst) md.Append(" | ---:");
        md.Append(" | ---: |\n");
        var ordered = groups.OrderBy(g => g.Name is null ? 1 : 0).ThenByDescending(g => g.Findings.Count(f => !f.Waived))
            .ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, findings) in ordered)
        {
            md.Append("| ").Append(name is null ? "_" + Inline(none ?? labels.NoOwner) + "_" : Cell(name)).Append(" | **").Append(Num(findings.Count(f => !f.Waived))).Append("**");
            foreach (var severity in Severities.MostSevereFirst) md.Append(" | ").Append(Num(findings.Count(f => !f.Waived && f.Severity == severity)));
            md.Append(" | ").Append(Num(findings.Count(f => f.Waived))).Append(" |\n");
        }

        md.Append('\n');
    }

    private static string Status(Finding f, ReportLabels labels)
    {
        var parts = new List<string>();
        if (f.Waived) parts.Add("_" + Inline(labels.Waived) + "_");
        if (f.Baseline is { } state) parts.Add(state == BaselineState.New ? "**" + Inline(labels.New) + "**" : Inline(labels.Unchanged));
        if (labels.Age(f) is { } age) parts.Add(Inline(age));
        return parts.Count == 0 ? Inline(labels.Unwaived) : string.Join(", ", parts);
    }

    private static string Badge(Severity severity) => severity switch
    {
        Severity.Critical => "🟥",
        Severity.High => "🟧",
        Severity.Medium => "🟨",
        Severity.Low => "🟦",
        _ => "⬜",
    };

    private static string Icon(int score) => score >= 80 ? "🟢" : score >= 50 ? "🟡" : "🔴";

    /// <summary>Text in a table cell: escaped like <see cref="Inline"/>, line breaks as <c>&lt;br&gt;</c>.</summary>
    internal static string Cell(string text) => Inline(text).Replace("\n", "<br>", StringComparison.Ordinal);

    /// <summary>
    /// Text for running Markdown: Markdown punctuation (<c>\ ` * _ [ ] | ~ #</c>) backslash-escaped,
    /// then <c>&amp; &lt; &gt;</c> as HTML entities (GitHub renders HTML), <c>\r\n</c> and <c>\r</c> as <c>\n</c>.
    /// </summary>
    internal static string Inline(string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return Html(MarkdownPunctuation().Replace(normalised, "\\$1"));
    }

    /// <summary>Text inside backticks: no backticks, no pipes (GitHub splits table cells even there), no line breaks.</summary>
    private static string Code(string text) =>
        text.Replace('`', '\'').Replace("|", "¦", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>The characters HTML text needs escaped (<c>&amp; &lt; &gt;</c>); quotes stay readable in the raw Markdown.</summary>
    private static string Html(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"([\\`*_\[\]|~#])")]
    private static partial Regex MarkdownPunctuation();
}
