using System.Globalization;
using System.Text;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// Rule sets of N generated rules for the compile scenario: eight shapes taken from the catalogue
/// (filter, key join, correlated count with a test, not-exists, exists, forAll, collect with let,
/// sum) in rotation, each with its own constants, so that NRules cannot share all of their nodes.
/// </summary>
public static class GeneratedRules
{
    private static readonly string[] Roles = ["socialMediaLead", "channelAdmin", "editor", "communityManager"];
    private static readonly string[] Departments = ["Marketing", "Sales", "IT", "HR", "Legal"];

    /// <summary>A rule set document with <paramref name="count"/> rules (ids GEN-0001, …).</summary>
    public static string Json(int count)
    {
        var rules = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            if (i > 1) rules.Append(",\n");
            rules.Append(Rule(i));
        }

        return $$"""{ "ruleSet": "generated-{{count}}", "version": "1.0.0", "title": { "en": "{{count}} generated rules" }, "rules": [ {{rules}} ] }""";
    }

    private static string Rule(int i)
    {
        var n = (i / 8).ToString(CultureInfo.InvariantCulture);
        var role = Roles[i % Roles.Length];
        var department = Departments[i % Departments.Length];
        var (subject, when, message) = (i % 8) switch
        {
            0 => ("c", $$"""{ "fact": "Channel", "as": "c", "where": ["c.businessUse", "c.status != 'closed'", "c.ownership != 'organisation'", "c.followers == null or c.followers >= {{n}}"] }""",
                "{c.id} is not owned by the organisation"),
            1 => ("r", $$"""{ "fact": "RoleAssignment", "as": "r", "where": "r.role == '{{role}}'" }, { "fact": "Person", "as": "p", "where": ["p.id == r.person", "p.status == 'left'", "p.department != '{{department}}{{n}}'"] }""",
                "{p.id} has left but holds {r.role}"),
            2 => ("c", $$"""{ "fact": "Channel", "as": "c", "where": ["c.status == 'active'", "c.businessUse", "c.followers == null or c.followers >= {{n}}"] }, { "count": { "fact": "RoleAssignment", "as": "a", "where": ["a.channel == c.id", "a.role in ['socialMediaLead', 'channelAdmin']"] }, "as": "admins" }, { "test": "admins < {{2 + i % 3}}" }""",
                "{c.id} has {admins} administrators"),
            3 => ("r", $$"""{ "fact": "RoleAssignment", "as": "r", "where": "r.role == '{{role}}'" }, { "fact": "Person", "as": "p", "where": ["p.id == r.person", "p.status == 'active'"] }, { "not": [ { "fact": "Training", "as": "t", "where": ["t.person == p.id", "t.module == 'guidelines'", "t.validUntil == null or t.validUntil >= asOf", "daysSince(t.completedOn) < {{1000 + i}}"] } ] }""",
                "{p.id} holds {r.role} untrained"),
            4 => ("c", $$"""{ "fact": "Channel", "as": "c", "where": "c.scope == 'external'" }, { "exists": [ { "fact": "Post", "as": "x", "where": ["x.channel == c.id", "x.images > x.imagesWithAltText", "x.images >= {{1 + i % 3}}"] } ] }""",
                "{c.id} has posts without alt text"),
            5 => ("c", $$"""{ "fact": "Channel", "as": "c", "where": ["c.approvalRequired", "c.followers == null or c.followers >= {{n}}"] }, { "forAll": { "fact": "Post", "as": "x", "where": "x.channel == c.id" }, "require": "x.approvedBy != null" }""",
                "{c.id} posts are all approved"),
            6 => ("c", $$"""{ "fact": "Channel", "as": "c", "where": ["c.status == 'active'", "c.followers == null or c.followers >= {{n}}"] }, { "collect": { "fact": "RoleAssignment", "as": "ra", "where": ["ra.channel == c.id"] }, "of": "ra.person", "distinct": true, "as": "holders" }, { "let": "many", "value": "len(holders) > {{3 + i % 4}}" }, { "test": "many" }""",
                "{c.id} has many role holders: {holders}"),
            _ => ("u", $$"""{ "fact": "UseCase", "as": "u", "where": "u.status != 'retired'" }, { "sum": { "fact": "Post", "as": "x", "where": ["u.channel != null", "x.channel == u.channel"] }, "of": "x.images", "as": "images" }, { "test": "images > {{i % 50}}" }""",
                "{u.id} channel has {images} images"),
        };
        var id = "GEN-" + i.ToString("D4", CultureInfo.InvariantCulture);
        return $$"""{ "id": "{{id}}", "title": { "en": "Generated rule {{i}}" }, "severity": "medium", "when": [ {{when}} ], "finding": { "subject": "{{subject}}", "message": { "en": "{{message}}" } } }""";
    }
}
