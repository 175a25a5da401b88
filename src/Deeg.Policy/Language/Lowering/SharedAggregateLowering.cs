using System.Linq.Expressions;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Runtime;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using static Deeg.Policy.Language.Lowering.AliasDeclarations;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// An aggregate whose source reads no fact of its rule (an organisation-wide count, or one over a
/// list collected organisation-wide), computed once in a rule of its own that keeps the value as a
/// <see cref="SharedValue"/> fact, which the rule matches.
/// </summary>
internal sealed class SharedAggregateLowering(RuleLowerer rule)
{
    /// <summary>Aggregate rules fire before the rules that read their values, so those see final values first.</summary>
    private const int SharedAggregatePriority = 1_000;

    private LoweringState State => rule.State;

    /// <summary>
    /// The shared aggregates an aggregate's source reads, when it reads nothing else of the rule:
    /// then it can be computed once in a rule of its own. Null when it cannot (or indexes are off).
    /// </summary>
    public IReadOnlyList<string>? Dependencies(BoundAggregate aggregate)
    {
        if (State.Indexes is null) return null;
        var source = aggregate.Source;
        var read = source.Conditions.SelectMany(Conjuncts.Split).Where(c => rule.Memberships.Find(c, source.Alias) is null).Append(aggregate.Of).OfType<BoundExpression>()
            .SelectMany(e => e.FreeAliases).Where(n => n != source.Alias.Name).ToHashSet(StringComparer.Ordinal);
        return read.All(n => State.Declared.TryGetValue(n, out var alias) && alias.SharedKey is not null) ? read.Order(StringComparer.Ordinal).ToList() : null;
    }

    /// <summary>
    /// The aggregate's rule: the context, the shared values it reads and the collection, with an
    /// action that publishes the folded value as a <see cref="SharedValue"/> fact
    /// (<see cref="SharedValue.Publish"/>); returns the pattern of this rule that matches that fact.
    /// NRules rebuilds an aggregate whenever its left tuple changes; here the left tuple is the
    /// context alone, so a changed fact updates the collection incrementally, and only a changed
    /// value reaches this rule.
    /// </summary>
    public PatternBuilder Lower(GroupBuilder group, BoundAggregate aggregate, IReadOnlyList<string> dependencies)
    {
        var alias = aggregate.Alias with { SharedKey = $"{State.RuleId}/{aggregate.Alias.Name}/{State.NextSynthetic()}" };

        var inner = rule.ForAggregateRule();
        var builder = new RuleBuilder();
        builder.Name(State.RuleId);
        builder.Description($"the value of '{aggregate.Alias.Name}' in {State.RuleId}");
        builder.Priority(SharedAggregatePriority);
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(EvaluationContext), ContextName);
        foreach (var name in dependencies) inner.SharedAggregates.MatchShared(lhs, State.Declared[name]);
        var (bagName, valueType) = inner.SharedAggregates.CollectBag(lhs, aggregate);

        var env = inner.State.Environment();
        var compute = Expression.Lambda<Func<object?>>(FoldBag(aggregate, env.Declaration(bagName, typeof(ValueBag)), valueType));
        var context = Expression.Parameter(typeof(IContext), "ctx");
        var publish = Expression.Call(typeof(SharedValue).GetMethod(nameof(SharedValue.Publish))!, context, Expression.Constant(alias.SharedKey), compute);
        var action = Expression.Lambda(publish, [context, .. env.UsedDeclarations]);
        builder.RightHandSide().Action(action, ActionTrigger.Activated);
        builder.RightHandSide().Action(action, ActionTrigger.Reactivated);
        State.AggregateRules.Add(builder.Build());

        if (aggregate is { Kind: AggregateKind.Collect, Of: BoundMemberExpression { Target: BoundAliasExpression target } member }
            && target.Name == aggregate.Source.Alias.Name && KeyedJoin.IsKeyType(member.Type) && dependencies.Count == 0)
        {
            State.SharedCollects[alias.Name] = aggregate;
        }

