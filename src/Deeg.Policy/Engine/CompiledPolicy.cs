using Deeg.Policy.Core;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Lowering;
using Deeg.Policy.Model;
using Deeg.Policy.Reporting;
using Deeg.Policy.Runtime;
using NRules;

namespace Deeg.Policy.Engine;

/// <summary>
/// All loaded rule sets in compiled form: the NRules session factory (the Rete network), the
/// bound rules, their message renderers (<see cref="MessageRenderer"/>), the checks of the options
/// (<see cref="OptionChecks"/>) and the pool of join indexes (<see cref="IndexPool"/>). Immutable
/// and thread-safe; each evaluation runs in a session of its own.
/// </summary>
internal sealed class CompiledPolicy
{
    private readonly ISessionFactory _factory;
    private readonly FactTypeRegistry _types;
    private readonly IReadOnlyList<BoundRule> _rules;
    private readonly IReadOnlyList<ParameterSymbol> _parameters;
    private readonly OptionChecks _options;
    private readonly Lazy<MessageRenderer>[] _renderers;
    private readonly Dictionary<string, int> _ruleIndex;

    public CompiledPolicy(ISessionFactory factory, FactTypeRegistry types, IReadOnlyList<RuleSetSummary> ruleSets, IReadOnlyList<RuleInfo> allRules,
        IReadOnlyList<BoundRule> enabledRules, IReadOnlyList<ParameterSymbol> parameters, IReadOnlyList<IndexSpec> indexSpecs)
    {
        IndexSpecs = indexSpecs;
        IndexPool = new IndexPool(indexSpecs);
        _factory = factory;
        _types = types;
        RuleSets = ruleSets;
        Rules = allRules;
        _rules = enabledRules;
        _parameters = parameters;
        _options = new OptionChecks(parameters, enabledRules);
        _renderers = enabledRules.Select(r => new Lazy<MessageRenderer>(() => new MessageRenderer(r, parameters, Limits.MaxMessageLength))).ToArray();
        _ruleIndex = enabledRules.Select((r, i) => (r.Info.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<RuleSetSummary> RuleSets { get; }

    /// <summary>The limits: the number of facts of an evaluated model, the length of rendered messages.</summary>
    public PolicyLimits Limits { get; init; } = PolicyLimits.Default;

    /// <summary>The NRules rules the lowering made: one per enabled rule, plus one per shared aggregate.</summary>
    internal IReadOnlyList<NRules.RuleModel.IRuleDefinition> Definitions
    {
        get => _definitions;
        init
        {
            _definitions = value;
            _matchedTypes = new MatchedTypes(value);
        }
    }

    private readonly IReadOnlyList<NRules.RuleModel.IRuleDefinition> _definitions = [];
    private readonly MatchedTypes _matchedTypes = new([]);

    /// <summary>True when some rule matches facts of <paramref name="type"/> with an NRules pattern; other facts are only looked up in the indexes.</summary>
    internal bool InWorkingMemory(Type type) => _matchedTypes.Contains(type);

    /// <summary>The join indexes the rules look up (empty when indexed joins are off).</summary>
    public IReadOnlyList<IndexSpec> IndexSpecs { get; }

    /// <summary>Empty join indexes for one-shot evaluations, reused.</summary>
    internal IndexPool IndexPool { get; }

    public IReadOnlyList<RuleInfo> Rules { get; }

    /// <summary>Checks the options; on success returns the parameter values by slot.</summary>
    public (DiagnosticBag Diagnostics, object?[] Parameters) ValidateOptions(EvaluationOptions options) => _options.Validate(options);

    /// <summary>Checks the options and resolves the evaluation date: options, then the model, then today (UTC).</summary>
    public ResolvedOptions Resolve(PolicyModel model, EvaluationOptions options) => _options.Resolve(model, options);

    public ComplianceReport Evaluate(PolicyModel model, EvaluationOptions options)
    {
        var resolved = Resolve(model, options);

        // Validation and matching only read the model, so on a big model they run side by side
        // (validation was a fifth of an evaluation); the matches are dropped when the model is invalid.
        var validating = ValidatesAlongside(model, options) ? Task.Run(() => ModelLoader.Validate(model, _types, Limits)) : null;
        var validation = validating is null ? ModelLoader.Validate(model, _types, Limits) : null;
        if (validation is { Succeeded: false }) return Invalid(model, resolved, validation);

        SessionRun? run = null;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        try
        {
            run = new SessionRun(this, resolved, incremental: false);
            run.InsertAll(model);
            run.Fire();
        }
        catch (Exception ex) when (validating is not null && SessionRun.IsHostFault(ex))
        {
            // An invalid model may fail in ways a valid one cannot; the validation says which it is.
            failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
        }

        validation ??= validating!.GetAwaiter().GetResult();
        if (!validation.Succeeded) return Invalid(model, resolved, validation);
        failure?.Throw();
        var report = Report(model.Organisation, model.SourceFile, resolved, run!.Findings, run.Errors, model.Lookup);
        run.Release();
        return report;
    }

    /// <summary>Facts from which validating alongside the matching pays for the second thread.</summary>
    internal const int ConcurrentValidationFacts = 10_000;

    /// <summary>
    /// Whether to validate on a second thread while the engine matches: unless the options say not
    /// to (<see cref="EvaluationOptions.ValidateAlongsideMatching"/>), with two or more processors, on a
    /// model of at least <see cref="ConcurrentValidationFacts"/> facts within the limit, and only
    /// of the built-in fact types (immutable records; a host's extension types may have getters
    /// that are not safe to call from two threads at once).
    /// </summary>
    private bool ValidatesAlongside(PolicyModel model, EvaluationOptions options)
    {
        if (!options.ValidateAlongsideMatching || Environment.ProcessorCount < 2 || model.Extensions is null || model.Extensions.Values.Any(l => l is { Count: > 0 })) return false;
        var facts = Model.Loading.ModelValidator.CountFacts(model, Limits.MaxFacts);
        return facts >= ConcurrentValidationFacts && facts <= Limits.MaxFacts;
    }

    /// <summary>A model built in code may be invalid; nothing is evaluated, and the report says why.</summary>
    private ComplianceReport Invalid(PolicyModel model, ResolvedOptions resolved, ModelLoadResult validation)
    {
        var errors = validation.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => new EvaluationError("model", d.Message)).ToList();
        return Report(model.Organisation, model.SourceFile, resolved, [], errors);
    }

    /// <summary>Why a rule does or does not hold for each candidate subject (see <see cref="WhyNot"/>).</summary>
    public RuleExplanation Explain(PolicyModel model, string ruleId, SubjectRef? subject, EvaluationOptions options)
    {
        var index = RuleIndex(ruleId) ?? throw new ArgumentException(
            Rules.Any(r => r.Id == ruleId) ? $"rule {ruleId} is disabled" : $"there is no rule {ruleId}{Suggestions.DidYouMean(ruleId, Rules.Select(r => r.Id))}", nameof(ruleId));
        var resolved = Resolve(model, options);
        return WhyNot.Explain(this, _rules[index], model, resolved.Context, resolved.Language, subject);
    }

    /// <summary>Opens an incremental session on a valid model.</summary>
    public PolicySession OpenSession(PolicyModel model, EvaluationOptions options)
    {
        var resolved = Resolve(model, options);
        var validation = ModelLoader.Validate(model, _types, Limits);
        return new PolicySession(this, model, resolved, validation.Succeeded ? [] : validation.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
    }

    /// <summary>A report from raw findings: waivers, fingerprints, ordering, summary (<see cref="ReportBuilder"/>).</summary>
    /// <remarks>
    /// Display names are worked out here, from the facts as they are now (<paramref name="facts"/>; a
    /// session's facts change after a finding was rendered), falling back to the facts as matched.
    /// </remarks>
    internal ComplianceReport Report(Organisation organisation, string? modelFile, ResolvedOptions resolved, IEnumerable<RawFinding> findings, IEnumerable<EvaluationError> errors, IFactLookup? facts = null) =>
        ReportBuilder.Build(new ReportInput(
            organisation,
            modelFile,
            resolved.Context.AsOf,
            resolved.Language,
            RuleSets,
            _rules.Select(r => r.Info).ToList(),
            findings.Select(f => WithNames(f, facts ?? DisplayNames.NoFacts, resolved.Language)).ToList(),
            resolved.Waivers,
            errors.DistinctBy(e => (e.RuleId, e.Message)).ToList()));

    private static RawFinding WithNames(RawFinding finding, IFactLookup facts, string language) => finding with
    {
        SubjectName = finding.SubjectFact is BoundValue { Value: IPolicyGroup group } ? GroupName(group.GroupKey, language)
            : DisplayName(facts.Find(finding.Subject.Type, finding.Subject.Id) ?? finding.SubjectFact, facts, language),
        OwnerName = finding.Owner is { } owner ? DisplayName(facts.Find(owner.Type, owner.Id) ?? finding.OwnerFact, facts, language) : null,
    };

    /// <summary>A group's display name: its key as a message hole renders it, an enum value as its label.</summary>
    private static string GroupName(object? key, string language) => key is Enum value ? Labels.For(value, language) : ValueFormatter.Format(key);

    /// <summary>A fact's display name; null (the id is shown) when a host type's property throws.</summary>
    private static string? DisplayName(object? fact, IFactLookup facts, string language)
    {
        if (fact is null) return null;
        try
        {
            return DisplayNames.Of(fact, facts, language);
        }
        catch (Exception ex) when (SessionRun.IsHostFault(ex))
        {
            return null;
        }
    }

    /// <summary>A new NRules session of the compiled rules.</summary>
    internal NRules.ISession CreateSession() => _factory.CreateSession();

    /// <summary>The enabled rule with index <paramref name="index"/> (the index in <see cref="FindingMatch.RuleIndex"/>).</summary>
    internal BoundRule Rule(int index) => _rules[index];

    /// <summary>The ids of the enabled rules that read the key of an index (<c>T.member</c>), for reporting a key that cannot be read.</summary>
    internal IReadOnlyList<string> RulesReading(IndexSpec spec)
    {
        var member = spec.Description[(spec.Description.LastIndexOf('.') + 1)..];
        return _rules.Where(r => BoundRuleWalker.Expressions(r).SelectMany(e => e.DescendantsAndSelf()).Any(e => Reads(e, spec.FactType, member))).Select(r => r.Info.Id).ToList();

        static bool Reads(BoundExpression e, Type type, string member) =>
            e is BoundMemberExpression { Target.Type: PolicyType.ObjectType target } m && target.Info.ClrType == type && m.Member.Name == member;
    }

    /// <summary>The message renderer of the enabled rule with index <paramref name="index"/>.</summary>
    internal MessageRenderer Renderer(int index) => _renderers[index].Value;

    /// <summary>The fact types.</summary>
    internal FactTypeRegistry Types => _types;

    /// <summary>The subject reference <c>Type/id</c> of a fact, or null for anything that is not a registered fact.</summary>
    internal SubjectRef? SubjectOf(object? fact) =>
        fact is BoundValue { Value: IPolicyGroup g } ? GroupSubject(g)
        : fact is IFact f ? new SubjectRef(_types.FindByClrType(fact.GetType())?.Name ?? fact.GetType().Name, f.Id)
        : fact is not null && _types.FindByClrType(fact.GetType()) is { IdGetter: { } id } info ? new SubjectRef(info.Name, id(fact) as string ?? string.Empty)
        : null;

    /// <summary>A group's subject reference <c>Type.path/key</c>, the key rendered like a message hole.</summary>
    internal static SubjectRef GroupSubject(IPolicyGroup group) =>
        new(group.SubjectType, ValueFormatter.Format(group.GroupKey)) { GroupKey = group.GroupKey };

    /// <summary>The same as <c>SubjectOf(fact)?.Id</c> without building the reference: the session reads the id of every fact, some several times.</summary>
    internal string? IdOf(object? fact) =>
        fact is IFact f ? f.Id
        : fact is not null && _types.FindByClrType(fact.GetType()) is { IdGetter: { } id } ? id(fact) as string ?? string.Empty
        : null;

    /// <summary>The parameter values of one rule set by name, as the context holds them.</summary>
    internal IReadOnlyDictionary<string, object?> ParameterValues(string ruleSet, EvaluationContext context) =>
        _parameters.Where(p => p.RuleSet == ruleSet).ToDictionary(p => p.Name, p => context.Parameters[p.Slot], StringComparer.Ordinal);

    /// <summary>Index of a rule among the enabled rules, by id.</summary>
    public int? RuleIndex(string ruleId) => _ruleIndex.TryGetValue(ruleId, out var i) ? i : null;
}
