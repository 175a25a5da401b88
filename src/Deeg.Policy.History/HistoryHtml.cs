using System.Globalization;
using System.Text;
using static Deeg.Policy.History.HistoryReport;

namespace Deeg.Policy.History;

/// <summary>The HTML page of a <see cref="HistoryReport"/>: inline CSS and SVG, no script, nothing from elsewhere.</summary>
internal static class HistoryHtml
{
    private const int MaxOpen = 25;

    private static readonly Dictionary<Severity, string> Colours = new()
    {
        [Severity.Critical] = "#b91c1c",
        [Severity.High] = "#ea580c",
        [Severity.Medium] = "#ca8a04",
        [Severity.Low] = "#2563eb",
        [Severity.Info] = "#6b7280",
    };

    private const string Css = """
        :root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee5; --card: #fff; --bg: #f5f7fa; --accent: #0f766e; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 21px; margin: 28px 0 8px; }
        h3 { font-size: 17px; margin: 18px 0 8px; }
        code { font: 13px/1.4 "DejaVu Sans Mono", Consolas, monospace; background: #eef1f5; padding: 1px 5px; border-radius: 4px; }
        .muted { color: var(--muted); }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin-bottom: 16px; }
        .kpis { display: flex; flex-wrap: wrap; gap: 8px; }
        .kpi { border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; min-width: 110px; background: #fafbfc; }
        .kpi b { display: block; font-size: 22px; }
        .kpi span { font-size: 12px; color: var(--muted); }
        figure { margin: 0; }
        figcaption { font-weight: 600; margin-bottom: 8px; }
        .note { font-size: 12px; color: var(--muted); }
        svg.chart { width: 100%; height: auto; }
        .legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 13px; margin-top: 6px; }
        .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #eef1f5; font-weight: 600; }
        td.num, th.num { text-align: right; }
        .badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 999px; padding: 1px 9px; color: #fff; text-transform: uppercase; }
        .sev-critical { background: #b91c1c; } .sev-high { background: #ea580c; } .sev-medium { background: #ca8a04; } .sev-low { background: #2563eb; } .sev-info { background: #6b7280; }
        footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
        @media print { body { background: #fff; } .organisation + .organisation { break-before: page; } }
        """;

