using System.Linq.Expressions;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Lowering;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Runtime;

namespace Deeg.Policy.Engine;

/// <summary>Renders the message templates of one rule; the holes are compiled on first use.</summary>
internal sealed class MessageRenderer
{
    private readonly Dictionary<BoundExpression, Func<EvaluationContext, object?[], object?>> _holes = [];
    private readonly int _maxLength;

    public MessageRenderer(BoundRule rule, IReadOnlyList<ParameterSymbol> parameters, int maxLength = PolicyLimits.DefaultMaxMessageLength)
    {
        _maxLength = maxLength;
        var own = parameters.Where(p => p.RuleSet == rule.Info.RuleSet).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var template in new[] { rule.Message, rule.Remediation })
        {
            if (template is null) continue;
            foreach (var (_, parts) in template.Entries)
            {
                foreach (var part in parts)
                {
                    if (part.Hole is not null && !_holes.ContainsKey(part.Hole)) _holes[part.Hole] = Compile(part.Hole, rule, own);
                }
            }
        }

        if (rule.Owner is not null) _owner = Compile(rule.Owner, rule, own);
    }

    private readonly Func<EvaluationContext, object?[], object?>? _owner;

    /// <summary>The owner of a match (a Person fact), computed like a message hole; null when the rule names none or it is null for this match.</summary>
    public object? Owner(EvaluationContext context, object?[] values) => _owner?.Invoke(context, values);

    public string Render(BoundTemplate template, string language, EvaluationContext context, object?[] values)
    {
        var parts = PartsIn(template, language) ?? PartsIn(template, "en") ?? (template.Entries.Count > 0 ? template.Entries[0].Parts : null);
        if (parts is null) return string.Empty;
        // Bounded: a hole over a huge model value (or a list of them) cannot make a huge message.
        var text = t_text ??= new System.Text.StringBuilder();
        text.Clear();
        foreach (var part in parts)
        {
            text.Append(part.Hole is null ? part.Literal : ValueFormatter.Format(_holes[part.Hole](context, values), language, context.Facts));
            if (text.Length > _maxLength) break;
        }

        var rendered = PolicyLimits.Truncate(text.ToString(), _maxLength);
        if (text.Capacity > 4 * _maxLength) t_text = null; // do not keep a huge buffer for the thread
        return rendered;
    }

    // One buffer per thread: a message is rendered per finding, thousands per evaluation.
    [ThreadStatic]
    private static System.Text.StringBuilder? t_text;

    private static IReadOnlyList<BoundTemplatePart>? PartsIn(BoundTemplate template, string language)
    {
        foreach (var (entryLanguage, parts) in template.Entries)
        {
            if (string.Equals(entryLanguage, language, StringComparison.OrdinalIgnoreCase)) return parts;
        }

        return null;
    }

    private static Func<EvaluationContext, object?[], object?> Compile(BoundExpression hole, BoundRule rule, Dictionary<string, ParameterSymbol> parameters)
    {
        var context = Expression.Parameter(typeof(EvaluationContext), "context");
        var values = Expression.Parameter(typeof(object[]), "values");
        var environment = new TemplateEnvironment(rule, parameters, context, values);
        var body = ExpressionLowerer.LowerBoxed(hole, environment);
        return Expression.Lambda<Func<EvaluationContext, object?[], object?>>(body, context, values).Compile();
    }

    /// <summary>Names in a message hole read the match's values and the context directly.</summary>
    private sealed class TemplateEnvironment(BoundRule rule, Dictionary<string, ParameterSymbol> parameters, ParameterExpression context, ParameterExpression values)
        : ILoweringEnvironment
    {
        public Expression AsOf => Expression.Property(context, nameof(EvaluationContext.AsOf));

        public Expression Language => Expression.Property(context, nameof(EvaluationContext.Language));

        public Expression Facts => Expression.Property(context, nameof(EvaluationContext.Facts));

        public Expression Alias(string name)
        {
            var index = rule.TopLevelAliases.ToList().FindIndex(a => a.Name == name);
            var alias = rule.TopLevelAliases[index];
            var raw = Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(index)), AliasDeclarations.DeclarationType(alias));
            return AliasDeclarations.ReadAlias(alias, raw);
        }

        public Expression Parameter(string name)
        {
            var parameter = parameters[name];
            var all = Expression.Property(context, nameof(EvaluationContext.Parameters));
            return Expression.Convert(Expression.ArrayIndex(all, Expression.Constant(parameter.Slot)), parameter.Type.ClrType);
        }
    }
}
