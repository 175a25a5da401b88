using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Deeg.Policy.Core;

namespace Deeg.Policy.Model.Loading;

/// <summary>Checks on a field beyond its type.</summary>
[Flags]
internal enum FieldRules
{
    None = 0,

    /// <summary>Must be present (and, for strings, not empty).</summary>
    Required = 1,

    /// <summary>A count or duration: 0 or more.</summary>
    NonNegative = 2,

    /// <summary>A share: 0 to 1.</summary>
    Fraction = 4,
}

/// <summary>One field of a fact or nested type: JSON name, how it is set and read, and its checks.</summary>
internal sealed class FieldSpec
{
    public FieldSpec(string name, FieldType type, PropertyInfo? property, int parameter, bool notNull)
    {
        Name = name;
        Type = type;
        Property = property;
        Parameter = parameter;
        NotNull = notNull;
    }

    /// <summary>The camelCase JSON name.</summary>
    public string Name { get; }

    public FieldType Type { get; }

    /// <summary>The property (read by Validate; set when <see cref="Parameter"/> is -1).</summary>
    public PropertyInfo? Property { get; }

    /// <summary>
    /// Reads <see cref="Property"/> like <see cref="PropertyInfo.GetValue(object)"/> (a getter's
    /// exception comes wrapped in a <see cref="TargetInvocationException"/>), through a delegate
    /// made once: <c>Validate</c> reads every field of every fact on each evaluation.
    /// </summary>
    public Func<object, object?>? Getter => Property is null ? null : _getter ??= PropertyGetter.For(Property);

    private Func<object, object?>? _getter;

    /// <summary>The constructor parameter that receives the value, or -1 when a setter does.</summary>
    public int Parameter { get; }

    /// <summary>The CLR type does not allow null (non-nullable reference type), so a code-built model must set it.</summary>
    public bool NotNull { get; }

    public FieldRules Rules { get; set; }

    /// <summary>The fact type an id in this field refers to (dangling references are errors).</summary>
    public string? RefersTo { get; set; }

    public bool Required => (Rules & FieldRules.Required) != 0;

    /// <summary>Ids and required strings must not be empty or blank.</summary>
    public bool NonEmpty => Type.Kind == FieldKind.String && (Required || Name == "id");

    /// <summary>
    /// True when some value of this field can be wrong: missing, empty, out of range, an unknown
    /// enum member, a reference, or nested objects to check. The others need not be read at all
    /// when the getter cannot throw (built-in types).
    /// </summary>
    public bool CanBeInvalid =>
        (CanBeNull && (Required || Name == "id" || NotNull || RefersTo is not null))
        || (Rules & (FieldRules.NonNegative | FieldRules.Fraction)) != 0
        || Type.Kind is FieldKind.Enum or FieldKind.Object or FieldKind.List;

    /// <summary>False for a property of a non-nullable value type: it is never missing (and never a string to check).</summary>
    private bool CanBeNull => Property?.PropertyType is not { IsValueType: true } type || Nullable.GetUnderlyingType(type) is not null;

    /// <summary>Why a (numeric) value breaks this field's range, or null.</summary>
    public string? RangeProblem(object value)
    {
        if ((Rules & (FieldRules.NonNegative | FieldRules.Fraction)) == 0 || !TryDecimal(value, out var d)) return null;
        if ((Rules & FieldRules.Fraction) != 0 && (d < 0 || d > 1)) return "it must be between 0 and 1";
        if ((Rules & FieldRules.NonNegative) != 0 && d < 0) return "it must not be negative";
        return null;
    }

    private static bool TryDecimal(object value, out decimal d)
    {
        switch (value)
        {
            case int i: d = i; return true;
            case long l: d = l; return true;
            case short s: d = s; return true;
            case decimal m: d = m; return true;
            case double x when double.IsFinite(x) && Math.Abs(x) < 7.9e28: d = (decimal)x; return true;
            case float f when float.IsFinite(f) && Math.Abs(f) < 7.9e28f: d = (decimal)f; return true;
            default: d = 0; return false;
        }
    }
}

