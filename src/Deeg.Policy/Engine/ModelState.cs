using Deeg.Policy.Model;
using Deeg.Policy.Model.Loading;
using Deeg.Policy.Core;

namespace Deeg.Policy.Engine;

/// <summary>
/// The facts of a <see cref="PolicySession"/> by type and id, in their original order. Checks each
/// change the way the loader checks a document, but only where the change reaches: an upserted
/// fact must have an id and name existing facts; a removed fact must not be referred to by
/// another. So the session's model stays a valid model, and a fresh evaluation of it is defined.
/// </summary>
internal sealed class ModelState : IFactLookup
{
    private readonly FactTypeRegistry _types;
    private readonly Dictionary<string, OrderedDictionary<string, object>> _facts = new(StringComparer.Ordinal);

    public ModelState(FactTypeRegistry types, PolicyModel model)
    {
        _types = types;
        Organisation = model.Organisation;
        AsOf = model.AsOf;
        SourceFile = model.SourceFile;
        foreach (var fact in model.AllFacts().Skip(1))
        {
            if (Describe(fact) is { } d) Facts(d.Info.Name)[d.Id] = fact;
        }
    }

    public Organisation Organisation { get; private set; }

    public DateOnly? AsOf { get; }

    public string? SourceFile { get; }

    /// <summary>Stores a fact; returns the fact it replaced (if any) and whether the id changed (organisation only).</summary>
    public (object? Replaced, bool IdChanged) Upsert(object fact)
    {
        var (info, id) = Describe(fact) ?? throw new ArgumentException($"{fact.GetType().Name} is not a registered fact type", nameof(fact));
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException($"the {info.Name} has no id", nameof(fact));
        foreach (var (field, target, referenced) in References(fact, info))
        {
            if (!Facts(target).ContainsKey(referenced))
                throw new ArgumentException($"'{field}' on {info.Name} '{id}' refers to {target} '{referenced}', which does not exist", nameof(fact));
        }

        if (fact is Organisation organisation)
        {
            var old = Organisation;
            Organisation = organisation;
            return (old, old.Id != organisation.Id);
        }

        var facts = Facts(info.Name);
        var replaced = facts.GetValueOrDefault(id);
        facts[id] = fact;
        return (replaced, false);
    }

    /// <summary>Removes a fact and returns it.</summary>
    public object Remove(Type type, string id)
    {
        var info = _types.FindByClrType(type);
        if (info is null || !info.IsFact) throw new ArgumentException($"{type.Name} is not a registered fact type", nameof(type));
        if (type == typeof(Organisation)) throw new InvalidOperationException("the organisation cannot be removed; a model always has one (upsert another instead)");
        var facts = Facts(info.Name);
        if (!facts.TryGetValue(id, out var fact)) throw new KeyNotFoundException($"there is no {info.Name} '{id}'");

        var referrers = All()
            .SelectMany(f => Describe(f) is { } d ? References(f, d.Info).Where(r => r.Target == info.Name && r.Id == id).Select(r => $"{d.Info.Name}/{d.Id} ({r.Field})") : [])
            .ToList();
        if (referrers.Count > 0)
            throw new InvalidOperationException($"{info.Name} '{id}' is still referred to by {string.Join(", ", referrers.Take(5))}{(referrers.Count > 5 ? ", …" : string.Empty)}; change or remove those first");

        facts.Remove(id);
        return fact;
    }

    /// <inheritdoc/>
    public object? Find(string factType, string id) =>
        factType == "Organisation" ? (Organisation.Id == id ? Organisation : null)
        : _facts.TryGetValue(factType, out var facts) ? facts.GetValueOrDefault(id) : null;

    /// <summary>The current model.</summary>
    public PolicyModel ToModel() => new()
    {
        Organisation = Organisation,
        AsOf = AsOf,
        SourceFile = SourceFile,
        Channels = Of<Channel>("Channel"),
        People = Of<Person>("Person"),
        Roles = Of<RoleAssignment>("RoleAssignment"),
        Policies = Of<Model.Policy>("Policy"),
        UseCases = Of<UseCase>("UseCase"),
        Stakeholders = Of<Stakeholder>("Stakeholder"),
        Mentions = Of<Mention>("Mention"),
        Posts = Of<Post>("Post"),
        Trainings = Of<Training>("Training"),
        Extensions = _facts.Where(f => FactSchemas.BuiltInListOf(f.Key) is null && f.Key != "Organisation" && f.Value.Count > 0)
            .ToDictionary(f => f.Key, f => (IReadOnlyList<object>)f.Value.Values.ToList(), StringComparer.Ordinal),
    };

    private List<T> Of<T>(string type) => _facts.TryGetValue(type, out var facts) ? facts.Values.Cast<T>().ToList() : [];

    private IEnumerable<object> All() => _facts.Values.SelectMany(f => f.Values);

    private OrderedDictionary<string, object> Facts(string type)
    {
        if (!_facts.TryGetValue(type, out var facts)) _facts[type] = facts = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        return facts;
    }

    private (FactTypeInfo Info, string Id)? Describe(object fact)
    {
        var info = _types.FindByClrType(fact.GetType());
        return info is { IsFact: true, IdProperty: { } idProperty } ? (info, idProperty.GetValue(fact) as string ?? string.Empty) : null;
    }

    /// <summary>The references of a fact (also those of its nested objects, e.g. crisis tier approvers), from the loader's field tables.</summary>
    private static IEnumerable<(string Field, string Target, string Id)> References(object fact, FactTypeInfo info) =>
        References(fact, FactSchemas.ForFact(info));

    private static IEnumerable<(string Field, string Target, string Id)> References(object value, TypeSchema schema)
    {
        foreach (var field in schema.Fields)
        {
            if (field.Property is null) continue;
            var fieldValue = field.Property.GetValue(value);
            if (field.RefersTo is { } target && fieldValue is string id) yield return (field.Name, target, id);
            else if (field.Type.Kind == FieldKind.List && field.Type.Element?.Kind == FieldKind.Object && fieldValue is System.Collections.IEnumerable items)
            {
                var nested = FactSchemas.ForNested(field.Type.Element.Clr);
                foreach (var item in items)
                {
                    if (item is null) continue;
                    foreach (var reference in References(item, nested)) yield return ($"{field.Name}.{reference.Field}", reference.Target, reference.Id);
                }
            }
        }
    }
}
