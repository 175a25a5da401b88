using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Runtime;

namespace Deeg.Policy.Engine;

/// <summary>
/// The evidence of a finding (<c>--explain</c>): every top-level alias of the rule with its value
/// (facts as their subject reference <c>Type/id</c>, <c>let</c> and aggregate values as they are),
/// then the value of each condition of the rule's top-level patterns and tests for this match,
/// keyed by the condition's source text. The conditions are evaluated by the
/// <see cref="ReferenceEvaluator"/> over the bound rule, not re-implemented.
/// </summary>
internal static class Evidence
{
    public static IReadOnlyDictionary<string, object?> Of(CompiledPolicy policy, BoundRule rule, FindingMatch match, EvaluationContext context)
    {
        var evidence = new Dictionary<string, object?>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < rule.TopLevelAliases.Count; i++)
        {
            var value = match.Values[i] is BoundValue bound ? bound.Value : match.Values[i];
            aliases[rule.TopLevelAliases[i].Name] = value;
            evidence[rule.TopLevelAliases[i].Name] = rule.TopLevelAliases[i].Kind == AliasKind.Fact ? policy.SubjectOf(value)?.ToString()
                : value is Core.IPolicyGroup g ? CompiledPolicy.GroupSubject(g).ToString() // a group shows as its subject reference
                : value;
        }

        var parameters = policy.ParameterValues(rule.Info.RuleSet, context);
        foreach (var (text, expression) in rule.Evidence)
        {
            evidence.TryAdd(text, ReferenceEvaluator.Evaluate(expression, aliases, context.AsOf, parameters, context.Language, context.Facts));
        }

        return evidence;
    }
}
