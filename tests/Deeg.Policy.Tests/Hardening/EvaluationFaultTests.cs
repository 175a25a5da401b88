using Deeg.Policy.Model;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>
/// A rule that fails at evaluation time — here, a host-registered type whose property getter
/// throws — is listed in <c>report.Errors</c> with its id; the other rules still run and report
/// their findings. Nothing escapes <c>Evaluate</c>, <c>OpenSession</c> or a session's changes.
/// </summary>
public class EvaluationFaultTests
{
    /// <summary>A host type whose <c>Fragile</c> property throws; everything else works.</summary>
    public sealed class Gadget
    {
        public string Id { get; set; } = string.Empty;

        public int Sturdy { get; set; } = 1;

        public int Fragile => throw new InvalidOperationException("the gadget's sensor is unplugged");

        public string Name => Fragile > 0 ? "x" : "y";
    }

    private const string Rules = """
        {
          "ruleSet": "host",
          "version": "1.0.0",
          "rules": [
            { "id": "HOST-001", "title": "condition reads the fragile property", "severity": "high",
              "when": [ { "fact": "Gadget", "as": "g", "where": "g.fragile > 0" } ],
              "finding": { "message": "fragile {g.id}" } },
            { "id": "HOST-002", "title": "message reads the fragile property", "severity": "high",
              "when": [ { "fact": "Gadget", "as": "g", "where": "g.sturdy == 1" } ],
              "finding": { "message": "name {g.name}" } },
            { "id": "HOST-003", "title": "only sturdy properties", "severity": "low",
              "when": [ { "fact": "Gadget", "as": "g", "where": "g.sturdy == 1" } ],
              "finding": { "message": "sturdy {g.id}" } },
            { "id": "HOST-004", "title": "not about gadgets", "severity": "low",
              "when": [ { "fact": "Organisation", "as": "o" } ],
              "finding": { "message": "org {o.id}" } },
            { "id": "HOST-005", "title": "aggregate over the fragile property", "severity": "low",
              "when": [ { "fact": "Organisation", "as": "o" }, { "sum": { "fact": "Gadget", "as": "g" }, "of": "g.fragile", "as": "total" }, { "test": "total >= 0" } ],
              "finding": { "message": "total {total}" } }
          ]
        }
        """;

    internal static PolicyEngine Engine() => PolicyEngine.CreateBuilder().AddRuleSetJson(Rules, "host.rules.json").AddFactType<Gadget>().Build();

    internal static PolicyModel Model(PolicyEngine engine) =>
        engine.ParseModel("""{ "asOf": "2026-11-26", "organisation": { "id": "acme", "name": "ACME" }, "extensions": { "Gadget": [ { "id": "g1" }, { "id": "g2" } ] } }""").Model!;

    [Fact]
    public void A_throwing_property_fails_only_the_rules_that_read_it()
    {
        var engine = Engine();
        var report = Hostile.Bounded(() => engine.Evaluate(Model(engine)), "evaluation");

        Assert.Equal(["HOST-001", "HOST-002", "HOST-005"], report.Errors.Select(e => e.RuleId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(report.Errors, e => Assert.Contains("the gadget's sensor is unplugged", e.Message, StringComparison.Ordinal));

        // The other rules ran and found what they find.
        Assert.Equal(["Gadget/g1", "Gadget/g2"], report.Findings.Where(f => f.RuleId == "HOST-003").Select(f => f.Subject.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("org acme", Assert.Single(report.Findings, f => f.RuleId == "HOST-004").Message);
        Assert.DoesNotContain(report.Findings, f => f.RuleId is "HOST-001" or "HOST-002");

        // The report JSON lists the errors (docs/report-format.md).
        Assert.Contains("\"ruleId\": \"HOST-001\"", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_evidence_and_in_sessions_nothing_escapes()
    {
        var engine = Engine();
        var model = Model(engine);
        var explained = Hostile.Bounded(() => engine.Evaluate(model, new EvaluationOptions { Explain = true }), "evaluation with evidence");
        Assert.Contains(explained.Errors, e => e.RuleId == "HOST-002");
        Assert.Contains(explained.Findings, f => f.RuleId == "HOST-004");

        using var session = engine.OpenSession(model);
        Assert.Contains(session.Report().Errors, e => e.RuleId == "HOST-001");
        var delta = session.Upsert(new Gadget { Id = "g3" });
        Assert.Contains(delta.Opened, f => f.RuleId == "HOST-003" && f.Subject.ToString() == "Gadget/g3");
        Assert.Contains(session.Report().Findings, f => f.RuleId == "HOST-004");
    }

    /// <summary>A host type whose join key throws: with indexed joins the key is read outside NRules, when the fact is indexed.</summary>
    public sealed class Badge
    {
        public string Id { get; set; } = string.Empty;

        public string Owner => throw new InvalidOperationException("the badge reader is offline");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_throwing_join_key_fails_only_the_rules_that_join_on_it(bool indexedJoins)
    {
        var engine = PolicyEngine.CreateBuilder()
            .UseIndexedJoins(indexedJoins)
            .AddFactType<Badge>()
            .AddRuleSetJson("""
                { "ruleSet": "keys", "version": "1.0.0", "rules": [
                  { "id": "KEY-001", "title": "join on the key", "severity": "low",
                    "when": [ { "fact": "Person", "as": "p" }, { "fact": "Badge", "as": "b", "where": "b.owner == p.id" } ],
                    "finding": { "message": "m" } },
                  { "id": "KEY-002", "title": "not on the key", "severity": "low",
                    "when": [ { "fact": "Person", "as": "p" }, { "not": [ { "fact": "Badge", "as": "b", "where": "b.owner == p.id" } ] } ],
                    "finding": { "message": "m" } },
                  { "id": "KEY-003", "title": "badges by id", "severity": "low",
                    "when": [ { "fact": "Badge", "as": "b", "where": "b.id != ''" } ],
                    "finding": { "message": "m" } } ] }
                """, "keys.rules.json")
            .Build();
        var model = engine.ParseModel("""{ "organisation": { "id": "o", "name": "O" }, "people": [ { "id": "p1" } ], "extensions": { "Badge": [ { "id": "b1" } ] } }""").Model!;
        var report = Hostile.Bounded(() => engine.Evaluate(model), "evaluation");
        Assert.Contains(report.Errors, e => e.RuleId == "KEY-001" && e.Message.Contains("offline", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Errors, e => e.RuleId == "KEY-003");
        Assert.Contains(report.Findings, f => f.RuleId == "KEY-003");

        using var session = engine.OpenSession(model);
        session.Upsert(new Badge { Id = "b2" });
        Assert.Contains(session.Report().Findings, f => f.RuleId == "KEY-003" && f.Subject.ToString() == "Badge/b2");
    }

    [Fact]
    public void A_model_with_a_throwing_getter_for_a_checked_field_is_reported_as_a_model_error()
    {
        var engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSet("governance").Build();
        var model = new PolicyModel
        {
            Organisation = new Organisation { Id = "o", Name = "O" },
            Channels = [null!],
        };
        var report = engine.Evaluate(model);
        Assert.Equal("model", Assert.Single(report.Errors).RuleId);
    }
}
