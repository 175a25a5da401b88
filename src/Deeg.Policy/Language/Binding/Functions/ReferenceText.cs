using System.Collections;
using System.Globalization;
using Deeg.Policy.Core;
using Deeg.Policy.Model;

namespace Deeg.Policy.Language.Binding.Functions;

/// <summary>
/// The reference semantics of <c>text</c> and <c>join</c>: how a value reads in a language,
/// written out plainly and independently of the runtime's formatter, so that the property tests
/// compare two implementations. Labels and display names are data of the model, shared.
/// </summary>
internal static class ReferenceText
{
    /// <summary><c>text(x)</c>: null for null.</summary>
    public static string? Of(object? value, ReferenceContext context) => value is null ? null : Render(value, German(context), context.Facts);

    /// <summary><c>text(x, f)</c>: a number, date or datetime (in UTC) in the pattern, in the language's culture.</summary>
    public static string? Formatted(object? value, string pattern, ReferenceContext context)
    {
        var culture = German(context) ? CultureInfo.GetCultureInfo("de-DE") : CultureInfo.InvariantCulture;
        try
        {
            return value switch
            {
                null => null,
                decimal d => d.ToString(pattern, culture),
                DateOnly d => d.ToString(pattern, culture),
                _ => ((DateTimeOffset)value).ToOffset(TimeSpan.Zero).ToString(pattern, culture),
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool German(ReferenceContext context) => Labels.LanguageOf(context.Language) == Labels.German;

    private static string Render(object? value, bool german, IFactLookup facts) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => german ? (b ? "ja" : "nein") : (b ? "yes" : "no"),
        decimal d => Number(d, german),
        DateOnly d => Date(d, german),
        DateTimeOffset t => Date(DateOnly.FromDateTime(t.UtcDateTime), german) + $" {t.UtcDateTime.Hour:00}:{t.UtcDateTime.Minute:00} UTC",
        TimeSpan t => Duration(t, german),
        Enum e => Labels.For(e, german ? Labels.German : Labels.English),
        IPolicyGroup g => Render(g.GroupKey, german, facts),
        IEnumerable list => string.Join(", ", list.Cast<object?>().Select(x => Render(x, german, facts))),
        _ => DisplayNames.Of(value, facts, german ? Labels.German : Labels.English),
    };

    private static string Number(decimal d, bool german)
    {
        var text = d.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal)) text = text.TrimEnd('0').TrimEnd('.');
        if (text == "-0") text = "0";
        return german ? text.Replace('.', ',') : text;
    }

    private static string Date(DateOnly d, bool german) =>
        german ? $"{d.Day:00}.{d.Month:00}.{d.Year:0000}" : $"{d.Year:0000}-{d.Month:00}-{d.Day:00}";

    private static string Duration(TimeSpan t, bool german)
    {
        if (t.Days != 0) return $"{t.Days} " + (Math.Abs(t.Days) == 1 ? (german ? "Tag" : "day") : (german ? "Tage" : "days"));
        return $"{t.Hours} " + (Math.Abs(t.Hours) == 1 ? (german ? "Stunde" : "hour") : (german ? "Stunden" : "hours"));
    }
}
