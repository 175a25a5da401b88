namespace Deeg.Policy.Tests.Packs;

/// <summary>
/// Who owns a finding of the built-in packs: a channel's first admin by person id, else the first
/// social media lead; a policy's approver, else the first social media lead; anything else the first
/// social media lead. People who have left never count.
/// </summary>
public class OwnerTests
{
    private static readonly Lazy<PolicyEngine> Engine = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build());

    // Admins a1 (left) and a2 of the internal network; leads l1 (left), l2 and l3; guidelines g1
    // approved by the active p-approver, g2 by the leaver a1.
    private const string Organisation = """
        {
          "asOf": "2026-11-26",
          "organisation": { "id": "t", "name": "Test GmbH" },
          "channels": [
            { "id": "net", "name": "Intranet", "platform": "vivaEngage", "scope": "internal" },
            { "id": "li", "name": "LinkedIn Karriere", "platform": "linkedin", "scope": "external" }
          ],
          "people": [
            { "id": "a1", "name": "Anna Eins", "status": "left" },
            { "id": "a2", "name": "Anna Zwei" },
            { "id": "l1", "name": "Lea Eins", "status": "left" },
            { "id": "l3", "name": "Lea Drei" },
            { "id": "l2", "name": "Lea Zwei" },
            { "id": "p-approver", "name": "Paula Prüfer" }
          ],
          "roles": [
            { "person": "a1", "role": "channelAdmin", "channel": "net" },
            { "person": "a2", "role": "channelAdmin", "channel": "net" },
            { "person": "l3", "role": "socialMediaLead" },
            { "person": "l1", "role": "socialMediaLead" },
            { "person": "l2", "role": "socialMediaLead" }
          ],
          "policies": [
            { "id": "g1", "kind": "employeeGuidelines", "title": "Leitfaden", "approvedBy": "p-approver", "approvedOn": "2026-01-01", "clauses": [] },
            { "id": "g2", "kind": "employeeGuidelines", "title": "Alter Leitfaden", "approvedBy": "a1", "approvedOn": "2026-01-01", "clauses": [] }
          ]
        }
        """;

    private static ComplianceReport Evaluate(string json, string language = "en")
    {
        var loaded = PolicyModel.Parse(json);
        Assert.True(loaded.Succeeded, string.Join("; ", loaded.Diagnostics));
        var report = Engine.Value.Evaluate(loaded.Model!, new EvaluationOptions { Language = language });
        Assert.Empty(report.Errors);
        return report;
    }

    private static Finding Single(ComplianceReport report, string rule, string subject) =>
        Assert.Single(report.Findings, f => f.RuleId == rule && f.Subject.ToString() == subject);

    [Fact]
    public void A_channel_finding_is_owned_by_the_first_admin_of_the_channel_who_has_not_left()
    {
        var finding = Single(Evaluate(Organisation), "DEEG-010", "Channel/net");
        Assert.Equal("Person/a2", finding.Owner?.ToString());
        Assert.Equal("Anna Zwei", finding.OwnerName);
    }

    [Fact]
    public void A_channel_without_an_admin_is_owned_by_the_first_social_media_lead_who_has_not_left()
    {
        var json = Organisation.Replace("\"channel\": \"net\"", "\"channel\": \"li\"");
        Assert.Equal("Person/l2", Single(Evaluate(json), "DEEG-010", "Channel/net").Owner?.ToString());
    }

    [Fact]
    public void A_policy_finding_is_owned_by_its_approver_unless_they_have_left()
    {
        var report = Evaluate(Organisation);
        Assert.Equal("Person/p-approver", Single(report, "CUL-007", "Policy/g1").Owner?.ToString());
        Assert.Equal("Person/l2", Single(report, "CUL-007", "Policy/g2").Owner?.ToString());
    }

    [Fact]
    public void Any_other_finding_is_owned_by_the_first_social_media_lead_or_by_nobody()
    {
        Assert.Equal("Person/l2", Single(Evaluate(Organisation), "CUL-005", "Organisation/t").Owner?.ToString());

        var withoutLeads = Organisation.Replace("\"role\": \"socialMediaLead\"", "\"role\": \"spokesperson\"");
        var finding = Single(Evaluate(withoutLeads, "de"), "CUL-005", "Organisation/t");
        Assert.Null(finding.Owner);
        Assert.Null(finding.OwnerName);
    }

    [Fact]
    public void Every_rule_of_the_built_in_packs_names_an_owner()
    {
        foreach (var pack in PolicyEngine.BuiltInRuleSetNames)
        {
            var rules = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(PackTests.PacksFolder(), pack + ".rules.json")))["rules"]!;
            foreach (var rule in rules)
                Assert.False(string.IsNullOrWhiteSpace((string?)rule["finding"]!["owner"]), $"{rule["id"]} names no owner");
        }
    }
}
