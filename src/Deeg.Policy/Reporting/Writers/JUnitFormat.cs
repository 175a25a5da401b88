using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Deeg.Policy.Reporting.Writers;

/// <summary>
/// <c>junit</c>: JUnit XML as Jenkins, GitLab, Azure DevOps and GitHub test reporters
/// read it. One <c>&lt;testsuite&gt;</c> per organisation (model), one <c>&lt;testcase&gt;</c> per
/// enabled rule (<c>classname</c> the rule set, <c>name</c> "RULE-ID title"). A rule with unwaived
/// findings fails (<c>&lt;failure message="N findings" type="severity"&gt;</c> whose text lists the
/// findings); a rule that failed at evaluation time is an <c>&lt;error&gt;</c>; a rule whose findings are
/// all waived passes and names them in <c>&lt;system-out&gt;</c>. Nothing is skipped.
/// </summary>
internal sealed class JUnitFormat : ReportFormat
{
    public static JUnitFormat Instance { get; } = new();

    public override string Name => "junit";

    public override string ContentType => "application/xml";

    public override string FileExtension => ".xml";

    protected override string Render(IReadOnlyList<ComplianceReport> reports, ReportWriterOptions options, ReportLabels labels) =>
        Render(reports, labels, options.ToolName, options.Verbose);

