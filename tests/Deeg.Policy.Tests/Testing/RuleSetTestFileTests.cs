using Deeg.Policy.Testing;

namespace Deeg.Policy.Tests.Testing;

/// <summary>The rule-set test runner behind <c>deeg-policy test</c>.</summary>
public class RuleSetTestFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("deeg-tests-").FullName;

    private const string Rules = """
        { "ruleSet": "t", "version": "1.0.0", "parameters": { "minAdmins": 2 },
          "rules": [
            { "id": "T-001", "title": "Few admins", "severity": "high",
              "when": [ { "fact": "Channel", "as": "c" },
                        { "count": { "fact": "RoleAssignment", "as": "r", "where": "r.channel == c.id" }, "as": "n" },
                        { "test": "n < params.minAdmins" } ],
              "finding": { "message": "{c.id}: {n}" } },
            { "id": "T-002", "title": "Never fires", "severity": "low",
              "when": [ { "fact": "Channel", "as": "c", "where": "c.id == 'nothing'" } ],
              "finding": { "message": "x" } } ] }
        """;

    public RuleSetTestFileTests() => File.WriteAllText(Path.Combine(_folder, "t.rules.json"), Rules);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RuleSetTestFile Write(string json)
    {
        var path = Path.Combine(_folder, "t.tests.json");
        File.WriteAllText(path, json);
        return RuleSetTestFile.Load(path);
    }

    [Fact]
    public void Passing_and_failing_cases_report_what_was_expected_and_found()
    {
        File.WriteAllText(Path.Combine(_folder, "m.json"), """{ "organisation": { "id": "o", "name": "O" }, "channels": [ { "id": "x", "platform": "xing", "scope": "external" } ] }""");
        var file = Write("""
            { "ruleSets": ["t.rules.json"],
              "cases": [
                { "name": "fires from a model file", "modelFile": "m.json", "expect": [ { "rule": "T-001", "subject": "Channel/x" } ] },
                { "name": "wrong subject", "modelFile": "m.json", "expect": [ { "rule": "T-001", "subject": "Channel/y" } ] },
                { "name": "expectNot violated", "modelFile": "m.json", "expectNot": [ { "rule": "T-001" } ] },
                { "name": "override silences it", "modelFile": "m.json", "params": { "t.minAdmins": 0 }, "expectNot": [ { "rule": "T-001" } ] },
                { "name": "exact with an extra finding", "model": { "organisation": { "id": "o", "name": "O" },
                    "channels": [ { "id": "x", "platform": "xing", "scope": "external" }, { "id": "y", "platform": "x", "scope": "external" } ] },
                  "expect": [ { "rule": "T-001", "subject": "Channel/x" } ], "exact": true } ] }
            """);
        Assert.True(file.Succeeded, string.Join("\n", file.Diagnostics));
        var run = file.Run();
        Assert.Equal([true, false, false, true, false], run.Cases.Select(c => c.Passed));
        Assert.Equal("expected a finding T-001 on Channel/y, found T-001 on Channel/x", Assert.Single(run.Cases[1].Failures));
        Assert.Equal("expected no finding T-001, found T-001 on Channel/x", Assert.Single(run.Cases[2].Failures));
        Assert.Equal("expected exactly the listed findings, also found T-001 on Channel/y", Assert.Single(run.Cases[4].Failures));
        Assert.Equal((2, 3), (run.Passed, run.Failed));
        Assert.Equal(["T-002"], run.RulesNeverFired);
    }

    [Fact]
    public void Problems_of_the_file_its_rule_sets_and_models_are_diagnostics_with_positions()
    {
        var file = Write("""
            { "ruleSets": ["t.rules.json", "missing.rules.json"],
              "cases": [
                { "name": "a", "model": { "organisation": { "id": "o", "name": "O" }, "channels": [ { "id": "x", "platform": "xing", "scop": "external" } ] } },
                { "nam": "b", "model": { "organisation": { "id": "o", "name": "O" } }, "expect": [ { "subject": "Channel/x" } ] } ] }
            """);
        Assert.False(file.Succeeded);
        var d = file.Diagnostics;
        Assert.Contains(d, x => x.Code == "DP1001" && x.File.EndsWith("missing.rules.json", StringComparison.Ordinal));
        Assert.Contains(d, x => x.Code == "DP2004" && x.Line == 3 && x.Message.Contains("did you mean 'scope'?", StringComparison.Ordinal));
        Assert.Contains(d, x => x.Code == "DP5102" && x.Line == 4 && x.Column == 7);
        Assert.Contains(d, x => x.Code == "DP5101" && x.Line == 4);
        Assert.Empty(file.Run().Cases);
    }

    [Fact]
    public void Built_in_packs_can_be_named_with_the_builtin_prefix()
    {
        var file = Write("""
            { "ruleSets": ["builtin:deeg-baseline"],
              "cases": [ { "name": "technology-led", "asOf": "2026-11-26",
                           "model": { "organisation": { "id": "o", "name": "O", "introductionDriver": "technologyLed" } },
                           "expect": [ { "rule": "DEEG-009", "subject": "Organisation/o" } ] } ] }
            """);
        Assert.True(file.Succeeded, string.Join("\n", file.Diagnostics));
        Assert.True(file.Run().Cases.Single().Passed);
    }
}
