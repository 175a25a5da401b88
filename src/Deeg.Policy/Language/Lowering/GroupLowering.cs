using System.Linq.Expressions;
using Deeg.Policy.Core;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Runtime;
using NRules.RuleModel.Builders;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// A <c>group</c>: NRules' own <c>GroupBy</c> aggregate over the (possibly correlated) source, whose
/// facts with a null key are filtered out by a condition of the source, and a binding that turns
/// each <c>IGrouping</c> into a <see cref="PolicyGroup{TKey, TItem}"/>. NRules keeps the groups
/// incrementally: a changed fact updates its group (or moves it to another one), and only the
/// groups it touches reach the rest of the rule.
/// </summary>
internal sealed class GroupLowering(RuleLowerer rule)
{
    private LoweringState State => rule.State;

    /// <summary>The binding of the group alias.</summary>
    public PatternBuilder Lower(GroupBuilder group, BoundGroup bound)
    {
        var source = bound.Source;
        var itemType = source.Type.ClrType;
        var keyType = bound.By.Type.ClrType;
        var groupingType = typeof(IGrouping<,>).MakeGenericType(keyType, itemType);
        var name = "__group_" + bound.Alias.Name;
        var aggregate = group.Pattern(groupingType, name).Aggregate();
        State.WithNestedScope(() =>
        {
            var pattern = rule.Patterns.LowerPattern(aggregate.Pattern(itemType, source.Alias.Name), source);
            rule.Patterns.AddCondition(pattern, source.Alias, env => Expression.NotEqual(ExpressionLowerer.Lower(bound.By, env), Expression.Constant(null, keyType)));

            var env = State.Environment(ambientContext: true);
            var item = env.Declaration(source.Alias.Name, itemType);
            var key = ExpressionLowerer.Lower(bound.By, env);
            aggregate.GroupBy(Expression.Lambda(key, env.UsedDeclarations), Expression.Lambda(item, item));
        });

        var groupType = bound.Alias.Type.ClrType;
        var of = groupType.GetMethod(nameof(PolicyGroup<object, object>.Of))!;
        var order = typeof(ValueOrder<>).MakeGenericType(itemType).GetField(nameof(ValueOrder<object>.Instance))!;
        return rule.Patterns.Bind(group, bound.Alias, env => Expression.Convert(
            Expression.Call(of, env.Declaration(name, groupingType), Expression.Field(null, order), Expression.Constant(bound.SubjectType)),
            typeof(object)));
    }
}
