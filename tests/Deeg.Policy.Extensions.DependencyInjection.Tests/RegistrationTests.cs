using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Deeg.Policy.Extensions.DependencyInjection.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void AddDeegPolicy_registers_the_engine_as_a_singleton_and_the_evaluator()
    {
        var services = new ServiceCollection();
        services.AddDeegPolicy(policy => policy
            .AddBuiltInRuleSet("governance")
            .AddRuleSetJson(Fixture.RuleSet("T-001"), "t.rules.json"));

        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(PolicyEngine)).Lifetime);
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(IPolicyEvaluator)).Lifetime);
        Assert.Equal(ServiceLifetime.Singleton, services.Single(d => d.ServiceType == typeof(IPolicyEngineProvider)).Lifetime);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var engine = provider.GetRequiredService<PolicyEngine>();
        Assert.Same(engine, provider.GetRequiredService<PolicyEngine>());
        Assert.Same(engine, provider.GetRequiredService<IPolicyEngineProvider>().Current);
        Assert.Same(engine, provider.GetRequiredService<IPolicyEvaluator>().Engine);
        Assert.Equal(["governance", "t"], engine.RuleSets.Select(r => r.Id));
    }

    [Fact]
    public void The_evaluator_gives_the_report_of_the_engine()
    {
        using var provider = new ServiceCollection()
            .AddDeegPolicy(policy => policy.AddBuiltInRuleSets().AddRuleSetJson(Fixture.RuleSet("T-001"), "t.rules.json"))
            .BuildServiceProvider();
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        var loaded = evaluator.LoadModel(Path.Combine(AppContext.BaseDirectory, "TestData", "hahn-antriebstechnik.json"));
        Assert.True(loaded.Succeeded);

        var options = new EvaluationOptions { Language = "de" };
        var report = evaluator.Evaluate(loaded.Model!, options);
        var direct = provider.GetRequiredService<PolicyEngine>().Evaluate(loaded.Model!, options);

        Assert.Equal(direct.ToJson(), report.ToJson());
        Assert.Contains(report.Findings, f => f.RuleId == "T-001");
        Assert.Contains(report.Findings, f => f.RuleId.StartsWith("DEEG-", StringComparison.Ordinal));
    }

    [Fact]
    public void Sessions_opened_through_the_evaluator_are_incremental()
    {
        using var provider = new ServiceCollection()
            .AddDeegPolicy(policy => policy.AddRuleSetJson(Fixture.RuleSet("T-001"), "t.rules.json"))
            .BuildServiceProvider();
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        var model = Fixture.LoadModel(evaluator);

        using var session = evaluator.OpenSession(model);
        Assert.Equal(["T-001 Channel/xing"], Fixture.Found(session.Report()));
        var delta = session.Upsert(model.Channels.Single(c => c.Id == "xing") with { Mfa = true });
        Assert.Equal(["T-001 Channel/xing"], delta.Closed.Select(f => $"{f.RuleId} {f.Subject}"));
        Assert.Empty(session.Report().Findings);
    }

    [Fact]
    public void Options_add_built_in_packs_and_rule_set_files()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("t.rules.json"), Fixture.RuleSet("T-001"));
        using var provider = new ServiceCollection()
            .AddDeegPolicy()
            .Configure<DeegPolicyOptions>(o =>
            {
                o.BuiltInRuleSets.Add("gdpr-de");
                o.RuleSetFiles.Add(temp.File("t.rules.json"));
                o.WatchRuleSetFiles = false;
            })
            .BuildServiceProvider();

        Assert.Equal(["gdpr-de", "t"], provider.GetRequiredService<PolicyEngine>().RuleSets.Select(r => r.Id));
        Assert.Empty(((PolicyEngineProvider)provider.GetRequiredService<IPolicyEngineProvider>()).WatchedFiles);
    }

    [Fact]
    public void Options_bind_to_configuration()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("t.rules.json"), Fixture.RuleSet("T-001"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DeegPolicy:IncludeAllBuiltInRuleSets"] = "true",
            ["DeegPolicy:RuleSetFiles:0"] = temp.File("t.rules.json"),
            ["DeegPolicy:ReloadDelay"] = "00:00:00.050",
        }).Build();

        var services = new ServiceCollection();
        services.AddDeegPolicy().Configure<DeegPolicyOptions>(configuration.GetSection("DeegPolicy"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DeegPolicyOptions>>().Value;
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.ReloadDelay);
        var engine = provider.GetRequiredService<PolicyEngine>();
        Assert.Equal(PolicyEngine.BuiltInRuleSetNames.Count + 1, engine.RuleSets.Count);
        Assert.Equal([Path.GetFullPath(temp.File("t.rules.json"))], ((PolicyEngineProvider)provider.GetRequiredService<IPolicyEngineProvider>()).WatchedFiles);
    }

    [Fact]
    public void Host_fact_types_registered_in_the_callback_are_accepted_in_models_and_rules()
    {
        const string rules = """
            { "ruleSet": "agency", "version": "1.0.0",
              "rules": [ { "id": "AG-001", "title": { "en": "Agency channel without DPA" }, "severity": "high",
                           "when": [ { "fact": "AgencyContract", "as": "a", "where": ["a.dataProcessingAgreement == false"] },
                                     { "fact": "Channel", "as": "c", "where": ["a.channels contains c.id"] } ],
                           "finding": { "subject": "c", "message": "{a.agency} runs {c.id} without a DPA" } } ] }
            """;
        using var provider = new ServiceCollection()
            .AddDeegPolicy(policy => policy.AddFactType<AgencyContract>("AgencyContract").AddRuleSetJson(rules, "agency.rules.json"))
            .BuildServiceProvider();
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        var model = Fixture.LoadModel(evaluator, Fixture.Model.Replace(
            "\"channels\"",
            "\"extensions\": { \"AgencyContract\": [ { \"id\": \"k1\", \"agency\": \"Klickwerk\", \"channels\": [\"xing\"] } ] }, \"channels\"",
            StringComparison.Ordinal));

        var finding = Assert.Single(evaluator.Evaluate(model).Findings);
        Assert.Equal(("AG-001", "Channel/xing", "Klickwerk runs xing without a DPA"), (finding.RuleId, finding.Subject.ToString(), finding.Message));
    }

    [Fact]
    public void A_broken_rule_set_at_start_throws_with_its_diagnostics_and_is_logged()
    {
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs]));
        services.AddDeegPolicy(policy => policy.AddRuleSetJson(Fixture.BrokenRuleSet, "broken.rules.json"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<RuleSetValidationException>(() => provider.GetRequiredService<IPolicyEvaluator>());
        var error = Assert.Single(ex.Diagnostics, d => d.Code == "DP4002");
        Assert.Equal("broken.rules.json", error.File);
        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains(error.ToString(), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_logger_factory_nothing_is_logged_and_everything_works()
    {
        using var provider = new ServiceCollection()
            .AddDeegPolicy(policy => policy.AddRuleSetJson(Fixture.RuleSet("T-001"), "t.rules.json"))
            .BuildServiceProvider();
        Assert.Equal(1, provider.GetRequiredService<IPolicyEngineProvider>().Generation);
        Assert.True(provider.GetRequiredService<IPolicyEngineProvider>().LastReload.Succeeded);
    }

    [Fact]
    public void Calling_AddDeegPolicy_twice_adds_up_the_callbacks_and_registers_once()
    {
        var services = new ServiceCollection()
            .AddDeegPolicy(policy => policy.AddBuiltInRuleSet("culture"))
            .AddDeegPolicy(policy => policy.AddRuleSetJson(Fixture.RuleSet("T-001"), "t.rules.json"));
        Assert.Single(services, d => d.ServiceType == typeof(IPolicyEvaluator));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(["culture", "t"], provider.GetRequiredService<PolicyEngine>().RuleSets.Select(r => r.Id));
    }
}

/// <summary>A host fact type: a contract with an agency that runs channels for the organisation.</summary>
public sealed record AgencyContract
{
    public required string Id { get; init; }

    public required string Agency { get; init; }

    public IReadOnlyList<string> Channels { get; init; } = [];

    public bool DataProcessingAgreement { get; init; }
}
