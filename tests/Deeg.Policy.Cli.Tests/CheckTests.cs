using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Cli.Tests;

/// <summary>
/// <c>check</c> against the contract's example model and rule set. Expected values are derived from
/// the spec: asOf 2026-11-26; MUSTER-001 fires for Person/p-cmo (internalActivityOn 2026-09-10 is 77
/// days before asOf, more than maxInactiveDays 30); MUSTER-002 fires for Channel/li-page (one
/// socialMediaLead, no channelAdmin: 1 administrator); xing-old is dormant and engage internal, so
/// neither fires MUSTER-002. The example waiver (GOV-006) matches nothing with these rules: unused.
/// </summary>
public class CheckTests
{
    private const string WaiverJustification = "Kept for name protection until the closure decided for Q1 2027.";

    private static string Normalise(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        var token = JToken.ReadFrom(reader);
        using var text = new StringWriter { NewLine = "\n" };
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented })
        {
            token.WriteTo(writer);
        }

        return text.ToString();
    }

    private static JObject ParseObject(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return (JObject)JToken.ReadFrom(reader);
    }

    [Fact]
    public void Json_report_of_the_example_is_exactly_the_contract_shape()
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--waivers", Cli.Waivers, "--format", "json");

        var expected = Normalise($$"""
        {
          "schemaVersion": 1,
          "tool": { "name": "deeg-policy", "version": "{{CliApp.Version}}" },
          "asOf": "2026-11-26",
          "language": "en",
          "organisation": { "id": "muster", "name": "Muster Maschinenbau GmbH" },
          "ruleSets": [ { "id": "muster-extra", "version": "1.0.0", "rules": 2 } ],
          "summary": {
            "rulesEvaluated": 2, "rulesPassed": 0, "findings": 2, "waived": 0,
            "bySeverity": { "critical": 0, "high": 1, "medium": 1, "low": 0, "info": 0 },
            "score": 0
          },
          "findings": [
            {
              "ruleId": "MUSTER-002", "ruleSet": "muster-extra", "severity": "high", "category": "general",
              "title": "Channel with a single admin",
              "message": "LinkedIn channel muster-maschinenbau has 1 administrator(s).",
              "remediation": "Assign a second administrator.",
              "subject": "Channel/li-page",
              "subjectName": "muster-maschinenbau",
              "owner": null,
              "ownerName": null,
              "facts": { "c": "Channel/li-page" },
              "fingerprint": "f222bce220aeca7e11b000daf397f248", "waived": false
            },
            {
              "ruleId": "MUSTER-001", "ruleSet": "muster-extra", "severity": "medium", "category": "culture",
              "title": "Executive sponsor is not active internally",
              "message": "Ben Beispiel sponsors social media but has not been active internally for over 30 days.",
              "remediation": null,
              "subject": "Person/p-cmo",
              "subjectName": "Ben Beispiel",
              "owner": null,
              "ownerName": null,
              "facts": { "r": "RoleAssignment/p-cmo:executiveSponsor::", "p": "Person/p-cmo" },
              "fingerprint": "8cbab1b3a7a2d6bb1a346bb2cf3b0b9b", "waived": false
            }
          ],
          "waivers": {
            "applied": [],
            "expired": [],
            "unused": [
              { "rule": "GOV-006", "subject": "Channel/xing-old", "justification": "{{WaiverJustification}}", "approvedBy": "p-ceo", "expires": "2027-03-31" }
            ]
          },
          "errors": []
        }
        """);

        Assert.True(result.Code == 1, result.ToString());
        Assert.Equal(expected + "\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("info", 1)]
    [InlineData("low", 1)]
    [InlineData("medium", 1)]
    [InlineData("high", 1)]
    [InlineData("critical", 0)]
    [InlineData("none", 0)]
    public void Fail_on_threshold(string? failOn, int expected)
    {
        var args = new List<string> { "check", Cli.Model, "--rules", Cli.Rules };
        if (failOn is not null) args.AddRange(["--fail-on", failOn]);
        var result = Cli.Run([.. args]);
        Assert.True(result.Code == expected, result.ToString());
    }

    [Fact]
    public void Waiving_the_high_finding_changes_summary_score_and_exit_code()
    {
        using var dir = new TempDir();
        var waivers = dir.File("w.json", """
            { "waivers": [
              { "rule": "MUSTER-002", "subject": "Channel/li-page", "justification": "Second admin being hired.", "approvedBy": "p-ceo", "expires": "2026-12-31" },
              { "rule": "MUSTER-001", "justification": "Too late.", "expires": "2026-11-25" }
            ] }
            """);
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--waivers", waivers, "--format", "json", "--fail-on", "high");
        Assert.True(result.Code == 0, result.ToString());
        var report = ParseObject(result.Stdout);

        var summary = report["summary"]!;
        Assert.Equal(2, (int)summary["rulesEvaluated"]!);
        Assert.Equal(1, (int)summary["rulesPassed"]!);
        Assert.Equal(2, (int)summary["findings"]!);
        Assert.Equal(1, (int)summary["waived"]!);
        Assert.Equal(0, (int)summary["bySeverity"]!["high"]!);
        Assert.Equal(1, (int)summary["bySeverity"]!["medium"]!);
        Assert.Equal(63, (int)summary["score"]!); // 5 of 8 = 62.5, rounded half away from zero

        var waived = report["findings"]![0]!;
        Assert.Equal("MUSTER-002", (string?)waived["ruleId"]);
        Assert.True((bool)waived["waived"]!);
        Assert.Equal("Second admin being hired.", (string?)waived["waiver"]!["justification"]);
        Assert.Equal("2026-12-31", (string?)waived["waiver"]!["expires"]);
        Assert.Null(report["findings"]![1]!["waiver"]);
        Assert.Equal("MUSTER-002", (string?)report["waivers"]!["applied"]![0]!["rule"]);
        Assert.Equal("MUSTER-001", (string?)report["waivers"]!["expired"]![0]!["rule"]);
        Assert.Empty((JArray)report["waivers"]!["unused"]!);

        // With the default threshold the medium finding still fails the run.
        Assert.Equal(1, Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--waivers", waivers).Code);
    }

    [Fact]
    public void Text_report_ends_with_the_summary_line_and_has_no_colour()
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules);
        Assert.True(result.Code == 1, result.ToString());
        Assert.Equal("muster: 2 findings (1 high, 1 medium), 0 waived, score 0", result.StdoutLines[^1]);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Muster Maschinenbau GmbH", result.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains("2026-11-26", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("MUSTER-002", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("    - Channel muster-maschinenbau\n", result.Stdout, StringComparison.Ordinal); // by display name (its handle)
        Assert.DoesNotContain("Channel/li-page", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Assign a second administrator.", result.Stdout, StringComparison.Ordinal);
        Assert.True(
            result.Stdout.IndexOf("MUSTER-002", StringComparison.Ordinal) < result.Stdout.IndexOf("MUSTER-001", StringComparison.Ordinal),
            "high before medium");
    }

    [Fact]
    public void German_titles_messages_and_labels()
    {
        var json = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--lang", "de", "--format", "json");
        var report = ParseObject(json.Stdout);
        Assert.Equal("Kanal mit nur einer Admin-Person", (string?)report["findings"]![0]!["title"]);
        Assert.Equal("Der LinkedIn-Kanal muster-maschinenbau hat 1 Admin-Person(en).", (string?)report["findings"]![0]!["message"]);
        Assert.Equal("Ben Beispiel ist Sponsor für Social Media, war aber seit über 30 Tagen intern nicht aktiv.", (string?)report["findings"]![1]!["message"]);

        var text = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--lang", "de");
        Assert.Equal("muster: 2 Befunde (1 hoch, 1 mittel), 0 ausgenommen, Score 0", text.StdoutLines[^1]);
    }

    [Fact]
    public void As_of_overrides_the_model_date()
    {
        // 2026-09-20 is 10 days after p-cmo's last internal activity: MUSTER-001 does not fire.
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--as-of", "2026-09-20", "--format", "json");
        var report = ParseObject(result.Stdout);
        Assert.Equal("2026-09-20", (string?)report["asOf"]);
        Assert.Equal(["MUSTER-002"], report["findings"]!.Select(f => (string?)f["ruleId"]));
    }

    [Fact]
    public void Param_overrides_a_rule_set_parameter()
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--param", "muster-extra.maxInactiveDays=100", "--format", "json");
        var report = ParseObject(result.Stdout);
        Assert.Equal(["MUSTER-002"], report["findings"]!.Select(f => (string?)f["ruleId"]));
    }

    [Theory]
    [InlineData("muster-extra.maxInactiveDayz=10", "DP6001")]
    [InlineData("nosuchset.maxInactiveDays=10", "DP6001")]
    [InlineData("muster-extra.maxInactiveDays=many", "DP6002")]
    public void Bad_param_is_a_diagnostic_and_exit_2(string value, string code)
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--param", value);
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains(result.StderrLines, l => Cli.DiagnosticLine().Match(l) is { Success: true } m && m.Groups["code"].Value == code);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Every_problem_of_every_input_is_reported_at_once()
    {
        using var dir = new TempDir();
        var missing = dir.Combine("missing.json");
        var waivers = dir.File("w.json", "{ \"waivers\": [ { \"rule\": \"MUSTER-001\" } ] }");
        var result = Cli.Run("check", Cli.Model, missing, "--rules", Cli.Rules, "--waivers", waivers, "--param", "muster-extra.nope=1");
        Assert.True(result.Code == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        var codes = result.StderrLines.Select(l => Cli.DiagnosticLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["code"].Value).ToHashSet();
        Assert.Contains("DP1001", codes);
        Assert.Contains("DP5001", codes);
        Assert.Contains("DP6001", codes);
    }

    [Fact]
    public void Invalid_rule_set_is_reported_with_positions_and_exit_2()
    {
        using var dir = new TempDir();
        var rules = dir.File("broken.rules.json", """
            {
              "ruleSet": "broken",
              "version": "1.0.0",
              "rules": [
                { "id": "BROKEN-001", "title": "t", "severity": "low",
                  "when": [ { "fact": "Channel", "as": "c", "where": "c.hanlde == 'x'" } ],
                  "finding": { "message": "m" } }
              ]
            }
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var result = Cli.Run("check", Cli.Model, "--rules", rules);
        Assert.True(result.Code == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);

        // The string starts at line 6, column 58; the member is at column 3 of the expression.
        var line = Assert.Single(result.StderrLines, l => l.Contains("DP4002", StringComparison.Ordinal));
        Assert.StartsWith(rules + ":6:58: error DP4002: unknown member 'hanlde' on Channel", line, StringComparison.Ordinal);
        Assert.Contains("did you mean 'handle'?", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_option_writes_the_report_to_a_file()
    {
        using var dir = new TempDir();
        var output = dir.Combine("report.json");
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "json", "--output", output);
        Assert.True(result.Code == 1, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        var expected = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "json").Stdout;
        Assert.Equal(expected, File.ReadAllText(output));
    }

    [Fact]
    public void Several_models_give_an_array_in_argument_order()
    {
        using var dir = new TempDir();
        var second = dir.File("zweite.json", File.ReadAllText(Cli.Model).Replace("\"id\": \"muster\"", "\"id\": \"zweite\"", StringComparison.Ordinal));
        var result = Cli.Run("check", second, Cli.Model, second, "--rules", Cli.Rules, "--format", "json");
        Assert.True(result.Code == 1, result.ToString());
        using var reader = new JsonTextReader(new StringReader(result.Stdout)) { DateParseHandling = DateParseHandling.None };
        var reports = (JArray)JToken.ReadFrom(reader);
        Assert.Equal(["zweite", "muster", "zweite"], reports.Select(r => (string?)r["organisation"]!["id"]));

        var text = Cli.Run("check", second, Cli.Model, "--rules", Cli.Rules);
        Assert.Equal(
            ["zweite: 2 findings (1 high, 1 medium), 0 waived, score 0", "muster: 2 findings (1 high, 1 medium), 0 waived, score 0"],
            text.StdoutLines.Where(l => l.Contains(": 2 findings", StringComparison.Ordinal)));
    }

    [Fact]
    public void Explain_adds_evidence()
    {
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "json", "--explain");
        var report = ParseObject(result.Stdout);
        Assert.All(report["findings"]!, f => Assert.IsType<JObject>(f["evidence"]));

        var plain = ParseObject(Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "json").Stdout);
        Assert.All(plain["findings"]!, f => Assert.Null(f["evidence"]));
    }

    [Fact]
    public void Builtin_governance_applies_the_example_waiver()
    {
        // GOV-006: xing-old is a live (dormant) business channel with scope external, last post 2023-02-01.
        var result = Cli.Run("check", Cli.Model, "--builtin", "governance", "--waivers", Cli.Waivers, "--format", "json", "--fail-on", "none");
        Assert.True(result.Code == 0, result.ToString());
        var report = ParseObject(result.Stdout);
        var dormant = Assert.Single(report["findings"]!, f => (string?)f["ruleId"] == "GOV-006");
        Assert.Equal("Channel/xing-old", (string?)dormant["subject"]);
        Assert.True((bool)dormant["waived"]!);
        Assert.Equal("GOV-006", (string?)report["waivers"]!["applied"]![0]!["rule"]);
        Assert.Empty((JArray)report["waivers"]!["unused"]!);
        Assert.True((int)report["summary"]!["waived"]! >= 1);
    }

    [Fact]
    public void Rules_directory_loads_every_rule_set_in_it()
    {
        using var dir = new TempDir();
        File.Copy(Cli.Rules, dir.Combine("muster-extra.rules.json"));
        dir.File("notes.json", "{}"); // not *.rules.json: ignored
        var result = Cli.Run("check", Cli.Model, "--rules", dir.Path, "--format", "json");
        Assert.True(result.Code == 1, result.ToString());
        Assert.Equal("muster-extra", (string?)ParseObject(result.Stdout)["ruleSets"]![0]!["id"]);
    }
}
