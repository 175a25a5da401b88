using System.Collections;
using System.Globalization;
using System.Text;
using Deeg.Policy.Model;
using Deeg.Policy.Core;

namespace Deeg.Policy.Reporting.Writers;

/// <summary>
/// <c>text</c>, the default output of <c>deeg-policy check</c>, for people on a terminal: a header (organisation, date, rule sets, score),
/// findings grouped by severity (critical first) and rule — one line per finding (subject by display name, owner, state) plus
/// its message, the remediation once per rule, everything with verbose — with a baseline each marked <c>[new]</c> or
/// <c>[unchanged]</c> and the fixed ones listed, waiver problems, errors, and one summary line per
/// report such as <c>acme: 9 findings (1 critical, 3 high, 4 medium), 1 waived, score 71</c>
/// (with a baseline followed by <c>, 2 new, 1 fixed</c>).
/// </summary>
internal sealed class TextFormat : ReportFormat
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";


    public static TextFormat Instance { get; } = new();

    public override string Name => "text";

    public override string ContentType => "text/plain";

    public override string FileExtension => ".txt";

    protected override string Render(IReadOnlyList<ComplianceReport> reports, ReportWriterOptions options, ReportLabels labels) =>
        Render(reports, labels, options.Colour, options.Verbose);

    /// <summary>Renders the reports one after another, separated by a blank line.</summary>
    public static string Render(IReadOnlyList<ComplianceReport> reports, ReportLabels labels, bool colour, bool verbose = false)
    {
        var text = new StringBuilder();
        for (var i = 0; i < reports.Count; i++)
        {
            if (i > 0) text.Append('\n');
            Render(text, reports[i], labels, colour, verbose);
        }

        return text.ToString();
    }

    /// <summary>The last line of a report: <c>id: N findings (by severity, unwaived), W waived, score S</c>.</summary>
    public static string SummaryLine(ComplianceReport report, ReportLabels labels)
    {
        var s = report.Summary;
        var text = new StringBuilder();
        text.Append(report.Organisation.Id).Append(": ")
            .Append(s.Findings.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(s.Findings == 1 ? labels.FindingSingular : labels.FindingPlural);
        var parts = Severities.MostSevereFirst
            .Where(sev => s.BySeverity.TryGetValue(sev, out var n) && n > 0)
            .Select(sev => s.BySeverity[sev].ToString(CultureInfo.InvariantCulture) + " " + labels.Severities[sev])
            .ToList();
        if (parts.Count > 0) text.Append(" (").Append(string.Join(", ", parts)).Append(')');
        text.Append(", ").Append(labels.Format(labels.WaivedCount, s.Waived))
            .Append(", ").Append(labels.ScoreLower).Append(' ').Append(s.Score.ToString(CultureInfo.InvariantCulture));
        if (report.Fixed is { } fixedFindings)
        {
            text.Append(", ").Append(labels.Format(labels.NewCount, report.Findings.Count(f => f.Baseline == BaselineState.New)))
                .Append(", ").Append(labels.Format(labels.FixedCount, fixedFindings.Count));
        }

        return text.ToString();
    }

    private static void Render(StringBuilder text, ComplianceReport report, ReportLabels labels, bool colour, bool verbose)
    {
        var names = new ReportNames(report, labels);
        string Paint(string value, string code) => colour ? code + value + Reset : value;

        // Header.
        text.Append(Paint($"{report.Organisation.Name} ({report.Organisation.Id})", Bold)).Append('\n');
        var width = new[] { labels.AsOf, labels.RuleSets, labels.Score }.Max(l => l.Length) + 2;
        text.Append("  ").Append((labels.AsOf + ":").PadRight(width)).Append(Date(report.AsOf)).Append('\n');
        var ruleSets = report.RuleSets.Count == 0
            ? "-"
            : string.Join(", ", report.RuleSets.Select(r => $"{r.Id} {r.Version} ({labels.Rules(r.Rules)})"));
        text.Append("  ").Append((labels.RuleSets + ":").PadRight(width)).Append(ruleSets).Append('\n');
        text.Append("  ").Append((labels.Score + ":").PadRight(width))
            .Append(Paint(report.Summary.Score.ToString(CultureInfo.InvariantCulture), Bold))
            .Append(" (").Append(labels.Format(labels.RulesPassed, report.Summary.RulesPassed, report.Summary.RulesEvaluated)).Append(")\n");
        text.Append('\n');

        // Findings by severity, in report order within a severity.
        if (report.Findings.Count == 0) text.Append(labels.NoFindings).Append('\n').Append('\n');
        foreach (var severity in Severities.MostSevereFirst)
        {
            var group = report.Findings.Where(f => f.Severity == severity).ToList();
            if (group.Count == 0) continue;
            text.Append(Paint($"{labels.Severities[severity].ToUpperInvariant()} ({group.Count.ToString(CultureInfo.InvariantCulture)})", SeverityColour(severity))).Append('\n');
            // One heading per rule, then one line and the message per finding; the remediation once per rule.
            foreach (var rule in group.GroupBy(f => (f.RuleSet, f.RuleId)))
            {
                var first = rule.First();
                text.Append("  ").Append(Paint(first.RuleId, Bold)).Append("  ").Append(first.Title).Append('\n');
                foreach (var finding in rule) RenderFinding(text, finding, labels, names, colour, verbose);
                if (verbose) continue;
                foreach (var remediation in rule.Select(f => f.Remediation).Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.Ordinal))
                    text.Append("    ").Append(labels.Remediation).Append(": ").Append(remediation).Append('\n');
            }

            text.Append('\n');
        }

        // Findings of the baseline that are gone.
        if (report.Fixed is { Count: > 0 } gone)
        {
            text.Append(Paint($"{labels.FixedSince} ({gone.Count.ToString(CultureInfo.InvariantCulture)})", Bold)).Append('\n');
            foreach (var f in gone) text.Append("  ").Append(f.RuleId).Append("  ").Append(f.Title).Append("  (").Append(names.Reference(f.Subject)).Append(")\n");
            text.Append('\n');
        }

        // Waivers that did not apply: expired ones and those that matched nothing.
        WaiverList(text, labels.ExpiredWaivers, labels.ExpiredOn, report.Waivers.Expired, labels, names, colour);
        WaiverList(text, labels.UnusedWaivers, labels.Expires, report.Waivers.Unused, labels, names, colour);

        if (report.Errors.Count > 0)
        {
            text.Append(Paint(labels.Errors, SeverityColour(Severity.Critical))).Append('\n');
            foreach (var error in report.Errors) text.Append("  ").Append(error.RuleId).Append(": ").Append(error.Message).Append('\n');
            text.Append('\n');
        }

        text.Append(Paint(SummaryLine(report, labels), Bold)).Append('\n');
    }

    /// <summary>
    /// A finding in one line — subject, owner, waived, baseline state, age — and its message on the
    /// next; verbose adds the subject's reference, the remediation, the waiver, the evidence and the fingerprint.
    /// </summary>
    private static void RenderFinding(StringBuilder text, Finding finding, ReportLabels labels, ReportNames names, bool colour, bool verbose)
    {
        string Paint(string value, string code) => colour ? code + value + Reset : value;
        const string Indent = "      ";

        var head = new StringBuilder();
        head.Append("    - ").Append(names.Subject(finding));
        if (names.Owner(finding) is { } owner) head.Append(" · ").Append(labels.Owner).Append(": ").Append(owner);
        if (finding.Waived) head.Append("  [").Append(labels.Waived).Append(']');
        if (finding.Baseline is { } state) head.Append("  [").Append(labels.BaselineLabel(state)).Append(']');
        if (labels.Age(finding) is { } age) head.Append("  (").Append(age).Append(')');
        text.Append(finding.Waived && colour ? Dim + head + Reset : head.ToString()).Append('\n');
        text.Append(Indent).Append(finding.Message).Append('\n');
        // Evidence was asked for (--explain): shown either way.
        if (finding.Evidence is { Count: > 0 } evidence)
        {
            text.Append(Indent).Append(labels.Evidence).Append(":\n");
            foreach (var (name, value) in evidence) text.Append(Indent).Append("  ").Append(name).Append(" = ").Append(Value(value)).Append('\n');
        }

        if (!verbose) return;

        text.Append(Indent).Append(labels.Subject).Append(": ").Append(finding.Subject).Append('\n');
        if (finding.Owner is { } ownerRef) text.Append(Indent).Append(labels.Owner).Append(": ").Append(ownerRef).Append('\n');
        if (!string.IsNullOrEmpty(finding.Remediation)) text.Append(Indent).Append(labels.Remediation).Append(": ").Append(finding.Remediation).Append('\n');
        if (finding.Waiver is { } waiver)
        {
            var approved = waiver.ApprovedBy is null ? string.Empty : labels.Format(labels.ApprovedBy, waiver.ApprovedBy);
            text.Append(Indent).Append(Paint(labels.Format(labels.WaiverDetail, Date(waiver.Expires), approved, waiver.Justification), Dim)).Append('\n');
        }

        text.Append(Indent).Append(labels.Fingerprint).Append(": ").Append(finding.Fingerprint).Append('\n');
    }

    private static void WaiverList(StringBuilder text, string title, string expiry, IReadOnlyList<Waiver> waivers, ReportLabels labels, ReportNames names, bool colour)
    {
        if (waivers.Count == 0) return;
        text.Append(colour ? Bold + title + Reset : title).Append('\n');
        foreach (var waiver in waivers)
        {
            text.Append("  ").Append(waiver.Rule);
            if (waiver.Subject is not null) text.Append(' ').Append(names.Reference(waiver.Subject));
            text.Append(" (").Append(labels.Format(expiry, Date(waiver.Expires))).Append(')');
            if (waiver.ApprovedBy is not null) text.Append(labels.Format(labels.ApprovedBy, waiver.ApprovedBy));
            text.Append(": ").Append(waiver.Justification).Append('\n');
        }

        text.Append('\n');
    }

    private static string SeverityColour(Severity severity) => severity switch
    {
        Severity.Critical => "\u001b[1;31m",
        Severity.High => "\u001b[31m",
        Severity.Medium => "\u001b[33m",
        Severity.Low => "\u001b[36m",
        _ => "\u001b[90m",
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An evidence value as the rule language renders it in messages (lists joined with <c>, </c>, facts as <c>Type/id</c>).</summary>
    internal static string Value(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        IFormattable and (int or long or double or float or short) => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        DateOnly date => Date(date),
        DateTime dt => dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Enum e => char.ToLowerInvariant(e.ToString()[0]) + e.ToString()[1..],
        SubjectRef subject => subject.ToString(),
        IFact fact => fact.GetType().Name + "/" + fact.Id,
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
