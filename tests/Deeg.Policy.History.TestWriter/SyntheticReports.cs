using System.Globalization;

namespace Deeg.Policy.History.TestWriter;

/// <summary>Reports made up for the history tests: the findings are chosen by the test (rule, subject, severity, waived).</summary>
public static class SyntheticReports
{
    public static ComplianceReport Make(string organisation, DateOnly asOf, IEnumerable<(string Rule, string Subject, Severity Severity, bool Waived)> findings, int? score = null)
    {
        var list = findings.Select(f => new Finding
        {
            RuleId = f.Rule,
            RuleSet = "governance",
            Severity = f.Severity,
            Category = "governance",
            Title = "Title of " + f.Rule,
            Message = $"Message of {f.Rule} about {f.Subject}",
            Subject = SubjectRef.TryParse(f.Subject)!,
            Facts = new Dictionary<string, SubjectRef> { ["s"] = SubjectRef.TryParse(f.Subject)! },
            Fingerprint = Fingerprint(f.Rule, f.Subject),
            Waiver = f.Waived ? new Waiver { Rule = f.Rule, Subject = f.Subject, Justification = "accepted", Expires = asOf.AddDays(30) } : null,
        }).OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Subject.ToString(), StringComparer.Ordinal).ToList();
        var bySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => list.Count(f => f.Severity == s && !f.Waived));
        return new ComplianceReport
        {
            Tool = new ToolInfo { Name = "deeg-policy", Version = "1.0.0" },
            AsOf = asOf,
            Organisation = new OrganisationInfo { Id = organisation, Name = "Organisation " + organisation },
            RuleSets = [new RuleSetSummary { Id = "governance", Version = "1.0.0", Rules = 20 }],
            Summary = new ReportSummary
            {
                RulesEvaluated = 20,
                RulesPassed = 20 - list.Where(f => !f.Waived).Select(f => f.RuleId).Distinct().Count(),
                Findings = list.Count,
                Waived = list.Count(f => f.Waived),
                BySeverity = bySeverity,
                Score = score ?? Math.Max(0, 100 - (list.Count(f => !f.Waived) * 3)),
            },
            Findings = list,
            Waivers = new WaiverSummary { Applied = [], Expired = [], Unused = [] },
            Errors = [],
            Rules = [],
        };
    }

    /// <summary>A report of <paramref name="count"/> findings: rule R-(i mod 50) about Channel/c-i.</summary>
    public static ComplianceReport Large(string organisation, DateOnly asOf, int count) =>
        Make(organisation, asOf, Enumerable.Range(0, count).Select(i => (
            "R-" + (i % 50).ToString("000", CultureInfo.InvariantCulture),
            "Channel/c-" + i.ToString(CultureInfo.InvariantCulture),
            (Severity)(i % 5),
            i % 17 == 0)));

    public static string Fingerprint(string rule, string subject) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("governance|" + rule + "|" + subject)))[..32];
}
