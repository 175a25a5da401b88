using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Deeg.Policy.Extensions.DependencyInjection.Tests;

public sealed class ReloadTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly TempFolder _temp = new();
    private readonly ListLoggerProvider _logs = new();
    private readonly BlockingCollection<PolicyEngineReloadEventArgs> _reloads = [];

    public void Dispose()
    {
        _temp.Dispose();
        _reloads.Dispose();
    }

    private ServiceProvider Start(Action<DeegPolicyOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([_logs]));
        services.AddDeegPolicy(
            policy => policy.AddRuleSetFile(_temp.File("t.rules.json")),
            options =>
            {
                options.ReloadDelay = TimeSpan.FromMilliseconds(50);
                configure?.Invoke(options);
            });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IPolicyEngineProvider>().ReloadCompleted += (_, e) => _reloads.Add(e);
        return provider;
    }

    /// <summary>Waits for a reload outcome that satisfies <paramref name="predicate"/> (others, e.g. of intermediate saves, are skipped).</summary>
    private PolicyEngineReloadEventArgs WaitFor(Func<PolicyEngineReloadEventArgs, bool> predicate)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_reloads.TryTake(out var e, TimeSpan.FromMilliseconds(100)) && predicate(e)) return e;
        }

        throw new TimeoutException("no matching reload within " + Timeout);
    }

    private static List<string> Evaluate(IPolicyEvaluator evaluator) => Fixture.Found(evaluator.Evaluate(Fixture.LoadModel(evaluator)));

    [Fact]
    public void A_changed_rule_file_is_used_and_a_broken_edit_keeps_the_last_good_engine()
    {
        _temp.Save("t.rules.json", Fixture.RuleSet("T-001"));
        using var provider = Start();
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        var engineProvider = provider.GetRequiredService<IPolicyEngineProvider>();
        var first = provider.GetRequiredService<PolicyEngine>();
        Assert.Equal(["T-001 Channel/xing"], Evaluate(evaluator));

        // A new version of the file: compiled in the background and swapped in.
        _temp.Save("t.rules.json", Fixture.RuleSet("T-002", "c.mfa == true"));
        var reloaded = WaitFor(e => e.Succeeded);
        Assert.Equal(2, reloaded.Generation);
        Assert.Same(reloaded.Engine, engineProvider.Current);
        Assert.Equal(["T-002 Channel/li"], Evaluate(evaluator));
        Assert.Same(first, provider.GetRequiredService<PolicyEngine>());   // the singleton is the engine of its first resolution
        Assert.Contains(_logs.Entries, e => e.Event.Name == "RuleSetFileChanged" && e.Message.Contains("t.rules.json", StringComparison.Ordinal));

        // A broken edit: logged with its diagnostics, the last good engine stays in service.
        _temp.Save("t.rules.json", Fixture.BrokenRuleSet);
        var failed = WaitFor(e => !e.Succeeded);
        Assert.Equal(2, failed.Generation);
        Assert.Same(reloaded.Engine, failed.Engine);
        Assert.Same(reloaded.Engine, engineProvider.Current);
        Assert.False(engineProvider.LastReload.Succeeded);
        var error = Assert.Single(failed.Diagnostics, d => d.Code == "DP4002");
        Assert.Equal(Path.GetFullPath(_temp.File("t.rules.json")), Path.GetFullPath(error.File));
        Assert.Equal(["T-002 Channel/li"], Evaluate(evaluator));
        var logged = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error && e.Event.Name == "ReloadFailed");
        Assert.Contains(error.ToString(), logged.Message, StringComparison.Ordinal);
        Assert.Contains("generation 2 stays in service", logged.Message, StringComparison.Ordinal);

        // Fixing the file brings the next generation.
        _temp.Save("t.rules.json", Fixture.RuleSet("T-003"));
        Assert.Equal(3, WaitFor(e => e.Succeeded).Generation);
        Assert.Equal(["T-003 Channel/xing"], Evaluate(evaluator));
    }

    [Fact]
    public void Polling_notices_plain_writes()
    {
        File.WriteAllText(_temp.File("t.rules.json"), Fixture.RuleSet("T-001"));
        using var provider = Start(o =>
        {
            o.UsePollingFileWatcher = true;
            o.PollingInterval = TimeSpan.FromMilliseconds(50);
        });
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        Assert.Equal(["T-001 Channel/xing"], Evaluate(evaluator));

        File.WriteAllText(_temp.File("t.rules.json"), Fixture.RuleSet("T-0002", "c.mfa == true"));
        WaitFor(e => e.Succeeded);
        Assert.Equal(["T-0002 Channel/li"], Evaluate(evaluator));
    }

    [Fact]
    public void A_deleted_rule_file_is_an_error_and_its_return_is_noticed()
    {
        _temp.Save("t.rules.json", Fixture.RuleSet("T-001"));
        using var provider = Start();
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();

        File.Delete(_temp.File("t.rules.json"));
        var failed = WaitFor(e => !e.Succeeded);
        Assert.Contains(failed.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(["T-001 Channel/xing"], Evaluate(evaluator));

        _temp.Save("t.rules.json", Fixture.RuleSet("T-004"));
        WaitFor(e => e.Succeeded);
        Assert.Equal(["T-004 Channel/xing"], Evaluate(evaluator));
    }

    [Fact]
    public async Task ReloadAsync_rebuilds_now_and_reports_the_outcome()
    {
        _temp.Save("t.rules.json", Fixture.RuleSet("T-001"));
        using var provider = Start(o => o.WatchRuleSetFiles = false);
        var engineProvider = provider.GetRequiredService<IPolicyEngineProvider>();

        File.WriteAllText(_temp.File("t.rules.json"), Fixture.BrokenRuleSet);
        var failed = await engineProvider.ReloadAsync();
        Assert.False(failed.Succeeded);
        Assert.Equal(1, engineProvider.Generation);

        File.WriteAllText(_temp.File("t.rules.json"), Fixture.RuleSet("T-005"));
        var ok = await engineProvider.ReloadAsync();
        Assert.True(ok.Succeeded);
        Assert.Equal(2, engineProvider.Generation);
        Assert.Equal(["t"], ok.Engine.RuleSets.Select(r => r.Id));
        Assert.Equal("T-005", Assert.Single(engineProvider.Current.Rules).Id);
    }

    [Fact]
    public void Changed_options_rebuild_the_engine()
    {
        _temp.Save("t.rules.json", Fixture.RuleSet("T-001"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var services = new ServiceCollection();
        services.AddDeegPolicy(policy => policy.AddRuleSetFile(_temp.File("t.rules.json")), o => o.ReloadDelay = TimeSpan.FromMilliseconds(10));
        services.Configure<DeegPolicyOptions>(configuration.GetSection("DeegPolicy"));
        using var provider = services.BuildServiceProvider();
        var engineProvider = provider.GetRequiredService<IPolicyEngineProvider>();
        engineProvider.ReloadCompleted += (_, e) => _reloads.Add(e);
        Assert.Equal(["t"], engineProvider.Current.RuleSets.Select(r => r.Id));

        configuration["DeegPolicy:BuiltInRuleSets:0"] = "culture";
        configuration.Reload();
        WaitFor(e => e.Succeeded);
        Assert.Equal(["t", "culture"], engineProvider.Current.RuleSets.Select(r => r.Id));
    }

    [Fact]
    public async Task Evaluations_during_reloads_use_one_whole_engine_each()
    {
        _temp.Save("t.rules.json", Fixture.RuleSet("T-001"));
        using var provider = Start(o => o.WatchRuleSetFiles = false);
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        var engineProvider = provider.GetRequiredService<IPolicyEngineProvider>();
        var model = Fixture.LoadModel(evaluator);

        using var stop = new CancellationTokenSource();
        var seen = new ConcurrentBag<string>();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested) seen.Add(string.Join(",", Fixture.Found(evaluator.Evaluate(model))));
        })).ToList();

        for (var i = 0; i < 4; i++)
        {
            File.WriteAllText(_temp.File("t.rules.json"), i % 2 == 0 ? Fixture.RuleSet("T-002", "c.mfa == true") : Fixture.RuleSet("T-001"));
            Assert.True((await engineProvider.ReloadAsync()).Succeeded);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(5, engineProvider.Generation);
        Assert.Subset(new HashSet<string> { "T-001 Channel/xing", "T-002 Channel/li" }, seen.ToHashSet());
    }

    [Fact]
    public void Disposing_the_container_stops_watching()
    {
        _temp.Save("t.rules.json", Fixture.RuleSet("T-001"));
        var provider = Start();
        var engineProvider = provider.GetRequiredService<IPolicyEngineProvider>();
        provider.Dispose();

        _temp.Save("t.rules.json", Fixture.RuleSet("T-002"));
        Assert.False(_reloads.TryTake(out _, TimeSpan.FromMilliseconds(400)));
        Assert.Equal(1, engineProvider.Generation);
    }
}
