namespace Deeg.Policy.Runtime;

/// <summary>One indexed key of a fact type: <c>T.member</c>, with the function that reads it from a fact.</summary>
/// <param name="Slot">The index's number in <see cref="FactIndex"/>.</param>
/// <param name="FactType">The CLR type of the indexed facts.</param>
/// <param name="Key">Reads the key (in canonical form: string, decimal?, enum?, …) from a fact.</param>
/// <param name="Description">E.g. <c>RoleAssignment.person</c>, for diagnostics.</param>
internal sealed record IndexSpec(int Slot, Type FactType, Func<object, object?> Key, string Description);

/// <summary>
/// The join indexes of one session (joins.md): for each indexed key <c>T.k</c>, the facts of type
/// <c>T</c> by key value, so that a keyed join is a dictionary lookup instead of NRules' nested
/// loops. NRules does not know what a lookup read, so the index also records, for each key
/// value, which facts' conditions looked it up (the anchors); when a fact with that key is
/// inserted, changed or removed, the session re-evaluates those anchors with an NRules
/// <c>Update</c>, which keeps truth maintenance exact.
/// </summary>
internal sealed class FactIndex
{
    private static readonly object NullKey = new();

    private readonly IReadOnlyList<IndexSpec> _specs;
    private readonly Dictionary<Type, List<IndexSpec>> _byType = [];
    private readonly Dictionary<object, List<object>>[] _forward;
    private readonly Dictionary<object, HashSet<AnchorKey>>[] _reverse;

    private readonly Func<object, string?>? _idOf;

    /// <summary>
    /// Creates the indexes of one session; <paramref name="idOf"/> gives a fact's id (null for
    /// anything else). Without it no anchors are recorded: for a one-shot evaluation, where no
    /// fact changes after the insertion, they would never be read.
    /// </summary>
    public FactIndex(IReadOnlyList<IndexSpec> specs, Func<object, string?>? idOf)
    {
        _specs = specs;
        _idOf = idOf;
        _forward = specs.Select(_ => new Dictionary<object, List<object>>()).ToArray();
        _reverse = specs.Select(_ => new Dictionary<object, HashSet<AnchorKey>>()).ToArray();
        foreach (var spec in specs)
        {
            if (!_byType.TryGetValue(spec.FactType, out var list)) _byType[spec.FactType] = list = [];
            list.Add(spec);
        }
    }

    /// <summary>True when no index is used: the session then skips all index work.</summary>
    public bool IsEmpty => _specs.Count == 0;

    /// <summary>The identity of an anchor fact: its type and id (the instance may be replaced by updates).</summary>
    internal readonly record struct AnchorKey(Type Type, string Id);

    /// <summary>The facts of index <paramref name="slot"/> with key <paramref name="key"/>; records <paramref name="anchor"/> as depending on it.</summary>
    public IEnumerable<T> Lookup<T>(object anchor, int slot, object? key)
    {
        var k = key ?? NullKey;
        Record(anchor, slot, k);
        return _forward[slot].TryGetValue(k, out var facts) ? facts.Cast<T>() : [];
    }

    /// <summary>The one fact of a unique-key index (the id), or null; records the anchor like <see cref="Lookup{T}"/>.</summary>
    public T? Single<T>(object anchor, int slot, object? key)
        where T : class
    {
        var k = key ?? NullKey;
        Record(anchor, slot, k);
        return _forward[slot].TryGetValue(k, out var facts) && facts.Count > 0 ? (T)facts[0] : null;
    }

    /// <summary>Records that <paramref name="anchor"/> looked up key <paramref name="k"/> (only in sessions that can change).</summary>
    private void Record(object anchor, int slot, object k)
    {
        if (_idOf?.Invoke(anchor) is not { } id) return;
        if (!_reverse[slot].TryGetValue(k, out var anchors)) _reverse[slot][k] = anchors = [];
        anchors.Add(new AnchorKey(anchor.GetType(), id));
    }

    /// <summary>Adds a fact to its type's indexes; returns the anchors that looked up one of its keys.</summary>
    public void Add(object fact, HashSet<AnchorKey> affected) => Change(fact, add: true, affected);

    /// <summary>Removes a fact (the instance that was added) from its type's indexes.</summary>
    public void Remove(object fact, HashSet<AnchorKey> affected) => Change(fact, add: false, affected);

    private void Change(object fact, bool add, HashSet<AnchorKey> affected)
    {
        if (!_byType.TryGetValue(fact.GetType(), out var specs)) return;
        foreach (var spec in specs)
        {
            var key = spec.Key(fact) ?? NullKey;
            var forward = _forward[spec.Slot];
            if (add)
            {
                if (!forward.TryGetValue(key, out var facts)) forward[key] = facts = [];
                facts.Add(fact);
            }
            else if (forward.TryGetValue(key, out var facts))
            {
                facts.Remove(fact);
                if (facts.Count == 0) forward.Remove(key);
            }

            if (_reverse[spec.Slot].TryGetValue(key, out var anchors)) affected.UnionWith(anchors);
        }
    }
}
