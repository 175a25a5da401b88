using System.Globalization;
using System.Text;
using Deeg.Policy.Core;

namespace Deeg.Policy.Reporting.Writers;

/// <summary>
/// <c>html</c>: one self-contained HTML file for people — inline CSS, inline SVG charts,
/// no script and no resource from anywhere else (a Content-Security-Policy of <c>default-src 'none'</c>
/// makes sure), printable. Per report: the score, charts of findings by severity and by category, the
/// findings in four views (by severity, category, subject, owner; radio buttons and CSS), each rule's
/// remediation once, a baseline's fixed findings, the
/// waivers (applied, expired, unused), rule errors and the rule sets used. Every text from models and
/// rules is HTML-escaped.
/// </summary>
internal sealed class HtmlFormat : ReportFormat
{

    public static HtmlFormat Instance { get; } = new();

    public override string Name => "html";

    public override string ContentType => "text/html";

    public override string FileExtension => ".html";

    protected override string Render(IReadOnlyList<ComplianceReport> reports, ReportWriterOptions options, ReportLabels labels) =>
        Render(reports, labels, options.ToolName, options.Verbose);

    private const string Css = """
        :root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --bg: #f4f6f8; --card: #ffffff; --accent: #1d4ed8;
                --critical: #991b1b; --high: #dc2626; --medium: #d97706; --low: #0e7490; --info: #6b7280; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 22px; margin: 0; }
        h3 { font-size: 18px; margin: 28px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
        h4 { font-size: 15px; margin: 20px 0 8px; }
        .card > h3:first-child { margin-top: 0; }
        .card > h4:nth-child(2) { margin-top: 8px; }
        code { font: 13px/1.4 "DejaVu Sans Mono", Consolas, monospace; background: #eef1f5; padding: 1px 5px; border-radius: 4px; }
        .muted { color: var(--muted); }
        .page-head { border-bottom: 1px solid var(--line); margin-bottom: 20px; padding-bottom: 12px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin-bottom: 16px; }
        .report { margin-bottom: 40px; }
        .hero { display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
        .hero .org { flex: 1 1 320px; }
        .hero .org p { margin: 4px 0 0; }
        .score { text-align: center; }
        .score .caption { font-size: 13px; color: var(--muted); }
        .kpis { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
        .kpi { border: 1px solid var(--line); border-radius: 8px; padding: 6px 10px; min-width: 88px; background: #fafbfc; }
        .kpi b { display: block; font-size: 20px; }
        .kpi span { font-size: 12px; color: var(--muted); }
        .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
        .charts figure { margin: 0; }
        .charts figcaption { font-weight: 600; margin-bottom: 8px; }
        .charts .note { font-size: 12px; color: var(--muted); }
        .finding { border: 1px solid var(--line); border-left: 5px solid var(--info); border-radius: 8px; padding: 10px 14px; margin: 0 0 10px; background: var(--card); break-inside: avoid; }
        .finding.sev-critical { border-left-color: var(--critical); }
        .finding.sev-high { border-left-color: var(--high); }
        .finding.sev-medium { border-left-color: var(--medium); }
        .finding.sev-low { border-left-color: var(--low); }
        .finding.waived { opacity: .72; background: #fbfbfc; }
        .finding header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
        .finding p { margin: 6px 0 0; }
        .finding .remediation { background: #f1f6ff; border-radius: 6px; padding: 6px 10px; }
        .finding .waiver { font-style: italic; color: var(--muted); }
        .finding dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: 13px; margin: 8px 0 0; }
        .finding dt { color: var(--muted); }
        .finding dd { margin: 0; overflow-wrap: anywhere; }
        .badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 999px; padding: 1px 9px; color: #fff; background: var(--info); text-transform: uppercase; letter-spacing: .03em; }
        .badge.sev-critical { background: var(--critical); }
        .badge.sev-high { background: var(--high); }
        .badge.sev-medium { background: var(--medium); }
        .badge.sev-low { background: var(--low); }
        .badge.state { background: #e5e7eb; color: var(--ink); }
        .badge.state-new { background: var(--accent); color: #fff; }
        .badge.state-waived { background: #e5e7eb; color: var(--muted); }
        .views { margin-top: 4px; }
        .views-label { color: var(--muted); margin-right: 8px; }
        .views > input { position: absolute; opacity: 0; pointer-events: none; }
        .views > label { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 3px 12px; margin: 0 6px 8px 0; cursor: pointer; background: #fafbfc; }
        .views > input:checked + label { background: var(--accent); border-color: var(--accent); color: #fff; }
        .views > input:focus-visible + label { outline: 2px solid var(--accent); outline-offset: 2px; }
        .view { display: none; }
        .views > input.view-severity:checked ~ .view-severity, .views > input.view-category:checked ~ .view-category,
        .views > input.view-subject:checked ~ .view-subject, .views > input.view-owner:checked ~ .view-owner { display: block; }
        .finding .about { color: var(--muted); }
        .finding .subject { color: var(--ink); font-weight: 600; }
        .finding a.rule-link { color: inherit; text-decoration: none; }
        .rule { border-left: 5px solid var(--info); padding: 4px 12px; margin: 0 0 12px; }
        .rule.sev-critical { border-left-color: var(--critical); }
        .rule.sev-high { border-left-color: var(--high); }
        .rule.sev-medium { border-left-color: var(--medium); }
        .rule.sev-low { border-left-color: var(--low); }
        .rule header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
        .rule p { margin: 6px 0 0; }
        .rule .remediation { background: #f1f6ff; border-radius: 6px; padding: 6px 10px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #eef1f5; font-weight: 600; }
        td.num, th.num { text-align: right; }
        .errors li { color: var(--critical); }
        footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
        @media (max-width: 760px) { .charts { grid-template-columns: 1fr; } }
        @media print {
          body { background: #fff; font-size: 11pt; }
          main { max-width: none; padding: 0; }
          .card, .finding { box-shadow: none; break-inside: avoid; }
          .report + .report { break-before: page; }
          h3 { break-after: avoid; }
          .charts { grid-template-columns: 1fr 1fr; }
          .views > input, .views > label, .views-label, .view:not(.view-severity) { display: none; }
          .view.view-severity { display: block; }
          a { color: inherit; text-decoration: none; }
        }
        @page { margin: 14mm; }
        """;

