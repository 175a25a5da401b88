namespace Deeg.Policy.Core;

/// <summary>
/// The types of the rule language. Each has one canonical CLR representation used by the
/// lowering (<see cref="ClrType"/>): numbers are <c>decimal?</c> (decimal semantics), booleans
/// <c>bool?</c> (null is false in conditions), dates <c>DateOnly?</c>, datetimes
/// <c>DateTimeOffset?</c>, durations <c>TimeSpan?</c>, enums the nullable CLR enum, lists
/// <c>IReadOnlyList&lt;element&gt;</c>, facts and nested objects their CLR class.
/// </summary>
internal abstract record PolicyType
{
    public static readonly PolicyType Number = new PrimitiveType("number", typeof(decimal?));
    public static readonly PolicyType String = new PrimitiveType("string", typeof(string));
    public static readonly PolicyType Bool = new PrimitiveType("bool", typeof(bool?));
    public static readonly PolicyType Date = new PrimitiveType("date", typeof(DateOnly?));
    public static readonly PolicyType DateTime = new PrimitiveType("datetime", typeof(DateTimeOffset?));
    public static readonly PolicyType Duration = new PrimitiveType("duration", typeof(TimeSpan?));

    /// <summary>The type of the literal <c>null</c>: compatible with every type.</summary>
    public static readonly PolicyType Null = new PrimitiveType("null", typeof(object));

    /// <summary>The canonical CLR type of a value of this type after lowering.</summary>
    public abstract Type ClrType { get; }

    /// <summary>The name used in diagnostics, e.g. <c>number</c>, <c>list of string</c>, <c>Channel</c>.</summary>
    public abstract string DisplayName { get; }

    /// <summary>The language's name of the type; sealed, or each derived record would print its CLR members instead.</summary>
    public sealed override string ToString() => DisplayName;

    /// <summary>number, string, bool, date, datetime, duration, null.</summary>
    public sealed record PrimitiveType(string Name, Type Clr) : PolicyType
    {
        public override Type ClrType => Clr;

        public override string DisplayName => Name;
    }

    /// <summary>An enum of a model field; <see cref="EnumClrType"/> is the non-nullable CLR enum.</summary>
    public sealed record EnumType(Type EnumClrType) : PolicyType
    {
        public override Type ClrType => typeof(Nullable<>).MakeGenericType(EnumClrType);

        public override string DisplayName => "enum " + EnumClrType.Name;

        /// <summary>The camelCase names of the members, as written in JSON and rules.</summary>
        public IReadOnlyList<string> Values => Naming.EnumValues(EnumClrType);
    }

    /// <summary>A list; <see cref="Element"/> may be <see cref="Null"/> for an empty list literal.</summary>
    public sealed record ListType(PolicyType Element) : PolicyType
    {
        public override Type ClrType => typeof(IReadOnlyList<>).MakeGenericType(ElementClrType);

        /// <summary>The CLR type of the elements; elements are stored non-null where the CLR allows.</summary>
        public Type ElementClrType => Element == Null ? typeof(object) : Element.ClrType;

        public override string DisplayName => "list of " + Element.DisplayName;
    }

    /// <summary>
    /// The type of a <c>group</c> alias: the facts of type <see cref="Source"/> with one value of a
    /// key of type <see cref="Key"/>; members <c>key</c>, <c>count</c> and <c>items</c>.
    /// </summary>
    public sealed record GroupType(PolicyType Key, FactTypeInfo Source) : PolicyType
    {
        private IReadOnlyDictionary<string, FactMember>? _members;

        public override Type ClrType => typeof(PolicyGroup<,>).MakeGenericType(Key.ClrType, Source.ClrType);

        public override string DisplayName => "group of " + Source.Name;

        /// <summary>The members, as a fact type's: <c>key</c>, <c>count</c>, <c>items</c>.</summary>
        public IReadOnlyDictionary<string, FactMember> Members => _members ??= (IReadOnlyDictionary<string, FactMember>)ClrType
            .GetMethod("Members", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, [Key, new ListType(new ObjectType(Source))])!;

        public bool Equals(GroupType? other) => other is not null && Key == other.Key && Source == other.Source;

        public override int GetHashCode() => HashCode.Combine(Key, Source);
    }

    /// <summary>A fact type or a nested object type (Clause, CrisisTier, registered types).</summary>
    public sealed record ObjectType(FactTypeInfo Info) : PolicyType
    {
        public override Type ClrType => Info.ClrType;

        public override string DisplayName => Info.Name;
    }
}
