using System.Collections.Concurrent;
using System.Reflection;
using Deeg.Policy.Core;

namespace Deeg.Policy.Model;

/// <summary>Finds a fact by its type name (<c>Person</c>) and id: what a display name needs to name the facts a fact refers to.</summary>
internal interface IFactLookup
{
    /// <summary>The fact, or null when there is none.</summary>
    object? Find(string factType, string id);
}

/// <summary>
/// The name a person reads for a fact in a report or a message, in a language: the organisation's
/// own words (a channel's name, a policy's title, "Anna Brandt, Kanal-Admin (LinkedIn Karriere)"),
/// never an internal id where the model has something better. Blank values count as absent.
/// </summary>
internal static class DisplayNames
{
    /// <summary>A lookup that finds nothing: references then render as their ids.</summary>
    public static IFactLookup NoFacts { get; } = new EmptyLookup();

    /// <summary>The display name of <paramref name="fact"/> in <paramref name="language"/>.</summary>
    public static string Of(object fact, IFactLookup facts, string? language)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(facts);
        return fact switch
        {
            Organisation o => Text(o.Name) ?? o.Id,
            Person p => Text(p.Name) ?? p.Id,
            Channel c => Text(c.Name) ?? Text(c.Handle) ?? c.Id,
            Policy p => Text(p.Title) ?? p.Id,
            UseCase u => WithChannel(Labels.For(u.Area, language), u.Channel, facts, language),
            RoleAssignment r => RoleAssignment(r, facts, language),
            Stakeholder s => $"{Labels.For(s.Group, language)} · {Labels.For(s.Platform, language)}",
            Training t => $"{Referenced("Person", t.Person, facts, language)}, {Labels.For(t.Module, language)} {LocalFormats.Date(t.CompletedOn, language)}",
            Mention m => m.Id,
            Post p => p.Id,
            _ => HostFact(fact),
        };
    }

    private static string RoleAssignment(RoleAssignment r, IFactLookup facts, string? language)
    {
        var name = $"{Referenced("Person", r.Person, facts, language)}, {Labels.For(r.Role, language)}";
        if (Text(r.Channel) is { } channel) return $"{name} ({Referenced("Channel", channel, facts, language)})";
        if (Text(r.UseCase) is { } useCase) return $"{name} ({Referenced("UseCase", useCase, facts, language)})";
        return name;
    }

    private static string WithChannel(string name, string? channel, IFactLookup facts, string? language) =>
        Text(channel) is { } id ? $"{name} ({Referenced("Channel", id, facts, language)})" : name;

    // A reference the lookup cannot resolve (a fact removed meanwhile, no model at hand) reads as its id.
    private static string Referenced(string factType, string id, IFactLookup facts, string? language) =>
        facts.Find(factType, id) is { } fact ? Of(fact, facts, language) : id;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static readonly ConcurrentDictionary<Type, Func<object, object?>[]> HostGetters = new();

    // A host's fact type: its Name or Title property when it has one, else its Id.
    private static string HostFact(object fact)
    {
        var getters = HostGetters.GetOrAdd(fact.GetType(), static type =>
            new[] { "Name", "Title", "Id" }
                .Select(n => type.GetProperty(n, BindingFlags.Public | BindingFlags.Instance))
                .Where(p => p is { PropertyType: var t, GetMethod.IsPublic: true } && t == typeof(string) && p.GetIndexParameters().Length == 0)
                .Select(p => PropertyGetter.For(p!))
                .ToArray());
        foreach (var get in getters)
        {
            if (Text(get(fact) as string) is { } text) return text;
        }

        return fact.GetType().Name;
    }

    private sealed class EmptyLookup : IFactLookup
    {
        public object? Find(string factType, string id) => null;
    }
}
