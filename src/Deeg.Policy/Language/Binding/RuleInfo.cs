
namespace Deeg.Policy;

/// <summary>The description of a loaded rule, as listed by <c>deeg-policy rules</c>.</summary>
public sealed class RuleInfo
{
    /// <summary>The rule id.</summary>
    public required string Id { get; init; }

    /// <summary>The rule-set id.</summary>
    public required string RuleSet { get; init; }

    /// <summary>The severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The category (default <c>general</c>).</summary>
    public required string Category { get; init; }

    /// <summary>The title by language tag (<c>en</c>, <c>de</c>, …).</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The remediation text template by language (holes unrendered), if any.</summary>
    public LocalizedText? Remediation { get; init; }

    /// <summary>Whether the rule runs.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Tags.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>References (regulations, rulings, frameworks).</summary>
    public required IReadOnlyList<string> References { get; init; }
}
