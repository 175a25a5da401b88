using Deeg.Policy.Model;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>
/// One organisation's warm policy session, keyed by the organisation id (the <c>organisation.id</c>
/// of its model). Calls to one organisation are applied one at a time, in the order the grain
/// receives them; every accepted change is persisted before the call returns, so an activation on
/// another silo (after a failure, a restart or idle collection) rebuilds the same session.
/// </summary>
public interface IOrganisationPolicyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets or replaces the whole model: <paramref name="factsDocumentJson"/> is a facts document
    /// (docs/model.md, the format of <c>samples/models</c> and of the CLI). The first model opens the
    /// session; a later one is applied as the difference to the current one. A model that does not
    /// load, or whose organisation id is not this grain's key, is rejected with its diagnostics.
    /// </summary>
    Task<PolicyChange> ReplaceModel(string factsDocumentJson);

    /// <summary>
    /// Inserts a fact or replaces the fact of the same type and id (any record of
    /// <c>Deeg.Policy.Model</c>, e.g. <c>channel with { Mfa = true }</c>). A fact with a dangling
    /// reference is rejected and nothing changes.
    /// </summary>
    Task<PolicyChange> Upsert(IFact fact);

    /// <summary>
    /// Removes the fact of <paramref name="factType"/> (<c>Channel</c>, <c>Person</c>, … as in the
    /// subject references of findings) with <paramref name="id"/>. Removing an unknown fact, one
    /// that others still refer to, or the organisation is rejected and nothing changes.
    /// </summary>
    Task<PolicyChange> Remove(string factType, string id);

    /// <summary>The current report in short form, with all findings.</summary>
    Task<OrganisationReport> GetReport();

    /// <summary>The current report as the report JSON of the CLI (<c>ComplianceReport.ToJson()</c>).</summary>
    Task<string> GetReportJson();

    /// <summary>The unwaived findings with at least <paramref name="minimum"/> severity.</summary>
    Task<OrganisationFindings> GetFindings(Severity minimum);

    /// <summary>The current model as a facts document, or null before the first <see cref="ReplaceModel"/>.</summary>
    Task<string?> GetModelJson();

    /// <summary>Forgets the organisation: clears its stored model and removes it from the directory.</summary>
    Task Delete();
}

/// <summary>
/// One bucket of the organisation directory: the ids of the organisations whose id hashes to this
/// bucket (<see cref="OrganisationDirectory.BucketOf"/>). The buckets partition the organisations,
/// so neither registration nor a query goes through one grain.
/// </summary>
public interface IOrganisationDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds an organisation (idempotent).</summary>
    Task Register(string organisationId);

    /// <summary>Removes an organisation (idempotent).</summary>
    Task Unregister(string organisationId);

    /// <summary>The organisation ids of this bucket, sorted.</summary>
    Task<IReadOnlyList<string>> Members();

    /// <summary>Asks every organisation of this bucket, in parallel, for its findings at or above <paramref name="minimum"/>; organisations without any are left out.</summary>
    Task<IReadOnlyList<OrganisationFindings>> CollectFindings(Severity minimum);
}

/// <summary>
/// The entry point of cluster-wide queries. A stateless worker: every silo runs its own local
/// activations (as many as the load needs), so no single grain sits in front of the queries.
/// </summary>
public interface IPolicyQueryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The unwaived findings with at least <paramref name="minimum"/> severity of every registered
    /// organisation that has any, sorted by organisation id: asked of all directory buckets in
    /// parallel, each of which asks its organisations in parallel.
    /// </summary>
    Task<IReadOnlyList<OrganisationFindings>> FindingsAtOrAbove(Severity minimum);

    /// <summary>The number of registered organisations.</summary>
    Task<int> CountOrganisations();
}

/// <summary>The outcome of one change to an organisation's model.</summary>
/// <param name="Applied">False when the change was rejected (see <paramref name="Errors"/>); then nothing changed.</param>
/// <param name="Version">The model version after the call: 1 after the first model, +1 per accepted change.</param>
/// <param name="Opened">Findings that hold now and did not before.</param>
/// <param name="Closed">Findings that held before and do not now.</param>
/// <param name="Errors">Why the change was rejected: model diagnostics or the session's message.</param>
[GenerateSerializer, Immutable, Alias("deeg.PolicyChange")]
public sealed record PolicyChange(bool Applied, long Version, IReadOnlyList<FindingInfo> Opened, IReadOnlyList<FindingInfo> Closed, IReadOnlyList<string> Errors)
{
    internal static PolicyChange Rejected(long version, IEnumerable<string> errors) => new(false, version, [], [], errors.ToArray());

    internal static PolicyChange Accepted(long version, FindingsDelta delta) =>
        new(true, version, delta.Opened.Select(FindingInfo.From).ToArray(), delta.Closed.Select(FindingInfo.From).ToArray(), []);
}

/// <summary>A finding as it crosses grain calls (the fields of the report JSON that identify and explain it).</summary>
/// <param name="RuleId">The rule, e.g. <c>GOV-006</c>.</param>
/// <param name="RuleSet">The rule set of the rule.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Category">The rule's category.</param>
/// <param name="Title">The rule's title.</param>
/// <param name="Message">The rendered message.</param>
/// <param name="Remediation">The rendered remediation, if any.</param>
/// <param name="Subject">The subject reference <c>Type/id</c>.</param>
/// <param name="Fingerprint">The stable identity of the finding.</param>
/// <param name="Waived">True when a waiver applies.</param>
[GenerateSerializer, Immutable, Alias("deeg.FindingInfo")]
public sealed record FindingInfo(
    string RuleId, string RuleSet, Severity Severity, string Category, string Title, string Message, string? Remediation,
    string Subject, string Fingerprint, bool Waived)
{
    /// <summary>The short form of a library finding.</summary>
    public static FindingInfo From(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.RuleId, finding.RuleSet, finding.Severity, finding.Category, finding.Title, finding.Message,
            finding.Remediation, finding.Subject.ToString(), finding.Fingerprint, finding.Waived);
    }
}

/// <summary>An organisation's report in short form.</summary>
/// <param name="OrganisationId">The organisation id (the grain key).</param>
/// <param name="Name">The organisation name; empty before the first model.</param>
/// <param name="Version">The model version (0 before the first model).</param>
/// <param name="AsOf">The evaluation date of the session.</param>
/// <param name="Score">The report score (0–100).</param>
/// <param name="Findings">All findings, waived ones included, in report order.</param>
/// <param name="Errors">Rules that failed at evaluation time, or why the stored model could not be evaluated.</param>
[GenerateSerializer, Immutable, Alias("deeg.OrganisationReport")]
public sealed record OrganisationReport(string OrganisationId, string Name, long Version, DateOnly? AsOf, int Score, IReadOnlyList<FindingInfo> Findings, IReadOnlyList<string> Errors)
{
    /// <summary>Unwaived findings at or above <paramref name="minimum"/>.</summary>
    public int Count(Severity minimum) => Findings.Count(f => !f.Waived && f.Severity >= minimum);
}

/// <summary>The findings of one organisation that a query asked for.</summary>
/// <param name="OrganisationId">The organisation id.</param>
/// <param name="Name">The organisation name.</param>
/// <param name="Findings">The findings, in report order.</param>
[GenerateSerializer, Immutable, Alias("deeg.OrganisationFindings")]
public sealed record OrganisationFindings(string OrganisationId, string Name, IReadOnlyList<FindingInfo> Findings);
