using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Engine;

/// <summary>The <c>group</c> element, run on a real NRules session.</summary>
public class GroupElementTests
{
    /// <summary>Mentions on three platforms; m5 has no sentiment.</summary>
    internal const string Mentions = """
    {
      "asOf": "2026-11-26",
      "organisation": { "id": "o", "name": "Org" },
      "channels": [
        { "id": "li", "platform": "linkedin", "scope": "external", "handle": "org-li" },
        { "id": "xing", "platform": "xing", "scope": "external", "handle": "org-xing" }
      ],
      "mentions": [
        { "id": "m3", "platform": "linkedin", "at": "2026-11-20T08:00:00Z", "sentiment": "negative" },
        { "id": "m1", "platform": "linkedin", "at": "2026-11-21T08:00:00Z", "sentiment": "negative" },
        { "id": "m2", "platform": "xing", "at": "2026-11-22T08:00:00Z", "sentiment": "negative" },
        { "id": "m4", "platform": "linkedin", "at": "2026-11-23T08:00:00Z", "sentiment": "positive" },
        { "id": "m5", "platform": "instagram", "at": "2026-11-24T08:00:00Z" },
        { "id": "m6", "platform": "xing", "at": "2026-11-24T08:00:00Z", "sentiment": "negative", "status": "responded" }
      ]
    }
    """;

    private const string NegativeByPlatform = """
        { "group": { "fact": "Mention", "as": "m", "where": ["m.sentiment == 'negative'", "m.status == 'new'"] }, "by": "m.platform", "as": "g" }
        """;

    [Fact]
    public void Group_binds_once_per_key_with_key_count_and_items_in_id_order()
    {
        var report = Evaluate(RuleSet(Rule("T-001", NegativeByPlatform, "\"{g}: {g.count} ({len(g.items)}) {g.items}\"")), model: Mentions);
        Assert.Equal(["T-001 Mention.platform/linkedin", "T-001 Mention.platform/xing"], Found(report));
        var linkedin = report.Findings.Single(f => f.Subject.Id == "linkedin");
        Assert.Equal("LinkedIn: 2 (2) m1, m3", linkedin.Message);
    }

    [Fact]
    public void Later_elements_read_the_group()
    {
        var report = Evaluate(RuleSet(Rule("T-001", NegativeByPlatform + """, { "test": "g.count >= 2" }""", "\"{g.items}\"")), model: Mentions);
        Assert.Equal(["T-001 Mention.platform/linkedin"], Found(report));
    }

    [Fact]
    public void Facts_with_a_null_key_are_left_out()
    {
        var report = Evaluate(RuleSet(Rule("T-001", """
            { "group": { "fact": "Mention", "as": "m" }, "by": "m.sentiment", "as": "g" }
            """, "\"{g.key} {g.count}\"")), model: Mentions);
        Assert.Equal(["T-001 Mention.sentiment/negative", "T-001 Mention.sentiment/positive"], Found(report));
        Assert.Equal(["negative 4", "positive 1"], report.Findings.Select(f => f.Message));
    }

    [Fact]
    public void A_by_that_is_not_a_plain_member_gives_the_key_path()
    {
        var report = Evaluate(RuleSet(Rule("T-001", """
            { "group": { "fact": "Mention", "as": "m" }, "by": "daysSince(m.at)", "as": "g" }
            """)), model: Mentions);
        Assert.Equal(["T-001 Mention.key/2", "T-001 Mention.key/3", "T-001 Mention.key/4", "T-001 Mention.key/5", "T-001 Mention.key/6"], Found(report).Order());
    }

    [Fact]
    public void Correlated_group_reads_an_earlier_alias()
    {
        var report = Evaluate(RuleSet(Rule("T-001", """
            { "fact": "Channel", "as": "c" },
            { "group": { "fact": "Mention", "as": "m", "where": "m.platform == c.platform" }, "by": "m.sentiment", "as": "g" }
            """, "\"{c.id} {g.key} {g.count}\"", subject: "g")), model: Mentions);
        Assert.Equal(["T-001 Mention.sentiment/negative", "T-001 Mention.sentiment/positive"], Found(report));
        // Two channels have negative mentions: one finding per (rule, subject), the first in the order of the bound facts.
        Assert.Equal(["li negative 2", "li positive 1"], report.Findings.Select(f => f.Message));
    }

    [Fact]
    public void The_subject_carries_the_key_for_display()
    {
        var report = Evaluate(RuleSet(Rule("T-001", NegativeByPlatform)), model: Mentions);
        var finding = report.Findings.First();
        Assert.Equal("Mention.platform", finding.Subject.Type);
        Assert.Equal(Deeg.Policy.Model.Platform.Linkedin, finding.Subject.GroupKey);
        Assert.Equal(finding.Subject, SubjectRef.TryParse("Mention.platform/linkedin"));
    }

    [Fact]
    public void Group_findings_can_be_waived_and_have_stable_fingerprints()
    {
        var ruleSet = RuleSet(Rule("T-001", NegativeByPlatform));
        var waivers = WaiverSet.Parse("""
            { "waivers": [ { "rule": "T-001", "subject": "Mention.platform/xing", "justification": "known", "expires": "2027-01-01", "approvedBy": "x" } ] }
            """, "w.json");
        var report = Evaluate(ruleSet, new EvaluationOptions { Waivers = waivers.Waivers! }, model: Mentions);
        Assert.Equal(["Mention.platform/linkedin"], report.Findings.Where(f => !f.Waived).Select(f => f.Subject.ToString()));
        Assert.Equal(["Mention.platform/xing"], report.Findings.Where(f => f.Waived).Select(f => f.Subject.ToString()));
        Assert.Empty(report.Waivers.Unused);
        var again = Evaluate(ruleSet, model: Mentions);
        Assert.Equal(again.Findings.Select(f => f.Fingerprint), report.Findings.Select(f => f.Fingerprint));
        Assert.Equal(Deeg.Policy.Reporting.ReportBuilder.Fingerprint("t", "T-001", "Mention.platform/xing"), report.Findings.Single(f => f.Waived).Fingerprint);
    }

