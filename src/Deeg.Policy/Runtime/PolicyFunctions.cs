using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Deeg.Policy.Core;
using Deeg.Policy.Model;

namespace Deeg.Policy.Runtime;

/// <summary>
/// The built-in functions of the rule language and the conversions of model property values
/// to canonical values, called from lowered expression trees. Pure and total: nothing here
/// throws; impossible results are null.
/// </summary>
internal static class PolicyFunctions
{
    /// <summary>The options every <c>matches</c> pattern is compiled with: linear time, no backtracking.</summary>
    public const RegexOptions PatternOptions = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private const int MaxCachedPatterns = 256;
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    // ---- dates ----

    /// <summary>The UTC calendar date of a datetime.</summary>
    public static DateOnly? UtcDate(DateTimeOffset? value) => value is { } v ? DateOnly.FromDayNumber((int)(v.UtcTicks / TimeSpan.TicksPerDay)) : null;

    /// <summary>daysSince(d): calendar days from d to asOf (negative in the future).</summary>
    public static decimal? DaysSince(DateOnly? date, DateOnly asOf) => date is { } d ? asOf.DayNumber - d.DayNumber : null;

    /// <summary>daysBetween(a, b): calendar days from a to b.</summary>
    public static decimal? DaysBetween(DateOnly? a, DateOnly? b) => a is { } x && b is { } y ? y.DayNumber - x.DayNumber : null;

    /// <summary>hoursSince(t): whole hours (truncated toward zero) from t to 00:00 UTC of asOf.</summary>
    public static decimal? HoursSince(DateTimeOffset? value, DateOnly asOf) =>
        value is { } v ? ((asOf.DayNumber * TimeSpan.TicksPerDay) - v.UtcTicks) / TimeSpan.TicksPerHour : null;

    // ---- strings and lists ----

    public static decimal? Len(string? value) => value?.Length;

    public static decimal? Len<T>(IReadOnlyList<T>? list) => list?.Count;

    public static string? Lower(string? value) => value?.ToLowerInvariant();

    public static string? Upper(string? value) => value?.ToUpperInvariant();

    public static string? Trim(string? value) => value?.Trim();

    /// <summary>True for null, empty or white space; never null.</summary>
    public static bool? IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    // ---- numbers ----

    public static decimal? Min(decimal? a, decimal? b) => a is { } x && b is { } y ? Math.Min(x, y) : null;

    public static decimal? Max(decimal? a, decimal? b) => a is { } x && b is { } y ? Math.Max(x, y) : null;

    public static DateOnly? Min(DateOnly? a, DateOnly? b) => a is { } x && b is { } y ? (x <= y ? x : y) : null;

    public static DateOnly? Max(DateOnly? a, DateOnly? b) => a is { } x && b is { } y ? (x >= y ? x : y) : null;

    /// <summary>The earlier instant; of two equal instants the first.</summary>
    public static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is { } x && b is { } y ? (x.UtcTicks <= y.UtcTicks ? x : y) : null;

    public static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is { } x && b is { } y ? (x.UtcTicks >= y.UtcTicks ? x : y) : null;

    public static decimal? Abs(decimal? a) => a is { } x ? Math.Abs(x) : null;

    /// <summary>Rounds to a whole number, halves away from zero.</summary>
    public static decimal? Round(decimal? a) => a is { } x ? Math.Round(x, MidpointRounding.AwayFromZero) : null;

    /// <summary>The sum of the non-null values; 0 for none; null on overflow.</summary>
    public static decimal? Sum(IEnumerable<decimal?> values)
    {
        var sum = 0m;
        try
        {
            foreach (var value in values)
                if (value is { } v) sum += v;
        }
        catch (OverflowException)
        {
            return null;
        }

        return sum;
    }

    /// <summary>The list, or an empty list for null (quantifiers treat a null list as empty).</summary>
    public static IReadOnlyList<T> OrEmpty<T>(IReadOnlyList<T>? list) => list ?? [];

    /// <summary>The elements for which the predicate holds, in order.</summary>
    public static IReadOnlyList<T> ToList<T>(IEnumerable<T> values) => values.ToArray();

    // ---- text ----

    /// <summary>text(x): the value as a message hole renders it; null for null.</summary>
    public static string? Text(object? value, string language, IFactLookup facts) => value is null ? null : ValueFormatter.Format(value, language, facts);

    /// <summary>text(n, f): the number in the pattern, in the language's culture; null for null.</summary>
    public static string? Text(decimal? value, string pattern, string language) =>
        value is { } v ? Formatted(() => v.ToString(pattern, ValueFormatter.CultureOf(language))) : null;

    /// <summary>text(d, f): the date in the pattern, in the language's culture; null for null.</summary>
    public static string? Text(DateOnly? value, string pattern, string language) =>
        value is { } v ? Formatted(() => v.ToString(pattern, ValueFormatter.CultureOf(language))) : null;

    /// <summary>text(t, f): the datetime in UTC in the pattern, in the language's culture; null for null.</summary>
    public static string? Text(DateTimeOffset? value, string pattern, string language) =>
        value is { } v ? Formatted(() => v.ToUniversalTime().ToString(pattern, ValueFormatter.CultureOf(language))) : null;

