using Deeg.Policy.Model;
using Deeg.Policy.Reporting;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.Tests.Reporting.ReportFixtures;

namespace Deeg.Policy.Tests.Reporting;

public class ReportJsonWriterTests
{
    private static ComplianceReport Sample()
    {
        var dormant = Rule("GOV-006", Severity.Medium, ruleSet: "governance", category: "governance");
        var owner = Rule("GOV-001", Severity.Critical, ruleSet: "governance", category: "governance");
        return ReportBuilder.Build(Input(
            [dormant, owner],
            [Raw(dormant, "Channel/xing-main", remediation: "Revive or close it."), Raw(owner, "Channel/li")],
            waivers: [Waiver("GOV-006", "Channel/xing-main", "2027-03-31", "Name protection."), Waiver("GOV-002", null, "2026-01-01")],
            errors: [new EvaluationError { RuleId = "GOV-009", Message = "it broke" }]));
    }

    [Fact]
    public void Writes_exactly_the_report_shape_of_cli_md()
    {
        var expected = """
            {
              "schemaVersion": 1,
              "tool": {
                "name": "deeg-policy",
                "version": "VERSION"
              },
              "asOf": "2026-11-26",
              "language": "en",
              "organisation": {
                "id": "acme",
                "name": "ACME Maschinenbau GmbH"
              },
              "ruleSets": [
                {
                  "id": "governance",
                  "version": "1.0.0",
                  "rules": 2
                }
              ],
              "summary": {
                "rulesEvaluated": 2,
                "rulesPassed": 1,
                "findings": 2,
                "waived": 1,
                "bySeverity": {
                  "critical": 1,
                  "high": 0,
                  "medium": 0,
                  "low": 0,
                  "info": 0
                },
                "score": 23
              },
              "findings": [
                {
                  "ruleId": "GOV-001",
                  "ruleSet": "governance",
                  "severity": "critical",
                  "category": "governance",
                  "title": "GOV-001 title",
                  "message": "GOV-001 fires for Channel/li",
                  "remediation": null,
                  "subject": "Channel/li",
                  "subjectName": "li",
                  "owner": null,
                  "ownerName": null,
                  "facts": {
                    "org": "Organisation/acme",
                    "x": "Channel/li"
                  },
                  "fingerprint": "FP1",
                  "waived": false
                },
                {
                  "ruleId": "GOV-006",
                  "ruleSet": "governance",
                  "severity": "medium",
                  "category": "governance",
                  "title": "GOV-006 title",
                  "message": "GOV-006 fires for Channel/xing-main",
                  "remediation": "Revive or close it.",
                  "subject": "Channel/xing-main",
                  "subjectName": "xing-main",
                  "owner": null,
                  "ownerName": null,
                  "facts": {
                    "org": "Organisation/acme",
                    "x": "Channel/xing-main"
                  },
                  "fingerprint": "0842be9b8f9c34e076706cc0dad84dd1",
                  "waived": true,
                  "waiver": {
                    "rule": "GOV-006",
                    "subject": "Channel/xing-main",
                    "justification": "Name protection.",
                    "approvedBy": "ciso@acme.example",
                    "expires": "2027-03-31"
                  }
                }
              ],
              "waivers": {
                "applied": [
                  {
                    "rule": "GOV-006",
                    "subject": "Channel/xing-main",
                    "justification": "Name protection.",
                    "approvedBy": "ciso@acme.example",
                    "expires": "2027-03-31"
                  }
                ],
                "expired": [
                  {
                    "rule": "GOV-002",
                    "subject": null,
                    "justification": "accepted",
                    "approvedBy": "ciso@acme.example",
                    "expires": "2026-01-01"
                  }
                ],
                "unused": []
              },
              "errors": [
                {
                  "ruleId": "GOV-009",
                  "message": "it broke"
                }
              ]
            }
            """.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("VERSION", ReportBuilder.ToolVersion, StringComparison.Ordinal)
            .Replace("FP1", ReportBuilder.Fingerprint("governance", "GOV-001", "Channel/li"), StringComparison.Ordinal);

        // Score: GOV-001 (10) fails, GOV-006 (3) is waived → 3 / 13 = 23.07… → 23.
        Assert.Equal(expected, ReportJsonWriter.Write(Sample()));
        Assert.Equal(expected, Sample().ToJson());
    }

