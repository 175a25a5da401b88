using System.Xml.Linq;

namespace Deeg.Policy.Cli.Tests;

/// <summary><c>check --format junit</c>: well-formed XML, one suite per organisation, one case per enabled rule, correct counts.</summary>
public class JUnitOutputTests
{
    private static XDocument Parse(string xml) => XDocument.Parse(xml, LoadOptions.SetLineInfo);

    [Fact]
    public void One_case_per_rule_failed_when_it_has_unwaived_findings()
    {
        using var dir = new TempDir();
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--waivers", ReportFormats.WaiverFile(dir), "--format", "junit");
        Assert.Equal(1, result.Code);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites", result.Stdout, StringComparison.Ordinal);
        var doc = Parse(result.Stdout);

        var root = doc.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        var suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal("Muster Maschinenbau GmbH (muster)", (string?)suite.Attribute("name"));
        Assert.Equal("2", (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        Assert.Equal("0", (string?)suite.Attribute("errors"));
        Assert.Equal("0", (string?)suite.Attribute("skipped"));
        Assert.Equal("2", (string?)root.Attribute("tests"));
        Assert.Equal("1", (string?)root.Attribute("failures"));

        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(["MUSTER-001 Executive sponsor is not active internally", "MUSTER-002 Channel with a single admin"], cases.Select(c => (string?)c.Attribute("name")));
        Assert.All(cases, c => Assert.Equal("muster-extra", (string?)c.Attribute("classname")));

        var failure = Assert.Single(cases[0].Elements("failure"));
        Assert.Equal("1 finding", (string?)failure.Attribute("message"));
        Assert.Equal("medium", (string?)failure.Attribute("type"));
        Assert.Contains("Ben Beispiel sponsors social media but has not been active internally for over 30 days.", failure.Value, StringComparison.Ordinal);
        Assert.Contains("[medium] Person Ben Beispiel\n", failure.Value, StringComparison.Ordinal); // by display name, not Person/p-cmo

        // The waived finding does not fail its rule; it is named in system-out.
        Assert.Empty(cases[1].Elements("failure"));
        Assert.Contains("[waived]", cases[1].Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Contains(suite.Element("properties")!.Elements("property"), p => (string?)p.Attribute("name") == "score" && (string?)p.Attribute("value") == "63");
    }

    [Fact]
    public void One_suite_per_model_and_totals_add_up()
    {
        var models = ReportFormats.SampleModels.ToArray();
        var json = (Newtonsoft.Json.Linq.JArray)ReportFormats.Parse(Cli.Run(["check", .. models, "--format", "json", "--fail-on", "none"]).Stdout);
        var result = Cli.Run(["check", .. models, "--format", "junit", "--fail-on", "none", "--lang", "de"]);
        Assert.Equal(0, result.Code);
        var root = Parse(result.Stdout).Root!;
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(models.Length, suites.Count);

        var totalTests = 0;
        var totalFailures = 0;
        for (var i = 0; i < suites.Count; i++)
        {
            var report = json[i];
            var suite = suites[i];
            var evaluated = (int)report["summary"]!["rulesEvaluated"]!;
            var passed = (int)report["summary"]!["rulesPassed"]!;
            Assert.Contains("(" + (string?)report["organisation"]!["id"] + ")", (string?)suite.Attribute("name"), StringComparison.Ordinal);
            Assert.Equal(evaluated, (int)suite.Attribute("tests")!);
            Assert.Equal(evaluated, suite.Elements("testcase").Count());
            Assert.Equal(evaluated - passed, (int)suite.Attribute("failures")!);
            Assert.Equal(evaluated - passed, suite.Elements("testcase").Count(c => c.Element("failure") is not null));
            totalTests += evaluated;
            totalFailures += evaluated - passed;

            // German failure messages: "N Befund(e)".
            foreach (var failure in suite.Descendants("failure"))
                Assert.Matches("^[0-9]+ Befunde?$", (string?)failure.Attribute("message"));
        }

        Assert.Equal(totalTests, (int)root.Attribute("tests")!);
        Assert.Equal(totalFailures, (int)root.Attribute("failures")!);
    }
}
