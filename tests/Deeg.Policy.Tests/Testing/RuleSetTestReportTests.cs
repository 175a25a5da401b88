using System.Xml.Linq;
using Deeg.Policy.Testing;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Testing;

/// <summary><see cref="RuleSetTestReport"/>: the text, JSON and JUnit output of <c>deeg-policy test</c>.</summary>
public class RuleSetTestReportTests
{
    private static readonly RuleSetTestRun[] Runs =
    [
        new()
        {
            File = "tests/a.tests.json",
            Cases = [Case("passes"), Case("fails", "expected GOV-006 on Channel/x", "found nothing")],
            Rules = ["GOV-001", "GOV-006"],
            RulesFired = ["GOV-001"],
        },
        new() { File = "tests/b.tests.json", Cases = [Case("also passes")], Rules = ["GOV-001"], RulesFired = ["GOV-001"] },
    ];

    private static RuleSetTestCaseResult Case(string name, params string[] failures) => new() { Name = name, Failures = failures, Findings = [] };

    private static string Write(Action<IReadOnlyList<RuleSetTestRun>, TextWriter> write)
    {
        using var output = new StringWriter();
        write(Runs, output);
        return output.ToString();
    }

    [Fact]
    public void Text_lists_the_failed_cases_then_the_totals_and_the_coverage()
    {
        Assert.Equal(
            "FAIL tests/a.tests.json: fails\n  expected GOV-006 on Channel/x\n  found nothing\n\n" +
            "2 passed, 1 failed\nrules fired in at least one case: 1 of 2 (never fired: GOV-006)\n",
            Write(RuleSetTestReport.WriteText));
        Assert.Equal("2 passed, 1 failed\nrules fired in at least one case: 1 of 2 (never fired: GOV-006)\n", Write(RuleSetTestReport.WriteSummary));
    }

    [Fact]
    public void Without_failures_only_the_summary()
    {
        using var output = new StringWriter();
        RuleSetTestReport.WriteText([Runs[1]], output);
        Assert.Equal("1 passed, 0 failed\nrules fired in at least one case: 1 of 1\n", output.ToString());
    }

    [Fact]
    public void JUnit_has_a_suite_per_file_and_a_case_per_case()
    {
        var xml = Write(RuleSetTestReport.WriteJUnit);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites", xml, StringComparison.Ordinal);
        Assert.EndsWith("</testsuites>\n", xml, StringComparison.Ordinal);
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal(("3", "1"), ((string?)root.Attribute("tests"), (string?)root.Attribute("failures")));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["tests/a.tests.json", "tests/b.tests.json"], suites.Select(s => (string?)s.Attribute("name")));
        var failure = suites[0].Elements("testcase").Single(c => (string?)c.Attribute("name") == "fails").Element("failure")!;
        Assert.Equal("expected GOV-006 on Channel/x", (string?)failure.Attribute("message"));
        Assert.Equal("expected GOV-006 on Channel/x\nfound nothing", failure.Value);
        Assert.Equal("a.tests.json", (string?)suites[0].Element("testcase")!.Attribute("classname"));
    }

    [Fact]
    public void Json_has_the_totals_every_case_and_the_coverage()
    {
        var json = Write(RuleSetTestReport.WriteJson);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        var root = JObject.Parse(json);
        Assert.Equal(["passed", "failed", "cases", "coverage"], root.Properties().Select(p => p.Name));
        Assert.Equal((2, 1), ((int)root["passed"]!, (int)root["failed"]!));
        var cases = (JArray)root["cases"]!;
        Assert.Equal(["passes", "fails", "also passes"], cases.Select(c => (string)c["name"]!));
        Assert.Equal(["tests/a.tests.json", "tests/a.tests.json", "tests/b.tests.json"], cases.Select(c => (string)c["file"]!));
        Assert.Equal([true, false, true], cases.Select(c => (bool)c["passed"]!));
        Assert.Equal(["file", "name", "passed", "failures"], ((JObject)cases[0]).Properties().Select(p => p.Name));
        Assert.Empty((JArray)cases[0]["failures"]!);
        Assert.Equal(["expected GOV-006 on Channel/x", "found nothing"], cases[1]["failures"]!.Select(f => (string)f!));
        Assert.Equal(["GOV-001"], root["coverage"]!["fired"]!.Select(r => (string)r!));
        Assert.Equal(["GOV-006"], root["coverage"]!["neverFired"]!.Select(r => (string)r!));
    }

    [Fact]
    public void Json_of_no_runs_is_empty_but_complete()
    {
        using var output = new StringWriter();
        RuleSetTestReport.WriteJson([], output);
        var root = JObject.Parse(output.ToString());
        Assert.Equal((0, 0), ((int)root["passed"]!, (int)root["failed"]!));
        Assert.Empty((JArray)root["cases"]!);
        Assert.Empty((JArray)root["coverage"]!["fired"]!);
        Assert.Empty((JArray)root["coverage"]!["neverFired"]!);
    }
}
