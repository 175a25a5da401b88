using System.Collections.Concurrent;
using System.Reflection;
using System.ComponentModel;
using System.Globalization;
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
    public FieldSpec(string name, FieldType type, PropertyInfo? property, int parameter, bool notNull, FieldRules rules, ParameterInfo? parameterInfo)
    {
        Name = name;
        Type = type;
        Property = property;
        Parameter = parameter;
        NotNull = notNull;
        Rules = rules | RulesOf(property) | RulesOf(parameterInfo);
        RefersTo = Declared<ReferencesAttribute>(property, parameterInfo)?.FactType;
        Description = Declared<DescriptionAttribute>(property, parameterInfo)?.Description;
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

    /// <summary>Required (C# <c>required</c>, or an id that is not derived), plus the range of <see cref="NonNegativeAttribute"/> or <see cref="FractionAttribute"/>.</summary>
    public FieldRules Rules { get; }

    /// <summary>The fact type an id in this field refers to (<see cref="ReferencesAttribute"/>; dangling references are errors).</summary>
    public string? RefersTo { get; }

    /// <summary>What the field means (<see cref="DescriptionAttribute"/>), or null.</summary>
    public string? Description { get; }

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

    private static FieldRules RulesOf(ICustomAttributeProvider? declaration) =>
        (declaration?.IsDefined(typeof(NonNegativeAttribute), true) == true ? FieldRules.NonNegative : FieldRules.None)
        | (declaration?.IsDefined(typeof(FractionAttribute), true) == true ? FieldRules.Fraction : FieldRules.None);

    /// <summary>An attribute of the property, else of the constructor parameter it is set through.</summary>
    private static T? Declared<T>(ICustomAttributeProvider? property, ICustomAttributeProvider? parameter)
        where T : Attribute =>
        property?.GetCustomAttributes(typeof(T), true).OfType<T>().FirstOrDefault()
        ?? parameter?.GetCustomAttributes(typeof(T), true).OfType<T>().FirstOrDefault();

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
/// How the objects of one CLR type are read from JSON, checked and written: its fields, how to
/// construct it, and which fields a missing id is derived from. Everything comes from the type
/// itself by reflection, once per type: the fact records of the model describe their fields with
/// attributes (<see cref="ReferencesAttribute"/>, <see cref="NonNegativeAttribute"/>,
/// <see cref="FractionAttribute"/>, <see cref="DerivedIdAttribute"/>, a description), and a
/// host-registered type may do the same.
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
        IsBuiltIn = clrType.Assembly == typeof(TypeSchema).Assembly;
        Description = clrType.GetCustomAttribute<DescriptionAttribute>(inherit: false)?.Description;
    }

    /// <summary>The name used in messages and subject references, e.g. <c>Channel</c>.</summary>
    public string Name { get; }

    public Type ClrType { get; }

    /// <summary>What the type is (its <see cref="DescriptionAttribute"/>), or null.</summary>
    public string? Description { get; }

    /// <summary>The fields in declaration order.</summary>
    public IReadOnlyList<FieldSpec> Fields { get; }

    /// <summary>For a missing id: the fields it is joined from with <c>:</c> (empty: the id is required).</summary>
    public IReadOnlyList<string> DerivedIdFrom { get; private init; } = [];

    /// <summary>Why objects of this type cannot be built from JSON, or null when they can.</summary>
    public string? CannotCreate { get; }

    /// <summary>True when the CLR type is one of this library's, i.e. not host code that may throw.</summary>
    public bool IsBuiltIn { get; }

    public FieldSpec? IdField => _byName.GetValueOrDefault("id");

    /// <summary>
    /// The fields <c>Validate</c> reads, in table order: every readable one of a host type (its
    /// getters may throw, which is reported), only those that can be invalid of a built-in type.
    /// </summary>
    public FieldSpec[] CheckedFields => _checkedFields ??= Fields.Where(f => f.Property is not null && (!IsBuiltIn || f.CanBeInvalid)).ToArray();

    private FieldSpec[]? _checkedFields;

    /// <summary>The id field, looked up once (one reference, so threads validating at once see it whole).</summary>
    internal FieldSpec? IdFieldCached => (_idField ??= new StrongBox<FieldSpec?>(IdField)).Value;

    private StrongBox<FieldSpec?>? _idField;

    /// <summary>
    /// The value each field has when a document leaves it out (the property's initialiser, a
    /// constructor parameter's default, or the CLR default), by field index; null when no instance
    /// can be built without values (then no default is known).
    /// </summary>
    public IReadOnlyList<object?>? AbsentValues => (_absentValues ??= new StrongBox<object?[]?>(ReadAbsentValues())).Value;

    private StrongBox<object?[]?>? _absentValues;

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

    /// <summary>One part of a derived id: empty for an absent value, enums camelCase, dates <c>YYYY-MM-DD</c>.</summary>
    public static string DerivedIdPart(object? value) => value switch
    {
        null => string.Empty,
        Enum e => Naming.EnumValue(e),
        DateOnly d => IsoDates.Format(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? string.Empty,
    };

    /// <summary>The schema of a type, built once by reflection (and cached).</summary>
    public static TypeSchema Reflect(string name, Type type, bool isFact) =>
        Reflected.GetOrAdd((type, name), key => Build(key.Item2, key.Item1, isFact));

    /// <summary>
    /// Fields by reflection: the parameters of the constructor (the parameterless one if it
    /// exists, else the widest public one, e.g. a record's primary constructor) plus the public
    /// settable (or init) properties the constructor does not cover.
    /// </summary>
    private static TypeSchema Build(string name, Type type, bool isFact)
    {
        var nullability = new NullabilityInfoContext();
        var constructors = type.IsAbstract ? [] : type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        var constructor = constructors.FirstOrDefault(c => c.GetParameters().Length == 0)
            ?? constructors.OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null)
            return new TypeSchema(name, type, [], null, $"{type.Name} has no public constructor");

        // A derived id may be left out; any other id is required.
        var derivedIdFrom = type.GetCustomAttribute<DerivedIdAttribute>(inherit: false)?.Fields ?? [];
        bool IdRequired(string jsonName) => jsonName == "id" && derivedIdFrom.Count == 0;

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
            var fieldType = FieldType.Of(parameter.ParameterType);

            // A non-nullable string parameter without a default has no sensible absent value.
            var required = IdRequired(jsonName) || (jsonName != "id" && notNull && !parameter.HasDefaultValue && fieldType.Kind == FieldKind.String);
            fields.Add(new FieldSpec(jsonName, fieldType, property, i, notNull, required ? FieldRules.Required : FieldRules.None, parameter));
        }

        foreach (var property in properties)
        {
            if (covered.Contains(property) || property.SetMethod is not { IsPublic: true }) continue;
            var notNull = !property.PropertyType.IsValueType && nullability.Create(property).ReadState == NullabilityState.NotNull;
            var jsonName = Naming.CamelCase(property.Name);
            var required = IdRequired(jsonName) || (jsonName != "id" && property.IsDefined(typeof(RequiredMemberAttribute), inherit: false));
            fields.Add(new FieldSpec(jsonName, FieldType.Of(property.PropertyType), property, -1, notNull, required ? FieldRules.Required : FieldRules.None, null));
        }

        var distinct = fields.GroupBy(f => f.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var unknownParts = derivedIdFrom.Where(part => !distinct.Exists(f => f.Name == part)).ToList();
        string? cannotCreate = isFact && !distinct.Exists(f => f.Name == "id" && f.Type.Kind == FieldKind.String) ? $"{type.Name} has no settable Id"
            : unknownParts.Count > 0 ? $"the derived id of {type.Name} names {string.Join(", ", unknownParts.Select(p => $"'{p}'"))}, which is no field of it"
            : null;
        return new TypeSchema(name, type, distinct, constructor, cannotCreate) { DerivedIdFrom = derivedIdFrom };
    }

    /// <summary>The value of a constructor parameter whose field is absent.</summary>
    private static object? ParameterDefault(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue && parameter.DefaultValue is not null && parameter.DefaultValue is not DBNull) return parameter.DefaultValue;
        if (FieldType.Of(type) is { Kind: FieldKind.List } list) return list.MakeList([]);
        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }

    private object?[]? ReadAbsentValues()
    {
        if (CannotCreate is not null) return null;
        try
        {
            var instance = Create(new object?[Fields.Count], new bool[Fields.Count]);
            return Fields.Select(f => f.Getter?.Invoke(instance)).ToArray();
        }
        catch (Exception ex) when (ex is TargetInvocationException or ArgumentException or MemberAccessException or NotSupportedException)
        {
            // A host type that cannot be built or read without values: no defaults are known.
            return null;
        }
    }
}
