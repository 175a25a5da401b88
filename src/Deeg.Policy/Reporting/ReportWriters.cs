using System.Diagnostics.CodeAnalysis;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Reporting.Writers;

namespace Deeg.Policy.Reporting;

/// <summary>
/// The report formats of the library, by name: <c>text</c>, <c>json</c>, <c>sarif</c>, <c>junit</c>,
/// <c>markdown</c> and <c>html</c> (docs/report-format.md describes each). Names are matched
/// without regard to case.
/// </summary>
/// <example>
/// <code>
/// if (!ReportWriters.TryGet(format, out var writer)) return Results.BadRequest($"format: use one of {string.Join(", ", ReportWriters.Names)}");
/// return Results.Text(writer.WriteToString([report]), writer.ContentType);
/// </code>
/// </example>
public static class ReportWriters
{
    private static readonly IReportWriter[] Writers =
    [
        TextFormat.Instance,
        JsonFormat.Instance,
        SarifFormat.Instance,
        JUnitFormat.Instance,
        MarkdownFormat.Instance,
        HtmlFormat.Instance,
    ];

    /// <summary>The names of the formats: <c>text</c>, <c>json</c>, <c>sarif</c>, <c>junit</c>, <c>markdown</c>, <c>html</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Writers.Select(w => w.Name).ToArray());

    /// <summary>The writers of the formats, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<IReportWriter> All { get; } = Array.AsReadOnly(Writers);

    /// <summary>The writer of a format.</summary>
    /// <param name="name">A format name (<see cref="Names"/>), in any case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such format; the message lists the names.</exception>
    public static IReportWriter Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryGet(name, out var writer)) return writer;
        throw new ArgumentException(
            $"unknown report format '{name}'{Suggestions.DidYouMean(name, Names)}; the formats are {string.Join(", ", Names)}",
            nameof(name));
    }

    /// <summary>The writer of a format, or false when there is no format of that name.</summary>
    /// <param name="name">A format name (<see cref="Names"/>), in any case; null finds nothing.</param>
    /// <param name="writer">The writer when found.</param>
    public static bool TryGet([NotNullWhen(true)] string? name, [NotNullWhen(true)] out IReportWriter? writer)
    {
        writer = name is null ? null : Array.Find(Writers, w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
        return writer is not null;
    }
}
