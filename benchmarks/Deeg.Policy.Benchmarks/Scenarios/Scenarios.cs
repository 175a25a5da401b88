using Deeg.Policy.Engine;
using Deeg.Policy.Model;
using Deeg.Policy.Tests.Generators;
using NRules.Extensibility;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// The benchmark scenarios, each a setup plus the operations that BenchmarkDotNet times; the
/// same code runs once at S in the <c>--quick</c> smoke mode and in the test suite.
/// </summary>
public static class Sizes
{
    /// <summary>The evaluation date of every scenario (the generator arranges dates around it).</summary>
    public static DateOnly AsOf => OrganisationGenerator.AsOf;

    /// <summary>The seed of every generated organisation.</summary>
    public const int Seed = 20261126;

    /// <summary>A generated organisation of a size (<c>S</c>, <c>M</c>, <c>L</c> or a number of facts).</summary>
    public static PolicyModel Model(string size) => OrganisationGenerator.Generate(Seed, OrganisationGenerator.FactsOf(size));

    /// <summary>The number of facts of a model.</summary>
    public static int Facts(PolicyModel model) => OrganisationGenerator.CountFacts(model);

    /// <summary>Options of every evaluation.</summary>
    public static EvaluationOptions Options { get; } = new() { AsOf = OrganisationGenerator.AsOf };
}

/// <summary>
/// Compiled engines shared by the scenarios of one process, so that the quick mode compiles
/// each variant once (BenchmarkDotNet runs each benchmark in a process of its own anyway).
/// </summary>
public static class Engines
{
    private static readonly Dictionary<string, PolicyEngine> PackEngines = new(StringComparer.Ordinal);
    private static readonly Dictionary<bool, LanguagePeer> FourRuleEngines = [];

    /// <summary>The built-in packs: <c>fast</c> (the defaults), <c>system</c> (<c>Expression.Compile</c>) or <c>naive</c> (no indexed joins).</summary>
    public static PolicyEngine Packs(string variant = "fast")
    {
        lock (PackEngines)
        {
            if (PackEngines.TryGetValue(variant, out var engine)) return engine;
            var builder = PolicyEngine.CreateBuilder().AddBuiltInRuleSets();
            engine = variant switch
            {
                "fast" => builder.Build(),
                "system" => builder.UseExpressionCompiler(SystemExpressionCompiler.Instance).Build(),
                "naive" => builder.UseIndexedJoins(false).Build(),
                _ => throw new ArgumentException("unknown variant " + variant, nameof(variant)),
            };
            return PackEngines[variant] = engine;
        }
    }

    /// <summary>The four rules in the rule language, indexed (default) or naive.</summary>
    public static LanguagePeer FourRules(bool indexed = true)
    {
        lock (FourRuleEngines)
        {
            if (!FourRuleEngines.TryGetValue(indexed, out var peer)) FourRuleEngines[indexed] = peer = new LanguagePeer(indexed);
            return peer;
        }
    }
}

/// <summary>Scenario 1: compiling rule sets.</summary>
public sealed class CompileScenario
{
    private readonly string? _json;

