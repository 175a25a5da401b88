namespace Deeg.Policy.History;

/// <summary>
/// A history of compliance reports: every recorded run of every organisation, and since when each
/// finding (by fingerprint) has been present. <see cref="HistoryStore.Open"/> opens the SQLite store
/// (a file) or the PostgreSQL store (a connection string). Every method is safe to call from several
/// threads and processes at once; every run is recorded in one transaction.
/// </summary>
public interface IHistoryStore : IDisposable
{
    /// <summary>What the store was opened on, for messages: the file path, or host and database (never a password).</summary>
    string Target { get; }

    /// <summary>
    /// Records one evaluated report as a run, in one transaction, and returns the report with the age of
    /// each finding (<see cref="Finding.FirstSeen"/>, <see cref="Finding.OpenDays"/>).
    /// </summary>
    /// <param name="report">The report; its organisation, <c>asOf</c>, language, rule sets, summary and findings are kept.</param>
    /// <param name="ranAt">When the run happened; default now (UTC).</param>
    /// <exception cref="HistoryException">The run could not be written; the store is as it was before.</exception>
    RecordedRun Record(ComplianceReport report, DateTimeOffset? ranAt = null);

    /// <summary>
    /// The report with the age of each finding as the history knows it before this run, without recording
    /// anything (what <see cref="Record"/> would return).
    /// </summary>
    /// <param name="report">The report.</param>
    ComplianceReport WithAges(ComplianceReport report);

    /// <summary>The organisations with at least one run, by id.</summary>
    IReadOnlyList<HistoryOrganisation> Organisations();

    /// <summary>The runs of one organisation in time order (<c>asOf</c>, then when they ran).</summary>
    /// <param name="organisationId">The organisation id.</param>
    IReadOnlyList<HistoryRun> Runs(string organisationId);

    /// <summary>The findings of one run, waived included, as they were recorded.</summary>
    /// <param name="runId">The run's <see cref="HistoryRun.Id"/>.</param>
    IReadOnlyList<RecordedFinding> Findings(long runId);

    /// <summary>The unwaived findings of the organisation's latest run, the longest-open first.</summary>
    /// <param name="organisationId">The organisation id.</param>
    IReadOnlyList<OpenFinding> OpenFindings(string organisationId);
}

/// <summary>An organisation in a history.</summary>
/// <param name="Id">The organisation id.</param>
/// <param name="Name">Its name in the latest run.</param>
public sealed record HistoryOrganisation(string Id, string Name);

/// <summary>What <see cref="IHistoryStore.Record"/> did.</summary>
/// <param name="Run">The run as recorded.</param>
/// <param name="Report">The report with the age of each finding.</param>
public sealed record RecordedRun(HistoryRun Run, ComplianceReport Report);

/// <summary>One recorded run of one organisation.</summary>
public sealed record HistoryRun
{
    /// <summary>The store's id of the run (increasing in the order runs were recorded).</summary>
    public required long Id { get; init; }

    /// <summary>The organisation id.</summary>
    public required string OrganisationId { get; init; }

    /// <summary>The organisation name in this run.</summary>
    public required string OrganisationName { get; init; }

    /// <summary>When the run was recorded (UTC).</summary>
    public required DateTimeOffset RanAt { get; init; }

    /// <summary>The report's evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The language of the run's messages.</summary>
    public required string Language { get; init; }

    /// <summary>The version of the tool that recorded the run.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The rule sets with their versions.</summary>
    public required IReadOnlyList<RuleSetSummary> RuleSets { get; init; }

    /// <summary>The report's score.</summary>
    public required int Score { get; init; }

    /// <summary>All findings, waived included (the report's <c>summary.findings</c>).</summary>
    public required int Findings { get; init; }

    /// <summary>Waived findings.</summary>
    public required int Waived { get; init; }

    /// <summary>Unwaived findings per severity (all five keys).</summary>
    public required IReadOnlyDictionary<Severity, int> BySeverity { get; init; }

    /// <summary>Findings (by fingerprint) that the previous run of the organisation did not have; all of them in the first run.</summary>
    public required int New { get; init; }

    /// <summary>Findings of the previous run that this run no longer has.</summary>
    public required int Fixed { get; init; }
}

/// <summary>A finding as a run recorded it.</summary>
public sealed record RecordedFinding
{
    /// <summary>The rule id.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule-set id.</summary>
    public required string RuleSet { get; init; }

    /// <summary>The subject reference <c>Type/id</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>The severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The rule's category.</summary>
    public required string Category { get; init; }

    /// <summary>True when a waiver applied.</summary>
    public required bool Waived { get; init; }

    /// <summary>The message in the run's language.</summary>
    public required string Message { get; init; }

    /// <summary>The finding's fingerprint.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The <c>asOf</c> of the earliest run since which the finding had been present without a gap.</summary>
    public required DateOnly FirstSeen { get; init; }
}

/// <summary>A finding of an organisation's latest run and how long it has been open.</summary>
public sealed record OpenFinding
{
    /// <summary>The rule id.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule-set id.</summary>
    public required string RuleSet { get; init; }

    /// <summary>The subject reference <c>Type/id</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>The severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The message in the language of the latest run.</summary>
    public required string Message { get; init; }

    /// <summary>The finding's fingerprint.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The <c>asOf</c> of the earliest run since which the finding has been present without a gap.</summary>
    public required DateOnly FirstSeen { get; init; }

    /// <summary>Days from <see cref="FirstSeen"/> to the latest run's <c>asOf</c>.</summary>
    public required int OpenDays { get; init; }
}
