using System.Globalization;
using System.Text.RegularExpressions;

namespace Deeg.Policy.Model.Loading;

/// <summary>The date formats of facts documents: <c>YYYY-MM-DD</c> and ISO 8601 datetimes with offset.</summary>
internal static partial class IsoDates
{
    /// <summary><c>YYYY-MM-DD</c>.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>UTC with <c>Z</c>, fractions of a second only when there are any: <c>2026-11-01T09:30:00Z</c>.</summary>
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The outcome of reading a datetime.</summary>
    public enum DateTimeParse { Ok, NoOffset, Invalid }

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>Exactly <c>YYYY-MM-DD</c> with ASCII digits and a real calendar day.</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        date = default;
        return text.Length == 10 && text[4] == '-' && text[7] == '-'
            && text.Where((c, i) => i is not 4 and not 7).All(char.IsAsciiDigit)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>
    /// <c>YYYY-MM-DDThh:mm[:ss[.fffffff]]</c> followed by <c>Z</c> or <c>±hh:mm</c>; a bare date is
    /// midnight UTC. A datetime without offset is told apart so the message can say so.
    /// </summary>
    public static DateTimeParse TryDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        if (TryDate(text, out var date))
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return DateTimeParse.Ok;
        }

        var match = Shape().Match(text);
        if (!match.Success
            || !DateTime.TryParseExact(match.Groups["local"].Value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return DateTimeParse.Invalid;
        if (!match.Groups["offset"].Success) return DateTimeParse.NoOffset;

        var offsetText = match.Groups["offset"].Value;
        var offset = TimeSpan.Zero;
        if (offsetText != "Z")
        {
            var hours = int.Parse(offsetText.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(offsetText.AsSpan(4, 2), CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0)) return DateTimeParse.Invalid;
            offset = new TimeSpan(hours, minutes, 0) * (offsetText[0] == '-' ? -1 : 1);
        }

        // The UTC instant must be representable too (0001-01-01T00:00+01:00 is not).
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return DateTimeParse.Invalid;
        value = new DateTimeOffset(local, offset);
        return DateTimeParse.Ok;
    }

    [GeneratedRegex(@"^(?<local>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?)(?<offset>Z|[+-][0-9]{2}:[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
