using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// A pattern that is keyed: one of its conjuncts is <c>x.k == e</c>, where <c>x</c> is
/// the pattern's own fact, <c>k</c> a plain member (string, number or enum), and <c>e</c> an
/// expression of the same type over earlier aliases, at least one of them a fact. Such a pattern
/// can be matched by looking up <c>e</c> in an index of <c>T.k</c> instead of testing every pair.
/// </summary>
/// <param name="Slot">The index of <c>T.k</c>.</param>
/// <param name="Key">The key expression <c>e</c>.</param>
/// <param name="Rest">The pattern's other conjuncts, tested on the facts the lookup finds.</param>
/// <param name="Anchor">The directly matched fact whose <c>Update</c> re-evaluates the lookup.</param>
internal sealed record KeyedJoin(int Slot, BoundExpression Key, IReadOnlyList<BoundExpression> Rest, string Anchor)
{
    /// <summary>
    /// The keyed join of <paramref name="pattern"/>, or null when it has none (or indexes are off).
    /// With <paramref name="uniqueOnly"/>, only a join on the fact type's id qualifies (a positive
    /// pattern can be replaced by a lookup only when it finds at most one fact).
    /// </summary>
    public static KeyedJoin? Find(BoundPattern pattern, IReadOnlyDictionary<string, AliasSymbol> declared, IndexCatalog? indexes, bool uniqueOnly = false)
    {
        if (indexes is null) return null;
        var conjuncts = pattern.Conditions.SelectMany(Conjuncts.Split).ToList();
        for (var i = 0; i < conjuncts.Count; i++)
        {
            if (conjuncts[i] is not BoundBinaryExpression { Kind: BoundBinaryKind.Equal, IgnoreCase: false } equal) continue;
            foreach (var (own, other) in new[] { (equal.Left, equal.Right), (equal.Right, equal.Left) })
            {
                if (own is not BoundMemberExpression { Target: BoundAliasExpression target } member || target.Name != pattern.Alias.Name) continue;
                if (!IsKeyType(member.Type) || other.Type != member.Type) continue;
                if (uniqueOnly && member.Member.Name != "id") continue;
                var aliases = other.FreeAliases;
                if (aliases.Count == 0 || aliases.Contains(pattern.Alias.Name) || !aliases.All(declared.ContainsKey)) continue;
                var anchor = AnchorOf(aliases, declared);
                if (anchor is null) continue;
                var rest = conjuncts.Where((_, j) => j != i).ToList();
                return new KeyedJoin(indexes.Slot(pattern.Type, member.Member), other, rest, anchor);
            }
        }

        return null;
    }

    /// <summary>True for the types an index can be keyed on: strings, numbers, dates, enums (not booleans).</summary>
    public static bool IsKeyType(PolicyType type) => type is PolicyType.PrimitiveType or PolicyType.EnumType && type != PolicyType.Bool;

    /// <summary>The fact to update when the lookup's result may change: the latest directly matched fact the key mentions.</summary>
    internal static string? AnchorOf(IReadOnlySet<string> aliases, IReadOnlyDictionary<string, AliasSymbol> declared)
    {
        string? anchor = null;
        foreach (var name in declared.Keys)
        {
            if (!aliases.Contains(name)) continue;
            var alias = declared[name];
            if (alias.Kind != AliasKind.Fact) continue;
            anchor = alias.Indirect ? alias.Anchor : alias.Name;
        }

        return anchor;
    }
}
