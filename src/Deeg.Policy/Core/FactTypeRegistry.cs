using System.Reflection;

namespace Deeg.Policy.Core;

/// <summary>A member visible to rules: a public instance property of a registered type.</summary>
internal sealed record FactMember(string Name, PropertyInfo Property, PolicyType Type);

/// <summary>
/// A type rules can see: a fact type (top-level, has an <c>id</c>) or a nested object type.
/// Only public instance properties of supported types are members; nothing else of the CLR
/// type is reachable from a rule.
/// </summary>
internal sealed class FactTypeInfo
{
    private readonly Dictionary<string, FactMember> _members = new(StringComparer.Ordinal);

    public FactTypeInfo(string name, Type clrType, bool isFact)
    {
        Name = name;
        ClrType = clrType;
        IsFact = isFact;
    }

    /// <summary>The name rules use, e.g. <c>Channel</c>.</summary>
    public string Name { get; }

    /// <summary>The CLR class.</summary>
    public Type ClrType { get; }

    /// <summary>True for fact types (usable in <c>fact</c> patterns), false for nested objects.</summary>
    public bool IsFact { get; }

    /// <summary>The members by camelCase name.</summary>
    public IReadOnlyDictionary<string, FactMember> Members => _members;

    /// <summary>The <c>id</c> property of a fact type.</summary>
    public PropertyInfo? IdProperty => _members.TryGetValue("id", out var m) ? m.Property : null;

    /// <summary>Reads the <c>id</c> like <see cref="IdProperty"/>'s <c>GetValue</c>, without reflection per call (the engine reads ids of every fact).</summary>
    public Func<object, object?>? IdGetter => _idGetter ??= IdProperty is { } id ? PropertyGetter.For(id) : null;

    private Func<object, object?>? _idGetter;

    internal void AddMember(FactMember member) => _members[member.Name] = member;
}

/// <summary>
/// The fact types rules are checked against: the built-in ones of the model plus those the
/// host registered with <c>AddFactType&lt;T&gt;</c>. Immutable once the engine is built.
/// </summary>
internal sealed class FactTypeRegistry
{
    private readonly Dictionary<string, FactTypeInfo> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, FactTypeInfo> _byClr = [];

    /// <summary>The fact types (not nested objects), built-in first, then registered ones.</summary>
    public IEnumerable<FactTypeInfo> FactTypes => _byName.Values.Where(t => t.IsFact);

    /// <summary>The names of the fact types, for suggestions.</summary>
    public IEnumerable<string> FactTypeNames => FactTypes.Select(t => t.Name);

    /// <summary>Finds a fact type by its rule name (case-sensitive).</summary>
    public bool TryGetFactType(string name, out FactTypeInfo info)
    {
        if (_byName.TryGetValue(name, out var found) && found.IsFact)
        {
            info = found;
            return true;
        }

        info = null!;
        return false;
    }

    /// <summary>Finds the registered type of a CLR type, fact or nested.</summary>
    public FactTypeInfo? FindByClrType(Type type) => _byClr.GetValueOrDefault(type);

    /// <summary>Registers a fact type; it must have a public string property <c>Id</c>.</summary>
    public FactTypeInfo AddFactType(string name, Type type)
    {
        if (_byName.ContainsKey(name)) throw new ArgumentException($"a fact type named '{name}' is already registered", nameof(name));
        var idProperty = type.GetProperty("Id", BindingFlags.Public | BindingFlags.Instance);
        if (idProperty is null || idProperty.PropertyType != typeof(string))
            throw new ArgumentException($"fact type {type.Name} needs a public string property Id", nameof(type));
        var info = new FactTypeInfo(name, type, isFact: true);
        Add(info);
        return info;
    }

    /// <summary>Registers a nested object type (reachable through members, not matchable by patterns).</summary>
    public FactTypeInfo AddObjectType(string name, Type type)
    {
        var info = new FactTypeInfo(name, type, isFact: false);
        Add(info);
        return info;
    }

    private void Add(FactTypeInfo info)
    {
        _byName[info.Name] = info;
        _byClr[info.ClrType] = info;

        // Nested object types used by the members are registered first so members can refer to them.
        foreach (var property in info.ClrType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null) continue;
            var elementType = ListElementType(property.PropertyType) ?? property.PropertyType;
            if (IsNestedCandidate(elementType) && !_byClr.ContainsKey(elementType))
                AddObjectType(elementType.Name, elementType);
            var type = MapClrType(property.PropertyType);
            if (type is not null) info.AddMember(new FactMember(Naming.CamelCase(property.Name), property, type));
        }
    }

    /// <summary>The rule-language type of a CLR type, or null when rules cannot see such a value.</summary>
    public PolicyType? MapClrType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return PolicyType.String;
        if (t == typeof(bool)) return PolicyType.Bool;
        if (t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double) || t == typeof(float) || t == typeof(short)) return PolicyType.Number;
        if (t == typeof(DateOnly)) return PolicyType.Date;
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return PolicyType.DateTime;
        if (t == typeof(TimeSpan)) return PolicyType.Duration;
        if (t.IsEnum) return new PolicyType.EnumType(t);
        var element = ListElementType(t);
        if (element is not null)
        {
            var elementType = MapClrType(element);
            return elementType is null ? null : new PolicyType.ListType(elementType);
        }

        return _byClr.TryGetValue(t, out var info) ? new PolicyType.ObjectType(info) : null;
    }

    /// <summary>T of IReadOnlyList&lt;T&gt;, IList&lt;T&gt;, T[] and similar, or null.</summary>
    public static Type? ListElementType(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>))
                return type.GetGenericArguments()[0];
        }

        return null;
    }

    private static bool IsNestedCandidate(Type t) =>
        t.IsClass && t != typeof(string) && !t.IsArray && t.Namespace is not null
        && !t.Namespace.StartsWith("System", StringComparison.Ordinal);
}
