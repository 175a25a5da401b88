using Deeg.Policy.Model;

namespace Deeg.Policy.Runtime;

/// <summary>
/// The aggregate functions of the language over the facts an NRules <c>Collect</c> gathered.
/// Nulls are skipped; sum of none is 0, min/max/avg of none is null; never throws.
/// </summary>
internal static class Aggregates
{
    public static decimal? Count<T>(IEnumerable<T> items) => items.Count();

    public static decimal? CountValues<T, TValue>(IEnumerable<T> items, Func<T, TValue> of, bool distinct)
    {
        var values = items.Select(of).Where(v => v is not null);
        return distinct ? values.Distinct().Count() : values.Count();
    }

    public static decimal? Sum<T>(IEnumerable<T> items, Func<T, decimal?> of)
    {
        try
        {
            decimal total = 0;
            foreach (var item in items) total += of(item) ?? 0;
            return total;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static decimal? Min<T>(IEnumerable<T> items, Func<T, decimal?> of) => items.Select(of).Where(v => v.HasValue).Min();

    public static decimal? Max<T>(IEnumerable<T> items, Func<T, decimal?> of) => items.Select(of).Where(v => v.HasValue).Max();

    /// <summary>The least of the non-null dates or datetimes (instants compared in UTC); null for none.</summary>
    public static TValue? Min<T, TValue>(IEnumerable<T> items, Func<T, TValue?> of)
        where TValue : struct, IComparable<TValue> => Extreme(items, of, -1);

    /// <summary>The greatest of the non-null dates or datetimes; null for none.</summary>
    public static TValue? Max<T, TValue>(IEnumerable<T> items, Func<T, TValue?> of)
        where TValue : struct, IComparable<TValue> => Extreme(items, of, 1);

    private static TValue? Extreme<T, TValue>(IEnumerable<T> items, Func<T, TValue?> of, int sign)
        where TValue : struct, IComparable<TValue>
    {
        TValue? best = null;
        foreach (var item in items)
        {
            if (of(item) is { } value && (best is not { } b || Math.Sign(value.CompareTo(b)) == sign)) best = value;
        }

        return best;
    }

    public static decimal? Avg<T>(IEnumerable<T> items, Func<T, decimal?> of)
    {
        try
        {
            var values = items.Select(of).Where(v => v.HasValue).Select(v => v!.Value).ToList();
            return values.Count == 0 ? null : values.Sum() / values.Count;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// <see cref="Collect{T, TValue}"/> of a shared aggregate whose values are scalars, read off the
    /// bag's ordered counts: the same list, without sorting on each change.
    /// </summary>
    public static IReadOnlyList<TValue> CollectOrdered<TValue>(ValueBag bag, bool distinct) => bag.Ordered(distinct).Select(v => (TValue)v).ToList();

    /// <summary>The non-null values in a stable order (<see cref="ValueOrder{T}"/>), distinct when asked.</summary>
    public static IReadOnlyList<TValue> Collect<T, TValue>(IEnumerable<T> items, Func<T, TValue> of, bool distinct)
    {
        var values = items.Select(of).Where(v => v is not null);
        if (distinct) values = values.Distinct();
        return values.OrderBy(v => v, ValueOrder<TValue>.Instance).ToList();
    }
}

/// <summary>
/// The stable order of collected values, independent of the order facts were inserted:
/// numbers and dates ascending, strings ordinal, enums in declaration (docs/model.md) order,
/// facts by id.
/// </summary>
internal sealed class ValueOrder<T> : IComparer<T>
{
    public static readonly ValueOrder<T> Instance = new();

    public int Compare(T? x, T? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string a, string b) => string.CompareOrdinal(a, b),
        (IFact a, IFact b) => string.CompareOrdinal(a.Id, b.Id),
        _ when x.GetType() != y.GetType() => string.CompareOrdinal(x.GetType().FullName, y.GetType().FullName), // total, should types ever mix
        (IComparable a, _) => a.CompareTo(y),
        _ => string.CompareOrdinal(x.ToString(), y.ToString()),
    };
}
