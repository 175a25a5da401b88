using System.Diagnostics;
using System.Diagnostics.Metrics;
using Deeg.Policy.Packs;
using Deeg.Policy.Engine;
using Deeg.Policy.Model;

namespace Deeg.Policy;

/// <summary>
/// Collects rule sets and host fact types, then compiles them into an immutable
/// <see cref="PolicyEngine"/>. Create one with <see cref="PolicyEngine.CreateBuilder"/>.
/// </summary>
public sealed class PolicyEngineBuilder
{
    private readonly List<RuleSetSource> _sources = [];
    private readonly List<(string Name, Type Type)> _factTypes = [];
    private PolicyLimits _limits = PolicyLimits.Default;
    private bool _lint;
    private bool _indexedJoins = true;
    private NRules.Extensibility.IExpressionCompiler? _expressionCompiler;
    private PolicyTelemetry _telemetry = PolicyTelemetry.Shared;
    private string? _trigger;
    private long? _generation;

    internal PolicyEngineBuilder()
    {
    }

    /// <summary>Adds all built-in rule packs (see <see cref="PolicyEngine.BuiltInRuleSetNames"/>).</summary>
    public PolicyEngineBuilder AddBuiltInRuleSets()
    {
        foreach (var name in BuiltInPacks.Names) AddBuiltInRuleSet(name);
        return this;
    }

