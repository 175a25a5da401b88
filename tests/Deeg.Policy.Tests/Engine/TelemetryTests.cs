using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Deeg.Policy.Model;
using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Engine;

/// <summary>
/// The listeners see every meter and activity source named Deeg.Policy in the process, so these
/// tests run alone: engines that other tests build and evaluate would be counted too.
/// </summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>The engine's own metrics and activities, without dependency injection.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests : IDisposable
{
    private static readonly string Rules = RuleSet(Rule("T-001", """{ "fact": "Channel", "as": "c" }"""));

    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags, Meter Meter)> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public TelemetryTests()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Deeg.Policy") listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Deeg.Policy",
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
        _measurements.Enqueue((instrument.Name, value, dictionary, instrument.Meter));
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags, Meter Meter)> Measured(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument).ToList();

    [Fact]
    public void Building_and_evaluating_are_measured_without_dependency_injection()
    {
        var engine = CreateEngine(Rules);
        var report = engine.Evaluate(LoadModel());

        var compile = Assert.Single(Measured("deeg.policy.compile.duration"));
        Assert.Equal("ok", compile.Tags["deeg.policy.outcome"]);
        Assert.False(compile.Tags.ContainsKey("deeg.policy.trigger"));
        Assert.True(compile.Value > 0);

        var evaluation = Assert.Single(Measured("deeg.policy.evaluations"));
        Assert.Equal(1, evaluation.Value);
        Assert.Equal(("evaluate", "ok"), (evaluation.Tags["deeg.policy.operation"], evaluation.Tags["deeg.policy.outcome"]));
        Assert.InRange(Assert.Single(Measured("deeg.policy.evaluation.duration")).Value, 0, 60);

        var findings = Assert.Single(Measured("deeg.policy.findings"));
        Assert.Equal(report.Findings.Count, (int)findings.Value);
        Assert.Equal(3, report.Findings.Count);
        Assert.Equal(("medium", false, "evaluate"), (findings.Tags["deeg.policy.severity"], findings.Tags["deeg.policy.waived"], findings.Tags["deeg.policy.operation"]));
        Assert.Empty(Measured("deeg.policy.models.rejected"));

        var built = Assert.Single(_stopped, a => a.OperationName == "deeg.policy.compile");
        Assert.Equal(1, built.GetTagItem("deeg.policy.rules"));
        var evaluate = Assert.Single(_stopped, a => a.OperationName == "deeg.policy.evaluate");
        Assert.Equal("o", evaluate.GetTagItem("deeg.policy.organisation.id"));
        Assert.Equal(3, evaluate.GetTagItem("deeg.policy.findings"));
        Assert.Equal(report.Summary.Score, evaluate.GetTagItem("deeg.policy.score"));
        Assert.Null(evaluate.GetTagItem("deeg.policy.engine.generation"));
        Assert.Equal(ActivityStatusCode.Unset, evaluate.Status);
    }

    [Fact]
    public void Opening_a_session_is_measured_once_and_its_changes_are_not()
    {
        var engine = CreateEngine(Rules);
        using var session = engine.OpenSession(LoadModel());
        Assert.Single(session.Upsert(new Channel { Id = "blog", Platform = Platform.Blog, Scope = ChannelScope.External }).Opened);

        var opened = Assert.Single(Measured("deeg.policy.evaluations"));
        Assert.Equal(("open_session", "ok"), (opened.Tags["deeg.policy.operation"], opened.Tags["deeg.policy.outcome"]));
        Assert.Equal(3, (int)Assert.Single(Measured("deeg.policy.findings")).Value);
        Assert.Single(_stopped, a => a.OperationName == "deeg.policy.open_session");
    }

    [Fact]
    public void A_failed_build_and_a_throwing_evaluation_are_measured_as_failed()
    {
        Assert.Throws<RuleSetValidationException>(() => PolicyEngine.CreateBuilder().AddRuleSetJson("{", "broken.rules.json").Build());
        Assert.Equal("failed", Assert.Single(Measured("deeg.policy.compile.duration")).Tags["deeg.policy.outcome"]);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(_stopped, a => a.OperationName == "deeg.policy.compile").Status);

        var engine = CreateEngine(Rules);
        Assert.Throws<EvaluationOptionsException>(() => engine.Evaluate(LoadModel(), new EvaluationOptions { Parameters = { ["t.nope"] = 1 } }));
        var failed = Assert.Single(Measured("deeg.policy.evaluations"));
        Assert.Equal("failed", failed.Tags["deeg.policy.outcome"]);
        Assert.Equal(typeof(EvaluationOptionsException).FullName, failed.Tags["error.type"]);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(_stopped, a => a.OperationName == "deeg.policy.evaluate").Status);
    }

    [Fact]
    public void Rejected_models_are_counted_by_operation()
    {
        var engine = CreateEngine(Rules);
        Assert.False(engine.ParseModel("{}", "empty.json").Succeeded);
        var invalid = new PolicyModel
        {
            Organisation = new Organisation { Id = "o", Name = "Org" },
            Roles = [new RoleAssignment { Id = "r1", Person = "nobody", Role = Role.Editor }],
        };
        var report = engine.Evaluate(invalid);
        Assert.Contains(report.Errors, e => e.RuleId == "model");
        using (engine.OpenSession(invalid))
        {
        }

        var rejected = Measured("deeg.policy.models.rejected").Select(m => (string)m.Tags["deeg.policy.operation"]!).ToList();
        Assert.Equal(["parse_model", "evaluate", "open_session"], rejected);
        Assert.Equal("rule_errors", Measured("deeg.policy.evaluations")[0].Tags["deeg.policy.outcome"]);
    }

    [Fact]
    public void A_hosts_meter_factory_gets_the_metrics_instead_of_the_process_wide_meter()
    {
        using var factory = new TestMeterFactory();
        var engine = PolicyEngine.CreateBuilder().AddRuleSetJson(Rules, "t.rules.json").UseTelemetry(factory, "reload", 7).Build();
        engine.Evaluate(LoadModel());
        PolicyEngine.CreateBuilder().AddRuleSetJson(Rules, "t.rules.json").UseTelemetry(factory, "reload", 8).Build();

        var meter = Assert.Single(factory.Meters);
        Assert.All(_measurements, m => Assert.Same(meter, m.Meter));
        Assert.Single(Measured("deeg.policy.evaluations"));
        Assert.All(Measured("deeg.policy.compile.duration"), m => Assert.Equal("reload", m.Tags["deeg.policy.trigger"]));
        Assert.Equal(7L, Assert.Single(_stopped, a => a.OperationName == "deeg.policy.evaluate").GetTagItem("deeg.policy.engine.generation"));
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
