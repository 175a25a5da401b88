using System.Collections.Concurrent;
using Deeg.Policy.Core;

namespace Deeg.Policy.Runtime;

/// <summary>
/// The operators of the rule language on canonical values, called from lowered expression
/// trees. Pure and total: null operands, overflow and division by zero give null (or false for
/// comparisons); nothing here throws.
/// </summary>
internal static class PolicyOperators
{
    // ---- numbers (decimal semantics) ----

    public static decimal? Add(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y) return null;
        try
        {
            return x + y;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static decimal? Subtract(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y) return null;
        try
        {
            return x - y;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static decimal? Multiply(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y) return null;
        try
        {
            return x * y;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static decimal? Divide(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y || y == 0m) return null;
        try
        {
            return x / y;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static decimal? Remainder(decimal? a, decimal? b)
    {
        if (a is not { } x || b is not { } y || y == 0m) return null;
        try
        {
            return x % y;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static decimal? Negate(decimal? a) => a is { } x ? -x : null;

    // ---- strings ----

    /// <summary>string + string; null when either is null.</summary>
    public static string? Concat(string? a, string? b) => a is null || b is null ? null : string.Concat(a, b);

    public static bool? StringContains(string? a, string? b) => a is not null && b is not null && a.Contains(b, StringComparison.Ordinal);

    public static bool? StartsWith(string? a, string? b) => a is not null && b is not null && a.StartsWith(b, StringComparison.Ordinal);

    public static bool? EndsWith(string? a, string? b) => a is not null && b is not null && a.EndsWith(b, StringComparison.Ordinal);

    // ---- dates, datetimes, durations ----

    /// <summary>date + duration: the UTC date of (midnight UTC of the date + duration).</summary>
    public static DateOnly? AddDuration(DateOnly? date, TimeSpan? duration) =>
        date is { } d && duration is { } t ? AddDays(d, FloorDiv(t.Ticks, TimeSpan.TicksPerDay)) : null;

    /// <summary>date - duration.</summary>
    public static DateOnly? SubtractDuration(DateOnly? date, TimeSpan? duration) =>
        date is { } d && duration is { } t ? AddDays(d, FloorDiv(-(Int128)t.Ticks, TimeSpan.TicksPerDay)) : null;

    public static DateTimeOffset? AddDuration(DateTimeOffset? value, TimeSpan? duration)
    {
        if (value is not { } v || duration is not { } t) return null;
        var ticks = (Int128)v.UtcTicks + t.Ticks;
        return ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks ? null : new DateTimeOffset((long)ticks, TimeSpan.Zero);
    }

    public static DateTimeOffset? SubtractDuration(DateTimeOffset? value, TimeSpan? duration)
    {
        if (value is not { } v || duration is not { } t) return null;
        var ticks = (Int128)v.UtcTicks - t.Ticks;
        return ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks ? null : new DateTimeOffset((long)ticks, TimeSpan.Zero);
    }

    /// <summary>date - date: whole days.</summary>
    public static TimeSpan? Subtract(DateOnly? a, DateOnly? b) =>
        a is { } x && b is { } y ? TimeSpan.FromTicks((long)(x.DayNumber - y.DayNumber) * TimeSpan.TicksPerDay) : null;

    public static TimeSpan? Subtract(DateTimeOffset? a, DateTimeOffset? b) =>
        a is { } x && b is { } y ? TimeSpan.FromTicks(x.UtcTicks - y.UtcTicks) : null;

    public static TimeSpan? Add(TimeSpan? a, TimeSpan? b) => a is { } x && b is { } y ? FromTicks((Int128)x.Ticks + y.Ticks) : null;

    public static TimeSpan? Subtract(TimeSpan? a, TimeSpan? b) => a is { } x && b is { } y ? FromTicks((Int128)x.Ticks - y.Ticks) : null;

    public static TimeSpan? Negate(TimeSpan? a) => a is { } x ? FromTicks(-(Int128)x.Ticks) : null;

    /// <summary>duration × number, rounded half away from zero to whole ticks.</summary>
    public static TimeSpan? Multiply(TimeSpan? a, decimal? b)
    {
        if (a is not { } x || b is not { } y) return null;
        try
        {
            var ticks = Math.Round(x.Ticks * y, MidpointRounding.AwayFromZero);
            return ticks < long.MinValue || ticks > long.MaxValue ? null : TimeSpan.FromTicks((long)ticks);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    // ---- conversions ----

    /// <summary>A date as a datetime: midnight UTC.</summary>
    public static DateTimeOffset? ToDateTime(DateOnly? date) =>
        date is { } d ? new DateTimeOffset(d.DayNumber * TimeSpan.TicksPerDay, TimeSpan.Zero) : null;

    /// <summary>The camelCase name of an enum value.</summary>
    public static string? EnumName<T>(T? value)
        where T : struct, Enum => value is { } v ? EnumNames<T>.Of(v) : null;

    /// <summary>A list of enum values as a list of their camelCase names.</summary>
    public static IReadOnlyList<string?>? EnumNameList<T>(IReadOnlyList<T?>? list)
        where T : struct, Enum
    {
        if (list is null) return null;
        var result = new string?[list.Count];
        for (var i = 0; i < result.Length; i++) result[i] = EnumName(list[i]);
        return result;
    }

    /// <summary>A list whose elements are all null (type list of null) as a list of <typeparamref name="T"/>.</summary>
    public static IReadOnlyList<T>? NullList<T>(IReadOnlyList<object?>? list) => list is null ? null : new T[list.Count];

    // ---- equality, ordering, membership ----

    /// <summary>==: null == null is true, null == value is false.</summary>
    public static bool? Equal<T>(T a, T b, IEqualityComparer<T> comparer) => a is null ? b is null : b is not null && comparer.Equals(a, b);

    public static bool? NotEqual<T>(T a, T b, IEqualityComparer<T> comparer) => !Equal(a, b, comparer);

    public static bool? Less<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is { } x && b is { } y && x.CompareTo(y) < 0;

    public static bool? LessOrEqual<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is { } x && b is { } y && x.CompareTo(y) <= 0;

    public static bool? Greater<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is { } x && b is { } y && x.CompareTo(y) > 0;

    public static bool? GreaterOrEqual<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is { } x && b is { } y && x.CompareTo(y) >= 0;

    public static bool? Less(string? a, string? b) => a is not null && b is not null && string.CompareOrdinal(a, b) < 0;

    public static bool? LessOrEqual(string? a, string? b) => a is not null && b is not null && string.CompareOrdinal(a, b) <= 0;

    public static bool? Greater(string? a, string? b) => a is not null && b is not null && string.CompareOrdinal(a, b) > 0;

    public static bool? GreaterOrEqual(string? a, string? b) => a is not null && b is not null && string.CompareOrdinal(a, b) >= 0;

    /// <summary>Membership; false when the value or the list is null.</summary>
    public static bool? In<T>(T value, IReadOnlyList<T>? list, IEqualityComparer<T> comparer) =>
        value is not null && list is not null && Contains(list, value, comparer);

    /// <summary>Non-membership; false when the value or the list is null.</summary>
    public static bool? NotIn<T>(T value, IReadOnlyList<T>? list, IEqualityComparer<T> comparer) =>
        value is not null && list is not null && !Contains(list, value, comparer);

    private static bool Contains<T>(IReadOnlyList<T> list, T value, IEqualityComparer<T> comparer)
    {
        // A long list (a collected aggregate, e.g. `p.id in trainedIds`) is tested for many facts:
        // hash it once per list instance instead of scanning it for each (quadratic otherwise).
        if (list.Count > 16) return Membership<T>.Of(list, comparer).Contains(value);
        for (var i = 0; i < list.Count; i++)
        {
            var element = list[i];
            if (element is not null && comparer.Equals(element, value)) return true;
        }

        return false;
    }

    // ---- helpers ----

    private static long FloorDiv(Int128 a, long b)
    {
        var q = a / b;
        if (a % b != 0 && a < 0) q--;
        return q < long.MinValue ? long.MinValue : q > long.MaxValue ? long.MaxValue : (long)q;
    }

    private static DateOnly? AddDays(DateOnly date, long days)
    {
        var number = date.DayNumber + (Int128)days;
        return number < DateOnly.MinValue.DayNumber || number > DateOnly.MaxValue.DayNumber ? null : DateOnly.FromDayNumber((int)number);
    }

    private static TimeSpan? FromTicks(Int128 ticks) =>
        ticks < long.MinValue || ticks > long.MaxValue ? null : TimeSpan.FromTicks((long)ticks);

    private static class EnumNames<T>
        where T : struct, Enum
    {
        private static readonly ConcurrentDictionary<T, string> Names = new();

        public static string Of(T value) => Names.GetOrAdd(value, v => Naming.CamelCase(v.ToString()));
    }

    /// <summary>The hashed members of a list, per list instance and comparer (lists are immutable values).</summary>
    private static class Membership<T>
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<T>, Entry> Sets = new();

        public static HashSet<T> Of(IReadOnlyList<T> list, IEqualityComparer<T> comparer)
        {
            if (Sets.TryGetValue(list, out var entry) && ReferenceEquals(entry.Comparer, comparer)) return entry.Set;
            var set = new HashSet<T>(comparer);
            foreach (var element in list)
            {
                if (element is not null) set.Add(element);
            }

            Sets.AddOrUpdate(list, new Entry(comparer, set));
            return set;
        }

        private sealed record Entry(IEqualityComparer<T> Comparer, HashSet<T> Set);
    }
}
