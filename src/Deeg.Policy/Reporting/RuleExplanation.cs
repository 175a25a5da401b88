
namespace Deeg.Policy;

/// <summary>Why a rule did or did not fire, per candidate subject (<see cref="PolicyEngine.Explain"/>).</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Title">Its title in the asked language.</param>
/// <param name="SubjectType">The fact type of the rule's subject.</param>
/// <param name="Candidates">Each fact of that type (or the one asked for), in subject order.</param>
public sealed record RuleExplanation(string RuleId, string Title, string SubjectType, IReadOnlyList<CandidateExplanation> Candidates)
{
    /// <summary>
    /// The explanation as indented JSON, as <c>deeg-policy explain --format json</c> prints it:
    /// <c>{"ruleId", "title", "subjectType", "candidates": [{"subject", "fires", "failedElement", "reason", "values"}]}</c>
    /// (the last three only for candidates that do not fire; values as text), followed by a line break.
    /// </summary>
    public string ToJson() => Reporting.ExplanationWriter.Json(this);

    /// <summary>
    /// The explanation as plain text, as <c>deeg-policy explain</c> prints it: the rule, then one line
    /// per candidate (<c>fires</c>, or where and why not, with the values it saw), ending with a line break.
    /// </summary>
    public string ToText() => Reporting.ExplanationWriter.Text(this);
}

/// <summary>One candidate subject of a rule: fires, or the first element that failed and what it saw.</summary>
/// <param name="Subject">The candidate.</param>
/// <param name="Fires">True when the rule holds for it.</param>
/// <param name="FailedElement">The furthest element of <c>when</c> the evaluation reached, e.g. <c>element 2 (fact Person p)</c>.</param>
/// <param name="Reason">What failed there, e.g. <c>condition 'p.status == 'left'' is false</c>.</param>
/// <param name="Values">The aliases bound at that point and the values of the names and calls in the failed condition, rendered as text.</param>
public sealed record CandidateExplanation(SubjectRef Subject, bool Fires, string? FailedElement, string? Reason, IReadOnlyDictionary<string, object?> Values);
