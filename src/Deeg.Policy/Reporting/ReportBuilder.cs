namespace Deeg.Policy.Reporting;

/// <summary>Turns raw findings into a report: waivers, fingerprints, ordering, summary and score (cli.md).</summary>
internal static class ReportBuilder
{
    public static ComplianceReport Build(ReportInput input) => throw new NotSupportedException("pending: " + input.Organisation.Id);
}
