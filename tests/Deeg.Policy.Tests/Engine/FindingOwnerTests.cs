using Deeg.Policy.Reporting;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Engine;

/// <summary>
/// <c>finding.owner</c>: an expression giving the Person who must act, computed per finding; the
/// report's <c>owner</c>, <c>ownerName</c> and <c>subjectName</c>.
/// </summary>
public class FindingOwnerTests
{
    // Per channel, the admin bound by the rule: li → Anna (a), xing → Cem (c).
    private const string AdminWhen = """
        { "fact": "Channel", "as": "c", "where": "c.scope == 'external'" },
        { "fact": "RoleAssignment", "as": "r", "where": ["r.channel == c.id", "r.role == 'channelAdmin'"] },
        { "fact": "Person", "as": "p", "where": "p.id == r.person" }
        """;

    private static string OwnerRule(string owner) =>
        RuleSet(Rule("T-001", AdminWhen, subject: "c", extra: "").Replace("\"message\": \"found\"", $"\"message\": \"found\", \"owner\": {owner}", StringComparison.Ordinal));

    [Fact]
    public void The_owner_is_the_person_the_expression_gives_for_each_finding()
    {
        var report = Evaluate(OwnerRule("\"p\""));
        Assert.Equal(
            [("Channel/li", "Person/a", "Anna"), ("Channel/xing", "Person/c", "Cem")],
            report.Findings.Select(f => (f.Subject.ToString(), f.Owner?.ToString(), f.OwnerName)));
    }

    [Theory]
    [InlineData("\"null\"")]
    [InlineData("null")]
    public void A_null_owner_or_none_gives_no_owner(string owner)
    {
        var report = Evaluate(OwnerRule(owner));
        Assert.Equal(2, report.Findings.Count);
        Assert.All(report.Findings, f => Assert.Null(f.Owner));
        Assert.All(report.Findings, f => Assert.Null(f.OwnerName));
        var json = JObject.Parse(report.ToJson());
        Assert.All(json["findings"]!, f => Assert.Equal(JTokenType.Null, f["owner"]!.Type));
        Assert.All(json["findings"]!, f => Assert.Equal(JTokenType.Null, f["ownerName"]!.Type));
    }

    [Theory]
    [InlineData("c", "Channel")]
    [InlineData("p.name", "string")]
    [InlineData("r", "RoleAssignment")]
    [InlineData("1 + 2", "number")]
    public void An_owner_of_another_type_is_DP4005_at_the_expression(string owner, string type)
    {
        var json = RuleSet(Rule("T-001", AdminWhen, subject: "c"))
            .Replace("\"message\": \"found\"", "\"message\": \"found\",\n \"owner\": \"" + owner + "\"", StringComparison.Ordinal);
        var d = Assert.Single(BuildDiagnostics(json), d => d.Code == "DP4005");
        Assert.Equal($"'owner' must give a Person fact (or null), but the expression is {type}", d.Message);
        Assert.Equal(("t.rules.json", 4, 11), (d.File, d.Line, d.Column)); // the when above has two line breaks
    }

    [Fact]
    public void An_owner_with_an_unknown_name_is_reported_at_the_expression()
    {
        var json = RuleSet(Rule("T-001", AdminWhen, subject: "c"))
            .Replace("\"message\": \"found\"", "\"message\": \"found\",\n \"owner\": \"q\"", StringComparison.Ordinal);
        var d = Assert.Single(BuildDiagnostics(json), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((4, 11), (d.Line, d.Column));
        Assert.Contains("'q'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_owner_that_is_not_a_string_is_DP3002()
    {
        var json = RuleSet(Rule("T-001", AdminWhen, subject: "c"))
            .Replace("\"message\": \"found\"", "\"message\": \"found\",\n \"owner\": 42", StringComparison.Ordinal);
        var d = Assert.Single(BuildDiagnostics(json), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("'owner' must be an expression string", d.Message);
        Assert.Equal((4, 11), (d.Line, d.Column));
    }

    [Fact]
    public void The_report_json_gives_owner_owner_name_subject_name_and_language()
    {
        var json = JObject.Parse(Evaluate(OwnerRule("\"p\""), new EvaluationOptions { Language = "de" }).ToJson());
        Assert.Equal("de", (string?)json["language"]);
        var li = json["findings"]!.Single(f => (string?)f["subject"] == "Channel/li");
        Assert.Equal("org-li", (string?)li["subjectName"]); // no name: the handle
        Assert.Equal("Person/a", (string?)li["owner"]);
        Assert.Equal("Anna", (string?)li["ownerName"]);
        var names = ((JObject)li).Properties().Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("subject") + 1, names.IndexOf("subjectName"));
        Assert.Equal(1, (int)json["schemaVersion"]!);
    }

    [Theory]
    [InlineData("en", "knowledge management (Engage)", "Ben, community manager")]
    [InlineData("de", "Wissensmanagement (Engage)", "Ben, Community-Management")]
    public void Subject_names_are_display_names_in_the_reports_language(string language, string useCase, string role)
    {
        var json = RuleSet(
            Rule("T-001", """{ "fact": "UseCase", "as": "u", "where": "u.id == 'uc1'" }""") + ", "
            + Rule("T-002", """{ "fact": "RoleAssignment", "as": "r", "where": "r.person == 'b' and r.channel == null" }"""));
        var report = Evaluate(json, new EvaluationOptions { Language = language });
        Assert.Equal([useCase, role], report.Findings.Select(f => f.SubjectName));
    }

    [Theory]
    [InlineData("en", "negative", "Mention negative")]
    [InlineData("de", "negativ", "Erwähnung negativ")]
    public void A_group_subject_reads_as_its_key_an_enum_value_as_its_label(string language, string name, string shown)
    {
        var json = RuleSet(Rule("T-001", """{ "group": { "fact": "Mention", "as": "m" }, "by": "m.sentiment", "as": "g" }"""));
        var report = Evaluate(json, new EvaluationOptions { Language = language }, GroupElementTests.Mentions);
        var negative = report.Findings.Single(f => f.Subject.ToString() == "Mention.sentiment/negative");
        Assert.Equal(name, negative.SubjectName);
        var text = ReportWriters.Get("text").WriteToString([report]);
        Assert.Contains("    - " + shown + "\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_session_names_follow_the_facts_as_they_are_now()
    {
        var engine = CreateEngine(OwnerRule("\"p\""));
        using var session = engine.OpenSession(LoadModel());
        session.Upsert(new Deeg.Policy.Model.Person { Id = "a", Name = "Anna Brandt", Leadership = true });
        var li = session.Report().Findings.Single(f => f.Subject.Id == "li");
        Assert.Equal("Anna Brandt", li.OwnerName);
        Assert.Equal(
            JObject.Parse(engine.Evaluate(session.Model).ToJson())["findings"]!.ToString(),
            JObject.Parse(session.Report().ToJson())["findings"]!.ToString());
    }
}
