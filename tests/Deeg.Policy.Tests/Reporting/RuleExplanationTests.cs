using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Reporting;

/// <summary><see cref="RuleExplanation.ToJson"/> and <see cref="RuleExplanation.ToText"/>: what <c>deeg-policy explain</c> prints.</summary>
public class RuleExplanationTests
{
    private static readonly RuleExplanation Explanation = new()
    {
        RuleId = "GOV-006",
        Title = "Dormant account",
        SubjectType = "Channel",
        Candidates =
    [
        new CandidateExplanation { Subject = new SubjectRef("Channel", "li"), Fires = true, Values = new Dictionary<string, object?>() },
        new CandidateExplanation
        {
            Subject = new SubjectRef("Channel", "xing"), Fires = false, FailedElement = "element 1 (fact Channel c)", Reason = "condition 'c.status == 'dormant'' is false",
            Values = new Dictionary<string, object?> { ["c"] = "Channel/xing", ["c.status"] = "active", ["missing"] = null },
        },
    ],
    };

    [Fact]
    public void Text_has_a_line_per_candidate_and_the_values_below_those_that_do_not_fire()
    {
        Assert.Equal(
            """
            GOV-006 Dormant account (subjects: Channel)
              Channel/li: fires
              Channel/xing: does not fire at element 1 (fact Channel c): condition 'c.status == 'dormant'' is false
                  c = Channel/xing
                  c.status = active
                  missing = 

            """.ReplaceLineEndings("\n"),
            Explanation.ToText());
    }

    [Fact]
    public void Text_says_when_the_model_has_no_candidate()
    {
        Assert.Equal("GOV-006 Dormant account (subjects: Channel)\n  the model has no Channel facts\n", (Explanation with { Candidates = [] }).ToText());
    }

    [Fact]
    public void Json_has_the_reason_and_values_only_for_candidates_that_do_not_fire()
    {
        var json = Explanation.ToJson();
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"ruleId\": \"GOV-006\",", json, StringComparison.Ordinal);
        var parsed = JObject.Parse(json);
        Assert.Equal(["ruleId", "title", "subjectType", "candidates"], parsed.Properties().Select(p => p.Name));
        var candidates = (JArray)parsed["candidates"]!;
        Assert.Equal(["subject", "fires"], ((JObject)candidates[0]).Properties().Select(p => p.Name));
        Assert.Equal(["subject", "fires", "failedElement", "reason", "values"], ((JObject)candidates[1]).Properties().Select(p => p.Name));
        Assert.Equal("active", (string?)candidates[1]["values"]!["c.status"]);
        Assert.Equal(JTokenType.Null, candidates[1]["values"]!["missing"]!.Type);
    }
}