/// <summary>
/// How the objects of one CLR type are read from JSON and checked: its fields, how to construct
/// it, and (for some built-in facts) which fields a missing id is derived from. Built-in tables
/// live in <see cref="FactSchemas"/>; host-registered types get a schema by reflection.
/// </summary>
internal sealed class TypeSchema
{
    private static readonly ConcurrentDictionary<(Type, string), TypeSchema> Reflected = new();

    private readonly Dictionary<string, FieldSpec> _byName;
    private readonly ConstructorInfo? _constructor;
    private readonly ParameterInfo[] _parameters;

    private TypeSchema(string name, Type clrType, List<FieldSpec> fields, ConstructorInfo? constructor, string? cannotCreate)
    {
        Name = name;
        ClrType = clrType;
        Fields = fields;
        _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _constructor = constructor;
        _parameters = constructor?.GetParameters() ?? [];
        CannotCreate = cannotCreate;
    }

    /// <summary>The name used in messages and subject references, e.g. <c>Channel</c>.</summary>
    public string Name { get; }

    public Type ClrType { get; }

    /// <summary>The fields in table order.</summary>
    public IReadOnlyList<FieldSpec> Fields { get; }

    /// <summary>For a missing id: the fields it is joined from with <c>:</c> (empty: the id is required).</summary>
    public IReadOnlyList<string> DerivedIdFrom { get; private init; } = [];

    /// <summary>Why objects of this type cannot be built from JSON, or null when they can.</summary>
    public string? CannotCreate { get; }

    /// <summary>True when the CLR type is one of this library's, i.e. not host code that may throw.</summary>
    public bool IsBuiltIn { get; private init; }

    public FieldSpec? IdField => _byName.GetValueOrDefault("id");

    /// <summary>
    /// The fields <c>Validate</c> reads, in table order: every readable one of a host type (its
    /// getters may throw, which is reported), only those that can be invalid of a built-in type.
    /// </summary>
    public FieldSpec[] CheckedFields => _checkedFields ??= Fields.Where(f => f.Property is not null && (!IsBuiltIn || f.CanBeInvalid)).ToArray();

    private FieldSpec[]? _checkedFields;

    /// <summary>The id field, looked up once (one reference, so threads validating at once see it whole).</summary>
    internal FieldSpec? IdFieldCached => (_idField ??= new System.Runtime.CompilerServices.StrongBox<FieldSpec?>(IdField)).Value;

    private System.Runtime.CompilerServices.StrongBox<FieldSpec?>? _idField;

    public IEnumerable<string> FieldNames => Fields.Select(f => f.Name);

    public bool TryGetField(string name, out FieldSpec field) => _byName.TryGetValue(name, out field!);