    public static string Render(HistoryReport report, HistoryLabels l, string toolName, string version)
    {
        var html = new StringBuilder();
        var title = report.Organisations.Count == 1 ? $"{l["title"]}: {report.Organisations[0].Name}" : l["title"];
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(l.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(E(l["title"])).Append("</h1>\n");
        if (report.Organisations.Count == 0) html.Append("<p class=\"card\">").Append(E(l["noRuns"])).Append("</p>\n");
        foreach (var o in report.Organisations) Organisation(html, o, l);
        html.Append("<footer>").Append(E(l.Format("generatedBy", toolName, version))).Append("</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Organisation(StringBuilder html, HistoryReportOrganisation o, HistoryLabels l)
    {
        html.Append("<section class=\"organisation\" id=\"org-").Append(E(o.Id)).Append("\">\n<h2>").Append(E(o.Name)).Append(" <code>").Append(E(o.Id)).Append("</code></h2>\n");
        var last = o.Runs.Count > 0 ? o.Runs[^1] : null;
        html.Append("<div class=\"card kpis\">\n");
        Kpi(html, last is null ? "–" : Num(last.Score), l["latestScore"]);
        Kpi(html, Num(o.Open.Count), l["openNow"]);
        Kpi(html, Num(o.Runs.Count), l["runs"]);
        Kpi(html, o.Open.Count == 0 ? "–" : l.Age(o.Open[0].OpenDays), l["oldest"]);
        html.Append("</div>\n");

        html.Append("<figure class=\"card trend\">\n<figcaption>").Append(E(l["trend"])).Append("</figcaption>\n");
        Chart(html, o.Runs, l);
        html.Append("<div class=\"legend\">");
        foreach (var s in SeverityOrder) html.Append("<span><i style=\"background:").Append(Colours[s]).Append("\"></i>").Append(E(l.Severity(s))).Append("</span>");
        html.Append("<span><i style=\"background:#0f766e\"></i>").Append(E(l["score"])).Append("</span></div>\n");
        html.Append("<p class=\"note\">").Append(E(l["trendNote"])).Append("</p>\n</figure>\n");

        // Longest-open findings.
        html.Append("<section class=\"card open\">\n<h3>").Append(E(l["longestOpen"])).Append("</h3>\n");
        if (o.Open.Count == 0)
        {
            html.Append("<p>").Append(E(l["noOpen"])).Append("</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr><th>").Append(E(l["openFor"])).Append("</th><th>").Append(E(l["firstSeen"])).Append("</th><th>").Append(E(l["severity"]))
                .Append("</th><th>").Append(E(l["rule"])).Append("</th><th>").Append(E(l["subject"])).Append("</th><th>").Append(E(l["message"])).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var f in o.Open.Take(MaxOpen))
            {
                html.Append("<tr><td class=\"num\">").Append(E(l.Days(f.OpenDays))).Append("</td><td>").Append(Date(f.FirstSeen)).Append("</td><td>").Append(Badge(f.Severity, l))
                    .Append("</td><td><code>").Append(E(f.RuleId)).Append("</code></td><td><code>").Append(E(f.Subject)).Append("</code></td><td>").Append(E(f.Message)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
            if (o.Open.Count > MaxOpen) html.Append("<p class=\"note\">").Append(E(l.Format("more", o.Open.Count - MaxOpen))).Append("</p>\n");
        }

        html.Append("</section>\n");

        // What changed in the last run.
        html.Append("<section class=\"card changes\">\n<h3>").Append(E(l["lastRun"])).Append("</h3>\n");
        if (last is not null) html.Append("<p>").Append(E(l.Format("lastRunSummary", last.New, last.Fixed))).Append(" (").Append(Date(last.AsOf)).Append(")</p>\n");
        if (o.Runs.Count == 1) html.Append("<p class=\"note\">").Append(E(l["firstRun"])).Append("</p>\n");
        else if (o.NewInLastRun.Count == 0 && o.FixedInLastRun.Count == 0) html.Append("<p>").Append(E(l["nothingChanged"])).Append("</p>\n");
        Changes(html, l["newFindings"], o.NewInLastRun, l);
        Changes(html, l["fixedFindings"], o.FixedInLastRun, l);
        html.Append("</section>\n");

        // The runs.
        html.Append("<section class=\"card runs\">\n<h3>").Append(E(l["runs"])).Append("</h3>\n<table>\n<thead><tr><th>").Append(E(l["date"])).Append("</th><th>").Append(E(l["ranAt"]))
            .Append("</th><th class=\"num\">").Append(E(l["score"])).Append("</th><th class=\"num\">").Append(E(l["findings"])).Append("</th>");
        foreach (var s in SeverityOrder) html.Append("<th class=\"num\">").Append(E(l.Severity(s))).Append("</th>");
        html.Append("<th class=\"num\">").Append(E(l["new"])).Append("</th><th class=\"num\">").Append(E(l["fixed"])).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var r in o.Runs)
        {
            html.Append("<tr><td>").Append(Date(r.AsOf)).Append("</td><td>").Append(Timestamp(r.RanAt)).Append("</td><td class=\"num\">").Append(Num(r.Score))
                .Append("</td><td class=\"num\">").Append(Num(r.Findings)).Append("</td>");
            foreach (var s in SeverityOrder) html.Append("<td class=\"num\">").Append(Num(r.BySeverity.TryGetValue(s, out var n) ? n : 0)).Append("</td>");
            html.Append("<td class=\"num\">").Append(Num(r.New)).Append("</td><td class=\"num\">").Append(Num(r.Fixed)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n</section>\n");
    }

    private static void Changes(StringBuilder html, string heading, IReadOnlyList<RecordedFinding> findings, HistoryLabels l)
    {
        if (findings.Count == 0) return;
        html.Append("<h4>").Append(E(heading)).Append(" (").Append(Num(findings.Count)).Append(")</h4>\n<table>\n<thead><tr><th>").Append(E(l["severity"])).Append("</th><th>")
            .Append(E(l["rule"])).Append("</th><th>").Append(E(l["subject"])).Append("</th><th>").Append(E(l["message"])).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var f in findings.Take(MaxOpen))
        {
            html.Append("<tr><td>").Append(Badge(f.Severity, l)).Append("</td><td><code>").Append(E(f.RuleId)).Append("</code></td><td><code>").Append(E(f.Subject))
                .Append("</code></td><td>").Append(E(f.Message)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (findings.Count > MaxOpen) html.Append("<p class=\"note\">").Append(E(l.Format("more", findings.Count - MaxOpen))).Append("</p>\n");
    }

    /// <summary>Stacked bars of the open findings by severity per run (left axis) and the score as a line (right axis, 0–100).</summary>
    private static void Chart(StringBuilder html, IReadOnlyList<HistoryRun> runs, HistoryLabels l)
    {
        const double Width = 760, Height = 300, Left = 48, Right = 48, Top = 16, Bottom = 48;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var maxFindings = Math.Max(1, runs.Count == 0 ? 1 : runs.Max(r => SeverityOrder.Sum(s => r.BySeverity.TryGetValue(s, out var n) ? n : 0)));
        var step = NiceStep(maxFindings);
        var axisMax = (int)Math.Ceiling(maxFindings / (double)step) * step;
        string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        html.Append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").Append(F(Width)).Append(' ').Append(F(Height)).Append("\" width=\"").Append(F(Width)).Append("\" height=\"").Append(F(Height))
            .Append("\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n<title>").Append(E(l["trend"])).Append("</title>\n");

        // Grid and axes.
        for (var v = 0; v <= axisMax; v += step)
        {
            var y = Top + plotHeight - (v / (double)axisMax * plotHeight);
            html.Append("<line x1=\"").Append(F(Left)).Append("\" y1=\"").Append(F(y)).Append("\" x2=\"").Append(F(Width - Right)).Append("\" y2=\"").Append(F(y)).Append("\" stroke=\"#e5e7eb\"/>")
                .Append("<text x=\"").Append(F(Left - 6)).Append("\" y=\"").Append(F(y + 4)).Append("\" text-anchor=\"end\" fill=\"#616e7c\">").Append(Num(v)).Append("</text>\n");
        }

        for (var score = 0; score <= 100; score += 25)
        {
            var y = Top + plotHeight - (score / 100.0 * plotHeight);
            html.Append("<text x=\"").Append(F(Width - Right + 6)).Append("\" y=\"").Append(F(y + 4)).Append("\" fill=\"#0f766e\">").Append(Num(score)).Append("</text>\n");
        }

        if (runs.Count > 0)
        {
            var slot = plotWidth / runs.Count;
            var barWidth = Math.Max(2, Math.Min(40, slot * 0.6));
            // A date label is about 64 units wide: label every n-th run so that they do not overlap.
            var labelEvery = Math.Max(1, (int)Math.Ceiling(68 / slot));
            var points = new List<string>();
            for (var i = 0; i < runs.Count; i++)
            {
                var run = runs[i];
                var centre = Left + (slot * i) + (slot / 2);
                var baseY = Top + plotHeight;
                html.Append("<g class=\"run\"><title>").Append(Date(run.AsOf)).Append(": ").Append(E(l["score"])).Append(' ').Append(Num(run.Score));
                foreach (var s in SeverityOrder) html.Append(", ").Append(E(l.Severity(s))).Append(' ').Append(Num(run.BySeverity.TryGetValue(s, out var c) ? c : 0));
                html.Append("</title>");
                foreach (var s in SeverityOrder.Reverse())
                {
                    var count = run.BySeverity.TryGetValue(s, out var n) ? n : 0;
                    if (count == 0) continue;
                    var h = count / (double)axisMax * plotHeight;
                    baseY -= h;
                    html.Append("<rect class=\"sev-").Append(DbHistoryStore.SeverityName(s)).Append("\" x=\"").Append(F(centre - (barWidth / 2))).Append("\" y=\"").Append(F(baseY))
                        .Append("\" width=\"").Append(F(barWidth)).Append("\" height=\"").Append(F(h)).Append("\" fill=\"").Append(Colours[s]).Append("\"/>");
                }

                html.Append("</g>\n");
                points.Add(F(centre) + "," + F(Top + plotHeight - (run.Score / 100.0 * plotHeight)));
                if ((runs.Count - 1 - i) % labelEvery == 0)
                {
                    html.Append("<text x=\"").Append(F(centre)).Append("\" y=\"").Append(F(Height - Bottom + 16)).Append("\" text-anchor=\"middle\" fill=\"#616e7c\">").Append(Date(run.AsOf)).Append("</text>\n");
                }
            }

            html.Append("<polyline class=\"score\" fill=\"none\" stroke=\"#0f766e\" stroke-width=\"2.5\" points=\"").Append(string.Join(' ', points)).Append("\"/>\n");
            foreach (var p in points)
            {
                var xy = p.Split(',');
                html.Append("<circle cx=\"").Append(xy[0]).Append("\" cy=\"").Append(xy[1]).Append("\" r=\"3.5\" fill=\"#0f766e\"/>");
            }

            html.Append('\n');
        }

        html.Append("<line x1=\"").Append(F(Left)).Append("\" y1=\"").Append(F(Top + plotHeight)).Append("\" x2=\"").Append(F(Width - Right)).Append("\" y2=\"").Append(F(Top + plotHeight)).Append("\" stroke=\"#616e7c\"/>\n");
        html.Append("</svg>\n");
    }

    private static int NiceStep(int max)
    {
        foreach (var step in new[] { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000 })
        {
            if (max / step <= 6) return step;
        }

        return (int)Math.Pow(10, Math.Ceiling(Math.Log10(max / 6.0)));
    }

    private static void Kpi(StringBuilder html, string value, string label) =>
        html.Append("<div class=\"kpi\"><b>").Append(E(value)).Append("</b><span>").Append(E(label)).Append("</span></div>\n");

    private static string Badge(Severity severity, HistoryLabels l) =>
        "<span class=\"badge sev-" + DbHistoryStore.SeverityName(severity) + "\">" + E(l.Severity(severity)) + "</span>";
}
