namespace Deeg.Policy;

/// <summary>Why a rule did or did not fire, per candidate subject (<see cref="PolicyEngine.Explain"/>).</summary>
public sealed record RuleExplanation
{
    /// <summary>The rule.</summary>
    public required string RuleId { get; init; }

    /// <summary>Its title in the asked language.</summary>
    public required string Title { get; init; }

    /// <summary>The fact type of the rule's subject.</summary>
    public required string SubjectType { get; init; }

    /// <summary>Each fact of that type (or the one asked for), in subject order.</summary>
    public required IReadOnlyList<CandidateExplanation> Candidates { get; init; }

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
public sealed record CandidateExplanation
{
    /// <summary>The candidate.</summary>
    public required SubjectRef Subject { get; init; }

    /// <summary>True when the rule holds for it.</summary>
    public required bool Fires { get; init; }

    /// <summary>The furthest element of <c>when</c> the evaluation reached, e.g. <c>element 2 (fact Person p)</c>; null when the rule fires.</summary>
    public string? FailedElement { get; init; }

    /// <summary>What failed there, e.g. <c>condition 'p.status == 'left'' is false</c>; null when the rule fires.</summary>
    public string? Reason { get; init; }

    /// <summary>The aliases bound at that point and the values of the names and calls in the failed condition, rendered as text.</summary>
    public required IReadOnlyDictionary<string, object?> Values { get; init; }
}
