namespace Deeg.Policy.Reporting;

/// <summary>Writes the report JSON of cli.md.</summary>
internal static class ReportJsonWriter
{
    public static string Write(ComplianceReport report) => throw new NotSupportedException("pending: " + report.Organisation.Id);
}