    public static string Render(IReadOnlyList<ComplianceReport> reports, ReportLabels labels, string toolName = ReportWriterOptions.DefaultToolName, bool verbose = false)
    {
        var html = new StringBuilder();
        var title = reports.Count == 1
            ? $"{labels.ReportTitle}: {reports[0].Organisation.Name}"
            : labels.ReportTitle;
        var version = reports.Count > 0 ? reports[0].Tool.Version : ReportBuilder.ToolVersion;

        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(labels.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"generator\" content=\"").Append(E(toolName + " " + version)).Append("\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<main>\n");

        html.Append("<header class=\"page-head\"><h1>").Append(E(labels.ReportTitle)).Append("</h1><div class=\"muted\">")
            .Append(E(labels.Format(labels.GeneratedBy, toolName, version, reports.Count > 0 ? Date(reports[0].AsOf) : "-")))
            .Append("</div></header>\n");

        if (reports.Count > 1) Overview(html, reports, labels);
        for (var i = 0; i < reports.Count; i++) Report(html, reports[i], i, labels, verbose);

        html.Append("<footer>").Append(E(toolName)).Append(' ').Append(E(version)).Append("</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Overview(StringBuilder html, IReadOnlyList<ComplianceReport> reports, ReportLabels labels)
    {
        html.Append("<section class=\"card\"><h3>").Append(E(labels.Overview)).Append("</h3>\n<table><thead><tr><th>").Append(E(labels.Organisation))
            .Append("</th><th class=\"num\">").Append(E(labels.Score)).Append("</th><th class=\"num\">").Append(E(labels.Findings))
            .Append("</th><th class=\"num\">").Append(E(labels.Waived)).Append("</th></tr></thead><tbody>\n");
        for (var i = 0; i < reports.Count; i++)
        {
            var r = reports[i];
            html.Append("<tr><td><a href=\"#").Append(Anchor(r, i)).Append("\">").Append(E(r.Organisation.Name)).Append("</a> <span class=\"muted\">(")
                .Append(E(r.Organisation.Id)).Append(")</span></td><td class=\"num\">").Append(Num(r.Summary.Score)).Append("</td><td class=\"num\">")
                .Append(Num(r.Summary.Findings)).Append("</td><td class=\"num\">").Append(Num(r.Summary.Waived)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Report(StringBuilder html, ComplianceReport report, int index, ReportLabels labels, bool verbose)
    {
        var s = report.Summary;
        var names = new ReportNames(report, labels);
        html.Append("<section class=\"report\" id=\"").Append(Anchor(report, index)).Append("\">\n");

        // Hero: organisation, score ring, key figures.
        html.Append("<div class=\"card hero\">\n<div class=\"org\"><h2>").Append(E(report.Organisation.Name)).Append("</h2>")
            .Append("<p class=\"muted\"><code>").Append(E(report.Organisation.Id)).Append("</code> · ").Append(E(labels.AsOf)).Append(' ').Append(Date(report.AsOf));
        if (report.ModelFile is not null) html.Append(" · ").Append(E(labels.ModelFile)).Append(" <code>").Append(E(report.ModelFile)).Append("</code>");
        html.Append("</p>\n<div class=\"kpis\">");
        Kpi(html, Num(s.Findings), labels.Findings);
        Kpi(html, Num(s.BySeverity.Values.Sum()), labels.Unwaived);
        Kpi(html, Num(s.Waived), labels.Waived);
        foreach (var severity in Severities.MostSevereFirst) Kpi(html, Num(s.BySeverity.TryGetValue(severity, out var n) ? n : 0), labels.Severities[severity]);
        if (report.Fixed is { } gone)
        {
            Kpi(html, Num(report.Findings.Count(f => f.Baseline == BaselineState.New)), labels.New);
            Kpi(html, Num(gone.Count), labels.Fixed);
        }

        html.Append("</div></div>\n<div class=\"score\">").Append(ScoreRing(s.Score, labels)).Append("<div class=\"caption\">")
            .Append(E(labels.Format(labels.RulesPassed, s.RulesPassed, s.RulesEvaluated))).Append("</div></div>\n</div>\n");

        // Charts.
        var bySeverity = Severities.MostSevereFirst.Select(sev => (Label: labels.Severities[sev], Colour: Colour(sev),
            Open: report.Findings.Count(f => f.Severity == sev && !f.Waived), Waived: report.Findings.Count(f => f.Severity == sev && f.Waived))).ToList();
        var byCategory = report.Findings.GroupBy(f => f.Category, StringComparer.Ordinal)
            .Select(g => (Label: labels.CategoryName(g.Key), Colour: "#1d4ed8", Open: g.Count(f => !f.Waived), Waived: g.Count(f => f.Waived)))
            .OrderByDescending(c => c.Open + c.Waived).ThenBy(c => c.Label, StringComparer.Ordinal).ToList();
        html.Append("<div class=\"card charts\">\n<figure><figcaption>").Append(E(labels.FindingsBySeverity)).Append("</figcaption>")
            .Append(BarChart(bySeverity, labels.FindingsBySeverity, labels)).Append("</figure>\n<figure><figcaption>")
            .Append(E(labels.FindingsByCategory)).Append("</figcaption>").Append(BarChart(byCategory, labels.FindingsByCategory, labels))
            .Append("</figure>\n</div>\n");

        // The findings, in four views (by severity, category, subject, owner): radio buttons and CSS, no script.
        html.Append("<section class=\"card\"><h3>").Append(E(labels.Findings)).Append(" (").Append(Num(report.Findings.Count)).Append(")</h3>\n");
        if (report.Findings.Count == 0)
        {
            html.Append("<p>").Append(E(labels.NoFindings)).Append("</p>\n");
        }
        else
        {
            var prefix = Anchor(report, index);
            var views = new (string Key, string Label, IEnumerable<(string Title, List<Finding> Findings)> Groups)[]
            {
                ("severity", labels.ViewBySeverity, Severities.MostSevereFirst
                    .Select(sev => (labels.Severities[sev], report.Findings.Where(f => f.Severity == sev).ToList())).Where(g => g.Item2.Count > 0)),
                ("category", labels.ViewByCategory, report.Findings.GroupBy(f => f.Category, StringComparer.Ordinal)
                    .Select(g => (labels.CategoryName(g.Key), g.ToList())).OrderByDescending(g => g.Item2.Count).ThenBy(g => g.Item1, StringComparer.OrdinalIgnoreCase)),
                ("subject", labels.ViewBySubject, report.Findings.GroupBy(f => f.Subject)
                    .Select(g => (names.Subject(g.First()), g.ToList())).OrderBy(g => g.Item1, StringComparer.OrdinalIgnoreCase)),
                ("owner", labels.ViewByOwner, report.Findings.GroupBy(f => f.Owner)
                    .OrderBy(g => g.Key is null ? 1 : 0).ThenBy(g => g.Key is null ? string.Empty : names.Name(g.Key), StringComparer.OrdinalIgnoreCase)
                    .Select(g => (g.Key is null ? labels.NoOwner : names.Name(g.Key), g.ToList()))),
            };
            html.Append("<div class=\"views\" role=\"group\" aria-label=\"").Append(E(labels.View)).Append("\">\n<span class=\"views-label\">").Append(E(labels.View)).Append(":</span>");
            for (var v = 0; v < views.Length; v++)
            {
                var id = prefix + "-view-" + views[v].Key;
                html.Append("<input type=\"radio\" class=\"view-").Append(views[v].Key).Append("\" name=\"").Append(prefix).Append("-view\" id=\"").Append(id).Append('"')
                    .Append(v == 0 ? " checked" : string.Empty).Append("><label for=\"").Append(id).Append("\">").Append(E(views[v].Label)).Append("</label>");
            }

            html.Append('\n');
            foreach (var (key, _, groups) in views)
            {
                html.Append("<div class=\"view view-").Append(key).Append("\">\n");
                foreach (var (title, findings) in groups)
                {
                    html.Append("<h4>").Append(E(title)).Append(" <span class=\"muted\">(").Append(Num(findings.Count)).Append(")</span></h4>\n");
                    foreach (var f in findings) Finding(html, f, labels, names, prefix, verbose);
                }

                html.Append("</div>\n");
            }

            html.Append("</div>\n");
        }

        html.Append("</section>\n");

        // Each rule with findings once: what it checks and what to do about it.
        if (report.Findings.Count > 0)
        {
            html.Append("<section class=\"card\"><h3>").Append(E(labels.RulesAndRemediation)).Append("</h3>\n");
            foreach (var rule in report.Findings.GroupBy(f => (f.RuleSet, f.RuleId)))
            {
                var first = rule.First();
                var severity = SeverityClass(first.Severity);
                html.Append("<article class=\"rule ").Append(severity).Append("\" id=\"").Append(RuleAnchor(Anchor(report, index), first)).Append("\">\n<header><span class=\"badge ")
                    .Append(severity).Append("\">").Append(E(labels.Severities[first.Severity])).Append("</span> <code>").Append(E(first.RuleId)).Append("</code> <strong>")
                    .Append(E(first.Title)).Append("</strong> <span class=\"muted\">· ").Append(E(labels.CategoryName(first.Category))).Append(" · ")
                    .Append(E(labels.FindingCount(rule.Count()))).Append("</span></header>\n");
                foreach (var remediation in rule.Select(f => f.Remediation).Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.Ordinal))
                    html.Append("<p class=\"remediation\"><strong>").Append(E(labels.Remediation)).Append(":</strong> ").Append(E(remediation!)).Append("</p>\n");
                html.Append("</article>\n");
            }

            html.Append("</section>\n");
        }

        if (report.Fixed is { Count: > 0 } fixedFindings)
        {
            html.Append("<section class=\"card\"><h3>").Append(E(labels.FixedSince)).Append(" (").Append(Num(fixedFindings.Count)).Append(")</h3>\n<table><thead><tr><th>")
                .Append(E(labels.Rule)).Append("</th><th>").Append(E(labels.Subject)).Append("</th><th>").Append(E(labels.SeverityColumn)).Append("</th></tr></thead><tbody>\n");
            foreach (var f in fixedFindings)
            {
                html.Append("<tr><td><code>").Append(E(f.RuleId)).Append("</code> ").Append(E(f.Title)).Append("</td><td>").Append(E(names.Reference(f.Subject)))
                    .Append("</td><td>").Append(f.Severity is { } sev ? E(labels.Severities[sev]) : "–").Append("</td></tr>\n");
            }

            html.Append("</tbody></table></section>\n");
        }

        // Waivers.
        html.Append("<section class=\"card\"><h3>").Append(E(labels.Waivers)).Append("</h3>\n");
        WaiverTable(html, labels.AppliedWaivers, report.Waivers.Applied, labels, names);
        WaiverTable(html, labels.ExpiredWaivers, report.Waivers.Expired, labels, names);
        WaiverTable(html, labels.UnusedWaivers, report.Waivers.Unused, labels, names);
        html.Append("</section>\n");

        // Errors and rule sets.
        html.Append("<section class=\"card\"><h3>").Append(E(labels.Errors)).Append("</h3>\n");
        if (report.Errors.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(labels.NoErrors)).Append("</p>\n");
        }
        else
        {
            html.Append("<ul class=\"errors\">");
            foreach (var e in report.Errors) html.Append("<li><code>").Append(E(e.RuleId)).Append("</code>: ").Append(E(e.Message)).Append("</li>");
            html.Append("</ul>\n");
        }

        html.Append("</section>\n<section class=\"card\"><h3>").Append(E(labels.RuleSetsUsed)).Append("</h3>\n<table><thead><tr><th>")
            .Append(E(labels.RuleSet)).Append("</th><th>").Append(E(labels.Version)).Append("</th><th class=\"num\">").Append(E(labels.RulesColumn))
            .Append("</th></tr></thead><tbody>\n");
        foreach (var r in report.RuleSets)
            html.Append("<tr><td><code>").Append(E(r.Id)).Append("</code></td><td>").Append(E(r.Version)).Append("</td><td class=\"num\">").Append(Num(r.Rules)).Append("</td></tr>\n");
        html.Append("</tbody></table></section>\n</section>\n");
    }

    /// <summary>One finding: severity, rule, subject, owner, state and age, the message; the remediation is with its rule (verbose: here too).</summary>
    private static void Finding(StringBuilder html, Finding f, ReportLabels labels, ReportNames names, string prefix, bool verbose)
    {
        var severity = SeverityClass(f.Severity);
        html.Append("<article class=\"finding ").Append(severity).Append(f.Waived ? " waived" : string.Empty).Append("\">\n<header><span class=\"badge ")
            .Append(severity).Append("\">").Append(E(labels.Severities[f.Severity])).Append("</span> <a class=\"rule-link\" href=\"#").Append(RuleAnchor(prefix, f))
            .Append("\"><code>").Append(E(f.RuleId)).Append("</code> <strong>").Append(E(f.Title)).Append("</strong></a>");
        if (f.Waived) html.Append(" <span class=\"badge state state-waived\">").Append(E(labels.Waived)).Append("</span>");
        if (f.Baseline is { } state)
            html.Append(" <span class=\"badge state").Append(state == BaselineState.New ? " state-new" : string.Empty).Append("\">").Append(E(labels.BaselineLabel(state))).Append("</span>");
        if (labels.Age(f) is { } age)
            html.Append(" <span class=\"badge state age\" title=\"").Append(E(Date(f.FirstSeen!.Value))).Append("\">").Append(E(age)).Append("</span>");
        html.Append("</header>\n<p class=\"about\"><span class=\"subject\">").Append(E(names.Subject(f))).Append("</span> · <span class=\"owner\">")
            .Append(E(labels.Owner)).Append(": ").Append(E(names.OwnerOrNone(f))).Append("</span></p>\n");
        html.Append("<p class=\"message\">").Append(E(f.Message)).Append("</p>\n");
        if (verbose && !string.IsNullOrEmpty(f.Remediation))
            html.Append("<p class=\"remediation\"><strong>").Append(E(labels.Remediation)).Append(":</strong> ").Append(E(f.Remediation)).Append("</p>\n");
        if (f.Waiver is { } waiver)
        {
            var approved = waiver.ApprovedBy is null ? string.Empty : labels.Format(labels.ApprovedBy, waiver.ApprovedBy);
            html.Append("<p class=\"waiver\">").Append(E(labels.Format(labels.WaiverDetail, Date(waiver.Expires), approved, waiver.Justification))).Append("</p>\n");
        }

        if (f.Evidence is { Count: > 0 } || verbose)
        {
            html.Append("<dl>");
            if (verbose)
            {
                html.Append("<dt>").Append(E(labels.Subject)).Append("</dt><dd><code>").Append(E(f.Subject.ToString())).Append("</code></dd>");
                if (f.Owner is { } owner) html.Append("<dt>").Append(E(labels.Owner)).Append("</dt><dd><code>").Append(E(owner.ToString())).Append("</code></dd>");
                html.Append("<dt>").Append(E(labels.Fingerprint)).Append("</dt><dd><code>").Append(E(f.Fingerprint)).Append("</code></dd>");
            }

            foreach (var (name, value) in f.Evidence ?? new Dictionary<string, object?>()) html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(TextFormat.Value(value))).Append("</dd>");
            html.Append("</dl>\n");
        }

        html.Append("</article>\n");
    }

    private static string RuleAnchor(string prefix, Finding f) =>
        prefix + "-rule-" + new string((f.RuleSet + "-" + f.RuleId).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    private static void WaiverTable(StringBuilder html, string title, IReadOnlyList<Waiver> waivers, ReportLabels labels, ReportNames names)
    {
        html.Append("<h4>").Append(E(title)).Append(" <span class=\"muted\">(").Append(Num(waivers.Count)).Append(")</span></h4>\n");
        if (waivers.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(labels.None)).Append("</p>\n");
            return;
        }

        html.Append("<table><thead><tr><th>").Append(E(labels.Rule)).Append("</th><th>").Append(E(labels.Subject)).Append("</th><th>")
            .Append(E(labels.ExpiresColumn)).Append("</th><th>").Append(E(labels.ApprovedByColumn)).Append("</th><th>").Append(E(labels.Justification))
            .Append("</th></tr></thead><tbody>\n");
        foreach (var w in waivers)
        {
            html.Append("<tr><td><code>").Append(E(w.Rule)).Append("</code></td><td>").Append(w.Subject is null ? "*" : E(names.Reference(w.Subject)))
                .Append("</td><td>").Append(Date(w.Expires)).Append("</td><td>").Append(E(w.ApprovedBy ?? "–")).Append("</td><td>").Append(E(w.Justification))
                .Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Kpi(StringBuilder html, string value, string label) =>
        html.Append("<div class=\"kpi\"><b>").Append(E(value)).Append("</b><span>").Append(E(label)).Append("</span></div>");

    /// <summary>The score as a ring: the share of 100 drawn as an arc, the number in the middle.</summary>
    private static string ScoreRing(int score, ReportLabels labels)
    {
        const double Radius = 52;
        var circumference = 2 * Math.PI * Radius;
        var length = circumference * Math.Clamp(score, 0, 100) / 100.0;
        var colour = score >= 80 ? "#15803d" : score >= 50 ? "#d97706" : "#dc2626";
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg width="140" height="140" viewBox="0 0 140 140" role="img" aria-label="{E(labels.Score)} {score}"><circle cx="70" cy="70" r="{Radius}" fill="none" stroke="#e5e7eb" stroke-width="14"/><circle cx="70" cy="70" r="{Radius}" fill="none" stroke="{colour}" stroke-width="14" stroke-linecap="butt" stroke-dasharray="{length:0.##} {circumference:0.##}" transform="rotate(-90 70 70)"/><text x="70" y="76" text-anchor="middle" font-size="34" font-weight="700" fill="#1f2933">{score}</text><text x="70" y="98" text-anchor="middle" font-size="12" fill="#5f6b7a">{E(labels.Score)}</text></svg>
            """);
    }

    /// <summary>A horizontal bar chart: one row per entry, the open findings solid and the waived ones lighter.</summary>
    private static string BarChart(IReadOnlyList<(string Label, string Colour, int Open, int Waived)> rows, string title, ReportLabels labels)
    {
        if (rows.Count == 0) return "<p class=\"muted\">" + E(labels.NoFindings) + "</p>";
        const int Width = 500, LabelWidth = 175, RowHeight = 30, BarHeight = 18, Right = 50;
        var max = Math.Max(1, rows.Max(r => r.Open + r.Waived));
        var scale = (double)(Width - LabelWidth - Right) / max;
        var height = rows.Count * RowHeight + 6;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg width=\"100%\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{E(title)}\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, colour, open, waived) = rows[i];
            var y = i * RowHeight + 6;
            var openWidth = open * scale;
            var waivedWidth = waived * scale;
            var shown = label.Length > 22 ? label[..21] + "…" : label;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 14}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f2933\">{E(shown)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{Width - LabelWidth - Right}\" height=\"{BarHeight}\" fill=\"#f1f3f6\" rx=\"3\"/>");
            if (open > 0) svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{openWidth:0.##}\" height=\"{BarHeight}\" fill=\"{colour}\" rx=\"3\"/>");
            if (waived > 0) svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth + openWidth:0.##}\" y=\"{y}\" width=\"{waivedWidth:0.##}\" height=\"{BarHeight}\" fill=\"{colour}\" fill-opacity=\"0.35\" rx=\"3\"/>");
            var count = waived > 0 ? $"{open} + {waived}" : open.ToString(CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + openWidth + waivedWidth + 6:0.##}\" y=\"{y + 14}\" font-size=\"13\" fill=\"#1f2933\">{E(count)}</text>");
        }

        svg.Append("</svg>");
        svg.Append("<div class=\"note\">").Append(E(labels.ChartNote)).Append("</div>");
        return svg.ToString();
    }

    private static string Colour(Severity severity) => severity switch
    {
        Severity.Critical => "#991b1b",
        Severity.High => "#dc2626",
        Severity.Medium => "#d97706",
        Severity.Low => "#0e7490",
        _ => "#6b7280",
    };

    private static string SeverityClass(Severity severity) => "sev-" + severity.ToString().ToLowerInvariant();

    private static string Anchor(ComplianceReport report, int index) =>
        "report-" + index.ToString(CultureInfo.InvariantCulture) + "-" + new string(report.Organisation.Id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    /// <summary>
    /// HTML-escapes text for element content and attribute values: <c>&amp; &lt; &gt; " '</c> become
    /// entities; other characters stay as they are (the page is UTF-8).
    /// </summary>
    internal static string E(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
