using Deeg.Policy.Core;

namespace Deeg.Policy.Model;

/// <summary>The fact types of the organisation model, known to every engine without registration.</summary>
internal static class BuiltInFactTypes
{
    /// <summary>The built-in fact types in the order of the facts document.</summary>
    public static readonly IReadOnlyList<(string Name, Type Type)> Facts =
    [
        ("Organisation", typeof(Organisation)), ("Channel", typeof(Channel)), ("Person", typeof(Person)),
        ("RoleAssignment", typeof(RoleAssignment)), ("Policy", typeof(Policy)), ("UseCase", typeof(UseCase)),
        ("Stakeholder", typeof(Stakeholder)), ("Mention", typeof(Mention)), ("Post", typeof(Post)),
        ("Training", typeof(Training)),
    ];

    /// <summary>A registry with the built-in types only.</summary>
    public static FactTypeRegistry CreateRegistry()
    {
        var registry = new FactTypeRegistry();
        registry.AddObjectType("Clause", typeof(Clause));
        registry.AddObjectType("CrisisTier", typeof(CrisisTier));
        foreach (var (name, type) in Facts) registry.AddFactType(name, type);
        return registry;
    }
}
