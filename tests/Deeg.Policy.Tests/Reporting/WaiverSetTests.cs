
namespace Deeg.Policy.Tests.Reporting;

public class WaiverSetTests
{
    private static string Lines(params string[] lines) => string.Join("\n", lines);

    private static string Describe(WaiverSet set) => string.Join("\n", set.Diagnostics.Select(d => d.ToString()));

    [Fact]
    public void Parses_the_example_waiver_file()
    {
        var set = WaiverSet.Parse(Lines(
            "{",
            "  \"waivers\": [",
            "    { \"rule\": \"GOV-006\", \"subject\": \"Channel/xing-old\",",
            "      \"justification\": \"Kept for name protection until the closure decided for Q1 2027.\",",
            "      \"approvedBy\": \"p-ceo\", \"expires\": \"2027-03-31\" }",
            "  ]",
            "}"));

        Assert.True(set.Succeeded, Describe(set));
        Assert.Empty(set.Diagnostics);
        var waiver = Assert.Single(set.Waivers);
        Assert.Equal("GOV-006", waiver.Rule);
        Assert.Equal("Channel/xing-old", waiver.Subject);
        Assert.Equal("p-ceo", waiver.ApprovedBy);
        Assert.Equal(new DateOnly(2027, 3, 31), waiver.Expires);
        Assert.StartsWith("Kept for name protection", waiver.Justification, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_and_approvedBy_are_optional_and_may_be_null()
    {
        var set = WaiverSet.Parse("""{ "$schema": "x", "waivers": [ { "rule": "GOV-006", "justification": "j", "expires": "2027-01-01", "subject": null, "approvedBy": null } ] }""");
        Assert.True(set.Succeeded, Describe(set));
        Assert.Null(set.Waivers[0].Subject);
        Assert.Null(set.Waivers[0].ApprovedBy);
    }

    [Fact]
    public void Empty_waiver_list_is_valid()
    {
        var set = WaiverSet.Parse("""{ "waivers": [] }""");
        Assert.True(set.Succeeded);
        Assert.Empty(set.Waivers);
    }

    [Fact]
    public void Missing_required_fields_are_DP5001_at_the_waiver()
    {
        var set = WaiverSet.Parse(Lines(
            "{",
            "  \"waivers\": [",
            "    { \"subject\": \"Channel/x\" }",
            "  ]",
            "}"), "w.json");

        Assert.False(set.Succeeded);
        Assert.Empty(set.Waivers);
        Assert.Equal(
            [
                "w.json:3:5: error DP5001: waiver 1 has no 'rule'",
                "w.json:3:5: error DP5001: waiver 1 has no 'justification'",
                "w.json:3:5: error DP5001: waiver 1 has no 'expires'",
            ],
            set.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Bad_date_wrong_type_and_bad_subject_point_at_the_value()
    {
        var set = WaiverSet.Parse(Lines(
            "{",
            "  \"waivers\": [",
            "    { \"rule\": 6, \"justification\": \"j\",",
            "      \"subject\": \"xing-old\",",
            "      \"expires\": \"31.03.2027\" }",
            "  ]",
            "}"), "w.json");

        Assert.False(set.Succeeded);
        Assert.Equal(
            [
                "w.json:3:15: error DP5001: 'rule' on waiver 1 must be a string",
                "w.json:4:18: error DP5001: invalid subject 'xing-old' on waiver 1: write it as Type/id, e.g. Channel/xing-main",
                "w.json:5:18: error DP5001: invalid date '31.03.2027' for 'expires' on waiver 1: use YYYY-MM-DD",
            ],
            set.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Unknown_properties_are_DP5002_with_a_suggestion()
    {
        var set = WaiverSet.Parse(Lines(
            "{",
            "  \"waivers\": [",
            "    { \"rule\": \"GOV-006\", \"justification\": \"j\", \"expires\": \"2027-01-01\", \"aprovedBy\": \"me\" }",
            "  ],",
            "  \"note\": 1",
            "}"), "w.json");

        Assert.False(set.Succeeded);
        Assert.Equal(
            [
                "w.json:3:73: error DP5002: unknown property 'aprovedBy' on waiver 1; did you mean 'approvedBy'?",
                "w.json:5:3: error DP5002: unknown property 'note' in the waiver file",
            ],
            set.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Every_problem_of_every_waiver_is_reported()
    {
        var set = WaiverSet.Parse(Lines(
            "{ \"waivers\": [",
            "  { \"rule\": \"A-001\", \"justification\": \"\", \"expires\": \"2027-01-01\" },",
            "  42,",
            "  { \"rule\": \"A-002\", \"justification\": \"ok\", \"expires\": \"2027-02-30\" }",
            "] }"), "w.json");

        Assert.Equal(
            [
                "w.json:2:39: error DP5001: 'justification' on waiver 1 must not be empty",
                "w.json:3:3: error DP5001: waiver 2 must be an object with 'rule', 'justification' and 'expires'",
                "w.json:4:56: error DP5001: invalid date '2027-02-30' for 'expires' on waiver 3: use YYYY-MM-DD",
            ],
            set.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("[]", "w.json:1:1: error DP1004: a waiver file must be a JSON object with a 'waivers' array")]
    [InlineData("{ \"waivers\": {} }", "w.json:1:14: error DP1004: 'waivers' must be an array of waivers")]
    public void Wrong_top_level_shape(string json, string first)
    {
        var set = WaiverSet.Parse(json, "w.json");
        Assert.False(set.Succeeded);
        Assert.Equal(first, set.Diagnostics[0].ToString());
    }

    [Fact]
    public void Misspelt_waivers_property_gets_a_suggestion()
    {
        var set = WaiverSet.Parse("{ \"waiver\": [] }", "w.json");
        Assert.Equal(
            [
                "w.json:1:1: error DP1004: a waiver file must be a JSON object with a 'waivers' array",
                "w.json:1:3: error DP5002: unknown property 'waiver' in the waiver file; did you mean 'waivers'?",
            ],
            set.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Missing_waivers_property_is_DP1004()
    {
        var set = WaiverSet.Parse("{ }", "w.json");
        Assert.Equal(["w.json:1:1: error DP1004: a waiver file must be a JSON object with a 'waivers' array"], set.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Malformed_json_is_a_diagnostic_not_an_exception()
    {
        var set = WaiverSet.Parse("{ \"waivers\": [ { \"rule\": } ] }", "w.json");
        Assert.False(set.Succeeded);
        var d = Assert.Single(set.Diagnostics);
        Assert.Equal("DP1002", d.Code);
        Assert.Equal(1, d.Line);
        Assert.Matches(@"^w\.json:1:\d+: error DP1002: malformed JSON", d.ToString());
    }

    [Fact]
    public void Missing_file_is_DP1001()
    {
        var path = Path.Combine(Path.GetTempPath(), "deeg-policy-no-such-" + Guid.NewGuid().ToString("N") + ".json");
        var set = WaiverSet.Load(path);
        Assert.False(set.Succeeded);
        Assert.Equal($"{path}:1:1: error DP1001: file not found", Assert.Single(set.Diagnostics).ToString());
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_diagnostics()
    {
        var path = Path.Combine(Path.GetTempPath(), "deeg-policy-waivers-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{\n  \"waivers\": [ { \"rule\": \"A-001\", \"justification\": \"j\", \"expires\": \"2027-01-01\", \"x\": 1 } ]\n}");
        try
        {
            var set = WaiverSet.Load(path);
            Assert.Equal($"{path}:2:82: error DP5002: unknown property 'x' on waiver 1", Assert.Single(set.Diagnostics).ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Default_source_name()
    {
        var set = WaiverSet.Parse("[]");
        Assert.Equal("<waivers>", set.Diagnostics[0].File);
    }
}
