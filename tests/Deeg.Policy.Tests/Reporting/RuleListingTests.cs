using Deeg.Policy.Reporting;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Reporting;

/// <summary><see cref="RuleListing"/>: the JSON array and the table of <c>deeg-policy rules</c>.</summary>
public class RuleListingTests
{
    private static RuleInfo Rule(string ruleSet, string id, Severity severity, bool enabled = true, params string[] tags) => new()
    {
        Id = id,
        RuleSet = ruleSet,
        Severity = severity,
        Category = "governance",
        Title = new LocalizedText([new("en", id + " title"), new("de", id + " Titel")]),
        Enabled = enabled,
        Tags = tags,
        References = [],
    };

    private static readonly RuleInfo[] Rules =
    [
        Rule("zeta", "Z-001", Severity.Low),
        Rule("alpha", "A-010", Severity.Critical, enabled: false, "a", "b"),
        Rule("alpha", "A-002", Severity.Info),
    ];

    private static readonly RuleSetSummary[] RuleSets = [new("alpha", "1.0.0", 2), new("zeta", "2.0.0", 1)];

    [Fact]
    public void Json_is_an_array_by_rule_set_then_id_with_titles_in_the_language()
    {
        using var output = new StringWriter();
        RuleListing.WriteJson(Rules, output, "de");
        var text = output.ToString();
        Assert.EndsWith("]\n", text, StringComparison.Ordinal);
        Assert.StartsWith("[\n  {\n    \"id\": \"A-002\",", text, StringComparison.Ordinal);
        var array = JArray.Parse(text);
        Assert.Equal(["A-002", "A-010", "Z-001"], array.Select(r => (string?)r["id"]));
        Assert.Equal(["id", "ruleSet", "severity", "category", "title", "enabled", "tags"], ((JObject)array[1]).Properties().Select(p => p.Name));
        Assert.Equal("A-010 Titel", (string?)array[1]["title"]);
        Assert.Equal("critical", (string?)array[1]["severity"]);
        Assert.False((bool)array[1]["enabled"]!);
        Assert.Equal(["a", "b"], array[1]["tags"]!.Select(t => (string?)t));
    }

    [Fact]
    public void Json_titles_default_to_English()
    {
        using var output = new StringWriter();
        RuleListing.WriteJson(Rules, output);
        Assert.Equal("A-002 title", (string?)JArray.Parse(output.ToString())[0]["title"]);
    }

    [Fact]
    public void Text_is_a_table_with_a_count()
    {
        using var output = new StringWriter();
        RuleListing.WriteText(Rules, RuleSets, output);
        var lines = output.ToString().Split('\n');
        Assert.Equal("RULE SET  ID     SEVERITY  CATEGORY    ENABLED  TITLE", lines[0]);
        Assert.Equal("alpha     A-002  info      governance  yes      A-002 title", lines[1]);
        Assert.Equal("alpha     A-010  critical  governance  no       A-010 title", lines[2]);
        Assert.Equal("zeta      Z-001  low       governance  yes      Z-001 title", lines[3]);
        Assert.Equal(["", "3 rules in 2 rule sets", ""], lines[4..]);
    }

    [Fact]
    public void Text_in_German()
    {
        using var output = new StringWriter();
        RuleListing.WriteText([Rules[0]], [RuleSets[1]], output, "de");
        var text = output.ToString();
        Assert.StartsWith("REGELWERK  ID     SCHWERE  KATEGORIE   AKTIV  TITEL\n", text, StringComparison.Ordinal);
        Assert.Contains("niedrig", text, StringComparison.Ordinal);
        Assert.Contains("Z-001 Titel", text, StringComparison.Ordinal);
        Assert.EndsWith("\n1 Regel in 1 Regelwerk\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_rules_is_one_line()
    {
        using var output = new StringWriter();
        RuleListing.WriteText([], [], output);
        Assert.Equal("No rules loaded.\n", output.ToString());
    }
}
