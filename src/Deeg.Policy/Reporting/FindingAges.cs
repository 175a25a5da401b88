namespace Deeg.Policy.Reporting;

/// <summary>
/// Adds the age of each finding to a report: <see cref="Finding.FirstSeen"/> and <see cref="Finding.OpenDays"/>.
/// A history (the Deeg.Policy.History package) knows since when each fingerprint has been present; this
/// only puts that date on the findings, so that every report format can show it.
/// </summary>
public static class FindingAges
{
    /// <summary>
    /// A copy of <paramref name="report"/> whose findings carry their age. A finding whose fingerprint is not in
    /// <paramref name="firstSeen"/> is new: first seen at the report's <c>asOf</c>, open for 0 days.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="firstSeen">Since when each fingerprint has been present without a gap.</param>
    public static ComplianceReport Apply(ComplianceReport report, IReadOnlyDictionary<string, DateOnly> firstSeen)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(firstSeen);
        var findings = report.Findings
            .Select(f => f.WithAge(firstSeen.TryGetValue(f.Fingerprint, out var since) && since <= report.AsOf ? since : report.AsOf, report.AsOf))
            .ToList();
        return report.WithFindings(findings);
    }
}
