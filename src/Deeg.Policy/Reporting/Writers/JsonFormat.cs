namespace Deeg.Policy.Reporting.Writers;

/// <summary>
/// <c>json</c>: the report JSON (docs/report-format.md) — one report as an object, any other number
/// as an array of report objects in the given order.
/// </summary>
internal sealed class JsonFormat : ReportFormat
{
    public static JsonFormat Instance { get; } = new();

    public override string Name => "json";

    public override string ContentType => "application/json";

    public override string FileExtension => ".json";

    protected override string Render(IReadOnlyList<ComplianceReport> reports, ReportWriterOptions options, ReportLabels labels) =>
        (reports.Count == 1 ? ReportJsonWriter.Write(reports[0]) : ReportJsonWriter.WriteMany(reports)) + "\n";
}
