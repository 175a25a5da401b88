
namespace Deeg.Policy.Runtime;

/// <summary>One indexed key of a fact type: <c>T.member</c>, with the function that reads it from a fact.</summary>
/// <param name="Slot">The index's number in <see cref="JoinIndex"/>.</param>
/// <param name="FactType">The CLR type of the indexed facts.</param>
/// <param name="Key">Reads the key (in canonical form: string, decimal?, enum?, …) from a fact.</param>
/// <param name="Description">E.g. <c>RoleAssignment.person</c>, for diagnostics.</param>
internal sealed record IndexSpec(int Slot, Type FactType, Func<object, object?> Key, string Description);

/// <summary>
/// The join indexes of one session: for each indexed key <c>T.k</c>, the facts of type
/// <c>T</c> by key value, so that a keyed join is a dictionary lookup instead of NRules' nested
/// loops. NRules does not know what a lookup read, so the index also records, for each key
/// value, which facts' conditions looked it up (the anchors); when a fact with that key is
/// inserted, changed or removed, the session re-evaluates those anchors with an NRules
/// <c>Update</c>, which keeps truth maintenance exact.
/// </summary>
internal sealed class JoinIndex
{
    private static readonly object NullKey = new();

    private readonly IReadOnlyList<IndexSpec> _specs;
    private readonly Dictionary<Type, List<IndexSpec>> _byType = [];

    // Key value → the one fact with that key, or a list of several (most keys of most indexes are unique).
    private readonly Dictionary<object, object>[] _forward;

    // String keys (ids, the usual join keys) in tables of their own: an ordinal string dictionary
    // hashes them without randomisation and without a virtual call, half the cost of a lookup.
    private readonly Dictionary<string, object>[] _strings;
    private readonly Dictionary<object, HashSet<AnchorKey>>[] _reverse;

    private Func<object, string?>? _idOf;

    /// <summary>
    /// Creates the indexes of one session; <paramref name="idOf"/> gives a fact's id (null for
    /// anything else). Without it no anchors are recorded: for a one-shot evaluation, where no
    /// fact changes after the insertion, they would never be read.
    /// </summary>
    public JoinIndex(IReadOnlyList<IndexSpec> specs, Func<object, string?>? idOf)
    {
        _specs = specs;
        _idOf = idOf;
        _forward = specs.Select(_ => new Dictionary<object, object>()).ToArray();
        _strings = specs.Select(_ => new Dictionary<string, object>(StringComparer.Ordinal)).ToArray();
        _reverse = specs.Select(_ => new Dictionary<object, HashSet<AnchorKey>>()).ToArray();
        foreach (var spec in specs)
        {
            if (!_byType.TryGetValue(spec.FactType, out var list)) _byType[spec.FactType] = list = [];
            list.Add(spec);
        }
    }

    /// <summary>True when no index is used: the session then skips all index work.</summary>
    public bool IsEmpty => _specs.Count == 0;

    /// <summary>
    /// Empties the indexes for another session of the same policy, keeping their capacity: the
    /// tables of a big model are large objects, and allocating them for every evaluation made the
    /// runtime collect its oldest generation every other evaluation.
    /// </summary>
    public void Reset(Func<object, string?>? idOf)
    {
        _idOf = idOf;
        foreach (var forward in _forward) forward.Clear();
        foreach (var strings in _strings) strings.Clear();
        foreach (var reverse in _reverse) reverse.Clear();
    }

    /// <summary>Makes room for <paramref name="count"/> facts of <paramref name="type"/>.</summary>
    public void Reserve(Type type, int count)
    {
        if (!_byType.TryGetValue(type, out var specs)) return;
        foreach (var spec in specs) _strings[spec.Slot].EnsureCapacity(count);
    }

    /// <summary>The identity of an anchor fact: its type and id (the instance may be replaced by updates).</summary>
    internal readonly record struct AnchorKey(Type Type, string Id);

    /// <summary>The facts of index <paramref name="slot"/> with key <paramref name="key"/>; records <paramref name="anchor"/> as depending on it.</summary>
    public IEnumerable<T> Lookup<T>(object anchor, int slot, object? key)
    {
        var found = Bucket(anchor, slot, key);
        return found switch
        {
            null => [],
            Several several => several.Cast<T>(),
            _ => [(T)found],
        };
    }

    /// <summary>The fact, or the several facts, with key <paramref name="key"/>; records <paramref name="anchor"/> as depending on it.</summary>
    private object? Bucket(object anchor, int slot, object? key)
    {
        var k = key ?? NullKey;
        Record(anchor, slot, k);
        return k is string text ? _strings[slot].GetValueOrDefault(text) : _forward[slot].GetValueOrDefault(k);
    }

    /// <summary>
    /// The number of facts with key <paramref name="key"/> that satisfy <paramref name="predicate"/>
    /// (all when null), at most 1 with <paramref name="stopAtFirst"/> (for <c>not</c>/<c>exists</c>);
    /// records the anchor like <see cref="Lookup{T}"/>.
    /// </summary>
    public int Count<T>(object anchor, int slot, object? key, Func<T, bool>? predicate, bool stopAtFirst)
    {
        var found = Bucket(anchor, slot, key);
        if (found is null) return 0;
        if (found is not Several several) return predicate is null || predicate((T)found) ? 1 : 0;
        var count = 0;
        foreach (var fact in several)
        {
            if (predicate is not null && !predicate((T)fact)) continue;
            count++;
            if (stopAtFirst) break;
        }

        return count;
    }

    /// <summary>The one fact of a unique-key index (the id), or null; records the anchor like <see cref="Lookup{T}"/>.</summary>
    public T? Single<T>(object anchor, int slot, object? key)
        where T : class
    {
        var found = Bucket(anchor, slot, key);
        return (T?)(found is Several several ? several.Count > 0 ? several[0] : null : found);
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
            if (key is string text)
            {
                if (add) Insert(_strings[spec.Slot], text, fact);
                else Delete(_strings[spec.Slot], text, fact);
            }
            else if (add)
            {
                Insert(_forward[spec.Slot], key, fact);
            }
            else
            {
                Delete(_forward[spec.Slot], key, fact);
            }

            if (_reverse[spec.Slot].Count > 0 && _reverse[spec.Slot].TryGetValue(key, out var anchors)) affected.UnionWith(anchors);
        }
    }

    private static void Insert<TKey>(Dictionary<TKey, object> forward, TKey key, object fact)
        where TKey : notnull
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(forward, key, out var exists);
        if (!exists) slot = fact;
        else if (slot is Several several) several.Add(fact);
        else slot = new Several { slot!, fact };
    }

    private static void Delete<TKey>(Dictionary<TKey, object> forward, TKey key, object fact)
        where TKey : notnull
    {
        if (!forward.TryGetValue(key, out var found)) return;
        if (found is Several several)
        {
            several.Remove(fact);
            if (several.Count == 1) forward[key] = several[0];
        }
        else if (ReferenceEquals(found, fact) || Equals(found, fact))
        {
            forward.Remove(key);
        }
    }

    /// <summary>Several facts with one key (a class of its own, so that no fact is mistaken for one).</summary>
    private sealed class Several : List<object>;
}