    [Theory]
    [InlineData("""{ "not": [ { "group": { "fact": "Mention", "as": "m" }, "by": "m.platform", "as": "g" } ] }""", 12)]
    [InlineData("""{ "exists": [ { "group": { "fact": "Mention", "as": "m" }, "by": "m.platform", "as": "g" } ] }""", 15)]
    [InlineData("""{ "anyOf": [ [ { "group": { "fact": "Mention", "as": "m" }, "by": "m.platform", "as": "g" } ] ] }""", 16)]
    public void Group_inside_a_nested_element_is_an_error_with_its_position(string element, int column)
    {
        var ruleSet = RuleSet(Rule("T-001", """{ "fact": "Channel", "as": "c" },""" + "\n" + element));
        var diagnostic = Assert.Single(BuildDiagnostics(ruleSet));
        Assert.Equal("DP3012", diagnostic.Code);
        Assert.Contains("'group' is only allowed at the top level", diagnostic.Message);
        Assert.Equal(2, diagnostic.Line);
        Assert.Equal(column, diagnostic.Column);
    }

    [Fact]
    public void Group_as_the_source_of_forAll_is_an_error_with_its_position()
    {
        var ruleSet = RuleSet(Rule("T-001", """{ "fact": "Channel", "as": "c" },""" + "\n" + """{ "forAll": { "group": { "fact": "Mention", "as": "m" }, "by": "m.platform", "as": "g" }, "require": "true" }"""));
        var diagnostic = Assert.Single(BuildDiagnostics(ruleSet));
        Assert.Equal("DP3012", diagnostic.Code);
        Assert.Contains("'group' is only allowed at the top level", diagnostic.Message);
        Assert.Equal(2, diagnostic.Line);
        Assert.Equal(13, diagnostic.Column);
    }

    [Fact]
    public void Unknown_group_member_and_unsuitable_key_are_errors()
    {
        var member = Assert.Single(BuildDiagnostics(RuleSet(Rule("T-001", NegativeByPlatform, "\"{g.size}\""))));
        Assert.Contains("unknown member 'size' on group of Mention", member.Message);
        var key = Assert.Single(BuildDiagnostics(RuleSet(Rule("T-001", """{ "group": { "fact": "Mention", "as": "m" }, "by": "m", "as": "g" }"""))));
        Assert.Contains("'by' must be a number, string, bool, date, datetime, duration or enum", key.Message);
    }

    [Fact]
    public void Why_not_explains_each_group_and_evidence_shows_the_group()
    {
        var ruleSet = RuleSet(Rule("T-001", NegativeByPlatform + """, { "test": "g.count >= 2" }"""));
        var explanation = CreateEngine(ruleSet).Explain(LoadModel(Mentions), "T-001");
        Assert.Equal("Mention.platform", explanation.SubjectType);
        var bySubject = explanation.Candidates.ToDictionary(c => c.Subject.ToString());
        Assert.Equal(["Mention.platform/linkedin", "Mention.platform/xing"], bySubject.Keys);
        Assert.True(bySubject["Mention.platform/linkedin"].Fires);
        var xing = bySubject["Mention.platform/xing"];
        Assert.False(xing.Fires);
        Assert.Equal("element 2 (test)", xing.FailedElement);
        Assert.Equal("1", xing.Values["g.count"]);

        var only = CreateEngine(ruleSet).Explain(LoadModel(Mentions), "T-001", SubjectRef.TryParse("Mention.platform/xing"));
        Assert.Equal("Mention.platform/xing", Assert.Single(only.Candidates).Subject.ToString());

        var finding = Assert.Single(Evaluate(ruleSet, new EvaluationOptions { Explain = true }, model: Mentions).Findings);
        Assert.Equal("Mention.platform/linkedin", finding.Evidence!["g"]);
        Assert.Equal(true, finding.Evidence["g.count >= 2"]);
        Assert.Equal(["g"], finding.Facts.Keys);
    }

    [Fact]
    public void A_group_without_by_or_as_or_with_an_unknown_property_is_an_error_with_its_position()
    {
        var missing = BuildDiagnostics(RuleSet(Rule("T-001", "\n" + """{ "group": { "fact": "Mention", "as": "m" } }""")));
        Assert.Equal(2, missing.Count);
        Assert.All(missing, d => Assert.Equal((2, 1), (d.Line, d.Column)));
        Assert.Contains(missing, d => d.Message.Contains("'by'", StringComparison.Ordinal));
        Assert.Contains(missing, d => d.Message.Contains("'as'", StringComparison.Ordinal));

        var unknown = Assert.Single(BuildDiagnostics(RuleSet(Rule("T-001", "\n" + """{ "group": { "fact": "Mention", "as": "m" }, "by": "m.platform", "as": "g", "of": "m.id" }"""))));
        Assert.Equal("DP3003", unknown.Code);
        Assert.Equal((2, 77), (unknown.Line, unknown.Column)); // at "of"
    }
}