        return MatchShared(group, alias);
    }

    /// <summary>A pattern matching the <see cref="SharedValue"/> fact of a shared aggregate (an alpha condition on its key).</summary>
    private PatternBuilder MatchShared(GroupBuilder group, AliasSymbol alias)
    {
        var pattern = group.Pattern(typeof(SharedValue), alias.Name);
        var value = Expression.Parameter(typeof(SharedValue), alias.Name);
        pattern.Condition(Expression.Lambda(Expression.Equal(Expression.Property(value, nameof(SharedValue.Key)), Expression.Constant(alias.SharedKey)), value));
        State.Declared[alias.Name] = alias;
        return pattern;
    }

    /// <summary>
    /// The facts of a shared aggregate's source folded into a <see cref="ValueBag"/> by NRules
    /// (<see cref="ValueBagAggregator"/>): the bag's declaration, and the CLR type of its values.
    /// </summary>
    private (string Name, Type ValueType) CollectBag(GroupBuilder group, BoundAggregate aggregate)
    {
        var source = aggregate.Source;
        var name = "__bag_" + aggregate.Alias.Name;
        var builder = group.Pattern(typeof(ValueBag), name).Aggregate();
        var valueType = source.Type.ClrType;
        State.WithNestedScope(() =>
        {
            rule.Patterns.LowerPattern(builder.Pattern(source.Type.ClrType, source.Alias.Name), source);
            var env = State.Environment();
            var value = aggregate.Of is null ? env.Alias(source.Alias.Name) : ExpressionLowerer.Lower(aggregate.Of, env);
            valueType = value.Type;
            var lambda = Expression.Lambda(Expression.Convert(value, typeof(object)), env.UsedDeclarations);
            builder.Aggregator(ValueBagAggregatorFactory.Name(DependsOn(aggregate)), [new(ValueBagAggregatorFactory.ValueExpression, lambda)], typeof(ValueBagAggregatorFactory));
        });
        return (name, valueType);
    }

    /// <summary>What an aggregate's value depends on: a change of anything else in its bag cannot change it.</summary>
    private static BagChanges DependsOn(BoundAggregate aggregate) => aggregate.Kind switch
    {
        AggregateKind.Count when aggregate.Of is null => BagChanges.Items,
        AggregateKind.Count or AggregateKind.Collect => aggregate.Distinct ? BagChanges.Keys : BagChanges.Values,
        AggregateKind.Min or AggregateKind.Max => BagChanges.Keys,
        _ => BagChanges.Values,
    };

    /// <summary>The aggregate's value (boxed) from its bag: the same functions as the folding of <see cref="AggregateLowering"/>, over the values the bag holds.</summary>
    private static Expression FoldBag(BoundAggregate aggregate, Expression bag, Type valueType)
    {
        var values = Expression.Property(bag, nameof(ValueBag.Values));
        var v = Expression.Parameter(typeof(object), "v");
        var numeric = Expression.Lambda(Expression.Convert(v, typeof(decimal?)), v);
        var typed = Expression.Lambda(Expression.Convert(v, valueType), v);
        Expression call = aggregate.Kind switch
        {
            AggregateKind.Count when aggregate.Of is null => Number(Expression.Property(bag, nameof(ValueBag.Count))),
            AggregateKind.Count when aggregate.Distinct && ValueBag.ScalarType(valueType) => Number(Expression.Property(bag, nameof(ValueBag.DistinctCount))),
            AggregateKind.Count => AggregateLowering.Call(nameof(Aggregates.CountValues), [typeof(object), valueType], values, typed, Expression.Constant(aggregate.Distinct)),
            AggregateKind.Collect when ValueBag.ScalarType(valueType) => AggregateLowering.Call(nameof(Aggregates.CollectOrdered), [valueType], bag, Expression.Constant(aggregate.Distinct)),
            AggregateKind.Collect => AggregateLowering.Call(nameof(Aggregates.Collect), [typeof(object), valueType], values, typed, Expression.Constant(aggregate.Distinct)),
            _ when AggregateLowering.IsDate(valueType) => AggregateLowering.Call(aggregate.Kind.ToString(), [typeof(object), Nullable.GetUnderlyingType(valueType)!], values, typed),
            _ => AggregateLowering.Call(aggregate.Kind.ToString(), [typeof(object)], values, numeric),
        };
        return Expression.Convert(call, typeof(object));

        static Expression Number(Expression count) => Expression.Convert(Expression.Convert(count, typeof(decimal)), typeof(decimal?));
    }
}
