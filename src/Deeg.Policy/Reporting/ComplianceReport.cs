using System.Diagnostics.CodeAnalysis;

namespace Deeg.Policy;

/// <summary>The result of evaluating one model: findings, summary, waivers and errors (docs/report-format.md).</summary>
public sealed class ComplianceReport
{
    /// <summary>The report format version (1).</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The tool that produced the report.</summary>
    public required ToolInfo Tool { get; init; }

    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The organisation evaluated.</summary>
    public required OrganisationInfo Organisation { get; init; }

    /// <summary>The model file, if the model came from one.</summary>
    public string? ModelFile { get; init; }

    /// <summary>The language of titles and messages.</summary>
    public string Language { get; init; } = "en";

    /// <summary>The rule sets that were loaded.</summary>
    public required IReadOnlyList<RuleSetSummary> RuleSets { get; init; }

    /// <summary>Counts and score.</summary>
    public required ReportSummary Summary { get; init; }

    private IReadOnlyList<Finding> _findings = [];
    private IReadOnlyList<FixedFinding>? _fixed;

    /// <summary>Every finding, waived ones included, by severity (critical first), rule id, subject.</summary>
    public required IReadOnlyList<Finding> Findings { get => _findings; init => _findings = value; }

    /// <summary>
    /// The findings of the baseline report that this report no longer has (by fingerprint), in the
    /// baseline's order; null when the report was not compared with a baseline
    /// (<see cref="ReportBaseline.Apply"/>). When it is not null, every finding has its
    /// <see cref="Finding.Baseline"/> state.
    /// </summary>
    public IReadOnlyList<FixedFinding>? Fixed { get => _fixed; init => _fixed = value; }

    /// <summary>Waivers applied, expired and unused.</summary>
    public required WaiverSummary Waivers { get; init; }

    /// <summary>Rules that failed at evaluation time.</summary>
    public required IReadOnlyList<EvaluationError> Errors { get; init; }

    /// <summary>The enabled rules that were run (metadata for reporters such as SARIF and JUnit).</summary>
    public required IReadOnlyList<RuleInfo> Rules { get; init; }

    /// <summary>The report JSON (docs/report-format.md), indented.</summary>
    public string ToJson() => Reporting.ReportJsonWriter.Write(this);

    /// <summary>
    /// Whether the report fails a threshold, as <c>deeg-policy check --fail-on</c> decides: true when an
    /// unwaived finding has the severity <paramref name="failOn"/> or a higher one. Rules that failed at
    /// evaluation time are not findings: see <see cref="Errors"/>.
    /// </summary>
    /// <param name="failOn">The lowest severity that fails; null never fails (<c>--fail-on none</c>).</param>
    /// <param name="newOnly">Only findings new against a baseline count (<see cref="BaselineState.New"/>, <c>--fail-on-new</c>).</param>
    public bool Fails(Severity? failOn, bool newOnly = false) =>
        failOn is { } threshold && Findings.Any(f => !f.Waived && f.Severity >= threshold && (!newOnly || f.Baseline == BaselineState.New));

    /// <summary>A copy of this report with other findings (the same ones, annotated).</summary>
    internal ComplianceReport WithFindings(IReadOnlyList<Finding> findings)
    {
        var copy = (ComplianceReport)MemberwiseClone();
        copy._findings = findings;
        return copy;
    }

    /// <summary>A copy of this report with baseline-marked findings and the list of fixed ones.</summary>
    internal ComplianceReport WithBaseline(IReadOnlyList<Finding> findings, IReadOnlyList<FixedFinding> fixedFindings)
    {
        var copy = (ComplianceReport)MemberwiseClone();
        copy._findings = findings;
        copy._fixed = fixedFindings;
        return copy;
    }
}

/// <summary>Name and version of the tool that made a report.</summary>
public sealed record ToolInfo
{
    /// <summary>Always <c>deeg-policy</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The library version.</summary>
    public required string Version { get; init; }
}

/// <summary>Id and name of the evaluated organisation.</summary>
public sealed record OrganisationInfo
{
    /// <summary>The organisation id.</summary>
    public required string Id { get; init; }

    /// <summary>The organisation name.</summary>
    public required string Name { get; init; }
}

/// <summary>A rule set used in an evaluation.</summary>
public sealed record RuleSetSummary
{
    /// <summary>Creates the summary; the compiler makes one per loaded rule set.</summary>
    [SetsRequiredMembers]
    internal RuleSetSummary(string id, string version, int rules)
    {
        Id = id;
        Version = version;
        Rules = rules;
    }

    /// <summary>Creates an empty summary, to be filled with an object initializer.</summary>
    public RuleSetSummary()
    {
    }

    /// <summary>The rule-set id.</summary>
    public required string Id { get; init; }

    /// <summary>Its version.</summary>
    public required string Version { get; init; }

    /// <summary>The number of rules in it.</summary>
    public required int Rules { get; init; }
}

/// <summary>The summary block of a report.</summary>
public sealed record ReportSummary
{
    /// <summary>Enabled rules that were run.</summary>
    public required int RulesEvaluated { get; init; }

    /// <summary>Enabled rules without an unwaived finding.</summary>
    public required int RulesPassed { get; init; }

    /// <summary>All findings, waived included.</summary>
    public required int Findings { get; init; }

    /// <summary>Waived findings.</summary>
    public required int Waived { get; init; }

    /// <summary>Unwaived findings per severity (all five keys present).</summary>
    public required IReadOnlyDictionary<Severity, int> BySeverity { get; init; }

    /// <summary>100 × passed weight / total weight, rounded half away from zero; 100 when the total is 0.</summary>
    public required int Score { get; init; }
}

/// <summary>What happened to the waivers of an evaluation.</summary>
public sealed record WaiverSummary
{
    /// <summary>Waivers that matched at least one finding.</summary>
    public required IReadOnlyList<Waiver> Applied { get; init; }

    /// <summary>Waivers whose expiry date is before the evaluation date.</summary>
    public required IReadOnlyList<Waiver> Expired { get; init; }

    /// <summary>Waivers that matched nothing.</summary>
    public required IReadOnlyList<Waiver> Unused { get; init; }
}
