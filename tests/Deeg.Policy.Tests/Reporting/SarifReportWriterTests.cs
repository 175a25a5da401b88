using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Sarif;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.Tests.Reporting.ReportFixtures;

namespace Deeg.Policy.Tests.Reporting;

/// <summary>
/// <see cref="SarifReportWriter"/> mappings and the model line locator. Schema validation of the
/// output runs in the CLI tests (SarifOutputTests), which have the official schema and a validator.
/// </summary>
public class SarifReportWriterTests
{
    [Theory]
    [InlineData(Severity.Critical, "error", "9.5")]
    [InlineData(Severity.High, "error", "7.0")]
    [InlineData(Severity.Medium, "warning", "5.0")]
    [InlineData(Severity.Low, "note", "3.0")]
    [InlineData(Severity.Info, "note", "0.0")]
    public void Severity_maps_to_level_and_security_severity(Severity severity, string level, string securitySeverity)
    {
        Assert.Equal(level, SarifReportWriter.Level(severity));
        Assert.Equal(securitySeverity, SarifReportWriter.SecuritySeverity(severity));
    }

    [Theory]
    [InlineData("samples/models/acme.json", "samples/models/acme.json")]
    [InlineData("models\\acme co.json", "models/acme%20co.json")]
    [InlineData("/srv/models/acme.json", "file:///srv/models/acme.json")]
    public void Model_paths_become_uris(string path, string uri)
    {
        if (path.StartsWith('/') && OperatingSystem.IsWindows()) return;
        Assert.Equal(uri, SarifReportWriter.ToUri(path));
    }

    [Fact]
    public void Rule_ids_shared_by_two_rule_sets_are_qualified()
    {
        var a = Rule("R-1", Severity.High, ruleSet: "one");
        var b = Rule("R-1", Severity.Low, ruleSet: "two");
        var report = ReportBuilder.Build(Input([a, b], [Raw(a, "Channel/x"), Raw(b, "Channel/x")]));
        var run = JObject.Parse(SarifReportWriter.Write(report))["runs"]![0]!;
        Assert.Equal(["one/R-1", "two/R-1"], run["tool"]!["driver"]!["rules"]!.Select(r => (string?)r["id"]));
        Assert.Equal(["one/R-1", "two/R-1"], run["results"]!.Select(r => (string?)r["ruleId"]));
        Assert.Equal([0, 1], run["results"]!.Select(r => (int)r["ruleIndex"]!));
    }

    [Fact]
    public void Findings_with_and_without_waivers_and_a_report_without_a_model_file()
    {
        var rule = Rule("R-1", Severity.Medium);
        var report = ReportBuilder.Build(Input([rule], [Raw(rule, "Channel/a"), Raw(rule, "Channel/b")], [Waiver("R-1", "Channel/b", "2027-01-01", "because")]));
        var run = JObject.Parse(SarifReportWriter.Write(report))["runs"]![0]!;
        var results = (JArray)run["results"]!;
        Assert.Null(results[0]!["suppressions"]);
        Assert.Equal("because", (string?)results[1]!["suppressions"]![0]!["justification"]);
        Assert.Equal(report.Findings[1].Fingerprint, (string?)results[1]!["partialFingerprints"]!["deegPolicyFingerprint/v1"]);
        Assert.Equal("acme.json", (string?)run["artifacts"]![0]!["location"]!["uri"]);
        Assert.True((bool)run["invocations"]![0]!["executionSuccessful"]!);
        Assert.Null(results[0]!["baselineState"]);
    }

    [Fact]
    public void Locator_finds_facts_by_id_derived_id_and_the_organisation()
    {
        var path = Path.Combine(Path.GetTempPath(), "deeg-locator-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """
            {
              "organisation": { "id": "acme", "name": "ACME" },
              "channels": [
                { "id": "a", "platform": "x", "scope": "external" },
                { "id": "b", "platform": "x", "scope": "external" }
              ],
              "stakeholders": [
                { "group": "customers", "platform": "linkedIn" }
              ],
              "roles": [
                { "person": "p", "role": "channelAdmin", "channel": "b" }
              ],
              "extensions": { "Supplier": [
                { "id": "s1" }
              ] }
            }
            """);
        try
        {
            var locator = ModelLineLocator.ForFile(path);
            Assert.Equal(2, locator.LineOf(new SubjectRef("Organisation", "acme")));
            Assert.Equal(5, locator.LineOf(new SubjectRef("Channel", "b")));
            Assert.Equal(8, locator.LineOf(new SubjectRef("Stakeholder", "customers:linkedin")));
            Assert.Equal(11, locator.LineOf(new SubjectRef("RoleAssignment", "p:channelAdmin:b:")));
            Assert.Equal(14, locator.LineOf(new SubjectRef("Supplier", "s1")));
            Assert.Equal(1, locator.LineOf(new SubjectRef("Channel", "missing")));
            Assert.Equal(1, locator.LineOf(new SubjectRef("Unknown", "x")));
            Assert.Equal(1, ModelLineLocator.ForFile(path + ".missing").LineOf(new SubjectRef("Channel", "a")));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
