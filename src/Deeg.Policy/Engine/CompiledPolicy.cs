using System.Linq.Expressions;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Lowering;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Model;
using Deeg.Policy.Reporting;
using Deeg.Policy.Runtime;
using NRules;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;
using Deeg.Policy.Core;

namespace Deeg.Policy.Engine;

/// <summary>
/// All loaded rule sets in compiled form: the NRules session factory (the Rete network), the
/// bound rules for rendering messages, and the parameters. Immutable and thread-safe; each
/// evaluation runs in a session of its own.
/// </summary>
internal sealed class CompiledPolicy
{
    private const string OptionsFile = "<options>";

    private readonly ISessionFactory _factory;
    private readonly FactTypeRegistry _types;
    private readonly IReadOnlyList<BoundRule> _rules;
    private readonly IReadOnlyList<ParameterSymbol> _parameters;
    private readonly Lazy<RuleRenderer>[] _renderers;
    private readonly Dictionary<string, int> _ruleIndex;

    public CompiledPolicy(ISessionFactory factory, FactTypeRegistry types, IReadOnlyList<RuleSetSummary> ruleSets, IReadOnlyList<RuleInfo> allRules,
        IReadOnlyList<BoundRule> enabledRules, IReadOnlyList<ParameterSymbol> parameters, IReadOnlyList<IndexSpec> indexSpecs)
    {
        IndexSpecs = indexSpecs;
        _factory = factory;
        _types = types;
        RuleSets = ruleSets;
        Rules = allRules;
        _rules = enabledRules;
        _parameters = parameters;
        _renderers = enabledRules.Select(r => new Lazy<RuleRenderer>(() => new RuleRenderer(r, parameters, Limits.MaxMessageLength))).ToArray();
        // Parameters used as `matches` patterns: an override must be a valid regular expression.
        _patternParameters = enabledRules
            .SelectMany(r => BoundRuleWalker.Expressions(r).SelectMany(e => e.PatternParameters).Select(p => r.Info.RuleSet + "." + p))
            .ToHashSet(StringComparer.Ordinal);
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

    private readonly HashSet<string> _patternParameters;

    public IReadOnlyList<RuleInfo> Rules { get; }

    /// <summary>Checks the options; on success returns the parameter values by slot.</summary>
    public (DiagnosticBag Diagnostics, object?[] Parameters) ValidateOptions(EvaluationOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var values = _parameters.Select(p => p.DefaultValue).ToArray();
        var byName = _parameters.ToDictionary(p => p.QualifiedName, StringComparer.Ordinal);
        foreach (var (name, value) in options.Parameters)
        {
            if (!byName.TryGetValue(name, out var parameter))
            {
                var hint = name.Contains('.', StringComparison.Ordinal) ? string.Empty : "; write it as <ruleSet>.<name>";
                diagnostics.Error(OptionUnknownParameter, SourceLocation.OfFile(OptionsFile),
                    $"unknown parameter '{name}'{hint}{Suggestions.DidYouMean(name, byName.Keys)}");
                continue;
            }

            if (!ParameterTypes.TryConvert(value, parameter.Type, out var canonical))
            {
                diagnostics.Error(OptionParameterType, SourceLocation.OfFile(OptionsFile),
                    $"parameter '{name}' is a {parameter.Type} and cannot take the value '{value}'");
                continue;
            }

            if (_patternParameters.Contains(parameter.QualifiedName) && canonical is string pattern && !PolicyFunctions.TryCreateRegex(pattern, out _, out var error))
            {
                diagnostics.Error(OptionInvalidRegex, SourceLocation.OfFile(OptionsFile),
                    $"parameter '{name}' is used as a regular expression, but '{pattern}' is not a valid one: {error}");
                continue;
            }

            values[parameter.Slot] = canonical;
        }

        if (!string.IsNullOrEmpty(options.Language) && !System.Text.RegularExpressions.Regex.IsMatch(options.Language, "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"))
            diagnostics.Error(OptionInvalidValue, SourceLocation.OfFile(OptionsFile), $"invalid language tag '{options.Language}'");

        return (diagnostics, values);
    }

    /// <summary>The options resolved for one evaluation or session.</summary>
    internal sealed record Resolved(EvaluationContext Context, string Language, bool Explain, IReadOnlyList<Waiver> Waivers);

    /// <summary>Checks the options and resolves the evaluation date: options, then the model, then today (UTC).</summary>
    public Resolved Resolve(PolicyModel model, EvaluationOptions options)
    {
        var (optionDiagnostics, parameters) = ValidateOptions(options);
        if (optionDiagnostics.HasErrors) throw new EvaluationOptionsException(optionDiagnostics.ToSortedList());
        var asOf = options.AsOf ?? model.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var language = string.IsNullOrEmpty(options.Language) ? "en" : options.Language;
        return new Resolved(new EvaluationContext(asOf, parameters), language, options.Explain, options.Waivers ?? []);
    }

    public ComplianceReport Evaluate(PolicyModel model, EvaluationOptions options)
    {
        var resolved = Resolve(model, options);

        // Validation and matching only read the model, so on a big model they run side by side
        // (validation was a fifth of an evaluation); the matches are dropped when the model is invalid.
        var validating = ValidatesAlongside(model) ? Task.Run(() => ModelLoader.Validate(model, _types, Limits)) : null;
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
        var report = Report(model.Organisation, model.SourceFile, resolved, run!.Findings, run.Errors);
        run.Release();
        return report;
    }

    // Indexes of finished one-shot evaluations, emptied, for the next ones (see JoinIndex.Reset):
    // at most one per processor, each as large as the largest model it served.
    private readonly System.Collections.Concurrent.ConcurrentBag<JoinIndex> _indexPool = [];

    /// <summary>Empty indexes for a one-shot evaluation (which records no anchors).</summary>
    internal JoinIndex RentIndex()
    {
        if (!_indexPool.TryTake(out var index)) return new JoinIndex(IndexSpecs, null);
        index.Reset(null);
        return index;
    }

    /// <summary>Takes back the indexes of a finished one-shot evaluation.</summary>
    internal void ReturnIndex(JoinIndex index)
    {
        if (_indexPool.Count < Environment.ProcessorCount) _indexPool.Add(index);
    }

    /// <summary>Whether big models are validated alongside the matching at all (the benchmarks compare both).</summary>
    internal static bool ValidationAlongside { get; set; } = true;

    /// <summary>Facts from which validating alongside the matching pays for the second thread.</summary>
    internal const int ConcurrentValidationFacts = 10_000;

    /// <summary>
    /// Whether to validate on a second thread while the engine matches: with two or more processors,
    /// on a model of at least <see cref="ConcurrentValidationFacts"/> facts within the limit, and only
    /// of the built-in fact types (immutable records; a host's extension types may have getters
    /// that are not safe to call from two threads at once).
    /// </summary>
    private bool ValidatesAlongside(PolicyModel model)
    {
        if (!ValidationAlongside || Environment.ProcessorCount < 2 || model.Extensions is null || model.Extensions.Values.Any(l => l is { Count: > 0 })) return false;
        var facts = Model.Loading.ModelValidator.CountFacts(model, Limits.MaxFacts);
        return facts >= ConcurrentValidationFacts && facts <= Limits.MaxFacts;
    }

    /// <summary>A model built in code may be invalid; nothing is evaluated, and the report says why.</summary>
    private ComplianceReport Invalid(PolicyModel model, Resolved resolved, ModelLoadResult validation)
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
    internal ComplianceReport Report(Organisation organisation, string? modelFile, Resolved resolved, IEnumerable<RawFinding> findings, IEnumerable<EvaluationError> errors) =>
        ReportBuilder.Build(new ReportInput(
            organisation,
            modelFile,
            resolved.Context.AsOf,
            resolved.Language,
            RuleSets,
            _rules.Select(r => r.Info).ToList(),
            findings.ToList(),
            resolved.Waivers,
            errors.DistinctBy(e => (e.RuleId, e.Message)).ToList()));

    /// <summary>A new NRules session of the compiled rules.</summary>
    internal NRules.ISession CreateSession() => _factory.CreateSession();

    /// <summary>The enabled rule with index <paramref name="index"/> (the index in <see cref="FindingMatch.RuleIndex"/>).</summary>
    internal BoundRule Rule(int index) => _rules[index];

    /// <summary>The ids of the enabled rules that read the key of an index (<c>T.member</c>), for reporting a key that cannot be read.</summary>
    internal IReadOnlyList<string> RulesReading(IndexSpec spec)
    {
        var member = spec.Description[(spec.Description.LastIndexOf('.') + 1)..];
        return _rules.Where(r => BoundRuleWalker.Expressions(r).SelectMany(e => e.DescendantsAndSelf()).Any(e => Reads(e, spec.FactType, member))).Select(r => r.Info.Id).ToList();

        static bool Reads(Language.Binding.Expressions.BoundExpression e, Type type, string member) =>
            e is Language.Binding.Expressions.BoundMemberExpression { Target.Type: PolicyType.ObjectType target } m && target.Info.ClrType == type && m.Member.Name == member;
    }

    /// <summary>The message renderer of the enabled rule with index <paramref name="index"/>.</summary>
    internal RuleRenderer Renderer(int index) => _renderers[index].Value;

    /// <summary>The fact types.</summary>
    internal FactTypeRegistry Types => _types;

    /// <summary>The subject reference <c>Type/id</c> of a fact, or null for anything that is not a registered fact.</summary>
    internal SubjectRef? SubjectOf(object? fact) =>
        fact is IFact f ? new SubjectRef(_types.FindByClrType(fact.GetType())?.Name ?? fact.GetType().Name, f.Id)
        : fact is not null && _types.FindByClrType(fact.GetType()) is { IdGetter: { } id } info ? new SubjectRef(info.Name, id(fact) as string ?? string.Empty)
        : null;

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

    /// <summary>Renders the message templates of one rule; the holes are compiled on first use.</summary>
    internal sealed class RuleRenderer
    {
        private readonly Dictionary<Language.Binding.Expressions.BoundExpression, Func<EvaluationContext, object?[], object?>> _holes = [];
        private readonly int _maxLength;

        public RuleRenderer(BoundRule rule, IReadOnlyList<ParameterSymbol> parameters, int maxLength = PolicyLimits.DefaultMaxMessageLength)
        {
            _maxLength = maxLength;
            var own = parameters.Where(p => p.RuleSet == rule.Info.RuleSet).ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var template in new[] { rule.Message, rule.Remediation })
            {
                if (template is null) continue;
                foreach (var (_, parts) in template.Entries)
                {
                    foreach (var part in parts)
                    {
                        if (part.Hole is not null && !_holes.ContainsKey(part.Hole)) _holes[part.Hole] = Compile(part.Hole, rule, own);
                    }
                }
            }
        }

        public string Render(BoundTemplate template, string language, EvaluationContext context, object?[] values)
        {
            var parts = PartsIn(template, language) ?? PartsIn(template, "en") ?? (template.Entries.Count > 0 ? template.Entries[0].Parts : null);
            if (parts is null) return string.Empty;
            // Bounded: a hole over a huge model value (or a list of them) cannot make a huge message.
            var text = t_text ??= new System.Text.StringBuilder();
            text.Clear();
            foreach (var part in parts)
            {
                text.Append(part.Hole is null ? part.Literal : ValueFormatter.Format(_holes[part.Hole](context, values)));
                if (text.Length > _maxLength) break;
            }

            var rendered = PolicyLimits.Truncate(text.ToString(), _maxLength);
            if (text.Capacity > 4 * _maxLength) t_text = null; // do not keep a huge buffer for the thread
            return rendered;
        }

        // One buffer per thread: a message is rendered per finding, thousands per evaluation.
        [ThreadStatic]
        private static System.Text.StringBuilder? t_text;

        private static IReadOnlyList<BoundTemplatePart>? PartsIn(BoundTemplate template, string language)
        {
            foreach (var (entryLanguage, parts) in template.Entries)
            {
                if (string.Equals(entryLanguage, language, StringComparison.OrdinalIgnoreCase)) return parts;
            }

            return null;
        }

        private static Func<EvaluationContext, object?[], object?> Compile(Language.Binding.Expressions.BoundExpression hole, BoundRule rule, Dictionary<string, ParameterSymbol> parameters)
        {
            var context = Expression.Parameter(typeof(EvaluationContext), "context");
            var values = Expression.Parameter(typeof(object[]), "values");
            var environment = new TemplateEnvironment(rule, parameters, context, values);
            var body = ExpressionLowerer.LowerBoxed(hole, environment);
            return Expression.Lambda<Func<EvaluationContext, object?[], object?>>(body, context, values).Compile();
        }
    }

    /// <summary>Names in a message hole read the match's values and the context directly.</summary>
    private sealed class TemplateEnvironment(BoundRule rule, Dictionary<string, ParameterSymbol> parameters, ParameterExpression context, ParameterExpression values)
        : ILoweringEnvironment
    {
        public Expression AsOf => Expression.Property(context, nameof(EvaluationContext.AsOf));

        public Expression Alias(string name)
        {
            var index = rule.TopLevelAliases.ToList().FindIndex(a => a.Name == name);
            var alias = rule.TopLevelAliases[index];
            var raw = Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(index)), AliasDeclarations.DeclarationType(alias));
            return AliasDeclarations.ReadAlias(alias, raw);
        }

        public Expression Parameter(string name)
        {
            var parameter = parameters[name];
            var all = Expression.Property(context, nameof(EvaluationContext.Parameters));
            return Expression.Convert(Expression.ArrayIndex(all, Expression.Constant(parameter.Slot)), parameter.Type.ClrType);
        }
    }
}
