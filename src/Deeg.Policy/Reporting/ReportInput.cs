using Deeg.Policy.Model;

namespace Deeg.Policy.Reporting;

/// <summary>One match of a rule after deduplication: what the engine hands to the report builder.</summary>
/// <param name="Rule">The rule that fired.</param>
/// <param name="Subject">The subject fact.</param>
/// <param name="Facts">Each top-level alias and the fact bound to it, in rule order.</param>
/// <param name="Message">The rendered message.</param>
/// <param name="Remediation">The rendered remediation, if any.</param>
/// <param name="Evidence">Alias and expression values, when evidence was asked for.</param>
/// <param name="SubjectName">The subject's display name in the report's language; null: its id.</param>
/// <param name="Owner">The person who must act, when the rule names one and it is not null for this match.</param>
/// <param name="OwnerName">The owner's display name.</param>
/// <param name="SubjectFact">The subject fact as matched, for its display name when the report is built.</param>
/// <param name="OwnerFact">The owner fact as matched.</param>
internal sealed record RawFinding(
    RuleInfo Rule,
    SubjectRef Subject,
    IReadOnlyList<KeyValuePair<string, SubjectRef>> Facts,
    string Message,
    string? Remediation,
    IReadOnlyDictionary<string, object?>? Evidence,
    string? SubjectName = null,
    SubjectRef? Owner = null,
    string? OwnerName = null,
    object? SubjectFact = null,
    object? OwnerFact = null);

/// <summary>Everything the report builder needs to turn raw findings into a <see cref="ComplianceReport"/>.</summary>
internal sealed record ReportInput(
    Organisation Organisation,
    string? ModelFile,
    DateOnly AsOf,
    string Language,
    IReadOnlyList<RuleSetSummary> RuleSets,
    IReadOnlyList<RuleInfo> EnabledRules,
    IReadOnlyList<RawFinding> Findings,
    IReadOnlyList<Waiver> Waivers,
    IReadOnlyList<EvaluationError> Errors);
