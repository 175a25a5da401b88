using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Engine;

/// <summary>Parameters, overrides, the evaluation date and languages.</summary>
public class OptionsTests
{
    private static readonly string AdminRule = RuleSet(Rule("T-101", """
        { "fact": "Channel", "as": "c" },
        { "count": { "fact": "RoleAssignment", "as": "r", "where": ["r.channel == c.id", "r.role in params.roles"] }, "as": "admins" },
        { "test": "admins < params.minAdmins" }
        """, """{ "en": "{c.id}: {admins} of {params.minAdmins}", "de": "{c.id}: {admins} von {params.minAdmins}" }"""));

    [Fact]
    public void Parameter_defaults_apply_without_overrides()
        => Assert.Equal(["T-101 Channel/eng", "T-101 Channel/xing"], Found(Evaluate(AdminRule)));

    [Fact]
    public void A_number_override_changes_the_result_and_the_message()
    {
        var options = new EvaluationOptions { Parameters = { ["t.minAdmins"] = 1 } };
        var report = Evaluate(AdminRule, options);
        Assert.Equal("eng: 0 of 1", Assert.Single(report.Findings).Message);
    }

    [Fact]
    public void A_string_override_from_the_command_line_is_converted_to_the_parameter_type()
    {
        var options = new EvaluationOptions { Parameters = { ["t.minAdmins"] = "3", ["t.roles"] = "channelAdmin" } };
        var report = Evaluate(AdminRule, options);
        Assert.Equal(["eng: 0 of 3", "li: 1 of 3", "xing: 1 of 3"], report.Findings.Select(f => f.Message));
    }

    [Fact]
    public void A_list_override_can_be_given_as_a_sequence()
    {
        var options = new EvaluationOptions { Parameters = { ["t.roles"] = new[] { "socialMediaLead" } } };
        Assert.Equal(3, Evaluate(AdminRule, options).Findings.Count);
    }

    [Fact]
    public void An_override_of_the_wrong_type_or_an_unknown_name_is_an_options_error()
    {
        var engine = CreateEngine(AdminRule);
        var bad = new EvaluationOptions { Parameters = { ["t.minAdmins"] = "many", ["t.minAdmin"] = 1 } };
        var diagnostics = engine.ValidateOptions(bad);
        Assert.Equal(["DP6001", "DP6002"], diagnostics.Select(d => d.Code).Order());
        Assert.Contains(diagnostics, d => d.Message.Contains("did you mean 't.minAdmins'?", StringComparison.Ordinal));
        Assert.Throws<EvaluationOptionsException>(() => engine.Evaluate(LoadModel(), bad));
    }

    [Fact]
    public void German_texts_are_used_when_asked_and_English_is_the_fallback()
    {
        Assert.Equal("eng: 0 von 2", Evaluate(AdminRule, new EvaluationOptions { Language = "de" }).Findings[0].Message);
        var french = Evaluate(AdminRule, new EvaluationOptions { Language = "fr" });
        Assert.Equal("eng: 0 of 2", french.Findings[0].Message);
        Assert.Equal("Title T-101", french.Findings[0].Title);
        Assert.Equal("Titel T-101", Evaluate(AdminRule, new EvaluationOptions { Language = "de" }).Findings[0].Title);
    }

    [Fact]
    public void The_evaluation_date_comes_from_the_options_then_the_model()
    {
        var rules = RuleSet(Rule("T-102", """{ "fact": "Channel", "as": "c", "where": "c.lastPostAt != null and daysSince(c.lastPostAt) > params.days" }""", "\"{asOf}\""));
        Assert.Equal(["T-102 Channel/xing"], Found(Evaluate(rules)));
        Assert.Equal(new DateOnly(2026, 11, 26), Evaluate(rules).AsOf);
        var later = Evaluate(rules, new EvaluationOptions { AsOf = new DateOnly(2027, 1, 1) });
        Assert.Equal(["T-102 Channel/li", "T-102 Channel/xing"], Found(later));
        Assert.Equal("2027-01-01", later.Findings[0].Message);
    }

    [Fact]
    public void The_same_engine_evaluates_with_different_parameters_and_dates_without_recompiling()
    {
        var engine = CreateEngine(AdminRule);
        var model = LoadModel();
        var one = engine.Evaluate(model, new EvaluationOptions { Parameters = { ["t.minAdmins"] = 1 } });
        var three = engine.Evaluate(model, new EvaluationOptions { Parameters = { ["t.minAdmins"] = 3 } });
        Assert.Single(one.Findings);
        Assert.Equal(3, three.Findings.Count);
    }

    [Fact]
    public void A_pattern_parameter_override_must_be_a_valid_regular_expression()
    {
        var engine = CreateEngine(RuleSet(Rule("T-103", """{ "fact": "Channel", "as": "c", "where": "c.handle matches params.pattern" }"""), "\"pattern\": \"^org-\""));
        Assert.Equal(["T-103 Channel/li", "T-103 Channel/xing"], Found(engine.Evaluate(LoadModel())));
        Assert.Equal(["T-103 Channel/li"], Found(engine.Evaluate(LoadModel(), new EvaluationOptions { Parameters = { ["t.pattern"] = "-li$" } })));
        var diagnostic = Assert.Single(engine.ValidateOptions(new EvaluationOptions { Parameters = { ["t.pattern"] = "(unclosed" } }));
        Assert.Equal("DP6003", diagnostic.Code);
    }
}
