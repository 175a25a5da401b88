using System.Diagnostics.CodeAnalysis;

namespace Deeg.Policy;

/// <summary>One finding: a rule that holds for a subject, with its rendered texts and evidence.</summary>
public sealed class Finding
{
    /// <summary>The rule's id, e.g. <c>GOV-006</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>The id of the rule set the rule belongs to.</summary>
    public required string RuleSet { get; init; }

    /// <summary>The rule's severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The rule's category (default <c>general</c>).</summary>
    public required string Category { get; init; }

    /// <summary>The rule's title in the report's language.</summary>
    public required string Title { get; init; }

    /// <summary>The rendered message in the report's language.</summary>
    public required string Message { get; init; }

    /// <summary>The rendered remediation, if the rule has one.</summary>
    public string? Remediation { get; init; }

    /// <summary>The fact the finding is about.</summary>
    public required SubjectRef Subject { get; init; }

    /// <summary>
    /// The subject's display name in the report's language (a channel's name, a policy's title, a
    /// person's name …; docs/report-format.md); its id when it has none. Null only for a finding made in code without one.
    /// </summary>
    public string? SubjectName { get; init; }

    /// <summary>Who must act: the person the rule's <c>owner</c> names (<c>Person/p-brandt</c>); null when it names nobody.</summary>
    public SubjectRef? Owner { get; init; }

    /// <summary>The owner's display name (the person's name); null without an owner.</summary>
    public string? OwnerName { get; init; }

    /// <summary>Each top-level alias of the rule and the fact bound to it, in the rule's order.</summary>
    public required IReadOnlyDictionary<string, SubjectRef> Facts { get; init; }

    /// <summary>Stable identity of the finding: the same for the same rule set, rule and subject across runs and machines.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>True when a waiver applies.</summary>
    public bool Waived => Waiver is not null;

    /// <summary>The waiver that applies, if any.</summary>
    public Waiver? Waiver { get; init; }

    /// <summary>The values of the rule's aliases and expressions for this match, when evidence was asked for; otherwise null.</summary>
    public IReadOnlyDictionary<string, object?>? Evidence { get; init; }

    private BaselineState? _baseline;

    /// <summary>
    /// Whether the finding is new or unchanged against a baseline report (by <see cref="Fingerprint"/>);
    /// null when the report was not compared with a baseline (see <see cref="ReportBaseline.Apply"/>).
    /// </summary>
    public BaselineState? Baseline { get => _baseline; init => _baseline = value; }

    private DateOnly? _firstSeen;
    private int? _openDays;

    /// <summary>
    /// With a history: the <c>asOf</c> of the earliest run in which this finding (by <see cref="Fingerprint"/>)
    /// has been present without a gap up to this report; null without a history (see <see cref="Reporting.FindingAges.Apply"/>).
    /// </summary>
    public DateOnly? FirstSeen { get => _firstSeen; init => _firstSeen = value; }

    /// <summary>With a history: the days from <see cref="FirstSeen"/> to the report's <c>asOf</c>; null without a history.</summary>
    public int? OpenDays { get => _openDays; init => _openDays = value; }

    /// <summary>A copy of this finding with its age against <paramref name="asOf"/>.</summary>
    internal Finding WithAge(DateOnly firstSeen, DateOnly asOf)
    {
        var copy = (Finding)MemberwiseClone();
        copy._firstSeen = firstSeen;
        copy._openDays = Math.Max(0, asOf.DayNumber - firstSeen.DayNumber);
        return copy;
    }

    /// <summary>A copy of this finding with <see cref="Baseline"/> set.</summary>
    internal Finding WithBaseline(BaselineState state)
    {
        var copy = (Finding)MemberwiseClone();
        copy._baseline = state;
        return copy;
    }
}

/// <summary>A rule that failed at evaluation time; the other rules still ran.</summary>
public sealed record EvaluationError
{
    /// <summary>Creates the error; the engine makes one per failing rule.</summary>
    [SetsRequiredMembers]
    internal EvaluationError(string ruleId, string message)
    {
        RuleId = ruleId;
        Message = message;
    }

    /// <summary>Creates an empty error, to be filled with an object initializer.</summary>
    public EvaluationError()
    {
    }

    /// <summary>
    /// The failing rule; <c>model</c> when the model was invalid and nothing was evaluated,
    /// <c>engine</c> when the failure cannot be attributed to one rule.
    /// </summary>
    public required string RuleId { get; init; }

    /// <summary>What went wrong.</summary>
    public required string Message { get; init; }
}
