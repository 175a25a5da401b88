using Newtonsoft.Json.Linq;
using Deeg.Policy.Reporting;
using NJsonSchema;

namespace Deeg.Policy.Cli.Tests;

/// <summary>
/// <c>check --format sarif</c>: SARIF 2.1.0 validated against the official JSON schema (a copy of
/// shared/schemas/sarif-schema-2.1.0.json in TestData/sarif), for every sample model, in both languages,
/// with waivers, with a baseline and with several models.
/// </summary>
public class SarifOutputTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(Cli.TestData, "sarif", "sarif-schema-2.1.0.json"))).GetAwaiter().GetResult());

    /// <summary>Validates against the SARIF 2.1.0 schema and returns the parsed log.</summary>
    internal static JObject Validated(string sarif)
    {
        var errors = Schema.Value.Validate(sarif);
        Assert.True(errors.Count == 0, "SARIF schema violations:\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind} {e}")));
        return (JObject)ReportFormats.Parse(sarif);
    }

    public static TheoryData<string, string> SampleModelsInBothLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in ReportFormats.SampleModels)
        {
            data.Add(Path.GetFileName(model), "en");
            data.Add(Path.GetFileName(model), "de");
        }

        return data;
    }

    [Fact]
    public void The_schema_copy_is_the_official_sarif_2_1_0_schema()
    {
        var schema = JObject.Parse(File.ReadAllText(Path.Combine(Cli.TestData, "sarif", "sarif-schema-2.1.0.json")));
        Assert.Equal("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json", (string?)schema["id"]);

        // The validator does reject what the schema forbids.
        Assert.NotEmpty(Schema.Value.Validate("""{ "version": "2.1.0", "runs": [ { "results": [] } ] }"""));
        Assert.NotEmpty(Schema.Value.Validate("""{ "version": "2.0.0", "runs": [] }"""));
    }

    [Theory]
    [MemberData(nameof(SampleModelsInBothLanguages))]
    public void Every_sample_model_gives_valid_sarif(string modelName, string language)
    {
        var model = Path.Combine(ReportFormats.RepoRoot, "samples", "models", modelName);
        var json = Cli.Run("check", model, "--format", "json", "--fail-on", "none", "--lang", language);
        var result = Cli.Run("check", model, "--format", "sarif", "--fail-on", "none", "--lang", language);
        Assert.True(result.Code == 0, result.ToString());

        var log = Validated(result.Stdout);
        var report = (JObject)ReportFormats.Parse(json.Stdout);
        var run = Assert.Single((JArray)log["runs"]!);
        Assert.Equal("deeg-policy", (string?)run["tool"]!["driver"]!["name"]);
        Assert.Equal(CliApp.Version, (string?)run["tool"]!["driver"]!["version"]);
        Assert.Equal(language, (string?)run["language"]);

        // One result per finding, with the fingerprint of the JSON report, the model as artifact and the subject as logical location.
        var results = (JArray)run["results"]!;
        var findings = (JArray)report["findings"]!;
        Assert.Equal(findings.Count, results.Count);
        var rules = (JArray)run["tool"]!["driver"]!["rules"]!;
        Assert.Equal((int)report["summary"]!["rulesEvaluated"]!, rules.Count);
        for (var i = 0; i < findings.Count; i++)
        {
            var r = results[i];
            Assert.Equal((string?)findings[i]["ruleId"], (string?)r["ruleId"]);
            Assert.Equal((string?)r["ruleId"], (string?)rules[(int)r["ruleIndex"]!]!["id"]);
            Assert.Equal((string?)findings[i]["fingerprint"], (string?)r["partialFingerprints"]!["deegPolicyFingerprint/v1"]);
            // The message, then the subject by its display name for people reading the result.
            Assert.StartsWith((string?)findings[i]["message"] + " (", (string?)r["message"]!["text"], StringComparison.Ordinal);
            Assert.EndsWith(" " + (string?)findings[i]["subjectName"] + ")", (string?)r["message"]!["text"], StringComparison.Ordinal);
            Assert.Equal((string?)findings[i]["subjectName"], (string?)r["properties"]!["subjectName"]);
            var location = r["locations"]![0]!;
            Assert.Equal(new Uri(model).AbsoluteUri, (string?)location["physicalLocation"]!["artifactLocation"]!["uri"]);
            Assert.True((int)location["physicalLocation"]!["region"]!["startLine"]! >= 1);
            Assert.Equal((string?)findings[i]["subject"], (string?)location["logicalLocations"]![0]!["fullyQualifiedName"]);
            Assert.Equal("object", (string?)location["logicalLocations"]![0]!["kind"]);
        }

        Assert.True((bool)run["invocations"]![0]!["executionSuccessful"]!);
    }

    [Fact]
    public void Rules_carry_descriptions_help_level_and_security_severity()
    {
        var log = Validated(Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "sarif").Stdout);
        var rules = (JArray)log["runs"]![0]!["tool"]!["driver"]!["rules"]!;
        var single = rules.Single(r => (string?)r["id"] == "MUSTER-002");
        Assert.Equal("ChannelWithASingleAdmin", (string?)single["name"]);
        Assert.Equal("Channel with a single admin", (string?)single["shortDescription"]!["text"]);
        Assert.Contains("MUSTER-002", (string?)single["fullDescription"]!["text"], StringComparison.Ordinal);
        Assert.StartsWith("Assign a second administrator.", (string?)single["help"]!["text"], StringComparison.Ordinal);
        Assert.Contains("**Channel with a single admin**", (string?)single["help"]!["markdown"], StringComparison.Ordinal);
        Assert.Equal("error", (string?)single["defaultConfiguration"]!["level"]);
        Assert.Equal("7.0", (string?)single["properties"]!["security-severity"]);
        Assert.Equal("general", (string?)single["properties"]!["category"]);

        var sponsor = rules.Single(r => (string?)r["id"] == "MUSTER-001");
        Assert.Equal("warning", (string?)sponsor["defaultConfiguration"]!["level"]);
        Assert.Equal("5.0", (string?)sponsor["properties"]!["security-severity"]);
        Assert.Contains("culture", sponsor["properties"]!["tags"]!.Values<string>());
    }

    [Fact]
    public void A_waived_finding_is_a_suppressed_result_with_the_justification()
    {
        using var dir = new TempDir();
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--waivers", ReportFormats.WaiverFile(dir), "--format", "sarif");
        Assert.Equal(1, result.Code); // MUSTER-001 (medium) is not waived
        var log = Validated(result.Stdout);
        var results = (JArray)log["runs"]![0]!["results"]!;
        Assert.Equal(2, results.Count);

        var waived = results.Single(r => (string?)r["ruleId"] == "MUSTER-002");
        var suppression = Assert.Single((JArray)waived["suppressions"]!);
        Assert.Equal("external", (string?)suppression["kind"]);
        Assert.Equal("accepted", (string?)suppression["status"]);
        Assert.Equal("Second admin starts in January.", (string?)suppression["justification"]);
        Assert.Equal("2027-03-31", (string?)suppression["properties"]!["expires"]);
        Assert.Equal(32, ((string?)waived["partialFingerprints"]!["deegPolicyFingerprint/v1"])!.Length);

        var open = results.Single(r => (string?)r["ruleId"] == "MUSTER-001");
        Assert.Null(open["suppressions"]);
        Assert.Equal("warning", (string?)open["level"]);
    }

    [Fact]
    public void Region_is_the_line_of_the_subject_in_the_model_file()
    {
        var log = Validated(Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "sarif").Stdout);
        var lines = File.ReadAllLines(Cli.Model);
        foreach (var result in (JArray)log["runs"]![0]!["results"]!)
        {
            var subject = (string?)result["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"];
            var line = (int)result["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!;
            var id = subject!.Split('/')[1];
            Assert.Contains($"\"id\": \"{id}\"", lines[line - 1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_relative_model_path_stays_a_relative_uri()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Cli.Model);
        var log = Validated(Cli.Run("check", relative, "--rules", Cli.Rules, "--format", "sarif").Stdout);
        var expected = relative.Replace('\\', '/');
        Assert.Equal(expected, (string?)log["runs"]![0]!["artifacts"]![0]!["location"]!["uri"]);
        Assert.Equal(expected, (string?)log["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]);
    }

    [Fact]
    public void Several_models_are_one_run_with_one_artifact_each()
    {
        var models = ReportFormats.SampleModels.ToArray();
        var result = Cli.Run(["check", .. models, "--format", "sarif", "--fail-on", "none"]);
        var log = Validated(result.Stdout);
        var run = Assert.Single((JArray)log["runs"]!);
        var artifacts = (JArray)run["artifacts"]!;
        Assert.Equal(models.Length, artifacts.Count);
        var reports = (JArray)run["properties"]!["reports"]!;
        Assert.Equal(models.Length, reports.Count);
        foreach (var r in (JArray)run["results"]!)
        {
            var index = (int)r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["index"]!;
            Assert.Equal((string?)artifacts[index]!["properties"]!["organisation"], (string?)r["properties"]!["organisation"]);
        }
    }

    [Fact]
    public void Output_option_writes_the_same_sarif_to_a_file()
    {
        using var dir = new TempDir();
        var file = dir.Combine("out.sarif");
        var result = Cli.Run("check", Cli.Model, "--rules", Cli.Rules, "--format", "sarif", "--output", file, "--lang", "de");
        Assert.Equal(string.Empty, result.Stdout);
        var log = Validated(File.ReadAllText(file));
        Assert.Equal("Kanal mit nur einer Admin-Person", (string?)log["runs"]![0]!["tool"]!["driver"]!["rules"]!.Single(r => (string?)r["id"] == "MUSTER-002")["shortDescription"]!["text"]);
    }

    [Fact]
    public void Rule_errors_make_the_invocation_unsuccessful_with_notifications()
    {
        var report = ReportSamples.Report([ReportSamples.Finding("GOV-001", Severity.Critical, "Channel/a")], [new EvaluationError { RuleId = "GOV-009", Message = "it broke" }]);
        var log = Validated(ReportWriters.Get("sarif").WriteToString([report]));
        var invocation = log["runs"]![0]!["invocations"]![0]!;
        Assert.False((bool)invocation["executionSuccessful"]!);
        var notification = Assert.Single((JArray)invocation["toolExecutionNotifications"]!);
        Assert.Equal("error", (string?)notification["level"]);
        Assert.Equal("GOV-009", (string?)notification["associatedRule"]!["id"]);
        Assert.Contains("it broke", (string?)notification["message"]!["text"], StringComparison.Ordinal);
        Assert.Equal("9.5", (string?)log["runs"]![0]!["tool"]!["driver"]!["rules"]![0]!["properties"]!["security-severity"]);
    }
}