    public int IndexOf(FieldSpec field)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (ReferenceEquals(Fields[i], field)) return i;
        }

        return -1;
    }

    /// <summary>
    /// Builds an instance from the fields that are present; absent ones keep the type's default
    /// (property initialisers, or a constructor parameter's default value). Host constructors and
    /// setters may throw <see cref="TargetInvocationException"/>.
    /// </summary>
    public object Create(IReadOnlyList<object?> values, IReadOnlyList<bool> present)
    {
        var args = new object?[_parameters.Length];
        for (var p = 0; p < _parameters.Length; p++) args[p] = ParameterDefault(_parameters[p]);
        for (var i = 0; i < Fields.Count; i++)
        {
            if (present[i] && Fields[i].Parameter >= 0) args[Fields[i].Parameter] = values[i];
        }

        var instance = _constructor!.Invoke(args);
        for (var i = 0; i < Fields.Count; i++)
        {
            if (present[i] && Fields[i].Parameter < 0) Fields[i].Property!.SetValue(instance, values[i]);
        }

        return instance;
    }

    /// <summary>A built-in table: every public property of <typeparamref name="T"/> listed once, with its rules.</summary>
    public static TypeSchema Define<T>(string name, string[] derivedIdFrom, params (string Name, FieldRules Rules, string? RefersTo)[] table)
    {
        var reflected = Build(name, typeof(T), markRequired: false);
        var missing = reflected.FieldNames.Except(table.Select(t => t.Name)).Concat(table.Select(t => t.Name).Except(reflected.FieldNames)).ToList();
        if (missing.Count > 0 || reflected.CannotCreate is not null)
            throw new InvalidOperationException($"the schema table of {name} does not match {typeof(T).Name}: {string.Join(", ", missing)} {reflected.CannotCreate}");

        var fields = table.Select(row =>
        {
            var field = reflected._byName[row.Name];
            field.Rules = row.Rules;
            field.RefersTo = row.RefersTo;
            return field;
        }).ToList();
        return new TypeSchema(name, typeof(T), fields, reflected._constructor, null) { DerivedIdFrom = derivedIdFrom, IsBuiltIn = true };
    }

    /// <summary>The schema of a host type (or a nested class of one), built once by reflection.</summary>
    public static TypeSchema Reflect(string name, Type type, bool isFact) =>
        Reflected.GetOrAdd((type, name), key => Build(key.Item2, key.Item1, markRequired: true, isFact));

    /// <summary>
    /// Fields by reflection: the parameters of the constructor (the parameterless one if it
    /// exists, else the widest public one, e.g. a record's primary constructor) plus the public
    /// settable (or init) properties the constructor does not cover.
    /// </summary>
    private static TypeSchema Build(string name, Type type, bool markRequired, bool isFact = false)
    {
        var nullability = new NullabilityInfoContext();
        var constructors = type.IsAbstract ? [] : type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        var constructor = constructors.FirstOrDefault(c => c.GetParameters().Length == 0)
            ?? constructors.OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null)
            return new TypeSchema(name, type, [], null, $"{type.Name} has no public constructor");

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToList();
        var fields = new List<FieldSpec>();
        var covered = new HashSet<PropertyInfo>();
        var parameters = constructor.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase) && p.PropertyType == parameter.ParameterType);
            if (property is not null) covered.Add(property);
            var jsonName = Naming.CamelCase(property?.Name ?? parameter.Name ?? $"arg{i}");
            var notNull = !parameter.ParameterType.IsValueType && nullability.Create(parameter).WriteState == NullabilityState.NotNull;
            var field = new FieldSpec(jsonName, FieldType.Of(parameter.ParameterType), property, i, notNull);

            // A non-nullable string parameter without a default has no sensible absent value.
            if (markRequired && (jsonName == "id" || (notNull && !parameter.HasDefaultValue && field.Type.Kind == FieldKind.String)))
                field.Rules = FieldRules.Required;
            fields.Add(field);
        }

        foreach (var property in properties)
        {
            if (covered.Contains(property) || property.SetMethod is not { IsPublic: true }) continue;
            var notNull = !property.PropertyType.IsValueType && nullability.Create(property).ReadState == NullabilityState.NotNull;
            var field = new FieldSpec(Naming.CamelCase(property.Name), FieldType.Of(property.PropertyType), property, -1, notNull);
            if (markRequired && (field.Name == "id" || property.IsDefined(typeof(RequiredMemberAttribute), inherit: false)))
                field.Rules = FieldRules.Required;
            fields.Add(field);
        }

        var distinct = fields.GroupBy(f => f.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        string? cannotCreate = isFact && !distinct.Exists(f => f.Name == "id" && f.Type.Kind == FieldKind.String)
            ? $"{type.Name} has no settable Id"
            : null;
        return new TypeSchema(name, type, distinct, constructor, cannotCreate);
    }

    /// <summary>The value of a constructor parameter whose field is absent.</summary>
    private static object? ParameterDefault(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue && parameter.DefaultValue is not null && parameter.DefaultValue is not DBNull) return parameter.DefaultValue;
        if (FieldType.Of(type) is { Kind: FieldKind.List } list) return list.MakeList([]);
        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }
}

