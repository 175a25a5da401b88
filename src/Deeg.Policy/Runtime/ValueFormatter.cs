using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Deeg.Policy.Model;
using Deeg.Policy.Core;

namespace Deeg.Policy.Runtime;

/// <summary>
/// Renders values in message templates: strings verbatim; numbers in invariant culture without
/// trailing zeros (<c>440</c>, <c>0.375</c>); dates <c>YYYY-MM-DD</c>; datetimes
/// <c>YYYY-MM-DDTHH:mm:ssZ</c> in UTC; booleans <c>true</c>/<c>false</c>; enums as their
/// camelCase value; lists joined with <c>", "</c>; null as an empty string. Durations render
/// in the literal syntax of the language with the largest exact unit (<c>90d</c>, <c>36h</c>,
/// <c>90m</c>; whole minutes, truncated, otherwise). A fact renders as its id, another object
/// as its type name. This is the language-independent form (explanations, evidence);
/// <see cref="Format(object?, string?, IFactLookup)"/> is the form of message holes and <c>text()</c>.
/// </summary>
internal static class ValueFormatter
{
    private const string NumberFormat = "0.############################";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The culture of numbers and format patterns in <paramref name="language"/>: de-DE for German, else invariant.</summary>
    public static CultureInfo CultureOf(string? language) => Labels.LanguageOf(language) == Labels.German ? German : CultureInfo.InvariantCulture;

    /// <summary>
    /// The text of a value in a message hole, in <paramref name="language"/>: numbers without
    /// trailing zeros or grouping (decimal comma in German), dates <c>2026-11-26</c> /
    /// <c>26.11.2026</c>, datetimes in UTC to the minute, durations in whole days (else hours),
    /// booleans yes/no, enum values as their labels, facts as their display names, lists joined
    /// with <c>", "</c>, null empty, strings verbatim.
    /// </summary>
    public static string Format(object? value, string? language, IFactLookup facts)
    {
        var german = Labels.LanguageOf(language) == Labels.German;
        switch (value)
        {
            case null:
                return string.Empty;
            case string s:
                return s;
            case bool b:
                return Labels.Get(b ? "word.yes" : "word.no", language);
            case decimal d:
                return d == 0m ? "0" : d.ToString(NumberFormat, CultureOf(language));
            case int or long or short or byte or sbyte or ushort or uint or ulong:
                return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            case double x:
                return PolicyFunctions.ToNumber(x) is { } dx ? Format(dx, language, facts) : x.ToString("R", CultureOf(language));
            case float f:
                return PolicyFunctions.ToNumber(f) is { } df ? Format(df, language, facts) : f.ToString("R", CultureOf(language));
            case DateOnly date:
                return LocalDate(date, german);
            case DateTimeOffset dateTime:
            {
                var utc = dateTime.UtcDateTime;
                return LocalDate(DateOnly.FromDateTime(utc), german) + utc.ToString(" HH':'mm' UTC'", CultureInfo.InvariantCulture);
            }

            case DateTime dateTime:
                return PolicyFunctions.ToDateTime(dateTime) is { } dto ? Format(dto, language, facts) : string.Empty;
            case TimeSpan duration:
                return LocalDuration(duration, german);
            case Enum e:
                return Labels.For(e, language);
            case IPolicyGroup group: // a group reads as its key
                return Format(group.GroupKey, language, facts);
            case IEnumerable list:
            {
                var text = new StringBuilder();
                var first = true;
                foreach (var element in list)
                {
                    if (!first) text.Append(", ");
                    text.Append(Format(element, language, facts));
                    first = false;
                }

                return text.ToString();
            }

            default:
                return DisplayNames.Of(value, facts, language);
        }
    }

    private static string LocalDate(DateOnly date, bool german) =>
        date.ToString(german ? "dd'.'MM'.'yyyy" : "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    /// <summary>Whole days when at least one day (truncated), else whole hours.</summary>
    private static string LocalDuration(TimeSpan duration, bool german)
    {
        var days = duration.Ticks / TimeSpan.TicksPerDay;
        var (count, one, many) = days != 0
            ? (days, german ? "Tag" : "day", german ? "Tage" : "days")
            : (duration.Ticks / TimeSpan.TicksPerHour, german ? "Stunde" : "hour", german ? "Stunden" : "hours");
        return count.ToString(CultureInfo.InvariantCulture) + " " + (count is 1 or -1 ? one : many);
    }

    /// <summary>The text of a value.</summary>
    public static string Format(object? value)
    {
        switch (value)
        {
            case null:
                return string.Empty;
            case string s:
                return s;
            case bool b:
                return b ? "true" : "false";
            case decimal d:
                return FormatNumber(d);
            case int or long or short or byte or sbyte or ushort or uint or ulong:
                return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            case double x:
                return PolicyFunctions.ToNumber(x) is { } dx ? FormatNumber(dx) : x.ToString("R", CultureInfo.InvariantCulture);
            case float f:
                return PolicyFunctions.ToNumber(f) is { } df ? FormatNumber(df) : f.ToString("R", CultureInfo.InvariantCulture);
            case DateOnly date:
                return date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
            case DateTimeOffset dateTime:
                return dateTime.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
            case DateTime dateTime:
                return PolicyFunctions.ToDateTime(dateTime) is { } dto ? Format(dto) : string.Empty;
            case TimeSpan duration:
                return FormatDuration(duration);
            case Enum e:
                return Naming.EnumValue(e);
            case IFact fact:
                return fact.Id;
            case IPolicyGroup group: // a group reads as its key
                return Format(group.GroupKey);
            case IEnumerable list:
            {
                var text = new StringBuilder();
                var first = true;
                foreach (var element in list)
                {
                    if (!first) text.Append(", ");
                    text.Append(Format(element));
                    first = false;
                }

                return text.ToString();
            }

            default:
            {
                var id = value.GetType().GetProperty("Id", BindingFlags.Public | BindingFlags.Instance);
                return id?.PropertyType == typeof(string) ? id.GetValue(value) as string ?? string.Empty : value.GetType().Name;
            }
        }
    }

    private static string FormatNumber(decimal d) => d == 0m ? "0" : d.ToString(NumberFormat, CultureInfo.InvariantCulture);

    private static string FormatDuration(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks % TimeSpan.TicksPerDay == 0) return (ticks / TimeSpan.TicksPerDay).ToString(CultureInfo.InvariantCulture) + "d";
        if (ticks % TimeSpan.TicksPerHour == 0) return (ticks / TimeSpan.TicksPerHour).ToString(CultureInfo.InvariantCulture) + "h";
        return (ticks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture) + "m";
    }
}
