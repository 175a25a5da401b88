using Deeg.Policy.Reporting.Sarif;
using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Writers;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.Tests.Reporting.Writers.ReportSamples;

namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>The <c>sarif</c> format behind the writer abstraction: the same log as <see cref="SarifReportWriter"/>, the tool name and model files from the options.</summary>
public class SarifFormatTests
{
    private const string ModelText = """
        {
          "organisation": { "id": "acme", "name": "ACME Maschinenbau GmbH" },
          "channels": [
            { "id": "b", "platform": "xing", "scope": "external" },
            { "id": "a", "platform": "linkedin", "scope": "external" }
          ]
        }
        """;

    private static int StartLine(JToken log, int result) =>
        (int)log["runs"]![0]!["results"]![result]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!;

    [Fact]
    public void The_log_of_SarifReportWriter_with_a_line_break()
    {
        var reports = new[] { Nine(), Report([], id: "two") };
        Assert.Equal(SarifReportWriter.Write(reports) + "\n", SarifFormat.Instance.WriteToString(reports));
    }

    [Fact]
    public void The_driver_is_the_tool_of_the_options()
    {
        var log = JObject.Parse(SarifFormat.Instance.WriteToString([Nine()], new ReportWriterOptions { ToolName = "acme-audit" }));
        var driver = log["runs"]![0]!["tool"]!["driver"]!;
        Assert.Equal("acme-audit", (string?)driver["name"]);
        Assert.Equal("acme-audit " + (string?)driver["version"], (string?)driver["fullName"]);
    }

    [Fact]
    public void Model_text_from_the_host_gives_the_lines_of_subjects()
    {
        var report = Report([Finding("GOV-001", Severity.High, "Channel/a"), Finding("GOV-003", Severity.Medium, "Channel/b")]);
        var asked = new List<string>();
        var options = new ReportWriterOptions
        {
            ReadModelFile = name =>
            {
                asked.Add(name);
                return ModelText;
            },
        };
        var log = JObject.Parse(SarifFormat.Instance.WriteToString([report], options));
        Assert.Equal(["models/acme.json"], asked);
        Assert.Equal(5, StartLine(log, 0));
        Assert.Equal(4, StartLine(log, 1));
        Assert.Equal("models/acme.json", (string?)log["runs"]![0]!["artifacts"]![0]!["location"]!["uri"]);
    }

    [Fact]
    public void No_model_text_puts_every_result_on_line_1()
    {
        var report = Report([Finding("GOV-001", Severity.High, "Channel/a")]);
        var log = JObject.Parse(SarifFormat.Instance.WriteToString([report], new ReportWriterOptions { ReadModelFile = _ => null }));
        Assert.Equal(1, StartLine(log, 0));
    }
}