    /// <summary><paramref name="rules"/>: <c>packs</c> (the five built-in packs) or a number of generated rules.</summary>
    public CompileScenario(string rules)
    {
        Rules = rules;
        _json = rules == "packs" ? null : GeneratedRules.Json(int.Parse(rules, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>What is compiled.</summary>
    public string Rules { get; }

    /// <summary>Reads, binds, lowers and compiles the rules with an expression compiler.</summary>
    public PolicyEngine Compile(IExpressionCompiler compiler)
    {
        var builder = PolicyEngine.CreateBuilder().UseExpressionCompiler(compiler);
        return (_json is null ? builder.AddBuiltInRuleSets() : builder.AddRuleSetJson(_json, "generated.rules.json")).Build();
    }

    /// <summary>Both compilers give engines with the same findings on <paramref name="model"/> (throws otherwise).</summary>
    public void CheckCompilersAgree(PolicyModel model)
    {
        var system = Compile(SystemExpressionCompiler.Instance).Evaluate(model, Sizes.Options);
        var fast = Compile(FastExpressionCompilerAdapter.Instance).Evaluate(model, Sizes.Options);
        Agree.Reports("Expression.Compile", system, "FastExpressionCompiler", fast);
    }
}

/// <summary>Scenario 2a: the four rules (four-rules.rules.json) on one organisation, by every peer.</summary>
public sealed class FourRulesScenario
{
    private LanguagePeer? _indexed;
    private LanguagePeer? _naive;
    private FluentPeer? _fluent;
    private RulesEnginePeer? _rulesEngine;

    /// <summary>Generates the organisation and compiles the peers.</summary>
    public FourRulesScenario(string size)
    {
        Model = Sizes.Model(size);
        _indexed = Engines.FourRules();
    }

    /// <summary>The organisation.</summary>
    public PolicyModel Model { get; }

    /// <summary>Our engine, indexed joins (default): a full evaluation through the public API.</summary>
    public List<PeerFinding> Indexed() => _indexed!.Run(Model, Sizes.AsOf);

    /// <summary>Our engine without model validation and report: one session, insert, fire (what NRules does).</summary>
    public int IndexedMatchingOnly()
    {
        var compiled = _indexed!.Engine.Compiled;
        var run = new SessionRun(compiled, compiled.Resolve(Model, Sizes.Options), incremental: false);
        run.InsertAll(Model);
        run.Fire();
        var count = run.Findings.Count;
        run.Release();
        return count;
    }

    /// <summary>Our engine with naive lowering (every join left to NRules).</summary>
    public List<PeerFinding> Naive() => (_naive ??= Engines.FourRules(indexed: false)).Run(Model, Sizes.AsOf);

    /// <summary>Hand-written NRules fluent rules.</summary>
    public List<PeerFinding> Fluent() => (_fluent ??= new FluentPeer()).Run(Model);

    /// <summary>Microsoft RulesEngine per entity with lookups.</summary>
    public List<PeerFinding> RulesEngine() => (_rulesEngine ??= new RulesEnginePeer()).Run(Model, Sizes.AsOf);

    /// <summary>Plain LINQ with dictionaries.</summary>
    public List<PeerFinding> Linq() => LinqPeer.Run(Model, Sizes.AsOf);

    /// <summary>Every peer finds the same as LINQ (throws otherwise); the naive ones only when asked (they are slow at M and L).</summary>
    public string CheckPeersAgree(bool naive)
    {
        var expected = Linq();
        PeerFindings.AssertSame("LINQ", expected, "rule language (indexed)", Indexed());
        if (IndexedMatchingOnly() != expected.Count) throw new InvalidOperationException("matching only: wrong number of findings");
        PeerFindings.AssertSame("LINQ", expected, "Microsoft RulesEngine", RulesEngine());
        if (naive)
        {
            PeerFindings.AssertSame("LINQ", expected, "rule language (naive)", Naive());
            PeerFindings.AssertSame("LINQ", expected, "NRules fluent", Fluent());
        }

        return PeerFindings.Summary(expected);
    }
}

/// <summary>Scenario 2b: all built-in packs on one organisation.</summary>
public sealed class PacksScenario
{
    private readonly PolicyEngine _engine;
    private PolicyEngine? _system;
    private PolicyEngine? _naive;

    /// <summary>Generates the organisation and compiles the packs (engine defaults).</summary>
    public PacksScenario(string size)
    {
        Model = Sizes.Model(size);
        _engine = Engines.Packs();
    }

    /// <summary>The organisation.</summary>
    public PolicyModel Model { get; }

    /// <summary>The engine with the built-in packs.</summary>
    public PolicyEngine Engine => _engine;

    /// <summary>A full evaluation with the engine's defaults (indexed joins, FastExpressionCompiler).</summary>
    public ComplianceReport Evaluate() => _engine.Evaluate(Model, Sizes.Options);

    /// <summary>The same with the rules compiled by <c>Expression.Compile</c>.</summary>
    public ComplianceReport EvaluateSystemCompiled() =>
        (_system ??= Engines.Packs("system")).Evaluate(Model, Sizes.Options);

    /// <summary>The same with naive lowering.</summary>
    public ComplianceReport EvaluateNaive() =>
        (_naive ??= Engines.Packs("naive")).Evaluate(Model, Sizes.Options);

    /// <summary>Defaults, <c>Expression.Compile</c> and (when asked) naive lowering give the same report findings.</summary>
    public int CheckVariantsAgree(bool naive)
    {
        var report = Evaluate();
        Agree.Reports("defaults", report, "Expression.Compile", EvaluateSystemCompiled());
        if (naive) Agree.Reports("indexed", report, "naive", EvaluateNaive());
        return report.Findings.Count;
    }
}

/// <summary>
/// Scenario 3: one fact changed in a warm session — a person who holds account roles set to
/// <c>left</c>, and back — against a fresh evaluation of the same organisation.
/// </summary>
public sealed class IncrementalScenario : IDisposable
{
    private readonly PolicyEngine _engine;
    private readonly PolicySession _session;
    private readonly Person _person;
    private readonly Person _leaver;

    /// <summary><paramref name="rules"/>: <c>four-rules</c> or <c>packs</c>.</summary>
    public IncrementalScenario(string size, string rules)
    {
        Model = Sizes.Model(size);
        _engine = rules == "packs" ? Engines.Packs() : Engines.FourRules().Engine;
        _session = _engine.OpenSession(Model, Sizes.Options);

        // An active channel administrator: the change reaches role assignments through the lookups.
        var admins = Model.Roles.Where(r => r.Role == Role.ChannelAdmin).Select(r => r.Person).ToHashSet(StringComparer.Ordinal);
        _person = Model.People.First(p => p.Status == PersonStatus.Active && admins.Contains(p.Id));
        _leaver = _person with { Status = PersonStatus.Left };

        // A valid guidelines training of an active person that the person has only once: when it
        // expires, the organisation-wide list of trained people changes (CUL-003 and its counts).
        var guidelines = Model.Trainings.Where(t => t.Module == TrainingModule.Guidelines).ToList();
        var once = guidelines.GroupBy(t => t.Person).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var active = Model.People.Where(p => p.Status == PersonStatus.Active).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        _training = guidelines.First(t => once.Contains(t.Person) && active.Contains(t.Person) && (t.ValidUntil is null || t.ValidUntil >= Sizes.AsOf));
        _expired = _training with { ValidUntil = Sizes.AsOf.AddDays(-1) };
    }

    private readonly Training _training;
    private readonly Training _expired;

    /// <summary>Two single-fact changes of another kind: the person's only valid guidelines training expires, and is renewed.</summary>
    public int ExpireAndRenew()
    {
        var opened = _session.Upsert(_expired).Opened.Count;
        _session.Upsert(_training);
        return opened;
    }

    /// <summary>The organisation.</summary>
    public PolicyModel Model { get; }

    /// <summary>The person who is changed.</summary>
    public string PersonId => _person.Id;

    /// <summary>A fresh evaluation of the whole organisation.</summary>
    public ComplianceReport Fresh() => _engine.Evaluate(Model, Sizes.Options);

    /// <summary>Two single-fact changes: the person leaves, and comes back. Returns the findings opened by leaving.</summary>
    public int LeaveAndReturn()
    {
        var opened = _session.Upsert(_leaver).Opened.Count;
        _session.Upsert(_person);
        return opened;
    }

    /// <summary>After leaving and after returning, the session equals a fresh evaluation (throws otherwise); returns the findings the change opened.</summary>
    public int CheckSessionEqualsFresh()
    {
        _session.Upsert(_expired);
        Agree.Reports("fresh evaluation (expired)", _engine.Evaluate(_session.Model, Sizes.Options), "session (expired)", _session.Report());
        _session.Upsert(_training);

        var delta = _session.Upsert(_leaver);
        if (delta.Opened.Count == 0) throw new InvalidOperationException($"setting {_person.Id} to left opened no finding");
        var changed = _session.Model;
        Agree.Reports("fresh evaluation (left)", _engine.Evaluate(changed, Sizes.Options), "session (left)", _session.Report());
        _session.Upsert(_person);
        Agree.Reports("fresh evaluation", Fresh(), "session (back)", _session.Report());
        return delta.Opened.Count;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}

/// <summary>
/// Scenario 3 with group rules: one mention changed in a warm <see cref="PolicySession"/> (a new
/// negative mention is triaged, and set back to new) against a fresh evaluation of the whole
/// organisation. The change moves the mention out of one group and back.
/// </summary>
public sealed class GroupScenario : IDisposable
{
    /// <summary>Negative new mentions by platform (the language's example), and all mentions by author.</summary>
    public const string RuleSet = """
        {
          "ruleSet": "bench-groups", "version": "1.0.0", "title": "Groups",
          "rules": [
            { "id": "GRP-001", "title": "Negative mentions pile up on a platform", "severity": "medium",
              "when": [
                { "group": { "fact": "Mention", "as": "m", "where": ["m.sentiment == 'negative'", "m.status == 'new'"] }, "by": "m.platform", "as": "g" },
                { "test": "g.count >= 3" } ],
              "finding": { "message": "{g.count} new negative mentions on {g.key}" } },
            { "id": "GRP-002", "title": "Mentions by author", "severity": "info",
              "when": [ { "group": { "fact": "Mention", "as": "m", "where": "m.requiresResponse" }, "by": "m.author", "as": "g" } ],
              "finding": { "message": "{g.count} mentions by {g.key} call for a response" } }
          ]
        }
        """;

    private readonly PolicyEngine _engine;
    private readonly PolicySession _session;
    private readonly Mention _mention;
    private readonly Mention _triaged;

    public GroupScenario(string size)
    {
        Model = Sizes.Model(size);
        _engine = PolicyEngine.CreateBuilder().AddRuleSetJson(RuleSet, "bench-groups.rules.json").Build();
        _session = _engine.OpenSession(Model, Sizes.Options);
        _mention = Model.Mentions.Where(m => m.Sentiment == Sentiment.Negative && m.Status == MentionStatus.New).OrderByDescending(m => m.RequiresResponse).First();
        _triaged = _mention with { Status = MentionStatus.Triaged };
    }

    /// <summary>The organisation.</summary>
    public PolicyModel Model { get; }

    /// <summary>The mention that is changed.</summary>
    public string MentionId => _mention.Id;

    /// <summary>A fresh evaluation of the whole organisation.</summary>
    public ComplianceReport Fresh() => _engine.Evaluate(Model, Sizes.Options);

    /// <summary>Two single-fact changes: the mention is triaged, and set back to new. Returns the findings the first closed.</summary>
    public int TriageAndReopen()
    {
        var closed = _session.Upsert(_triaged).Closed.Count;
        _session.Upsert(_mention);
        return closed;
    }

    /// <summary>After the change and after undoing it, the session equals a fresh evaluation (throws otherwise); returns the findings.</summary>
    public int CheckSessionEqualsFresh()
    {
        _session.Upsert(_triaged);
        Agree.Reports("fresh evaluation (triaged)", _engine.Evaluate(_session.Model, Sizes.Options), "session (triaged)", _session.Report());
        _session.Upsert(_mention);
        var fresh = Fresh();
        Agree.Reports("fresh evaluation", fresh, "session (back)", _session.Report());
        if (fresh.Findings.Count == 0) throw new InvalidOperationException("the group rules found nothing");
        return fresh.Findings.Count;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}

/// <summary>Comparisons of reports.</summary>
public static class Agree
{
    /// <summary>The findings (rule, subject, message) of two reports are the same, and neither has errors (throws otherwise).</summary>
    public static void Reports(string expectedName, ComplianceReport expected, string actualName, ComplianceReport actual)
    {
        foreach (var (name, report) in new[] { (expectedName, expected), (actualName, actual) })
        {
            if (report.Errors.Count > 0) throw new InvalidOperationException($"{name}: evaluation errors: " + string.Join("; ", report.Errors.Take(3).Select(e => e.RuleId + ": " + e.Message)));
        }

        var e = Canonical(expected);
        var a = Canonical(actual);
        if (e.SequenceEqual(a, StringComparer.Ordinal)) return;
        var missing = e.Except(a, StringComparer.Ordinal).Take(3);
        var extra = a.Except(e, StringComparer.Ordinal).Take(3);
        throw new InvalidOperationException($"{actualName} disagrees with {expectedName}: {a.Count} vs {e.Count} findings; missing [{string.Join(" | ", missing)}], extra [{string.Join(" | ", extra)}]");
    }

    private static List<string> Canonical(ComplianceReport report) =>
        report.Findings.Select(f => $"{f.RuleId} {f.Subject} {f.Message}").Order(StringComparer.Ordinal).ToList();
}
