using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Writers;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.Tests.Reporting.Writers.ReportSamples;

namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>The <c>json</c> format: one report is the report object, several an array in the given order.</summary>
public class JsonFormatTests
{
    [Fact]
    public void One_report_is_its_report_JSON()
    {
        var report = Nine();
        Assert.Equal(report.ToJson() + "\n", JsonFormat.Instance.WriteToString([report]));
    }

    [Fact]
    public void Several_reports_are_an_array_in_order()
    {
        var one = Report([], id: "one");
        var two = Report([Finding("GOV-001", Severity.Critical, "Channel/a")], id: "two");
        var json = JsonFormat.Instance.WriteToString([one, two]);
        var array = JArray.Parse(json);
        Assert.Equal(["one", "two"], array.Select(r => (string?)r["organisation"]!["id"]));
        Assert.Equal(JObject.Parse(two.ToJson()).ToString(), array[1].ToString());
        Assert.StartsWith("[\n  {\n    \"schemaVersion\": 1,", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n]\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_array_is_each_report_JSON_indented_by_two_spaces()
    {
        var reports = new[] { Nine(), Report([], id: "two") };
        var expected = "[\n" + string.Join(",\n", reports.Select(r => string.Join('\n', r.ToJson().Split('\n').Select(l => "  " + l)))) + "\n]\n";
        Assert.Equal(expected, JsonFormat.Instance.WriteToString(reports));
    }

    [Fact]
    public void No_report_is_an_empty_array()
    {
        Assert.Equal("[]\n", JsonFormat.Instance.WriteToString([]));
    }

    [Fact]
    public void The_language_option_does_not_change_the_JSON()
    {
        var report = Nine();
        Assert.Equal(JsonFormat.Instance.WriteToString([report]), JsonFormat.Instance.WriteToString([report], new ReportWriterOptions { Language = "de" }));
    }
}
