using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Deeg.Policy.Extensions.DependencyInjection.Tests;

/// <summary>
/// The listeners see every meter and activity source named Deeg.Policy in the process, so these
/// tests run alone: engines that other tests build and evaluate would be counted too.
/// </summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;

[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public TelemetryTests()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DeegPolicyTelemetry.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DeegPolicyTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, object?>();
        foreach (var tag in tags) dictionary[tag.Key] = tag.Value;
        _measurements.Enqueue((instrument.Name, value, dictionary));
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measured(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument).ToList();

    private static ServiceProvider Provider(IMeterFactory? meterFactory = null)
    {
        var services = new ServiceCollection();
        if (meterFactory is not null) services.AddSingleton(meterFactory);
        services.AddDeegPolicy(policy => policy.AddBuiltInRuleSets().AddRuleSetJson(Fixture.RuleSet("T-001"), "t.rules.json"));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void An_evaluation_is_counted_timed_and_its_findings_counted_by_severity()
    {
        using var provider = Provider();
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        var report = evaluator.Evaluate(evaluator.LoadModel(Path.Combine(AppContext.BaseDirectory, "TestData", "hahn-antriebstechnik.json")).Model!);

        var evaluation = Assert.Single(Measured(DeegPolicyTelemetry.EvaluationsInstrument));
        Assert.Equal(1, evaluation.Value);
        Assert.Equal("evaluate", evaluation.Tags[DeegPolicyTelemetry.OperationTag]);
        Assert.Equal("ok", evaluation.Tags[DeegPolicyTelemetry.OutcomeTag]);

        var duration = Assert.Single(Measured(DeegPolicyTelemetry.EvaluationDurationInstrument));
        Assert.InRange(duration.Value, 0, 60);

        var bySeverity = Measured(DeegPolicyTelemetry.FindingsInstrument)
            .Where(m => Equals(m.Tags[DeegPolicyTelemetry.WaivedTag], false))
            .GroupBy(m => (string)m.Tags[DeegPolicyTelemetry.SeverityTag]!)
            .ToDictionary(g => g.Key, g => (int)g.Sum(m => m.Value));
        var expected = report.Summary.BySeverity.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key.ToString().ToLowerInvariant(), kv => kv.Value);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, bySeverity);

        var compile = Assert.Single(Measured(DeegPolicyTelemetry.CompileDurationInstrument));
        Assert.Equal(("initial", "ok"), (compile.Tags[DeegPolicyTelemetry.TriggerTag], compile.Tags[DeegPolicyTelemetry.OutcomeTag]));
        Assert.True(compile.Value > 0);
    }

    [Fact]
    public void An_evaluation_is_an_activity_with_the_organisation_and_the_result()
    {
        using var provider = Provider();
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        var model = Fixture.LoadModel(evaluator);
        var report = evaluator.Evaluate(model);
        using (evaluator.OpenSession(model))
        {
        }

        Assert.Contains(_stopped, a => a.OperationName == DeegPolicyTelemetry.CompileActivity);
        var evaluate = Assert.Single(_stopped, a => a.OperationName == DeegPolicyTelemetry.EvaluateActivity);
        Assert.Equal("o", evaluate.GetTagItem("deeg.policy.organisation.id"));
        Assert.Equal(report.Findings.Count, evaluate.GetTagItem("deeg.policy.findings"));
        Assert.Equal(report.Summary.Score, evaluate.GetTagItem("deeg.policy.score"));
        Assert.Equal(ActivityStatusCode.Unset, evaluate.Status);
        Assert.Single(_stopped, a => a.OperationName == DeegPolicyTelemetry.OpenSessionActivity);
        Assert.Contains(Measured(DeegPolicyTelemetry.EvaluationsInstrument), m => Equals(m.Tags[DeegPolicyTelemetry.OperationTag], "open_session"));
    }

    [Fact]
    public void An_evaluation_that_throws_is_measured_as_failed()
    {
        using var provider = Provider();
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        var options = new EvaluationOptions { Parameters = { ["t.nope"] = 1 } };

        Assert.Throws<EvaluationOptionsException>(() => evaluator.Evaluate(Fixture.LoadModel(evaluator), options));

        var failed = Assert.Single(Measured(DeegPolicyTelemetry.EvaluationsInstrument));
        Assert.Equal("failed", failed.Tags[DeegPolicyTelemetry.OutcomeTag]);
        Assert.Equal(typeof(EvaluationOptionsException).FullName, failed.Tags[DeegPolicyTelemetry.ErrorTypeTag]);
        var activity = Assert.Single(_stopped, a => a.OperationName == DeegPolicyTelemetry.EvaluateActivity);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
    }

    [Fact]
    public async Task A_failed_rebuild_is_timed_as_failed()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("t.rules.json"), Fixture.RuleSet("T-001"));
        using var provider = new ServiceCollection()
            .AddDeegPolicy(policy => policy.AddRuleSetFile(temp.File("t.rules.json")), o => o.WatchRuleSetFiles = false)
            .BuildServiceProvider();
        var engineProvider = provider.GetRequiredService<IPolicyEngineProvider>();
        File.WriteAllText(temp.File("t.rules.json"), Fixture.BrokenRuleSet);
        await engineProvider.ReloadAsync();

        var compiles = Measured(DeegPolicyTelemetry.CompileDurationInstrument).Select(m => (m.Tags[DeegPolicyTelemetry.TriggerTag], m.Tags[DeegPolicyTelemetry.OutcomeTag])).ToList();
        Assert.Equal([("initial", "ok"), ("reload", "failed")], compiles);
        Assert.Equal(ActivityStatusCode.Error, _stopped.Last(a => a.OperationName == DeegPolicyTelemetry.CompileActivity).Status);
    }

    [Fact]
    public void The_hosts_meter_factory_is_used_when_there_is_one()
    {
        using var factory = new TestMeterFactory();
        using var provider = Provider(factory);
        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        evaluator.Evaluate(Fixture.LoadModel(evaluator));

        var meter = Assert.Single(factory.Meters);
        Assert.Equal(DeegPolicyTelemetry.MeterName, meter.Name);
        Assert.Single(Measured(DeegPolicyTelemetry.EvaluationsInstrument));
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Meters { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            Meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Meters) meter.Dispose();
        }
    }
}
