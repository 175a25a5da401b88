using System.Globalization;

namespace Deeg.Policy.Core;

/// <summary>
/// How values read in each language of the product (<see cref="Labels.Languages"/>): English uses
/// ISO dates (<c>2026-11-26</c>), German the German form (<c>26.11.2026</c>).
/// </summary>
internal static class LocalFormats
{
    /// <summary>A date as a reader of <paramref name="language"/> writes it.</summary>
    public static string Date(DateOnly date, string? language) =>
        Labels.LanguageOf(language) == Labels.German
            ? date.ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture)
            : date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
}