    /// <summary>Adds one built-in rule pack by name, e.g. <c>governance</c>. An unknown name is reported by <see cref="Build"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public PolicyEngineBuilder AddBuiltInRuleSet(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_sources.Exists(s => s.BuiltInName == name)) _sources.Add(RuleSetSource.BuiltIn(name));
        return this;
    }

    /// <summary>Adds a rule-set file. A missing or invalid file is reported by <see cref="Build"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public PolicyEngineBuilder AddRuleSetFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _sources.Add(RuleSetSource.File(path));
        return this;
    }

    /// <summary>
    /// The rule-set files added with <see cref="AddRuleSetFile"/>, in the order they were added and
    /// as given (relative paths are read relative to the current directory). Hosts use it to watch
    /// the files and rebuild the engine when one changes.
    /// </summary>
    public IReadOnlyList<string> RuleSetFiles =>
        _sources.Where(s => s.Path is not null).Select(s => s.Path!).ToList();

    /// <summary>Adds a rule set from JSON text; <paramref name="sourceName"/> names it in diagnostics.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public PolicyEngineBuilder AddRuleSetJson(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        _sources.Add(RuleSetSource.Json(json, sourceName ?? $"<rules-{_sources.Count + 1}>"));
        return this;
    }

    /// <summary>
    /// Registers a host type usable in rules (<c>{"fact": "name"}</c>) and in a model's
    /// <c>extensions</c>. It needs a public string property <c>Id</c>; its public properties are
    /// its members. <paramref name="name"/> defaults to the CLR type name.
    /// </summary>
    public PolicyEngineBuilder AddFactType<T>(string? name = null)
        where T : class
    {
        _factTypes.Add((name ?? typeof(T).Name, typeof(T)));
        return this;
    }

    /// <summary>
    /// Sets the limits (document size, JSON depth, expression length and depth, number of rules,
    /// message length) for the rule sets of this builder, and for the models the engine loads
    /// (<see cref="PolicyEngine.LoadModel"/>, number of facts) and the messages it renders.
    /// Default: <see cref="PolicyLimits.Default"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> is null.</exception>
    public PolicyEngineBuilder WithLimits(PolicyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        return this;
    }

    /// <summary>
    /// Adds lint warnings (DP7xxx) to the diagnostics of <see cref="TryBuild"/> and to
    /// <see cref="PolicyEngine.Warnings"/>: patterns that form a cartesian product, conditions that are
    /// always true or always false, unused parameters and aliases, duplicate rules, rules that can
    /// never fire. Warnings never stop the engine from being built. Off by default.
    /// </summary>
    public PolicyEngineBuilder EnableLinting(bool enabled = true)
    {
        _lint = enabled;
        return this;
    }

    /// <summary>
    /// Whether equality joins on keys (<c>r.person == p.id</c>) are compiled to index lookups
    /// (default) or left to NRules' pairwise matching, and whether organisation-wide aggregates are
    /// kept in rules of their own (default) or folded in every rule. Both give the same findings;
    /// the optimised lowering makes large organisations and their changes fast
    /// (docs/architecture.md). Turning it off is for the tests and benchmarks that compare both.
    /// </summary>
    internal PolicyEngineBuilder UseIndexedJoins(bool enabled = true)
    {
        _indexedJoins = enabled;
        return this;
    }

    /// <summary>
    /// The compiler of the rules' condition and action expressions, handed to NRules'
    /// <c>RuleCompiler.ExpressionCompiler</c>; null (default) is FastExpressionCompiler. For the
    /// benchmarks, which compare it with <c>Expression.Compile</c>.
    /// </summary>
    internal PolicyEngineBuilder UseExpressionCompiler(NRules.Extensibility.IExpressionCompiler? compiler)
    {
        _expressionCompiler = compiler;
        return this;
    }

    /// <summary>
    /// The telemetry of a host that builds and rebuilds engines: the metrics of this build and of
    /// the engine go to the meter that <paramref name="meterFactory"/> creates (the host's, instead
    /// of the process-wide one); <paramref name="trigger"/> tags the compilation
    /// (<c>deeg.policy.trigger</c>) and <paramref name="generation"/> the engine's evaluation
    /// activities (<c>deeg.policy.engine.generation</c>).
    /// </summary>
    /// <remarks>
    /// Without this call the engine still reports through the process-wide <c>Deeg.Policy</c>
    /// meter and activity source; the dependency-injection package calls it with the host's
    /// meter factory, the reason of each (re)build and the engine generation.
    /// </remarks>
    /// <param name="meterFactory">The host's meter factory, or null for the process-wide meter.</param>
    /// <param name="trigger">Why this build happens, e.g. <c>initial</c> or <c>reload</c>; null for no tag.</param>
    /// <param name="generation">The number of this engine among those a host has built; null for no tag.</param>
    /// <returns>This builder.</returns>
    public PolicyEngineBuilder UseTelemetry(IMeterFactory? meterFactory, string? trigger = null, long? generation = null)
    {
        _telemetry = PolicyTelemetry.For(meterFactory);
        _trigger = trigger;
        _generation = generation;
        return this;
    }

    /// <summary>Compiles the rule sets into an engine.</summary>
    /// <returns>The engine; its <see cref="PolicyEngine.Warnings"/> hold the warnings.</returns>
    /// <exception cref="RuleSetValidationException">A rule set has an error (a missing or invalid file, an unknown built-in pack, a type or syntax error, a limit exceeded); <see cref="RuleSetValidationException.Diagnostics"/> lists every diagnostic, warnings included.</exception>
    public PolicyEngine Build()
    {
        var result = TryBuild();
        return result.Engine ?? throw new RuleSetValidationException(result.Diagnostics);
    }

    /// <summary>
    /// Compiles the rule sets without throwing for their content: the result holds the engine
    /// (null on errors) and every diagnostic, warnings included.
    /// </summary>
    public RuleSetBuildResult TryBuild()
    {
        using var activity = PolicyTelemetry.ActivitySource.StartActivity(PolicyTelemetry.CompileActivity);
        if (_trigger is not null) activity?.SetTag(PolicyTelemetry.TriggerTag, _trigger);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = Compile();
            _telemetry.Compiled(_trigger, result.Succeeded, Stopwatch.GetElapsedTime(started));
            if (activity is not null)
            {
                activity.SetTag(PolicyTelemetry.OutcomeTag, result.Succeeded ? "ok" : "failed");
                activity.SetTag("deeg.policy.rules", result.Engine?.Rules.Count);
                if (!result.Succeeded) activity.SetStatus(ActivityStatusCode.Error, $"{result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s)");
            }

            return result;
        }
        catch (Exception ex)
        {
            _telemetry.Compiled(_trigger, false, Stopwatch.GetElapsedTime(started));
            if (activity is not null)
            {
                activity.SetTag(PolicyTelemetry.OutcomeTag, "failed");
                activity.SetStatus(ActivityStatusCode.Error, ex.Message);
                activity.AddException(ex);
            }

            throw;
        }
    }

    private RuleSetBuildResult Compile()
    {
        var registry = BuiltInFactTypes.CreateRegistry();
        var diagnostics = new Diagnostics.DiagnosticBag();
        foreach (var (name, type) in _factTypes)
        {
            try
            {
                registry.AddFactType(name, type);
            }
            catch (ArgumentException ex)
            {
                diagnostics.Error(Diagnostics.DiagnosticCodes.RuleSetUnknownFactType, Diagnostics.SourceLocation.OfFile("<builder>"), ex.Message);
            }
        }

        var compiled = PolicyCompiler.Compile(_sources, registry, diagnostics, _indexedJoins, _limits, _lint, _expressionCompiler);
        var list = diagnostics.ToSortedList();
        return compiled is null || diagnostics.HasErrors
            ? new RuleSetBuildResult(null, list)
            : new RuleSetBuildResult(new PolicyEngine(compiled, registry, list, _telemetry, _generation), list);
    }
}
