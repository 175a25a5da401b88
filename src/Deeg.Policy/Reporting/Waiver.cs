
namespace Deeg.Policy;

/// <summary>
/// An accepted exception to a rule: for one subject, or for all subjects of the rule when
/// <see cref="Subject"/> is null, until <see cref="Expires"/>.
/// </summary>
public sealed record Waiver
{
    /// <summary>The rule id.</summary>
    public required string Rule { get; init; }

    /// <summary>The subject reference <c>Type/id</c>, or null for all subjects.</summary>
    public string? Subject { get; init; }

    /// <summary>Why the finding is accepted.</summary>
    public required string Justification { get; init; }

    /// <summary>Who approved the waiver.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>The last day the waiver applies.</summary>
    public required DateOnly Expires { get; init; }
}