    public static string Render(IReadOnlyList<ComplianceReport> reports, ReportLabels labels, string toolName = ReportWriterOptions.DefaultToolName, bool verbose = false)
    {
        var suites = reports.Select((r, i) => Suite(r, i, labels, verbose)).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", toolName),
            new XAttribute("tests", Sum(suites, "tests")),
            new XAttribute("failures", Sum(suites, "failures")),
            new XAttribute("errors", Sum(suites, "errors")),
            new XAttribute("skipped", 0),
            new XAttribute("time", "0"),
            suites);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);

        var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return text + "\n";
    }

    private static XElement Suite(ComplianceReport report, int index, ReportLabels labels, bool verbose)
    {
        var names = new ReportNames(report, labels);
        var errors = report.Errors.GroupBy(e => e.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var cases = new List<XElement>();
        int failures = 0, errorCount = 0;
        foreach (var rule in Rules(report))
        {
            var findings = report.Findings.Where(f => f.RuleSet == rule.RuleSet && f.RuleId == rule.Id).ToList();
            var open = findings.Where(f => !f.Waived).ToList();
            var waived = findings.Where(f => f.Waived).ToList();
            var testCase = new XElement("testcase",
                new XAttribute("classname", rule.RuleSet),
                new XAttribute("name", rule.Id + " " + rule.Title),
                new XAttribute("time", "0"));

            if (errors.TryGetValue(rule.Id, out var ruleErrors))
            {
                errorCount++;
                testCase.Add(new XElement("error",
                    new XAttribute("message", string.Join("; ", ruleErrors.Select(e => e.Message))),
                    new XAttribute("type", "evaluationError"),
                    Clean(string.Join("\n", ruleErrors.Select(e => e.RuleId + ": " + e.Message)))));
            }
            else if (open.Count > 0)
            {
                failures++;
                var message = labels.FindingCount(open.Count);
                var newCount = open.Count(f => f.Baseline == BaselineState.New);
                if (report.Fixed is not null) message += " (" + labels.Format(labels.NewCount, newCount) + ")";
                testCase.Add(new XElement("failure",
                    new XAttribute("message", message),
                    new XAttribute("type", ReportSeverity(rule.Severity)),
                    Clean(string.Join("\n\n", open.Select(f => Describe(f, labels, names, verbose))))));
            }

            if (waived.Count > 0)
                testCase.Add(new XElement("system-out", Clean(string.Join("\n\n", waived.Select(f => Describe(f, labels, names, verbose))))));
            cases.Add(testCase);
        }

        var properties = new XElement("properties",
            Property("organisation", report.Organisation.Id),
            Property("organisationName", report.Organisation.Name),
            Property("asOf", Date(report.AsOf)),
            Property("score", report.Summary.Score.ToString(CultureInfo.InvariantCulture)),
            Property("findings", report.Summary.Findings.ToString(CultureInfo.InvariantCulture)),
            Property("waived", report.Summary.Waived.ToString(CultureInfo.InvariantCulture)));
        if (report.ModelFile is not null) properties.Add(Property("modelFile", report.ModelFile));
        foreach (var ruleSet in report.RuleSets) properties.Add(Property("ruleSet", $"{ruleSet.Id} {ruleSet.Version}"));
        if (report.Fixed is { } fixedFindings)
        {
            properties.Add(Property("baseline.new", report.Findings.Count(f => f.Baseline == BaselineState.New).ToString(CultureInfo.InvariantCulture)));
            properties.Add(Property("baseline.fixed", fixedFindings.Count.ToString(CultureInfo.InvariantCulture)));
        }

        var suite = new XElement("testsuite",
            new XAttribute("name", $"{report.Organisation.Name} ({report.Organisation.Id})"),
            new XAttribute("id", index),
            new XAttribute("package", report.Organisation.Id),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errorCount),
            new XAttribute("skipped", 0),
            new XAttribute("time", "0"),
            new XAttribute("timestamp", Date(report.AsOf) + "T00:00:00"),
            properties,
            cases);

        var output = new List<string> { TextFormat.SummaryLine(report, labels) };
        if (report.Fixed is { Count: > 0 } gone)
        {
            output.Add(labels.FixedSince + ":");
            output.AddRange(gone.Select(f => $"  {f.RuleId} {f.Title} ({names.Reference(f.Subject)})"));
        }

        suite.Add(new XElement("system-out", Clean(string.Join("\n", output))));
        return suite;
    }

    /// <summary>The enabled rules of the report, plus any rule its findings or errors name that the report does not list.</summary>
    private static List<(string RuleSet, string Id, string Title, Severity Severity)> Rules(ComplianceReport report)
    {
        var rules = report.Rules.Select(r => (r.RuleSet, r.Id, Title: r.Title.Get(report.Language), r.Severity)).ToList();
        foreach (var f in report.Findings)
        {
            if (!rules.Exists(r => r.RuleSet == f.RuleSet && r.Id == f.RuleId)) rules.Add((f.RuleSet, f.RuleId, f.Title, f.Severity));
        }

        foreach (var e in report.Errors)
        {
            if (!rules.Exists(r => r.Id == e.RuleId)) rules.Add((string.Empty, e.RuleId, e.RuleId, Severity.Info));
        }

        return rules;
    }

    /// <summary>A finding for a failure's text: subject by its display name, owner, message, remediation, waiver; verbose adds the references and the fingerprint.</summary>
    private static string Describe(Finding f, ReportLabels labels, ReportNames names, bool verbose)
    {
        var text = new StringBuilder();
        text.Append('[').Append(labels.Severities[f.Severity]).Append(']');
        if (f.Waived) text.Append(" [").Append(labels.Waived).Append(']');
        if (f.Baseline is { } state) text.Append(" [").Append(labels.BaselineLabel(state)).Append(']');
        text.Append(' ').Append(names.Subject(f));
        if (names.Owner(f) is { } owner) text.Append(" · ").Append(labels.Owner).Append(": ").Append(owner);
        if (labels.Age(f) is { } age) text.Append(" (").Append(age).Append(')');
        text.Append('\n').Append(f.Message);
        if (!string.IsNullOrEmpty(f.Remediation)) text.Append('\n').Append(labels.Remediation).Append(": ").Append(f.Remediation);
        if (f.Waiver is { } waiver)
        {
            var approved = waiver.ApprovedBy is null ? string.Empty : labels.Format(labels.ApprovedBy, waiver.ApprovedBy);
            text.Append('\n').Append(labels.Format(labels.WaiverDetail, Date(waiver.Expires), approved, waiver.Justification));
        }

        if (verbose)
        {
            text.Append('\n').Append(labels.Subject).Append(": ").Append(f.Subject);
            if (f.Owner is { } ownerRef) text.Append('\n').Append(labels.Owner).Append(": ").Append(ownerRef);
        }

        text.Append('\n').Append(labels.Fingerprint).Append(": ").Append(f.Fingerprint);
        return text.ToString();
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", Clean(value)));

    private static int Sum(IEnumerable<XElement> suites, string attribute) => suites.Sum(s => (int)s.Attribute(attribute)!);

    private static string ReportSeverity(Severity severity) => severity.ToString().ToLowerInvariant();

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot hold (control characters other than tab and line ends).</summary>
    private static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) builder.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text[i]).Append(text[i + 1]);
                i++;
            }
        }

        return builder.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture) => NewLine = "\n";

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
