using Deeg.Policy.Diagnostics;
using Newtonsoft.Json.Linq;
using Deeg.Policy.Core;

namespace Deeg.Policy;

/// <summary>How a finding compares with a baseline report.</summary>
public enum BaselineState
{
    /// <summary>The baseline has no finding with this fingerprint.</summary>
    New,

    /// <summary>The baseline has a finding with this fingerprint (waived or not).</summary>
    Unchanged,
}

/// <summary>A finding of the baseline report that the current report no longer has.</summary>
public sealed record FixedFinding
{
    /// <summary>The rule id, e.g. <c>GOV-006</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule-set id, if the baseline names it.</summary>
    public string? RuleSet { get; init; }

    /// <summary>The severity the finding had, if the baseline names a known one.</summary>
    public Severity? Severity { get; init; }

    /// <summary>The rule title as the baseline wrote it (in the baseline's language); the rule id when it has none.</summary>
    public required string Title { get; init; }

    /// <summary>The message as the baseline wrote it, if any.</summary>
    public string? Message { get; init; }

    /// <summary>The subject reference <c>Type/id</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>The finding's fingerprint.</summary>
    public required string Fingerprint { get; init; }
}

/// <summary>
/// An earlier report (or several) to compare new reports with: each finding of a new report is
/// <see cref="BaselineState.New"/> or <see cref="BaselineState.Unchanged"/> by its fingerprint, and
/// the baseline's findings that are gone are listed as fixed (<see cref="ComplianceReport.Fixed"/>).
/// Reports are matched by organisation id. Loading never throws for bad content: every problem is
/// a <see cref="Diagnostic"/> (DP1001 unreadable file, DP1002 malformed JSON, DP1004 not a report).
/// </summary>
/// <example>
/// <code>
/// ReportBaseline baseline = ReportBaseline.Load("previous-report.json");
/// if (!baseline.Succeeded) { foreach (Diagnostic d in baseline.Diagnostics) Console.Error.WriteLine(d); }
/// ComplianceReport compared = baseline.Apply(engine.Evaluate(model, options));
/// int newFindings = compared.Findings.Count(f => f.Baseline == BaselineState.New &amp;&amp; !f.Waived);
/// </code>
/// </example>
public sealed class ReportBaseline
{
    private readonly List<(string Organisation, IReadOnlyList<FixedFinding> Findings)> _reports;

    private ReportBaseline(List<(string Organisation, IReadOnlyList<FixedFinding> Findings)> reports, IReadOnlyList<Diagnostic> diagnostics)
    {
        Diagnostics = diagnostics;
        Succeeded = !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        _reports = Succeeded ? reports : [];
    }

    /// <summary>Every problem found in the baseline file, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the file is a report or an array of reports without errors.</summary>
    public bool Succeeded { get; }

    /// <summary>The organisation ids of the baseline's reports, in file order.</summary>
    public IReadOnlyList<string> Organisations => _reports.Select(r => r.Organisation).ToList();

