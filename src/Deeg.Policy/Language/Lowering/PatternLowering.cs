using System.Linq.Expressions;
using Deeg.Policy.Core;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Runtime;
using NRules.RuleModel.Builders;
using static Deeg.Policy.Language.Lowering.AliasDeclarations;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// Patterns and their conditions: a fact pattern gets one condition per conjunct (so fact-local
/// conjuncts become shared alpha nodes and only cross-fact conjuncts joins), a <c>let</c>, an
/// aggregate or a lookup becomes a binding pattern, and a condition on a binding goes on a guard.
/// </summary>
internal sealed class PatternLowering(RuleLowerer rule)
{
    // Binding patterns (lookups, aggregates, lets) and the group they are in. NRules builds a
    // pattern over a binding that has conditions as a subnet joined back with every partial match
    // (ReteBuilder.VisitPattern → BuildSubnet + JoinNode(HasSubnet)), and a change of one binding
    // then re-joins all partial matches of the rule (BinaryBetaNode.JoinedSets). So conditions on a
    // binding go on a guard instead: a pattern of the single EvaluationContext fact right after it.
    private readonly Dictionary<PatternBuilder, GroupBuilder> _bindingGroups = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PatternBuilder, (PatternBuilder Guard, string Name)> _guards = new(ReferenceEqualityComparer.Instance);

    private LoweringState State => rule.State;

    /// <summary>Declares the pattern's alias and adds its conditions, one per conjunct.</summary>
    public PatternBuilder LowerPattern(PatternBuilder builder, BoundPattern pattern)
    {
        State.Declared[pattern.Alias.Name] = pattern.Alias;
        foreach (var condition in pattern.Conditions)
        {
            foreach (var conjunct in Conjuncts.Split(condition))
            {
                var membership = rule.Memberships.Find(conjunct, pattern.Alias);
                AddCondition(builder, pattern.Alias, env => membership is { } m ? rule.Memberships.Lower(m, env) : ExpressionLowerer.LowerCondition(conjunct, env));
            }
        }

        return builder;
    }

    /// <summary>
    /// Adds a condition over the aliases bound so far to the latest pattern of the group, or —
    /// when the group has none yet — to a synthetic binding of the condition's value.
    /// </summary>
    public (PatternBuilder Builder, AliasSymbol Alias) AddToLatest(GroupBuilder group, (PatternBuilder Builder, AliasSymbol Alias)? last, Func<LoweringEnvironment, Expression> condition)
    {
        if (last is { } f && rule.Lookups.TryAddAfterLookup(f.Builder, condition)) return f;

        if (last is { } l)
        {
            AddCondition(l.Builder, l.Alias, condition);
            return l;
        }

        var alias = new AliasSymbol($"__test{State.NextSynthetic()}", AliasKind.Value, PolicyType.Bool, null);
        var pattern = Bind(group, alias, env => Expression.Convert(condition(env), typeof(object)));
        AddCondition(pattern, alias, env => Expression.Equal(Expression.Property(env.Declaration(alias.Name, typeof(BoundValue)), BoundValueValue), Expression.Constant(true, typeof(object)), false, typeof(object).GetMethod(nameof(Equals), [typeof(object), typeof(object)])));
        return (pattern, alias);
    }

    /// <summary>A binding pattern <c>alias = value</c>; the value expression is built against a fresh environment.</summary>
    public PatternBuilder Bind(GroupBuilder group, AliasSymbol alias, Func<LoweringEnvironment, Expression> value)
    {
        var env = State.Environment();
        var body = Expression.New(BoundValueConstructor, value(env));
        env.Declaration(ContextName, typeof(EvaluationContext)); // a binding needs at least one declaration to hang on
        var pattern = group.Pattern(typeof(BoundValue), alias.Name);
        pattern.Binding().BindingExpression(Expression.Lambda(body, env.UsedDeclarations));
        State.Declared[alias.Name] = alias;
        _bindingGroups[pattern] = group;
        return pattern;
    }

    /// <summary>
    /// Adds a condition to a pattern. Its lambda takes exactly the declarations it mentions plus
    /// the pattern's own, so fact-local conditions stay alpha conditions NRules can share.
    /// </summary>
    public void AddCondition(PatternBuilder pattern, AliasSymbol own, Func<LoweringEnvironment, Expression> condition)
    {
        // A condition of a fact pattern reads the context ambiently: over its own fact alone it is then
        // an alpha condition (see EvaluationContext.Current). A guard's condition joins anyway.
        var guarded = _bindingGroups.TryGetValue(pattern, out var group);
        var env = State.Environment(ambientContext: !guarded);
        var body = condition(env);
        if (guarded)
        {
            if (!_guards.TryGetValue(pattern, out var guard))
            {
                var name = $"__guard{State.NextSynthetic()}";
                _guards[pattern] = guard = (group!.Pattern(typeof(EvaluationContext), name), name);
            }

            env.Declaration(guard.Name, typeof(EvaluationContext));
            guard.Guard.Condition(Expression.Lambda(body, env.UsedDeclarations));
            return;
        }

        env.Declaration(own.Name, DeclarationType(State.Declared.GetValueOrDefault(own.Name) ?? own));
        pattern.Condition(Expression.Lambda(body, env.UsedDeclarations));
    }
}
