using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Binding;

// The bound form of a rule set: every name resolved, every expression type-checked. This is
// the input of the lowering stage; nothing here refers to NRules.

/// <summary>What an alias stands for.</summary>
internal enum AliasKind
{
    /// <summary>A fact bound by a fact pattern.</summary>
    Fact,

    /// <summary>A value bound by <c>let</c> or an aggregate.</summary>
    Value,
}

/// <summary>An alias of a rule with its type.</summary>
/// <remarks>
/// <see cref="Indirect"/> marks a fact alias the lowering bound through an index lookup: its
/// NRules declaration is a <c>BoundValue</c> holding the fact, and <see cref="Anchor"/> names the
/// directly matched fact whose <c>Update</c> re-evaluates the lookup. <see cref="SharedKey"/> marks an
/// aggregate the lowering computes in a rule of its own: its declaration is a <c>SharedValue</c> fact
/// with that key.
/// </remarks>
internal sealed record AliasSymbol(string Name, AliasKind Kind, PolicyType Type, FactTypeInfo? Fact)
{
    public bool Indirect { get; init; }

    public string? SharedKey { get; init; }

    public string? Anchor { get; init; }
}

/// <summary>A rule-set parameter: its type, default value (canonical form) and global slot in the evaluation context.</summary>
internal sealed record ParameterSymbol(string RuleSet, string Name, PolicyType Type, object? DefaultValue, int Slot)
{
    public string QualifiedName => RuleSet + "." + Name;
}

/// <summary>A bound element of <c>when</c>.</summary>
internal abstract record BoundElement;

/// <summary>A fact pattern: one fact of a type for which all conditions hold.</summary>
internal sealed record BoundPattern(AliasSymbol Alias, FactTypeInfo Type, IReadOnlyList<BoundExpression> Conditions, IReadOnlyList<string> ConditionTexts) : BoundElement;

/// <summary>No combination of facts satisfies the inner elements.</summary>
internal sealed record BoundNot(IReadOnlyList<BoundElement> Elements) : BoundElement;

/// <summary>At least one combination of facts satisfies the inner elements.</summary>
internal sealed record BoundExists(IReadOnlyList<BoundElement> Elements) : BoundElement;

/// <summary>At least one branch holds.</summary>
internal sealed record BoundAnyOf(IReadOnlyList<IReadOnlyList<BoundElement>> Branches) : BoundElement;

/// <summary>Every fact matching the source satisfies <see cref="Require"/>.</summary>
internal sealed record BoundForAll(BoundPattern Source, BoundExpression Require, string RequireText) : BoundElement;

/// <summary>An aggregate over the facts matching <see cref="Source"/>, bound to <see cref="Alias"/>.</summary>
internal sealed record BoundAggregate(AggregateKind Kind, BoundPattern Source, BoundExpression? Of, bool Distinct, AliasSymbol Alias) : BoundElement;

/// <summary>
/// A group: <see cref="Alias"/> is bound once for each distinct non-null value of <see cref="By"/>
/// among the facts matching <see cref="Source"/>. <see cref="SubjectType"/> is the type part of a
/// group subject's reference (<c>Mention.platform</c>).
/// </summary>
internal sealed record BoundGroup(BoundPattern Source, BoundExpression By, string ByText, AliasSymbol Alias, string SubjectType) : BoundElement;

/// <summary><c>let</c>: binds a value.</summary>
internal sealed record BoundLet(AliasSymbol Alias, BoundExpression Value, string ValueText) : BoundElement;

/// <summary><c>test</c>: a condition over the aliases bound so far.</summary>
internal sealed record BoundTest(BoundExpression Condition, string Text) : BoundElement;

/// <summary>A part of a message template: literal text or a hole.</summary>
internal sealed record BoundTemplatePart(string? Literal, BoundExpression? Hole);

/// <summary>A message template in several languages.</summary>
internal sealed record BoundTemplate(IReadOnlyList<(string Language, IReadOnlyList<BoundTemplatePart> Parts)> Entries);

/// <summary>
/// A rule ready for lowering. <see cref="Evidence"/> are the expressions that can be evaluated for a
/// match (conditions of top-level patterns, top-level tests and let values) with their source text.
/// </summary>
internal sealed record BoundRule(
    RuleSyntax Syntax,
    RuleInfo Info,
    IReadOnlyList<BoundElement> When,
    IReadOnlyList<AliasSymbol> TopLevelAliases,
    AliasSymbol Subject,
    BoundTemplate Message,
    BoundTemplate? Remediation,
    IReadOnlyList<(string Text, BoundExpression Expression)> Evidence)
{
    /// <summary>Who must act on a finding: an expression of type Person (or null), when the rule names one.</summary>
    public BoundExpression? Owner { get; init; }

    /// <summary>The position of the subject among <see cref="TopLevelAliases"/>.</summary>
    public int SubjectIndex { get; } = TopLevelAliases.ToList().FindIndex(a => a.Name == Subject.Name);
}

/// <summary>A rule set ready for lowering.</summary>
internal sealed record BoundRuleSet(RuleSetSyntax Syntax, IReadOnlyList<ParameterSymbol> Parameters, IReadOnlyList<BoundRule> Rules);

/// <summary>Walks the expressions of a bound rule.</summary>
internal static class BoundRuleWalker
{
    /// <summary>Every expression of the rule: conditions, requirements, aggregate values, let values and message holes.</summary>
    public static IEnumerable<BoundExpression> Expressions(BoundRule rule)
    {
        foreach (var e in Expressions(rule.When)) yield return e;
        foreach (var template in new[] { rule.Message, rule.Remediation })
        {
            if (template is null) continue;
            foreach (var (_, parts) in template.Entries)
            {
                foreach (var part in parts)
                {
                    if (part.Hole is not null) yield return part.Hole;
                }
            }
        }

        if (rule.Owner is not null) yield return rule.Owner;
    }

    private static IEnumerable<BoundExpression> Expressions(IEnumerable<BoundElement> elements)
    {
        foreach (var element in elements)
        {
            var inner = element switch
            {
                BoundPattern p => p.Conditions,
                BoundNot n => Expressions(n.Elements),
                BoundExists x => Expressions(x.Elements),
                BoundAnyOf a => a.Branches.SelectMany(Expressions),
                BoundForAll f => f.Source.Conditions.Append(f.Require),
                BoundAggregate g => g.Of is null ? g.Source.Conditions : g.Source.Conditions.Append(g.Of),
                BoundGroup g => g.Source.Conditions.Append(g.By),
                BoundLet l => [l.Value],
                BoundTest t => [t.Condition],
                _ => [],
            };
            foreach (var e in inner) yield return e;
        }
    }
}
