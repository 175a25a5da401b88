using System.Linq.Expressions;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Runtime;
using NRules.RuleModel.Builders;
using AggregateKind = Deeg.Policy.Language.Syntax.AggregateKind;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// An aggregate computed in its rule: an NRules <c>Collect</c> over the (possibly correlated)
/// source, or — for a keyed source — an index lookup, and a binding that folds it into the value.
/// </summary>
internal sealed class AggregateLowering(RuleLowerer rule)
{
    /// <summary>The binding of the aggregate's value.</summary>
    public PatternBuilder Lower(GroupBuilder group, BoundAggregate aggregate)
    {
        var keyed = KeyedJoin.Find(aggregate.Source, rule.State.Declared, rule.State.Indexes);
        (string Name, Type Type)? collection = keyed is null ? Collect(group, aggregate) : null;
        return rule.Patterns.Bind(group, aggregate.Alias, env => Fold(aggregate, env, collection, keyed));
    }

    /// <summary>NRules' <c>Collect</c> over an aggregate's (possibly correlated) source: the collection's declaration.</summary>
    private (string Name, Type Type) Collect(GroupBuilder group, BoundAggregate aggregate)
    {
        var source = aggregate.Source;
        var itemType = source.Type.ClrType;
        var name = "__collect_" + aggregate.Alias.Name;
        var type = typeof(IEnumerable<>).MakeGenericType(itemType);
        var collection = group.Pattern(type, name);
        var aggregateBuilder = collection.Aggregate();
        aggregateBuilder.Collect();
        rule.State.WithNestedScope(() => rule.Patterns.LowerPattern(aggregateBuilder.Pattern(itemType, source.Alias.Name), source));
        return (name, type);
    }

    /// <summary>The aggregate's value (boxed) from its collection, or — for a keyed source — from an index lookup.</summary>
    private Expression Fold(BoundAggregate aggregate, LoweringEnvironment env, (string Name, Type Type)? collection, KeyedJoin? keyed)
    {
        var source = aggregate.Source;
        var itemType = source.Type.ClrType;
        if (collection is null && aggregate is { Kind: AggregateKind.Count, Of: null })
            return Expression.Convert(Expression.Convert(Expression.Convert(rule.Lookups.Count(source, keyed!, env, stopAtFirst: false), typeof(decimal)), typeof(decimal?)), typeof(object));

        var items = collection is { } c ? env.Declaration(c.Name, c.Type) : rule.Lookups.Matching(source, keyed!, env).Items;
        var item = Expression.Parameter(itemType, source.Alias.Name);
        LambdaExpression? of = null;
        if (aggregate.Of is not null)
        {
            var body = ExpressionLowerer.Lower(aggregate.Of, env.WithOverride(source.Alias.Name, item));
            if (aggregate.Kind is not (AggregateKind.Collect or AggregateKind.Count) && !IsDate(body.Type)) body = Expression.Convert(body, typeof(decimal?));
            of = Expression.Lambda(body, item);
        }

        Expression call = aggregate.Kind switch
        {
            AggregateKind.Count when of is null => Call(nameof(Aggregates.Count), [itemType], items),
            AggregateKind.Count => Call(nameof(Aggregates.CountValues), [itemType, of.ReturnType], items, of, Expression.Constant(aggregate.Distinct)),
            AggregateKind.Collect => Call(nameof(Aggregates.Collect), [itemType, of!.ReturnType], items, of, Expression.Constant(aggregate.Distinct)), // 'of' is required (DP3001)
            _ when IsDate(of!.ReturnType) => Call(aggregate.Kind.ToString(), [itemType, Nullable.GetUnderlyingType(of.ReturnType)!], items, of),
            _ => Call(aggregate.Kind.ToString(), [itemType], items, of!),
        };
        return Expression.Convert(call, typeof(object));
    }

    /// <summary>True for the CLR types of dates and datetimes (min/max aggregate them as they are).</summary>
    internal static bool IsDate(Type type) => type == typeof(DateOnly?) || type == typeof(DateTimeOffset?);

    /// <summary>A call of the generic <see cref="Aggregates"/>.<paramref name="name"/>.</summary>
    internal static Expression Call(string name, Type[] typeArguments, params Expression[] arguments) =>
        Expression.Call(typeof(Aggregates), name, typeArguments, arguments);
}
