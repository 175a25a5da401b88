using Deeg.Policy.Diagnostics;

namespace Deeg.Policy.Model.Loading;

/// <summary>
/// The ids of every fact by type, and the references between facts. Shared by loading and
/// <c>Validate</c>: duplicates are reported as facts arrive, references once all ids are known
/// (a reference may point forward in the document).
/// </summary>
internal sealed class FactIdTable
{
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, Dictionary<string, ObjectPath>> _ids;
    private readonly List<(string Target, string Id, FieldRef Field, SourceLocation At)> _references = [];

    // The id tables of the last validation on this thread, emptied: a big model's tables are large
    // objects, and validating a model built in code happens with every evaluation.
    [ThreadStatic]
    private static Dictionary<string, Dictionary<string, ObjectPath>>? t_spare;

    public FactIdTable(DiagnosticBag diagnostics, bool reuse = false)
    {
        _diagnostics = diagnostics;
        _ids = reuse && t_spare is { } spare ? spare : new(StringComparer.Ordinal);
        if (reuse) t_spare = null;
    }

    /// <summary>Empties the id tables and keeps them for the next index created with <c>reuse</c> on this thread.</summary>
    public void Recycle()
    {
        foreach (var ids in _ids.Values) ids.Clear();
        _references.Clear();
        t_spare = _ids;
    }

    /// <summary>Records a fact's id; <paramref name="where"/> describes its position for a later duplicate's message.</summary>
    public void AddFact(string type, string id, SourceLocation at, ObjectPath where)
    {
        if (!_ids.TryGetValue(type, out var ids)) _ids[type] = ids = new Dictionary<string, ObjectPath>(StringComparer.Ordinal);
        if (!ids.TryAdd(id, where)) _diagnostics.Error(DiagnosticCodes.ModelDuplicateId, at, Messages.DuplicateId(type, id, ids[id].ToString()));
    }

    /// <summary>Makes room for <paramref name="count"/> more facts of <paramref name="type"/> (a code-built model knows its list sizes).</summary>
    public void Reserve(string type, int count)
    {
        if (!_ids.TryGetValue(type, out var ids)) _ids[type] = ids = new Dictionary<string, ObjectPath>(count, StringComparer.Ordinal);
        else ids.EnsureCapacity(ids.Count + count);
    }

    public void AddReference(string target, string id, FieldRef field, SourceLocation at)
    {
        // Ids are never removed, so a reference to an id already known stays valid: only the others
        // (forward or dangling) wait for CheckReferences, in the same order as before.
        if (_ids.TryGetValue(target, out var ids) && ids.ContainsKey(id)) return;
        _references.Add((target, id, field, at));
    }

    /// <summary>Reports every reference to an id its target type does not have.</summary>
    public void CheckReferences()
    {
        foreach (var (target, id, field, at) in _references)
        {
            var ids = _ids.GetValueOrDefault(target);
            if (ids is not null && ids.ContainsKey(id)) continue;
            _diagnostics.Error(DiagnosticCodes.ModelDanglingReference, at, Messages.Dangling(field, target, id, ids?.Keys ?? Enumerable.Empty<string>()));
        }
    }
}