    [Fact]
    public void WriteMany_is_an_array_of_the_reports_in_order()
    {
        var one = Sample();
        var two = ReportBuilder.Build(Input([], []) with { Organisation = new Organisation { Id = "second", Name = "Second" } });
        var json = ReportJsonWriter.WriteMany([one, two]);
        var array = JArray.Parse(json);
        Assert.Equal(["acme", "second"], array.Select(r => (string?)r["organisation"]!["id"]));

        // The CLI composes the same text by indenting each report by two spaces.
        var composed = "[\n" + string.Join(",\n", new[] { one, two }.Select(r => string.Join("\n", r.ToJson().Split('\n').Select(l => "  " + l)))) + "\n]";
        Assert.Equal(composed, json);
        Assert.Equal("[]", ReportJsonWriter.WriteMany([]));
    }

    [Fact]
    public void Evidence_is_written_only_when_present_with_json_values()
    {
        var rule = Rule("ACME-001", Severity.Low);
        var evidence = new Dictionary<string, object?>
        {
            ["c"] = new SubjectRef("Channel", "x"),
            ["person"] = new Person { Id = "p1" },
            ["days"] = 77m,
            ["share"] = 0.500m,
            ["count"] = 3,
            ["name"] = "Ben",
            ["flag"] = true,
            ["nothing"] = null,
            ["on"] = new DateOnly(2026, 9, 10),
            ["at"] = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(1)),
            ["window"] = TimeSpan.FromDays(90),
            ["platform"] = Platform.VivaEngage,
            ["list"] = new List<object?> { "DE", 1m, null },
            ["clause"] = new Clause { Type = ClauseType.Retention, Value = 30m },
        };
        var report = ReportBuilder.Build(Input([rule], [Raw(rule, "Channel/x", evidence: evidence), Raw(rule, "Channel/y")]));
        var findings = JArray.Parse(JObject.Parse(report.ToJson())["findings"]!.ToString());
        var withEvidence = (JObject)findings[0]!;
        Assert.Null(findings[1]!["evidence"]);
        Assert.Equal("evidence", withEvidence.Properties().Last().Name);

        var json = report.ToJson();
        Assert.Contains("\"c\": \"Channel/x\"", json, StringComparison.Ordinal);
        Assert.Contains("\"person\": \"Person/p1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"days\": 77,", json, StringComparison.Ordinal);
        Assert.Contains("\"share\": 0.5,", json, StringComparison.Ordinal);
        Assert.Contains("\"count\": 3,", json, StringComparison.Ordinal);
        Assert.Contains("\"flag\": true,", json, StringComparison.Ordinal);
        Assert.Contains("\"nothing\": null,", json, StringComparison.Ordinal);
        Assert.Contains("\"on\": \"2026-09-10\"", json, StringComparison.Ordinal);
        Assert.Contains("\"at\": \"2026-11-20T08:00:00Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"window\": \"90d\"", json, StringComparison.Ordinal);
        Assert.Contains("\"platform\": \"vivaEngage\"", json, StringComparison.Ordinal);
        var parsed = JObject.Parse(json)["findings"]![0]!["evidence"]!;
        Assert.Equal("[\"DE\",1,null]", parsed["list"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("retention", (string?)parsed["clause"]!["type"]);
        Assert.Equal(30, (int)parsed["clause"]!["value"]!);
    }

    [Fact]
    public void Output_uses_line_feeds_and_two_space_indentation()
    {
        var json = Sample().ToJson();
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"schemaVersion\": 1,\n", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("440", "440")]
    [InlineData("0.375", "0.375")]
    [InlineData("1.50", "1.5")]
    [InlineData("-2.0", "-2")]
    public void Numbers_have_no_trailing_zeros(string input, string expected) =>
        Assert.Equal(expected, ReportJsonWriter.FormatNumber(decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture)));
}
