using System.Globalization;
using System.Text;

namespace Deeg.Policy.Reporting;

/// <summary>Writes reports to a string or a stream with any <see cref="IReportWriter"/>.</summary>
public static class ReportWriterExtensions
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The reports in the writer's format, as a string.</summary>
    /// <param name="writer">The format.</param>
    /// <param name="reports">The reports, in the order they are written.</param>
    /// <param name="options">Language, colour, tool name and model-file access; null for the defaults.</param>
    public static string WriteToString(this IReportWriter writer, IReadOnlyList<ComplianceReport> reports, ReportWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        writer.Write(reports, text, options);
        return text.ToString();
    }

    /// <summary>Writes the reports in the writer's format to a stream, as UTF-8 without a byte order mark. The stream stays open.</summary>
    /// <param name="writer">The format.</param>
    /// <param name="reports">The reports, in the order they are written.</param>
    /// <param name="output">The stream; it is flushed, not closed.</param>
    /// <param name="options">Language, colour, tool name and model-file access; null for the defaults.</param>
    public static void Write(this IReportWriter writer, IReadOnlyList<ComplianceReport> reports, Stream output, ReportWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(output);
        using var text = new StreamWriter(output, Utf8, bufferSize: -1, leaveOpen: true) { NewLine = "\n" };
        writer.Write(reports, text, options);
    }

    /// <summary>
    /// Writes the reports in the writer's format to a stream, as UTF-8 without a byte order mark, with
    /// asynchronous writes only (as an HTTP response body wants). The report is put together in memory
    /// first. The stream stays open.
    /// </summary>
    /// <param name="writer">The format.</param>
    /// <param name="reports">The reports, in the order they are written.</param>
    /// <param name="output">The stream; it is flushed, not closed.</param>
    /// <param name="options">Language, colour, tool name and model-file access; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public static async Task WriteAsync(this IReportWriter writer, IReadOnlyList<ComplianceReport> reports, Stream output, ReportWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(output);
        var bytes = Utf8.GetBytes(writer.WriteToString(reports, options));
        await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
