using System.Xml.Linq;
using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Writers;
using static Deeg.Policy.Tests.Reporting.Writers.ReportSamples;

namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>The <c>junit</c> format over reports built in code: error cases and well-formed XML whatever the messages hold.</summary>
public class JUnitFormatTests
{
    private static XDocument Parse(string xml) => XDocument.Parse(xml, LoadOptions.SetLineInfo);

    [Fact]
    public void A_rule_that_failed_at_evaluation_time_is_an_error_case()
    {
        var report = Report([Finding("GOV-001", Severity.Critical, "Channel/a")], [new EvaluationError("GOV-009", "it broke")]);
        var root = Parse(JUnitFormat.Render([report], ReportLabels.English)).Root!;
        var suite = root.Element("testsuite")!;
        Assert.Equal("1", (string?)suite.Attribute("errors"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        var error = suite.Elements("testcase").Single(c => ((string?)c.Attribute("name"))!.StartsWith("GOV-009", StringComparison.Ordinal)).Element("error")!;
        Assert.Equal("it broke", (string?)error.Attribute("message"));
    }

    [Fact]
    public void Control_characters_and_markup_in_messages_stay_well_formed()
    {
        var report = Report([Finding("GOV-001", Severity.High, "Channel/a", message: "a <b> & \"c\" \u0001 ]]> end")]);
        var xml = JUnitFormat.Render([report], ReportLabels.English);
        var failure = Parse(xml).Descendants("failure").Single();
        Assert.Contains("a <b> & \"c\"  ]]> end", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void One_suite_per_report_named_after_the_tool()
    {
        var xml = JUnitFormat.Instance.WriteToString([Nine(), Report([], id: "two")], new ReportWriterOptions { ToolName = "acme-audit", Language = "de" });
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites name=\"acme-audit\"", xml, StringComparison.Ordinal);
        var root = Parse(xml).Root!;
        Assert.Equal(2, root.Elements("testsuite").Count());
        var gov006 = root.Descendants("testcase").Single(c => ((string?)c.Attribute("name"))!.StartsWith("GOV-006", StringComparison.Ordinal));
        Assert.Equal("2 Befunde", (string?)gov006.Element("failure")!.Attribute("message")); // three findings, one waived
        Assert.Contains("[ausgenommen]", gov006.Element("system-out")!.Value, StringComparison.Ordinal);
    }
}
