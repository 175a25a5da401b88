using Deeg.Policy.Model;
using FsCheck;
using FsCheck.Fluent;

namespace Deeg.Policy.Tests.Sessions;

/// <summary>Incremental sessions (<c>PolicyEngine.OpenSession</c>, docs/sessions.md).</summary>
public class SessionTests
{
    private static readonly Lazy<PolicyEngine> AllPacks = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build());

    private static readonly EvaluationOptions Options = new() { AsOf = RandomModels.AsOf };

    internal static string Canonical(IEnumerable<Finding> findings) => string.Join("\n", findings
        .Select(f => $"{f.RuleId}|{f.Subject}|{f.Message}|{f.Remediation}|{string.Join(",", f.Facts.Select(x => x.Key + "=" + x.Value))}|{f.Fingerprint}")
        .Order(StringComparer.Ordinal));

    private static PolicyModel Sample() => Engine.EngineFixture.LoadModel();

    [Fact]
    public void A_session_starts_with_the_findings_of_a_fresh_evaluation()
    {
        using var session = AllPacks.Value.OpenSession(Sample(), Options);
        Assert.Equal(Canonical(AllPacks.Value.Evaluate(Sample(), Options).Findings), Canonical(session.Report().Findings));
    }

    [Fact]
    public void Upsert_returns_the_findings_that_opened_and_closed()
    {
        var engine = Engine.EngineFixture.CreateEngine(Engine.EngineFixture.RuleSet(Engine.EngineFixture.Rule("T-201", """
            { "fact": "RoleAssignment", "as": "r" },
            { "fact": "Person", "as": "p", "where": ["p.id == r.person", "p.status == 'left'"] }
            """, "\"{p.name} left\"", subject: "r")));
        var model = Sample();
        using var session = engine.OpenSession(model, Options);
        Assert.Equal(["RoleAssignment/c:channelAdmin:xing:"], session.Report().Findings.Select(f => f.Subject.ToString()));

        var ben = model.People.Single(p => p.Id == "b");
        var delta = session.Upsert(ben with { Status = PersonStatus.Left });
        Assert.Equal(["RoleAssignment/b:communityManager::", "RoleAssignment/b:socialMediaLead:li:"], delta.Opened.Select(f => f.Subject.ToString()).Order());
        Assert.Empty(delta.Closed);
        Assert.Equal("Ben left", delta.Opened[0].Message);

        delta = session.Remove<RoleAssignment>("c:channelAdmin:xing:");
        Assert.Equal(["RoleAssignment/c:channelAdmin:xing:"], delta.Closed.Select(f => f.Subject.ToString()));
        Assert.Empty(delta.Opened);

        Assert.True(session.Upsert(ben with { Name = "Benedikt", Status = PersonStatus.Left }).IsEmpty);
        Assert.All(session.Report().Findings, f => Assert.Equal("Benedikt left", f.Message));
    }

    [Fact]
    public void Changes_that_would_break_the_model_are_refused_and_change_nothing()
    {
        using var session = AllPacks.Value.OpenSession(Sample(), Options);
        var before = Canonical(session.Report().Findings);
        Assert.Throws<InvalidOperationException>(() => session.Remove<Person>("a"));
        Assert.Throws<InvalidOperationException>(() => session.Remove<Organisation>("o"));
        Assert.Throws<KeyNotFoundException>(() => session.Remove<Channel>("nope"));
        Assert.Throws<ArgumentException>(() => session.Upsert(new RoleAssignment { Id = "x", Person = "ghost", Role = Role.Editor }));
        Assert.Throws<ArgumentException>(() => session.Upsert("not a fact"));
        Assert.Equal(before, Canonical(session.Report().Findings));
    }

    [Fact]
    public void A_session_on_an_invalid_model_reports_the_problems_and_cannot_be_changed()
    {
        var model = Sample();
        var broken = new PolicyModel { Organisation = model.Organisation, Roles = [new RoleAssignment { Id = "r", Person = "ghost", Role = Role.Editor }] };
        using var session = AllPacks.Value.OpenSession(broken, Options);
        Assert.Contains(session.Report().Errors, e => e.RuleId == "model" && e.Message.Contains("ghost", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => session.Upsert(model.Organisation));
    }

    [Fact]
    public void After_any_sequence_of_changes_the_session_equals_a_fresh_evaluation_for_all_built_in_packs()
    {
        var engine = AllPacks.Value;
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (seed, steps) =>
        {
            var random = new RandomModels(seed);
            var model = random.Model();
            using var session = engine.OpenSession(model, Options);
            var findings = session.Report().Findings.ToDictionary(f => f.Fingerprint, f => f);
            for (var i = 0; i < steps; i++)
            {
                var (upsert, removeType, removeId) = random.Change(session.Model);
                FindingsDelta delta;
                try
                {
                    delta = upsert is not null ? session.Upsert(upsert) : Remove(session, removeType!, removeId!);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException)
                {
                    continue; // refused: the session is unchanged (checked below by the comparison)
                }

                // The deltas add up: before + opened − closed = after.
                foreach (var closed in delta.Closed) Assert.True(findings.Remove(closed.Fingerprint), "closed a finding that was not open: " + closed.Fingerprint);
                foreach (var opened in delta.Opened) Assert.True(findings.TryAdd(opened.Fingerprint, opened), "opened a finding that was open: " + opened.Fingerprint);
                Assert.Equal(findings.Keys.Order(StringComparer.Ordinal), session.Report().Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));
            }

            var fresh = engine.Evaluate(session.Model, Options);
            Assert.Empty(fresh.Errors);
            Assert.Equal(Canonical(fresh.Findings), Canonical(session.Report().Findings));
            Assert.Equal(fresh.ToJson(), session.Report().ToJson());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Replacing_the_model_with_another_version_equals_a_fresh_evaluation_of_that_version()
    {
        var engine = AllPacks.Value;
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (first, second) =>
        {
            var from = new RandomModels(first).Model();
            var to = new RandomModels(second).Model();
            using var session = engine.OpenSession(from, Options);
            var before = session.Report().Findings.Select(f => f.Fingerprint).ToHashSet();
            var delta = session.Replace(to);
            var fresh = engine.Evaluate(to, Options);
            Assert.Equal(Canonical(fresh.Findings), Canonical(session.Report().Findings));
            var after = fresh.Findings.Select(f => f.Fingerprint).ToHashSet();
            Assert.Equal(after.Except(before).Order(StringComparer.Ordinal), delta.Opened.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));
            Assert.Equal(before.Except(after).Order(StringComparer.Ordinal), delta.Closed.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));
            Assert.True(session.Replace(to).IsEmpty);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Replacing_with_an_invalid_model_is_refused_and_changes_nothing()
    {
        using var session = AllPacks.Value.OpenSession(Sample(), Options);
        var before = Canonical(session.Report().Findings);
        var broken = new PolicyModel { Organisation = Sample().Organisation, Roles = [new RoleAssignment { Id = "r", Person = "ghost", Role = Role.Editor }] };
        Assert.Throws<ArgumentException>(() => session.Replace(broken));
        Assert.Equal(before, Canonical(session.Report().Findings));
    }

    /// <summary>Applies one generated change; false when the session refused it (and so changed nothing).</summary>
    internal static bool TryChange(PolicySession session, RandomModels random)
    {
        var (upsert, removeType, removeId) = random.Change(session.Model);
        try
        {
            if (upsert is not null) session.Upsert(upsert);
            else Remove(session, removeType!, removeId!);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return false;
        }
    }

    internal static FindingsDelta Remove(PolicySession session, Type type, string id)
    {
        var method = typeof(PolicySession).GetMethod(nameof(PolicySession.Remove))!.MakeGenericMethod(type);
        try
        {
            return (FindingsDelta)method.Invoke(session, [id])!;
        }
        catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