    /// <summary>Loads a JSON report (<c>check --format json</c>): one report object or an array of them.</summary>
    /// <param name="path">The file; diagnostics name it as given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static ReportBaseline Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var diagnostics = new DiagnosticBag();
        return Read(JsonSource.ReadFile(path, diagnostics), diagnostics);
    }

    /// <summary>Parses a JSON report: one report object or an array of them.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">The name used in diagnostics; default <c>&lt;baseline&gt;</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static ReportBaseline Parse(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var diagnostics = new DiagnosticBag();
        return Read(JsonSource.Parse(json, sourceName ?? "<baseline>", diagnostics), diagnostics);
    }

    /// <summary>A baseline made of reports in memory (for example the previous run of a host).</summary>
    /// <param name="reports">The earlier reports.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reports"/> is null.</exception>
    public static ReportBaseline FromReports(IEnumerable<ComplianceReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var list = reports.Select(r => (r.Organisation.Id, (IReadOnlyList<FixedFinding>)r.Findings.Select(f => new FixedFinding
        {
            RuleId = f.RuleId,
            RuleSet = f.RuleSet,
            Severity = f.Severity,
            Title = f.Title,
            Message = f.Message,
            Subject = f.Subject.ToString(),
            Fingerprint = f.Fingerprint,
        }).ToList())).ToList();
        return new ReportBaseline(list, []);
    }

    /// <summary>True when the baseline has a report for the organisation.</summary>
    /// <param name="organisationId">The organisation id.</param>
    public bool Contains(string organisationId) => _reports.Exists(r => string.Equals(r.Organisation, organisationId, StringComparison.Ordinal));

    /// <summary>
    /// Compares a report with the baseline's report of the same organisation (the first one, if the
    /// baseline has several): a copy of <paramref name="report"/> whose findings carry
    /// <see cref="Finding.Baseline"/> and whose <see cref="ComplianceReport.Fixed"/> lists the
    /// baseline's findings that are gone. Without a report for the organisation every finding is new
    /// and nothing is fixed. Fingerprints decide; waived findings take part like the others.
    /// </summary>
    /// <param name="report">The current report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public ComplianceReport Apply(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var at = _reports.FindIndex(r => string.Equals(r.Organisation, report.Organisation.Id, StringComparison.Ordinal));
        IReadOnlyList<FixedFinding> previous = at < 0 ? [] : _reports[at].Findings;
        var before = new HashSet<string>(previous.Select(f => f.Fingerprint), StringComparer.Ordinal);
        var now = new HashSet<string>(report.Findings.Select(f => f.Fingerprint), StringComparer.Ordinal);

        var findings = report.Findings
            .Select(f => f.WithBaseline(before.Contains(f.Fingerprint) ? BaselineState.Unchanged : BaselineState.New))
            .ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fixedFindings = previous.Where(f => !now.Contains(f.Fingerprint) && seen.Add(f.Fingerprint)).ToList();
        return report.WithBaseline(findings, fixedFindings);
    }

    private static ReportBaseline Read(JsonSource source, DiagnosticBag diagnostics)
    {
        var reports = new List<(string, IReadOnlyList<FixedFinding>)>();
        if (source.Root is null) return new ReportBaseline(reports, diagnostics.ToSortedList());

        switch (source.Root)
        {
            case JObject single:
                ReadReport(source, diagnostics, single, null, reports);
                break;
            case JArray array:
                var index = 0;
                foreach (var item in array)
                {
                    index++;
                    if (item is JObject obj) ReadReport(source, diagnostics, obj, index, reports);
                    else diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(item), $"entry {index} of the baseline is not a report object");
                }

                break;
            default:
                diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(source.Root), NotAReport);
                break;
        }

        return new ReportBaseline(reports, diagnostics.ToSortedList());
    }

    private const string NotAReport = "not a deeg-policy JSON report: a baseline is the output of 'check --format json', a report object or an array of them";

    private static void ReadReport(JsonSource source, DiagnosticBag diagnostics, JObject obj, int? index, List<(string, IReadOnlyList<FixedFinding>)> reports)
    {
        var which = index is null ? "the report" : $"report {index}";
        if (obj["organisation"] is not JObject organisation || obj["findings"] is not JArray findingsArray)
        {
            // A model, a rule set, a SARIF log…: not a report at all.
            diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(obj), index is null ? NotAReport : $"{which} of the baseline is not a deeg-policy report (it needs 'organisation' and 'findings')");
            return;
        }

        if (obj["schemaVersion"] is { } version && !DocumentVersion.IsCurrent(version))
        {
            diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(version), $"schemaVersion {version.ToString(Newtonsoft.Json.Formatting.None)} of {which} is not supported; this version reads report schemaVersion 1");
            return;
        }

        if (organisation["id"] is not { Type: JTokenType.String } idToken || string.IsNullOrEmpty((string?)idToken))
        {
            diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(organisation), $"'organisation' of {which} has no 'id'");
            return;
        }

        var findings = new List<FixedFinding>();
        var ok = true;
        var n = 0;
        foreach (var item in findingsArray)
        {
            n++;
            if (item is not JObject f)
            {
                diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(item), $"finding {n} of {which} is not an object");
                ok = false;
                continue;
            }

            var ruleId = Text(f, "ruleId");
            var subject = Text(f, "subject");
            var fingerprint = Text(f, "fingerprint");
            if (ruleId is null || subject is null || fingerprint is null)
            {
                var missing = string.Join(", ", new[] { ("ruleId", ruleId), ("subject", subject), ("fingerprint", fingerprint) }.Where(p => p.Item2 is null).Select(p => "'" + p.Item1 + "'"));
                diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(f), $"finding {n} of {which} has no {missing} (a string)");
                ok = false;
                continue;
            }

            findings.Add(new FixedFinding
            {
                RuleId = ruleId,
                RuleSet = Text(f, "ruleSet"),
                Severity = ParseSeverity(Text(f, "severity")),
                Title = Text(f, "title") ?? ruleId,
                Message = Text(f, "message"),
                Subject = subject,
                Fingerprint = fingerprint,
            });
        }

        if (ok) reports.Add(((string)idToken!, findings));
    }

    private static string? Text(JObject obj, string name) =>
        obj[name] is { Type: JTokenType.String } token && !string.IsNullOrEmpty((string?)token) ? (string?)token : null;

    private static Severity? ParseSeverity(string? text) => Severities.TryParse(text, out var severity) && text == Severities.Name(severity) ? severity : null;
}
