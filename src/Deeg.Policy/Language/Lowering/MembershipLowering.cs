using System.Linq.Expressions;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// A membership test <c>e in list</c> (or <c>not in</c>) where <c>list</c> is a shared
/// <c>collect T t where C of t.j</c>: it holds exactly when <c>e</c> is not null and some
/// <c>T</c> with <c>t.j == e</c> satisfies <c>C</c> — an index lookup on <c>T.j</c>, anchored at a
/// fact in <c>e</c>. So a change of one <c>T</c> re-evaluates the facts that looked its key up,
/// instead of every fact tested against the whole new list (CUL-003: every person against the
/// ids of the trained).
/// </summary>
internal sealed class MembershipLowering(RuleLowerer rule)
{
    private LoweringState State => rule.State;

    /// <summary>The membership test a conjunct of the pattern of <paramref name="own"/> is, or null when it is none (or indexes are off).</summary>
    public Membership? Find(BoundExpression conjunct, AliasSymbol own)
    {
        if (State.Indexes is null
            || conjunct is not BoundBinaryExpression { Kind: BoundBinaryKind.In or BoundBinaryKind.NotIn, IgnoreCase: false, Right: BoundAliasExpression list } test
            || !State.SharedCollects.TryGetValue(list.Name, out var collect)
            || test.Left.Type != collect.Of!.Type)
        {
            return null;
        }

        var aliases = test.Left.FreeAliases;
        if (aliases.Count == 0 || aliases.Any(n => n != own.Name && !State.Declared.ContainsKey(n))) return null;
        var anchor = aliases.Contains(own.Name) && own.Kind == AliasKind.Fact && !own.Indirect ? own.Name : KeyedJoin.AnchorOf(aliases, State.Declared);
        return anchor is null ? null : new Membership(test.Left, collect, test.Kind == BoundBinaryKind.NotIn, anchor);
    }

    /// <summary>The test as a count over the index of the collected member.</summary>
    public Expression Lower(Membership membership, LoweringEnvironment env)
    {
        var source = membership.Collect.Source;
        var member = ((BoundMemberExpression)membership.Collect.Of!).Member;
        var lookup = new KeyedJoin(State.Indexes!.Slot(source.Type, member), membership.Value, source.Conditions.SelectMany(Conjuncts.Split).ToList(), membership.Anchor);
        var found = rule.Lookups.Any(source, lookup, env);
        var notNull = Expression.NotEqual(KeyedLookupLowering.Key(lookup, env), Expression.Constant(null));
        return Expression.AndAlso(notNull, membership.Negated ? Expression.Not(found) : found);
    }
}

/// <summary>A membership test lowered to an index lookup (<see cref="MembershipLowering"/>).</summary>
/// <param name="Value">The tested value <c>e</c>.</param>
/// <param name="Collect">The shared <c>collect</c> the list comes from.</param>
/// <param name="Negated">True for <c>not in</c>.</param>
/// <param name="Anchor">The fact whose <c>Update</c> re-evaluates the test.</param>
internal sealed record Membership(BoundExpression Value, BoundAggregate Collect, bool Negated, string Anchor);
