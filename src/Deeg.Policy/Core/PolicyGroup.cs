using System.Reflection;

namespace Deeg.Policy.Core;

/// <summary>The value of a <c>group</c> alias, seen without its type arguments (subjects, evidence).</summary>
internal interface IPolicyGroup
{
    /// <summary>The key: the canonical value of <c>by</c>, never null.</summary>
    object? GroupKey { get; }

    /// <summary>The type part of the group's subject reference, e.g. <c>Mention.platform</c>.</summary>
    string SubjectType { get; }
}

/// <summary>
/// One group of a <c>group</c> element: its key, the number of facts and the facts in id order.
/// A snapshot of the facts when the group was (re)computed; they are sorted on first use only, so
/// a change that no rule reads the items of costs a copy, not a sort.
/// </summary>
internal sealed class PolicyGroup<TKey, TItem> : IPolicyGroup
{
    private readonly TItem[] _facts;
    private readonly IComparer<TItem> _order;
    private IReadOnlyList<TItem>? _items;

    public PolicyGroup(TKey key, IEnumerable<TItem> facts, IComparer<TItem> order, string subjectType)
    {
        Key = key;
        _facts = facts.ToArray();
        _order = order;
        SubjectType = subjectType;
    }

    /// <summary><c>g.key</c>.</summary>
    public TKey Key { get; }

    /// <summary><c>g.count</c>.</summary>
    public decimal? Count => _facts.Length;

    /// <summary><c>g.items</c>: the facts in id order.</summary>
    public IReadOnlyList<TItem> Items => _items ??= _facts.Order(_order).ToArray();

    public object? GroupKey => Key;

    public string SubjectType { get; }

    /// <summary>A new group of an NRules grouping (<c>IGrouping&lt;TKey, TItem&gt;</c>).</summary>
    public static PolicyGroup<TKey, TItem> Of(IGrouping<TKey, TItem> grouping, IComparer<TItem> order, string subjectType) =>
        new(grouping.Key, grouping, order, subjectType);

    /// <summary>The members of a group type: <c>key</c>, <c>count</c>, <c>items</c>.</summary>
    internal static IReadOnlyDictionary<string, FactMember> Members(PolicyType key, PolicyType items)
    {
        var type = typeof(PolicyGroup<TKey, TItem>);
        return new Dictionary<string, FactMember>(StringComparer.Ordinal)
        {
            ["key"] = new("key", type.GetProperty(nameof(Key), BindingFlags.Public | BindingFlags.Instance)!, key),
            ["count"] = new("count", type.GetProperty(nameof(Count))!, PolicyType.Number),
            ["items"] = new("items", type.GetProperty(nameof(Items))!, items),
        };
    }
}
