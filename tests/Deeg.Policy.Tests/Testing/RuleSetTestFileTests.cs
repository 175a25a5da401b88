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

    private const string Model = """{ "organisation": { "id": "o", "name": "O" }, "channels": [ { "id": "x", "platform": "xing", "scope": "external" } ] }""";

    private const string LocalizedRules = """
        { "ruleSet": "l", "version": "1.0.0",
          "rules": [
            { "id": "L-001", "title": "Channel", "severity": "low",
              "when": [ { "fact": "Channel", "as": "c" } ],
              "finding": { "message": { "en": "{c.id} has 0.5 admins", "de": "{c.id} hat 0.5 Admins" } } } ] }
        """;

    [Fact]
    public void Expectations_check_the_message_exactly_or_by_pattern_in_the_case_language()
    {
        File.WriteAllText(Path.Combine(_folder, "l.rules.json"), LocalizedRules);
        var file = Write($$"""
            { "ruleSets": ["l.rules.json"],
              "cases": [
                { "name": "exact en", "model": {{Model}}, "expect": [ { "rule": "L-001", "message": "x has 0.5 admins" } ] },
                { "name": "exact de", "lang": "de", "model": {{Model}}, "expect": [ { "rule": "L-001", "subject": "Channel/x", "message": "x hat 0.5 Admins" } ] },
                { "name": "pattern searches", "model": {{Model}}, "expect": [ { "rule": "L-001", "messageMatches": "0\\.5 admins" } ] },
                { "name": "wrong exact", "model": {{Model}}, "expect": [ { "rule": "L-001", "message": "x has 0.5 admins." } ] },
                { "name": "pattern in the wrong language", "lang": "de", "model": {{Model}}, "expect": [ { "rule": "L-001", "messageMatches": "^x has" } ] },
                { "name": "expectNot with a message", "model": {{Model}}, "expectNot": [ { "rule": "L-001", "messageMatches": "admins$" } ] },
                { "name": "expectNot with another message passes", "model": {{Model}}, "expectNot": [ { "rule": "L-001", "message": "other" } ] } ] }
            """);
        Assert.True(file.Succeeded, string.Join("\n", file.Diagnostics));
        var run = file.Run();
        Assert.Equal([true, true, true, false, false, false, true], run.Cases.Select(c => c.Passed));
        Assert.Equal("expected a finding L-001 with message \"x has 0.5 admins.\", found L-001 on Channel/x with message \"x has 0.5 admins\"", Assert.Single(run.Cases[3].Failures));
        Assert.Equal("expected a finding L-001 with a message matching /^x has/, found L-001 on Channel/x with message \"x hat 0.5 Admins\"", Assert.Single(run.Cases[4].Failures));
        Assert.Equal("expected no finding L-001 with a message matching /admins$/, found L-001 on Channel/x with message \"x has 0.5 admins\"", Assert.Single(run.Cases[5].Failures));
    }

    [Fact]
    public void Invalid_patterns_languages_and_both_message_checks_are_diagnostics_with_positions()
    {
        File.WriteAllText(Path.Combine(_folder, "l.rules.json"), LocalizedRules);
        var file = Write($$"""
            { "ruleSets": ["l.rules.json"],
              "cases": [
                { "name": "a", "model": {{Model}}, "expect": [ { "rule": "L-001", "messageMatches": "(unclosed" } ] },
                { "name": "b", "lang": "fr", "model": {{Model}} },
                { "name": "c", "model": {{Model}}, "expect": [ { "rule": "L-001", "message": "m", "messageMatches": "m" } ] },
                { "name": "d", "model": {{Model}}, "expectNot": [ { "rule": "L-001", "message": 5 } ] } ] }
            """);
        Assert.False(file.Succeeded);
        var d = file.Diagnostics.Where(x => x.Code == "DP5101").ToList();
        Assert.Equal(4, d.Count);
        var pattern = d.Single(x => x.Line == 3);
        Assert.StartsWith("'messageMatches' is not a valid regular expression", pattern.Message, StringComparison.Ordinal);
        Assert.Equal(Column(file, 3, "\"(unclosed"), pattern.Column);
        var lang = d.Single(x => x.Line == 4);
        Assert.Equal("'lang' must be \"en\" or \"de\"", lang.Message);
        Assert.Equal(Column(file, 4, "\"fr\""), lang.Column);
        Assert.Equal("an expectation has either 'message' or 'messageMatches', not both", d.Single(x => x.Line == 5).Message);
        Assert.Equal("'message' must be a string, the exact rendered message", d.Single(x => x.Line == 6).Message);
    }

    [Fact]
    public void An_expectation_naming_an_unknown_rule_is_an_error_with_a_suggestion()
    {
        var file = Write($$"""
            { "ruleSets": ["t.rules.json"],
              "cases": [
                { "name": "typo", "model": {{Model}}, "expect": [ { "rule": "T-01" } ] },
                { "name": "not a rule", "model": {{Model}}, "expectNot": [ { "rule": "GOV-006" } ] } ] }
            """);
        Assert.False(file.Succeeded);
        var d = file.Diagnostics.Where(x => x.Code == "DP5103").ToList();
        Assert.Equal(2, d.Count);
        Assert.Equal((3, Column(file, 3, "\"T-01\"")), (d[0].Line, d[0].Column));
        Assert.Equal("no loaded rule set defines a rule 'T-01'; did you mean 'T-001'?", d[0].Message);
        Assert.Equal((4, Column(file, 4, "\"GOV-006\"")), (d[1].Line, d[1].Column));
        Assert.Equal("no loaded rule set defines a rule 'GOV-006'", d[1].Message);
        Assert.Empty(file.Run().Cases);
    }

    [Fact]
    public void A_pattern_that_backtracks_for_too_long_fails_its_case_instead_of_hanging()
    {
        File.WriteAllText(Path.Combine(_folder, "l.rules.json"), LocalizedRules.Replace("{c.id} has 0.5 admins", new string('a', 40) + "!", StringComparison.Ordinal));
        var file = Write($$"""
            { "ruleSets": ["l.rules.json"],
              "cases": [ { "name": "hostile", "model": {{Model}}, "expect": [ { "rule": "L-001", "messageMatches": "^(a|aa)+$" } ] } ] }
            """);
        Assert.True(file.Succeeded, string.Join("\n", file.Diagnostics));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = file.Run().Cases.Single();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal("the message pattern of the expectation L-001 with a message matching /^(a|aa)+$/ took longer than 2 seconds to match", Assert.Single(result.Failures));
    }

    /// <summary>The 1-based column of <paramref name="text"/> on line <paramref name="line"/> of the written test file.</summary>
    private int Column(RuleSetTestFile file, int line, string text) =>
        File.ReadAllLines(file.File)[line - 1].IndexOf(text, StringComparison.Ordinal) + 1;
}