    // Patterns are checked when the rule set loads; this keeps evaluation total all the same.
    private static string? Formatted(Func<string> format)
    {
        try
        {
            return format();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why <paramref name="pattern"/> is no format pattern for values of CLR type <paramref name="type"/>
    /// (decimal?, DateOnly? or DateTimeOffset?), or null when it is one: formatting sample values in
    /// every language of the product must succeed.
    /// </summary>
    public static string? PatternError(Type type, string pattern)
    {
        object?[] samples = type == typeof(decimal?) ? [1234.5m, -0.25m] : type == typeof(DateOnly?) ? [new DateOnly(2026, 11, 26)] : [new DateTimeOffset(2026, 11, 3, 14, 20, 0, TimeSpan.Zero)];
        foreach (var language in Labels.Languages)
        {
            foreach (var sample in samples)
            {
                var text = sample switch
                {
                    decimal d => Text(d, pattern, language),
                    DateOnly d => Text(d, pattern, language),
                    _ => Text((DateTimeOffset)sample!, pattern, language),
                };
                if (text is null) return type == typeof(DateOnly?) && HasTimeSpecifier(pattern) ? "a date has no time of day" : "it is not a valid .NET format pattern";
            }
        }

        return null;
    }

    private static bool HasTimeSpecifier(string pattern) => pattern.IndexOfAny(['H', 'h', 'm', 's', 'f', 'F', 't', 'z', 'K']) >= 0;

    /// <summary>plural(n, …): whether n is exactly 1.</summary>
    public static bool IsOne(decimal? value) => value == 1m;

    /// <summary>join(list, sep): the non-null elements rendered like <see cref="Text(object?, string, IFactLookup)"/>; null for null.</summary>
    public static string? Join<T>(IReadOnlyList<T>? list, string? separator, string language, IFactLookup facts)
    {
        if (list is null) return null;
        var text = new System.Text.StringBuilder();
        var first = true;
        foreach (var element in list)
        {
            if (element is null) continue;
            if (!first) text.Append(separator);
            text.Append(ValueFormatter.Format(element, language, facts));
            first = false;
        }

        return text.ToString();
    }

    /// <summary>name(x): the display name of a fact; null for null.</summary>
    public static string? Name(object? fact, string language, IFactLookup facts) => fact is null ? null : DisplayNames.Of(fact, facts, language);

    /// <summary>label(e): the label of an enum value in the language; null for null.</summary>
    public static string? Label<TEnum>(TEnum? value, string language)
        where TEnum : struct, Enum => value is { } v ? Labels.For(v, language) : null;

    // ---- regular expressions ----

    /// <summary>Compiles a <c>matches</c> pattern with <see cref="PatternOptions"/>; false with a message for an invalid or unsupported one.</summary>
    public static bool TryCreateRegex(string pattern, out Regex? regex, out string? error)
    {
        try
        {
            regex = new Regex(pattern, PatternOptions);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            regex = null;
            error = ex.Message;
            return false;
        }
        catch (NotSupportedException ex)
        {
            regex = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary><c>s matches regex</c>: the pattern occurs in s; false for null.</summary>
    public static bool? Matches(string? input, Regex regex) => input is not null && regex.IsMatch(input);

    /// <summary><c>s matches params.p</c>: the pattern is compiled once per distinct value; an invalid pattern matches nothing.</summary>
    public static bool? MatchesPattern(string? input, string? pattern)
    {
        if (input is null || pattern is null) return false;
        if (!Patterns.TryGetValue(pattern, out var regex))
        {
            TryCreateRegex(pattern, out regex, out _);
            if (Patterns.Count < MaxCachedPatterns) Patterns.TryAdd(pattern, regex);
        }

        return regex is not null && regex.IsMatch(input);
    }

    // ---- canonical values of model properties ----

    public static decimal? ToNumber(int value) => value;

    public static decimal? ToNumber(int? value) => value;

    public static decimal? ToNumber(long value) => value;

    public static decimal? ToNumber(long? value) => value;

    public static decimal? ToNumber(short value) => value;

    public static decimal? ToNumber(short? value) => value;

    public static decimal? ToNumber(decimal value) => value;

    public static decimal? ToNumber(float value) => ToNumber((double)value);

    public static decimal? ToNumber(float? value) => value is { } v ? ToNumber((double)v) : null;

    public static decimal? ToNumber(double? value) => value is { } v ? ToNumber(v) : null;

    /// <summary>A double as a decimal; NaN, infinities and out-of-range values are null.</summary>
    public static decimal? ToNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) >= 7.9e28) return null;
        try
        {
            return (decimal)value;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>A DateTime as a datetime; an unspecified kind is taken as UTC.</summary>
    public static DateTimeOffset? ToDateTime(DateTime value) =>
        value.Kind == DateTimeKind.Local ? new DateTimeOffset(value.ToUniversalTime().Ticks, TimeSpan.Zero) : new DateTimeOffset(value.Ticks, TimeSpan.Zero);

    public static DateTimeOffset? ToDateTime(DateTime? value) => value is { } v ? ToDateTime(v) : null;

    /// <summary>A sequence as an <c>IReadOnlyList</c> (the same object when it already is one).</summary>
    public static IReadOnlyList<T>? AsList<T>(IEnumerable<T>? source) => source is null ? null : source as IReadOnlyList<T> ?? source.ToArray();

    /// <summary>A sequence converted element by element to canonical values (a view over lists, a copy otherwise).</summary>
    public static IReadOnlyList<TTarget>? CanonicalList<TSource, TTarget>(IEnumerable<TSource>? source, Func<TSource, TTarget> map) =>
        source switch
        {
            null => null,
            IReadOnlyList<TSource> list => new MappedList<TSource, TTarget>(list, map),
            _ => source.Select(map).ToArray(),
        };

    private sealed class MappedList<TSource, TTarget>(IReadOnlyList<TSource> source, Func<TSource, TTarget> map) : IReadOnlyList<TTarget>
    {
        public int Count => source.Count;

        public TTarget this[int index] => map(source[index]);

        public IEnumerator<TTarget> GetEnumerator()
        {
            for (var i = 0; i < source.Count; i++) yield return map(source[i]);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
