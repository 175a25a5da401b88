
namespace Deeg.Policy.Tests.Engine;

/// <summary>Builds small rule sets and models inline and evaluates them with a real engine.</summary>
internal static class EngineFixture
{
    /// <summary>A small organisation with known facts (see the comments for what each rule should find).</summary>
    public const string Model = """
    {
      "asOf": "2026-11-26",
      "organisation": { "id": "o", "name": "Org", "jurisdictions": ["DE", "EU"], "governanceBody": ["Marketing", "IT"], "responseSlaHours": 24 },
      "channels": [
        { "id": "li", "platform": "linkedin", "scope": "external", "handle": "org-li", "ownership": "organisation", "mfa": true, "lastPostAt": "2026-11-20T08:00:00Z" },
        { "id": "xing", "platform": "xing", "scope": "external", "status": "dormant", "handle": "org-xing", "ownership": "employee", "lastPostAt": "2023-02-01T10:00:00Z" },
        { "id": "eng", "platform": "vivaEngage", "scope": "internal", "name": "Engage" }
      ],
      "people": [
        { "id": "a", "name": "Anna", "leadership": true, "internalActivityOn": "2026-11-20" },
        { "id": "b", "name": "Ben" },
        { "id": "c", "name": "Cem", "status": "left" }
      ],
      "roles": [
        { "person": "a", "role": "channelAdmin", "channel": "li" },
        { "person": "b", "role": "socialMediaLead", "channel": "li" },
        { "person": "c", "role": "channelAdmin", "channel": "xing" },
        { "person": "b", "role": "communityManager" }
      ],
      "useCases": [
        { "id": "uc1", "area": "knowledgeManagement", "channel": "eng", "members": 100, "openShare": 0.5 },
        { "id": "uc2", "area": "internalCommunication", "channel": "eng", "members": 20, "status": "pilot" },
        { "id": "uc3", "area": "workOrganisation", "status": "retired", "members": 7 }
      ],
      "trainings": [
        { "person": "a", "module": "guidelines", "completedOn": "2025-01-01", "validUntil": "2027-01-01" },
        { "person": "b", "module": "guidelines", "completedOn": "2024-01-01", "validUntil": "2025-01-01" }
      ],
      "posts": [
        { "id": "p1", "channel": "li", "author": "a", "at": "2026-11-01T09:00:00Z", "images": 2, "imagesWithAltText": 1 },
        { "id": "p2", "channel": "li", "author": "b", "at": "2026-10-01T09:00:00Z", "images": 4, "imagesWithAltText": 4, "approvedBy": "b" }
      ]
    }
    """;

    /// <summary>A rule set with the given rules (JSON objects) and parameters (a JSON object body).</summary>
    public static string RuleSet(string rules, string parameters = "\"minAdmins\": 2, \"roles\": [\"channelAdmin\", \"socialMediaLead\"], \"days\": 30")
        => $$"""{ "ruleSet": "t", "version": "1.0.0", "title": "Test", "parameters": { {{parameters}} }, "rules": [ {{rules}} ] }""";

    /// <summary>A rule with the given <c>when</c> array body and message.</summary>
    public static string Rule(string id, string when, string message = "\"found\"", string? subject = null, string extra = "")
        => $$"""{ "id": "{{id}}", "title": { "en": "Title {{id}}", "de": "Titel {{id}}" }, "severity": "medium", {{extra}} "when": [ {{when}} ], "finding": { {{(subject is null ? "" : $"\"subject\": \"{subject}\",")}} "message": {{message}} } }""";

    public static PolicyEngine CreateEngine(string ruleSetJson) => PolicyEngine.CreateBuilder().AddRuleSetJson(ruleSetJson, "t.rules.json").Build();

    public static PolicyModel LoadModel(string json = Model)
    {
        var result = PolicyModel.Parse(json, "m.json");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Model!;
    }

    public static ComplianceReport Evaluate(string ruleSetJson, EvaluationOptions? options = null, string model = Model)
        => CreateEngine(ruleSetJson).Evaluate(LoadModel(model), options);

    /// <summary>The findings as "RULE Subject" strings, in report order.</summary>
    public static List<string> Found(ComplianceReport report) => report.Findings.Select(f => $"{f.RuleId} {f.Subject}").ToList();

    /// <summary>The diagnostics of a rule set that fails to build.</summary>
    public static IReadOnlyList<Diagnostic> BuildDiagnostics(string ruleSetJson)
    {
        var built = PolicyEngine.CreateBuilder().AddRuleSetJson(ruleSetJson, "t.rules.json").TryBuild();
        Assert.Null(built.Engine);
        return built.Diagnostics;
    }
}
