using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Deeg.Policy.History;

/// <summary>
/// The trend of a history, per organisation: the runs in time order (score, findings by severity, new and
/// fixed against the previous run), the open findings of the latest run (the longest-open first) and what
/// changed in the last run. Written as text, as JSON or as one self-contained HTML page with a chart.
/// </summary>
public sealed class HistoryReport
{
    private HistoryReport(IReadOnlyList<HistoryReportOrganisation> organisations) => Organisations = organisations;

    /// <summary>The organisations, by id.</summary>
    public IReadOnlyList<HistoryReportOrganisation> Organisations { get; }

    /// <summary>Reads the trend of every organisation in <paramref name="store"/>, or of one.</summary>
    /// <param name="store">The history.</param>
    /// <param name="organisationId">Only this organisation; null for all.</param>
    /// <exception cref="HistoryException">The store cannot be read.</exception>
    public static HistoryReport Read(IHistoryStore store, string? organisationId = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = new List<HistoryReportOrganisation>();
        foreach (var organisation in store.Organisations())
        {
            if (organisationId is not null && organisation.Id != organisationId) continue;
            var runs = store.Runs(organisation.Id);
            IReadOnlyList<RecordedFinding> added = [];
            IReadOnlyList<RecordedFinding> removed = [];
            if (runs.Count > 0)
            {
                var last = store.Findings(runs[^1].Id);
                var previous = runs.Count > 1 ? store.Findings(runs[^2].Id) : [];
                var lastKeys = last.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
                var previousKeys = previous.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
                added = runs.Count > 1 ? last.Where(f => !previousKeys.Contains(f.Fingerprint)).ToList() : last;
                removed = previous.Where(f => !lastKeys.Contains(f.Fingerprint)).ToList();
            }

            result.Add(new HistoryReportOrganisation
            {
                Id = organisation.Id,
                Name = organisation.Name,
                Runs = runs,
                Open = store.OpenFindings(organisation.Id),
                NewInLastRun = added,
                FixedInLastRun = removed,
            });
        }

        return new HistoryReport(result);
    }

    /// <summary>
    /// The JSON of <c>deeg-policy history --format json</c>:
    /// <c>{ "organisations": [ { "id", "name", "runs": [ { "ranAt", "asOf", "score", "findings", "bySeverity", "new", "fixed" } ], "open": [ { "ruleId", "subject", "firstSeen", "openDays" } ] } ] }</c>,
    /// indented with two spaces and <c>\n</c> line ends.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("organisations");
            foreach (var o in Organisations)
            {
                w.WriteStartObject();
                w.WriteString("id", o.Id);
                w.WriteString("name", o.Name);
                w.WriteStartArray("runs");
                foreach (var run in o.Runs)
                {
                    w.WriteStartObject();
                    w.WriteString("ranAt", Timestamp(run.RanAt));
                    w.WriteString("asOf", Date(run.AsOf));
                    w.WriteNumber("score", run.Score);
                    w.WriteNumber("findings", run.Findings);
                    w.WriteStartObject("bySeverity");
                    foreach (var s in SeverityOrder) w.WriteNumber(DbHistoryStore.SeverityName(s), run.BySeverity.TryGetValue(s, out var n) ? n : 0);
                    w.WriteEndObject();
                    w.WriteNumber("new", run.New);
                    w.WriteNumber("fixed", run.Fixed);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("open");
                foreach (var f in o.Open)
                {
                    w.WriteStartObject();
                    w.WriteString("ruleId", f.RuleId);
                    w.WriteString("subject", f.Subject);
                    w.WriteString("firstSeen", Date(f.FirstSeen));
                    w.WriteNumber("openDays", f.OpenDays);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>The text of <c>deeg-policy history</c>: per organisation a table of the runs, the longest-open findings and the last run's changes.</summary>
    /// <param name="language"><c>en</c> or <c>de</c>.</param>
    /// <param name="maxOpen">How many open findings to list per organisation.</param>
    public string ToText(string language = "en", int maxOpen = 10)
    {
        var l = HistoryLabels.For(language);
        var text = new StringBuilder();
        if (Organisations.Count == 0) text.Append(l["noRuns"]).Append('\n');
        foreach (var o in Organisations)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(l["title"]).Append(": ").Append(o.Name).Append(" (").Append(o.Id).Append(")\n");
            string[] head = [l["date"], l["score"], l["findings"], .. SeverityOrder.Select(l.Severity), l["new"], l["fixed"]];
            var rows = o.Runs.Select(r => (string[])[
                Date(r.AsOf), Num(r.Score), Num(r.Findings), .. SeverityOrder.Select(s => Num(r.BySeverity.TryGetValue(s, out var n) ? n : 0)), Num(r.New), Num(r.Fixed)]).ToList();
            var widths = head.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
            text.Append("  ").Append(string.Join("  ", head.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))).ToUpper(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var row in rows)
                text.Append("  ").Append(string.Join("  ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])))).Append('\n');

            text.Append('\n').Append(l["longestOpen"]).Append(":\n");
            if (o.Open.Count == 0) text.Append("  ").Append(l["noOpen"]).Append('\n');
            foreach (var f in o.Open.Take(maxOpen))
            {
                text.Append("  ").Append(f.RuleId).Append("  ").Append(f.Subject).Append("  [").Append(l.Severity(f.Severity)).Append("]  ")
                    .Append(l.OpenDays(f.OpenDays)).Append(" (").Append(l.Format("since", Date(f.FirstSeen))).Append(")\n");
            }

            if (o.Open.Count > maxOpen) text.Append("  ").Append(l.Format("more", o.Open.Count - maxOpen)).Append('\n');
            if (o.Runs.Count > 0) text.Append('\n').Append(l.Format("lastRunSummary", o.Runs[^1].New, o.Runs[^1].Fixed)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// One self-contained HTML page (no script, nothing loaded from elsewhere): per organisation the score and
    /// findings by severity over time as an inline SVG chart, the runs, the longest-open findings and what
    /// changed in the last run.
    /// </summary>
    /// <param name="language"><c>en</c> or <c>de</c>.</param>
    /// <param name="toolName">The tool named in the footer.</param>
    public string ToHtml(string language = "en", string toolName = "deeg-policy") =>
        HistoryHtml.Render(this, HistoryLabels.For(language), toolName, DbHistoryStore.ToolVersion);

    internal static readonly Severity[] SeverityOrder = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>HTML-escapes the characters that matter; umlauts stay readable in the page source.</summary>
    internal static string E(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
}

/// <summary>The trend of one organisation in a <see cref="HistoryReport"/>.</summary>
public sealed record HistoryReportOrganisation
{
    /// <summary>The organisation id.</summary>
    public required string Id { get; init; }

    /// <summary>Its name in the latest run.</summary>
    public required string Name { get; init; }

    /// <summary>The runs in time order.</summary>
    public required IReadOnlyList<HistoryRun> Runs { get; init; }

    /// <summary>The unwaived findings of the latest run, the longest-open first.</summary>
    public required IReadOnlyList<OpenFinding> Open { get; init; }

    /// <summary>The findings of the last run that the run before it did not have (all of them after the first run).</summary>
    public required IReadOnlyList<RecordedFinding> NewInLastRun { get; init; }

    /// <summary>The findings of the run before the last that the last run no longer has.</summary>
    public required IReadOnlyList<RecordedFinding> FixedInLastRun { get; init; }
}
