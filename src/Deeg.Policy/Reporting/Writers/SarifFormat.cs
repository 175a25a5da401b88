using Deeg.Policy.Reporting.Sarif;

namespace Deeg.Policy.Reporting.Writers;

/// <summary><c>sarif</c>: one SARIF 2.1.0 log with a single run for all reports (<see cref="SarifReportWriter"/>).</summary>
internal sealed class SarifFormat : ReportFormat
{
    public static SarifFormat Instance { get; } = new();

    public override string Name => "sarif";

    public override string ContentType => "application/sarif+json";

    public override string FileExtension => ".sarif";

    protected override string Render(IReadOnlyList<ComplianceReport> reports, ReportWriterOptions options, ReportLabels labels) =>
        SarifReportWriter.Write(reports, options.ToolName, options.ReadModelFile) + "\n";
}
