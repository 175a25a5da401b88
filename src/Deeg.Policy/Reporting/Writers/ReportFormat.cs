namespace Deeg.Policy.Reporting.Writers;

/// <summary>
/// The common part of the built-in writers: argument checks, default options and the labels of the
/// output's language. A format puts its document together in <see cref="Render"/>.
/// </summary>
internal abstract class ReportFormat : IReportWriter
{
    private static readonly ReportWriterOptions Defaults = new();

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string ContentType { get; }

    /// <inheritdoc />
    public abstract string FileExtension { get; }

    /// <inheritdoc />
    public void Write(IReadOnlyList<ComplianceReport> reports, TextWriter output, ReportWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(output);
        for (var i = 0; i < reports.Count; i++)
        {
            if (reports[i] is null) throw new ArgumentException($"reports[{i}] is null", nameof(reports));
        }

        options ??= Defaults;
        var labels = ReportLabels.For(options.Language ?? (reports.Count > 0 ? reports[0].Language : null));
        output.Write(Render(reports, options, labels));
    }

    /// <summary>The whole document, ending with a line break.</summary>
    protected abstract string Render(IReadOnlyList<ComplianceReport> reports, ReportWriterOptions options, ReportLabels labels);

    /// <inheritdoc />
    public override string ToString() => Name;
}
