using System.Linq.Expressions;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Runtime;
using NRules.RuleModel.Builders;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// Keyed patterns (<see cref="KeyedJoin"/>) as lookups in the join indexes instead of NRules joins:
/// a positive pattern joined on its type's id is bound by a lookup, and <c>not</c>, <c>exists</c>,
/// <c>forAll</c>, aggregates and membership tests over a keyed pattern count or read the facts
/// the index finds for the key.
/// </summary>
internal sealed class KeyedLookupLowering(RuleLowerer rule)
{
    // Id lookup bindings → where their conditions are checked (Found) and what they look up.
    private readonly Dictionary<PatternBuilder, ((PatternBuilder Builder, AliasSymbol Alias) Target, BoundPattern Pattern, KeyedJoin Lookup)> _lookupFilters = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A positive pattern joined on its fact type's unique id (<c>p.id == r.person</c>): bound by an
    /// index lookup instead of an NRules join. Its conditions are checked first, where the key comes
    /// from, so only the matches that find a fact get a binding.
    /// </summary>
    public (PatternBuilder Builder, AliasSymbol Alias) BindById(GroupBuilder group, (PatternBuilder Builder, AliasSymbol Alias)? last, BoundPattern pattern, KeyedJoin lookup)
    {
        var target = rule.Patterns.AddToLatest(group, last, env => Found(pattern, lookup, env));
        var alias = pattern.Alias with { Indirect = true, Anchor = lookup.Anchor };
        var binding = rule.Patterns.Bind(group, alias, env => Single(pattern, lookup, env));
        _lookupFilters[binding] = (target, pattern, lookup);
        return (binding, rule.State.Declared[pattern.Alias.Name]);
    }

    /// <summary>
    /// Right after an id lookup (<paramref name="latest"/> is its binding): adds the condition where
    /// the lookup's own conditions are checked (<see cref="Found"/>), with the looked-up fact in place
    /// of its alias, so failing matches never reach the binding. False for any other pattern.
    /// </summary>
    public bool TryAddAfterLookup(PatternBuilder latest, Func<LoweringEnvironment, Expression> condition)
    {
        if (!_lookupFilters.TryGetValue(latest, out var filter)) return false;
        rule.Patterns.AddCondition(filter.Target.Builder, filter.Target.Alias, env => Found(filter.Pattern, filter.Lookup, env, condition));
        return true;
    }

    /// <summary><c>forAll</c> over a keyed source: every fact the index finds that matches the source satisfies the requirement.</summary>
    public Expression All(BoundForAll forAll, KeyedJoin lookup, LoweringEnvironment env)
    {
        var (items, item) = Matching(forAll.Source, lookup, env);
        var require = Expression.Lambda(ExpressionLowerer.LowerCondition(forAll.Require, env.WithOverride(forAll.Source.Alias.Name, item)), item);
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.All), [forAll.Source.Type.ClrType], items, require);
    }

    /// <summary>The facts a keyed pattern matches, looked up in its index and filtered by its other conditions.</summary>
    public (Expression Items, ParameterExpression Item) Matching(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env)
    {
        var type = pattern.Type.ClrType;
        var item = Expression.Parameter(type, pattern.Alias.Name);
        Expression items = Expression.Call(Index(env), nameof(JoinIndex.Lookup), [type], Anchor(lookup, env), Expression.Constant(lookup.Slot), Key(lookup, env));
        if (lookup.Rest.Count > 0)
        {
            var inner = env.WithOverride(pattern.Alias.Name, item);
            var rest = lookup.Rest.Select(c => ExpressionLowerer.LowerCondition(c, inner)).Aggregate(Expression.AndAlso);
            items = Expression.Call(typeof(Enumerable), nameof(Enumerable.Where), [type], items, Expression.Lambda(rest, item));
        }

        return (items, item);
    }

    /// <summary>True when the index finds a fact that matches the keyed pattern.</summary>
    public Expression Any(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env) =>
        Expression.GreaterThan(Count(pattern, lookup, env, stopAtFirst: true), Expression.Constant(0));

    /// <summary>
    /// The number of facts a keyed pattern matches, counted by the index over its bucket for the key
    /// (<see cref="JoinIndex.Count{T}"/>; no iterators per evaluation, only the predicate's closure
    /// when the pattern has conditions besides the key). NRules' expression comparer knows no blocks,
    /// so a loop cannot be written into the condition itself.
    /// </summary>
    public Expression Count(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env, bool stopAtFirst)
    {
        var type = pattern.Type.ClrType;
        Expression predicate = Expression.Constant(null, typeof(Func<,>).MakeGenericType(type, typeof(bool)));
        if (lookup.Rest.Count > 0)
        {
            var item = Expression.Parameter(type, pattern.Alias.Name);
            var inner = env.WithOverride(pattern.Alias.Name, item);
            predicate = Expression.Lambda(lookup.Rest.Select(c => ExpressionLowerer.LowerCondition(c, inner)).Aggregate(Expression.AndAlso), item);
        }

        return Expression.Call(Index(env), nameof(JoinIndex.Count), [type], Anchor(lookup, env), Expression.Constant(lookup.Slot), Key(lookup, env), predicate, Expression.Constant(stopAtFirst));
    }

    /// <summary>The key the lookup looks up, boxed.</summary>
    public static Expression Key(KeyedJoin lookup, LoweringEnvironment env) => Expression.Convert(ExpressionLowerer.Lower(lookup.Key, env), typeof(object));

    private static Expression Index(LoweringEnvironment env) =>
        Expression.Property(env.Context, nameof(EvaluationContext.Index));

    private static Expression Anchor(KeyedJoin lookup, LoweringEnvironment env) => Expression.Convert(env.Alias(lookup.Anchor), typeof(object));

    /// <summary>
    /// The condition that an id lookup finds a fact satisfying the pattern's other conditions (and
    /// <paramref name="more"/>, a condition of a later element over it), put on the pattern the key
    /// comes from before the lookup is bound (<see cref="BindById"/>). So a role assignment whose
    /// person does not match ends at that join: no binding, no guard, no tuples (NRules' cost is
    /// per tuple; most role assignments of GOV-004 and CUL-002 end there).
    /// </summary>
    private static Expression Found(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env, Func<LoweringEnvironment, Expression>? more = null)
    {
        var type = pattern.Type.ClrType;
        var fact = Expression.Parameter(type, pattern.Alias.Name);
        var inner = env.WithOverride(pattern.Alias.Name, fact);
        var conditions = lookup.Rest.Select(c => ExpressionLowerer.LowerCondition(c, inner));
        if (more is not null) conditions = conditions.Append(more(inner));
        var test = conditions
            .Aggregate((Expression)Expression.NotEqual(fact, Expression.Constant(null, type)), Expression.AndAlso);
        return Expression.Invoke(Expression.Lambda(test, fact), Single(pattern, lookup, env));
    }

    private static Expression Single(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env) =>
        Expression.Call(Index(env), nameof(JoinIndex.Single), [pattern.Type.ClrType], Anchor(lookup, env), Expression.Constant(lookup.Slot), Key(lookup, env));
}
