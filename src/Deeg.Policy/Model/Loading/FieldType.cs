using Deeg.Policy.Core;

namespace Deeg.Policy.Model.Loading;

/// <summary>How a field is written in a facts document.</summary>
internal enum FieldKind { String, Bool, Integer, Number, Date, DateTime, Enum, List, Object, Unsupported }

/// <summary>
/// The JSON shape of a CLR property type. Derived from the CLR type so that Facts.cs stays the
/// single source of truth for kinds (int = JSON integer, decimal = JSON number, …).
/// </summary>
/// <param name="Kind">The JSON shape.</param>
/// <param name="Declared">The declared CLR type (may be nullable, a list interface, an array).</param>
/// <param name="Clr">The declared type without <see cref="Nullable{T}"/>.</param>
/// <param name="Element">For lists: the element type.</param>
internal sealed record FieldType(FieldKind Kind, Type Declared, Type Clr, FieldType? Element = null)
{
    public static FieldType Of(Type declared)
    {
        var t = Nullable.GetUnderlyingType(declared) ?? declared;
        FieldType Make(FieldKind kind, FieldType? element = null) => new(kind, declared, t, element);

        if (t == typeof(string)) return Make(FieldKind.String);
        if (t == typeof(bool)) return Make(FieldKind.Bool);
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return Make(FieldKind.Integer);
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float)) return Make(FieldKind.Number);
        if (t == typeof(DateOnly)) return Make(FieldKind.Date);
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return Make(FieldKind.DateTime);
        if (t.IsEnum) return Make(FieldKind.Enum);
        var element = FactTypeRegistry.ListElementType(t);
        if (element is not null) return Make(FieldKind.List, Of(element));

        // Nested objects (Clause, CrisisTier, host classes) are read with their own schema.
        if (t.IsClass && !t.IsAbstract && t.Namespace is { } ns && !ns.StartsWith("System", StringComparison.Ordinal))
            return Make(FieldKind.Object);
        return Make(FieldKind.Unsupported);
    }

    /// <summary>What a value of this type looks like, for "must be …" messages.</summary>
    public string Expected => Kind switch
    {
        FieldKind.String => "a string",
        FieldKind.Bool => "a boolean",
        FieldKind.Integer => "an integer",
        FieldKind.Number => "a number",
        FieldKind.Date => "a date string (YYYY-MM-DD)",
        FieldKind.DateTime => "a datetime string (ISO 8601 with offset)",
        FieldKind.Enum => "a string",
        FieldKind.List => "an array",
        FieldKind.Object => "an object",
        _ => "a value the loader can read",
    };

    /// <summary>The inclusive range of an integer CLR type.</summary>
    public (decimal Min, decimal Max) IntegerRange =>
        Clr == typeof(long) ? (long.MinValue, long.MaxValue)
        : Clr == typeof(short) ? (short.MinValue, short.MaxValue)
        : (int.MinValue, int.MaxValue);

    /// <summary>A decimal converted to this numeric type (the caller checked the range).</summary>
    public object FromDecimal(decimal value) =>
        Clr == typeof(int) ? (int)value
        : Clr == typeof(long) ? (long)value
        : Clr == typeof(short) ? (short)value
        : Clr == typeof(double) ? (double)value
        : Clr == typeof(float) ? (float)value
        : value;

    /// <summary>A list of this (list) type holding <paramref name="items"/>: an array or a <see cref="List{T}"/>.</summary>
    public object MakeList(IReadOnlyList<object?> items)
    {
        var elementType = Element!.Declared;
        if (Clr.IsArray)
        {
            var array = Array.CreateInstance(elementType, items.Count);
            for (var i = 0; i < items.Count; i++) array.SetValue(items[i], i);
            return array;
        }

        // List<T> is assignable to every list interface ListElementType recognises.
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        foreach (var item in items) list.Add(item);
        return list;
    }
}
