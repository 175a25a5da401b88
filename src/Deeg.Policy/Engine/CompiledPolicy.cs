using System.Linq.Expressions;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Lowering;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Model;
using Deeg.Policy.Reporting;
using Deeg.Policy.Runtime;
using NRules;
using NRules.Diagnostics;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;

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
        IReadOnlyList<BoundRule> enabledRules, IReadOnlyList<ParameterSymbol> parameters)
    {
        _factory = factory;
        _types = types;
        RuleSets = ruleSets;
        Rules = allRules;
        _rules = enabledRules;
        _parameters = parameters;
        _renderers = enabledRules.Select(r => new Lazy<RuleRenderer>(() => new RuleRenderer(r, parameters))).ToArray();
        // Parameters used as `matches` patterns: an override must be a valid regular expression.
        _patternParameters = enabledRules
            .SelectMany(r => BoundRuleWalker.Expressions(r).SelectMany(e => e.PatternParameters).Select(p => r.Info.RuleSet + "." + p))
            .ToHashSet(StringComparer.Ordinal);
        _ruleIndex = enabledRules.Select((r, i) => (r.Info.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<RuleSetSummary> RuleSets { get; }

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

    public ComplianceReport Evaluate(PolicyModel model, EvaluationOptions options)
    {
        var (optionDiagnostics, parameters) = ValidateOptions(options);
        if (optionDiagnostics.HasErrors) throw new EvaluationOptionsException(optionDiagnostics.ToSortedList());

        var asOf = options.AsOf ?? model.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var language = string.IsNullOrEmpty(options.Language) ? "en" : options.Language;
        var errors = new List<EvaluationError>();
        var findings = new List<RawFinding>();

        var validation = ModelLoader.Validate(model, _types);
        if (!validation.Succeeded)
        {
            // A model built in code may be invalid; nothing is evaluated, and the report says why.
            errors.AddRange(validation.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => new EvaluationError("model", d.Message)));
        }
        else
        {
            var matches = Run(model, new EvaluationContext(asOf, parameters), errors);
            findings = ToFindings(matches, new EvaluationContext(asOf, parameters), language, options.Explain, errors);
        }

        return ReportBuilder.Build(new ReportInput(
            model.Organisation,
            model.SourceFile,
            asOf,
            language,
            RuleSets,
            _rules.Select(r => r.Info).ToList(),
            findings,
            options.Waivers ?? [],
            errors.DistinctBy(e => (e.RuleId, e.Message)).ToList()));
    }

    /// <summary>Runs one NRules session over the model and returns the findings' matches.</summary>
    private List<FindingMatch> Run(PolicyModel model, EvaluationContext context, List<EvaluationError> errors)
    {
        var session = _factory.CreateSession();

        // A rule that fails at evaluation time is reported and treated as not matching; the others go on.
        session.Events.LhsExpressionFailedEvent += (_, e) =>
        {
            foreach (var rule in e.Rules) errors.Add(new EvaluationError(rule.Name, Describe(e.Exception)));
            e.IsHandled = true;
        };
        session.Events.RhsExpressionFailedEvent += (_, e) =>
        {
            errors.Add(new EvaluationError(e.Match.Rule.Name, Describe(e.Exception)));
            e.IsHandled = true;
        };
        session.Events.AgendaExpressionFailedEvent += (_, e) =>
        {
            errors.Add(new EvaluationError(e.Match.Rule.Name, Describe(e.Exception)));
            e.IsHandled = true;
        };

        try
        {
            session.Insert(context);
            session.InsertAll(model.AllFacts());
            session.Fire();
        }
        catch (Exception ex) when (ex is RuleExecutionException or RuleExpressionEvaluationException or ArgumentException or InvalidOperationException)
        {
            errors.Add(new EvaluationError("engine", Describe(ex)));
        }

        return session.Query<FindingMatch>().ToList();
    }

    private static string Describe(Exception? exception)
    {
        if (exception is null) return "the rule failed at evaluation time";
        var inner = exception;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner.Message;
    }

    /// <summary>One finding per rule and subject: the first match in a stable order wins.</summary>
    private List<RawFinding> ToFindings(List<FindingMatch> matches, EvaluationContext context, string language, bool explain, List<EvaluationError> errors)
    {
        var result = new List<RawFinding>();
        foreach (var group in matches.GroupBy(m => m.RuleIndex))
        {
            var rule = _rules[group.Key];
            var renderer = _renderers[group.Key].Value;
            var subjectIndex = IndexOf(rule.TopLevelAliases, rule.Subject);
            var ordered = group
                .Select(m => (Match: m, Facts: FactRefs(rule, m)))
                .OrderBy(x => string.Join("|", x.Facts.Select(f => f.Value.ToString())), StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (match, facts) in ordered)
            {
                var subject = SubjectOf(match.Values[subjectIndex]);
                if (subject is null || !seen.Add(subject.ToString())) continue;
                try
                {
                    result.Add(new RawFinding(
                        rule.Info,
                        subject,
                        facts,
                        renderer.Render(rule.Message, language, context, match.Values),
                        rule.Remediation is null ? null : renderer.Render(rule.Remediation, language, context, match.Values),
                        explain ? Evidence(rule, match) : null));
                }
                catch (Exception ex) when (ex is InvalidCastException or NullReferenceException or ArgumentException or InvalidOperationException or FormatException)
                {
                    errors.Add(new EvaluationError(rule.Info.Id, "cannot render the message: " + ex.Message));
                }
            }
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<AliasSymbol> aliases, AliasSymbol alias)
    {
        for (var i = 0; i < aliases.Count; i++)
        {
            if (aliases[i].Name == alias.Name) return i;
        }

        return -1;
    }

    private List<KeyValuePair<string, SubjectRef>> FactRefs(BoundRule rule, FindingMatch match)
    {
        var facts = new List<KeyValuePair<string, SubjectRef>>();
        for (var i = 0; i < rule.TopLevelAliases.Count; i++)
        {
            if (rule.TopLevelAliases[i].Kind == AliasKind.Fact && SubjectOf(match.Values[i]) is { } reference)
                facts.Add(new(rule.TopLevelAliases[i].Name, reference));
        }

        return facts;
    }

    private Dictionary<string, object?> Evidence(BoundRule rule, FindingMatch match)
    {
        var evidence = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < rule.TopLevelAliases.Count; i++)
        {
            evidence[rule.TopLevelAliases[i].Name] = match.Values[i] switch
            {
                BoundValue value => value.Value,
                var fact => (object?)SubjectOf(fact),
            };
        }

        return evidence;
    }

    private SubjectRef? SubjectOf(object? fact) =>
        fact is IFact f ? new SubjectRef(_types.FindByClrType(fact.GetType())?.Name ?? fact.GetType().Name, f.Id)
        : fact is not null && _types.FindByClrType(fact.GetType()) is { IdProperty: { } id } info ? new SubjectRef(info.Name, id.GetValue(fact) as string ?? string.Empty)
        : null;

    /// <summary>Index of a rule among the enabled rules, by id.</summary>
    public int? RuleIndex(string ruleId) => _ruleIndex.TryGetValue(ruleId, out var i) ? i : null;

    /// <summary>Renders the message templates of one rule; the holes are compiled on first use.</summary>
    private sealed class RuleRenderer
    {
        private readonly Dictionary<Language.Binding.Expressions.BoundExpression, Func<EvaluationContext, object?[], object?>> _holes = [];

        public RuleRenderer(BoundRule rule, IReadOnlyList<ParameterSymbol> parameters)
        {
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
            var entry = template.Entries.FirstOrDefault(e => string.Equals(e.Language, language, StringComparison.OrdinalIgnoreCase));
            if (entry.Parts is null) entry = template.Entries.FirstOrDefault(e => string.Equals(e.Language, "en", StringComparison.OrdinalIgnoreCase));
            if (entry.Parts is null && template.Entries.Count > 0) entry = template.Entries[0];
            if (entry.Parts is null) return string.Empty;
            var text = new System.Text.StringBuilder();
            foreach (var part in entry.Parts)
            {
                text.Append(part.Hole is null ? part.Literal : ValueFormatter.Format(_holes[part.Hole](context, values)));
            }

            return text.ToString();
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
            var raw = Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(index)), RuleLowerer.DeclarationType(alias));
            return RuleLowerer.ReadAlias(alias, raw);
        }

        public Expression Parameter(string name)
        {
            var parameter = parameters[name];
            var all = Expression.Property(context, nameof(EvaluationContext.Parameters));
            return Expression.Convert(Expression.ArrayIndex(all, Expression.Constant(parameter.Slot)), parameter.Type.ClrType);
        }
    }
}
