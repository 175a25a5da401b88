namespace Deeg.Policy.Reporting;

/// <summary>
/// Writes compliance reports in one format: <c>json</c>, <c>sarif</c>, <c>junit</c>, <c>markdown</c>,
/// <c>html</c> or <c>text</c>. Get one by name from <see cref="ReportWriters"/>; the writers are
/// stateless and safe to use from several threads at once.
/// </summary>
/// <example>
/// <code>
/// IReportWriter writer = ReportWriters.Get("html");
/// using var file = File.Create("report" + writer.FileExtension);
/// writer.Write([report], file, new ReportWriterOptions { Language = "de" });
/// </code>
/// </example>
public interface IReportWriter
{
    /// <summary>The format's name, lower case, as <c>deeg-policy check --format</c> takes it (<c>html</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The media type of the output without parameters (<c>text/html</c>, <c>application/sarif+json</c>).
    /// The output is text; written to a stream it is UTF-8 without a byte order mark.
    /// </summary>
    string ContentType { get; }

    /// <summary>The usual file name extension of the format, with its dot (<c>.html</c>).</summary>
    string FileExtension { get; }

    /// <summary>
    /// Writes the reports, in the given order, as one document of this format that ends with a line
    /// break. Line breaks are <c>\n</c> on every platform.
    /// </summary>
    /// <param name="reports">The reports, typically one per organisation model.</param>
    /// <param name="output">Where the text goes; it is neither flushed nor closed.</param>
    /// <param name="options">Language, colour, tool name and model-file access; null for the defaults.</param>
    void Write(IReadOnlyList<ComplianceReport> reports, TextWriter output, ReportWriterOptions? options = null);
}
