using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Language.Syntax;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Binding;

/// <summary>
/// Binds a rule-set document: resolves fact types, aliases and parameters, parses and
/// type-checks every expression and message template, and reports all problems at once.
/// </summary>
internal sealed class RuleBinder
{
    private readonly FactTypeRegistry _types;
    private readonly DiagnosticBag _diagnostics;
    private readonly IReadOnlyDictionary<string, PolicyType> _parameterTypes;
    private readonly PolicyLimits _limits;
    private readonly HashSet<string> _ruleAliases = new(StringComparer.Ordinal);
    private readonly List<(string Text, BoundExpression Expression)> _evidence = [];

    private RuleBinder(FactTypeRegistry types, IReadOnlyDictionary<string, PolicyType> parameterTypes, DiagnosticBag diagnostics, PolicyLimits limits)
    {
        _types = types;
        _parameterTypes = parameterTypes;
        _diagnostics = diagnostics;
        _limits = limits;
    }

    /// <summary>Binds a rule set; <paramref name="firstSlot"/> is the context slot of its first parameter.</summary>
    public static BoundRuleSet Bind(RuleSetSyntax ruleSet, FactTypeRegistry types, int firstSlot, DiagnosticBag diagnostics, PolicyLimits? limits = null)
    {
        var parameters = new List<ParameterSymbol>();
        foreach (var p in ruleSet.Parameters)
        {
            parameters.Add(new ParameterSymbol(ruleSet.Id, p.Name, ParameterTypes.Of(p.Value), ParameterTypes.ToCanonical(p.Value), firstSlot + parameters.Count));
        }

        var parameterTypes = parameters.ToDictionary(p => p.Name, p => p.Type, StringComparer.Ordinal);
        var rules = new List<BoundRule>();
        foreach (var rule in ruleSet.Rules)
        {
            var bound = new RuleBinder(types, parameterTypes, diagnostics, limits ?? PolicyLimits.Default).BindRule(ruleSet, rule);
            if (bound is not null) rules.Add(bound);
        }

        CheckPatternDefaults(ruleSet, parameters, rules, diagnostics);
        return new BoundRuleSet(ruleSet, parameters, rules);
    }

    /// <summary>A parameter used as a <c>matches</c> pattern must have a valid regular expression as its default.</summary>
    private static void CheckPatternDefaults(RuleSetSyntax ruleSet, List<ParameterSymbol> parameters, List<BoundRule> rules, DiagnosticBag diagnostics)
    {
        var used = rules.SelectMany(r => BoundRuleWalker.Expressions(r).SelectMany(e => e.PatternParameters)).ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in parameters.Where(p => used.Contains(p.Name)))
        {
            if (parameter.DefaultValue is string pattern && !Runtime.PolicyFunctions.TryCreateRegex(pattern, out _, out var error))
            {
                var at = ruleSet.Parameters.First(p => p.Name == parameter.Name).Location;
                diagnostics.Error(ExprInvalidRegex, at, $"parameter '{parameter.Name}' is used as a regular expression, but its value is not a valid one: {error}");
            }
        }
    }

    private BoundRule? BindRule(RuleSetSyntax ruleSet, RuleSyntax rule)
    {
        var scope = new ExpressionScope(_types, _parameterTypes);
        var topLevel = new List<AliasSymbol>();
        var when = BindElements(rule.When, ref scope, topLevel);

        // A group can be the subject like a fact: the finding is then about the group.
        var factAliases = topLevel.Where(a => a.Kind == AliasKind.Fact || a.Type is PolicyType.GroupType).ToList();

        // Top-level patterns as written: one that failed to bind (its fact type or a condition has an
        // error, reported already) or to be read still counts, so that no follow-up error about the subject appears.
        var writtenAliases = rule.When.OfType<FactElementSyntax>().Select(f => f.Alias)
            .Concat(rule.When.OfType<GroupElementSyntax>().Select(g => g.Alias))
            .Concat(rule.When.OfType<InvalidElementSyntax>().Select(e => e.Alias)).OfType<string>().ToList();
        var patternWritten = writtenAliases.Count > 0 || rule.When.Any(e => e is FactElementSyntax or GroupElementSyntax or InvalidElementSyntax);
        AliasSymbol? subject = null;
        if (rule.Finding.Subject is { } subjectName)
        {
            subject = factAliases.FirstOrDefault(a => a.Name == subjectName);
            if (subject is null && !writtenAliases.Contains(subjectName))
                _diagnostics.Error(RuleSetInvalidSubject, rule.Finding.SubjectLocation,
                    $"the subject '{subjectName}' of rule {rule.Id} is not bound by a top-level fact pattern or group{Suggestions.DidYouMean(subjectName, factAliases.Select(a => a.Name))}");
        }
        else
        {
            subject = factAliases.LastOrDefault();
            if (subject is null && rule.When.Count > 0 && !patternWritten)
                _diagnostics.Error(RuleSetInvalidSubject, rule.Location, $"rule {rule.Id} has no top-level fact pattern for its finding to be about");
        }

        var message = BindTemplate(rule.Finding.Message, scope);
        var remediation = rule.Finding.Remediation is null ? null : BindTemplate(rule.Finding.Remediation, scope);
        var owner = rule.Finding.Owner is null ? null : BindOwner(rule.Finding.Owner, scope);
        var info = new RuleInfo
        {
            Id = rule.Id,
            RuleSet = ruleSet.Id,
            Severity = rule.Severity,
            Category = rule.Category,
            Title = rule.Title,
            Remediation = rule.Finding.Remediation is null ? null
                : new LocalizedText(rule.Finding.Remediation.Entries.Select(e => new KeyValuePair<string, string>(e.Language, e.Template.Text))),
            Enabled = rule.Enabled,
            Tags = rule.Tags,
            References = rule.References,
        };
        return subject is null ? null : new BoundRule(rule, info, when, topLevel, subject, message, remediation, _evidence) { Owner = owner };
    }

    /// <summary>The owner of a finding: an expression giving a Person fact, or null (the literal, or a value that is null for a match).</summary>
    private BoundExpression? BindOwner(ExpressionText text, ExpressionScope scope)
    {
        var owner = BindExpression(text, scope, condition: false);
        if (owner is null || owner.Type == PolicyType.Null || owner.Type is PolicyType.ObjectType { Info: { IsFact: true, Name: "Person" } }) return owner;
        _diagnostics.Error(ExprTypeMismatch, text.Location, $"'owner' must give a Person fact (or null), but the expression is {owner.Type.DisplayName}");
        return null;
    }

    /// <summary>Binds a sequence of elements; each element sees the aliases of the earlier ones.</summary>
    private List<BoundElement> BindElements(IReadOnlyList<ElementSyntax> elements, ref ExpressionScope scope, List<AliasSymbol>? declared)
    {
        var result = new List<BoundElement>();
        foreach (var element in elements)
        {
            var bound = BindElement(element, ref scope, declared);
            if (bound is not null) result.Add(bound);
        }

        return result;
    }

    private BoundElement? BindElement(ElementSyntax element, ref ExpressionScope scope, List<AliasSymbol>? declared)
    {
        switch (element)
        {
            case FactElementSyntax fact:
            {
                var pattern = BindPattern(fact, ref scope);
                if (pattern is not null && declared is not null)
                {
                    // Top level: its conditions can be shown as evidence of a match.
                    declared.Add(pattern.Alias);
                    _evidence.AddRange(fact.Where.Select(w => w.Text).Zip(pattern.Conditions));
                }

                return pattern;
            }

            case NotElementSyntax not:
            {
                var inner = scope;
                return new BoundNot(BindElements(not.Elements, ref inner, null));
            }

            case ExistsElementSyntax exists:
            {
                var inner = scope;
                return new BoundExists(BindElements(exists.Elements, ref inner, null));
            }

            case AnyOfElementSyntax anyOf:
            {
                var branches = new List<IReadOnlyList<BoundElement>>();
                foreach (var branch in anyOf.Branches)
                {
                    var inner = scope;
                    branches.Add(BindElements(branch, ref inner, null));
                }

                return new BoundAnyOf(branches);
            }

            case ForAllElementSyntax forAll:
            {
                var inner = scope;
                var source = BindPattern(forAll.Source, ref inner);
                var require = BindExpression(forAll.Require, inner, condition: true);
                return source is null || require is null ? null : new BoundForAll(source, require, forAll.Require.Text);
            }

            case AggregateElementSyntax aggregate:
                return BindAggregate(aggregate, ref scope, declared);

            case GroupElementSyntax group:
                return BindGroup(group, ref scope, declared);

            case LetElementSyntax let:
            {
                var value = BindExpression(let.Value, scope, condition: false);
                if (!DeclareAlias(let.Alias, let.AliasLocation)) return null;
                if (value is null)
                {
                    scope = scope.WithPoisonedAlias(let.Alias);
                    return null;
                }

                var alias = new AliasSymbol(let.Alias, AliasKind.Value, value.Type, null);
                scope = scope.WithAlias(alias.Name, alias.Type);
                declared?.Add(alias);
                return new BoundLet(alias, value, let.Value.Text);
            }

            case InvalidElementSyntax invalid:
                // Reported when it was read; its uses report nothing more.
                scope = invalid.Alias is { } intended && DeclareAlias(intended, invalid.Location) ? scope.WithPoisonedAlias(intended)
                    : invalid.Alias is null ? scope.WithoutUnknownNameReports() : scope;
                return null;

            case TestElementSyntax test:
            {
                var condition = BindExpression(test.Expression, scope, condition: true);
                if (condition is not null && declared is not null) _evidence.Add((test.Expression.Text, condition));
                return condition is null ? null : new BoundTest(condition, test.Expression.Text);
            }

            default:
                return null;
        }
    }

    private BoundAggregate? BindAggregate(AggregateElementSyntax aggregate, ref ExpressionScope scope, List<AliasSymbol>? declared)
    {
        var inner = scope;
        var source = BindPattern(aggregate.Source, ref inner);
        BoundExpression? of = null;
        if (aggregate.Of is not null)
        {
            of = BindExpression(aggregate.Of, inner, condition: false);
            var dates = aggregate.Kind is AggregateKind.Min or AggregateKind.Max && (of?.Type == PolicyType.Date || of?.Type == PolicyType.DateTime);
            if (of is not null && !dates && aggregate.Kind is AggregateKind.Sum or AggregateKind.Min or AggregateKind.Max or AggregateKind.Avg
                && of.Type != PolicyType.Number && of.Type != PolicyType.Null)
            {
                var needs = aggregate.Kind is AggregateKind.Min or AggregateKind.Max ? "a number, date or datetime" : "a number";
                _diagnostics.Error(ExprTypeMismatch, aggregate.Of.Location, $"'{aggregate.Kind.ToString().ToLowerInvariant()}' needs {needs} to aggregate, but 'of' is {of.Type}");
                of = null;
            }
        }

        if (!DeclareAlias(aggregate.Alias, aggregate.AliasLocation)) return null;
        if (source is null || (aggregate.Of is not null && of is null))
        {
            scope = scope.WithPoisonedAlias(aggregate.Alias);
            return null;
        }

        PolicyType type = aggregate.Kind switch
        {
            AggregateKind.Collect => new PolicyType.ListType(of?.Type ?? source.Alias.Type),
            AggregateKind.Min or AggregateKind.Max when of is not null && (of.Type == PolicyType.Date || of.Type == PolicyType.DateTime) => of.Type,
            _ => PolicyType.Number,
        };
        var alias = new AliasSymbol(aggregate.Alias, AliasKind.Value, type, null);
        scope = scope.WithAlias(alias.Name, alias.Type);
        declared?.Add(alias);
        return new BoundAggregate(aggregate.Kind, source, of, aggregate.Distinct, alias);
    }

    private BoundGroup? BindGroup(GroupElementSyntax group, ref ExpressionScope scope, List<AliasSymbol>? declared)
    {
        if (declared is null)
        {
            // Inside not/exists/anyOf a group would bind nothing anyone could see: it has no meaning there.
            _diagnostics.Error(RuleSetInvalidElement, group.Location, "'group' is only allowed at the top level of 'when', not inside not, exists, anyOf or forAll");
            return null;
        }

        var inner = scope;
        var source = BindPattern(group.Source, ref inner);
        var by = source is null ? null : BindExpression(group.By, inner, condition: false);
        if (by is not null && !IsGroupKey(by.Type))
        {
            _diagnostics.Error(ExprTypeMismatch, group.By.Location,
                $"'by' must be a number, string, bool, date, datetime, duration or enum to group on, but it is {by.Type.DisplayName}");
            by = null;
        }

        if (!DeclareAlias(group.Alias, group.AliasLocation)) return null;
        if (source is null || by is null)
        {
            scope = scope.WithPoisonedAlias(group.Alias);
            return null;
        }

        var alias = new AliasSymbol(group.Alias, AliasKind.Value, new PolicyType.GroupType(by.Type, source.Type), null);
        scope = scope.WithAlias(alias.Name, alias.Type);
        declared.Add(alias);
        // Subject Type.path: the member path of 'by' after the source alias when it is a plain member access.
        var path = MemberPath(by, source.Alias.Name) ?? "key";
        return new BoundGroup(source, by, group.By.Text, alias, source.Type.Name + "." + path);

        static bool IsGroupKey(PolicyType type) => type is PolicyType.EnumType
            || (type is PolicyType.PrimitiveType && type != PolicyType.Null);

        static string? MemberPath(BoundExpression e, string alias) => e switch
        {
            BoundMemberExpression { Target: BoundAliasExpression a } m when a.Name == alias => m.Member.Name,
            BoundMemberExpression { Target: BoundMemberExpression t } m => MemberPath(t, alias) is { } p ? p + "." + m.Member.Name : null,
            _ => null,
        };
    }

    private BoundPattern? BindPattern(FactElementSyntax fact, ref ExpressionScope scope)
    {
        if (!_types.TryGetFactType(fact.FactType, out var type))
        {
            _diagnostics.Error(RuleSetUnknownFactType, fact.FactTypeLocation,
                $"unknown fact type '{fact.FactType}'{Suggestions.DidYouMean(fact.FactType, _types.FactTypeNames)}");
            // Binding the conditions anyway would only produce follow-up errors; skip them, and those of the alias's uses.
            if (fact.Alias is null) scope = scope.WithoutUnknownNameReports();
            else if (DeclareAlias(fact.Alias, fact.AliasLocation)) scope = scope.WithPoisonedAlias(fact.Alias);
            return null;
        }

        if (fact.Alias is null)
        {
            scope = scope.WithoutUnknownNameReports();
            return null;
        }

        if (!DeclareAlias(fact.Alias, fact.AliasLocation)) return null;
        var alias = new AliasSymbol(fact.Alias, AliasKind.Fact, new PolicyType.ObjectType(type), type);
        scope = scope.WithAlias(alias.Name, alias.Type);
        var conditions = new List<BoundExpression>();
        var ok = true;
        foreach (var where in fact.Where)
        {
            var condition = BindExpression(where, scope, condition: true);
            if (condition is null) ok = false;
            else conditions.Add(condition);
        }

        return ok ? new BoundPattern(alias, type, conditions, fact.Where.Select(w => w.Text).ToList()) : null;
    }

    private bool DeclareAlias(string name, SourceLocation at)
    {
        if (LanguageNames.IsReserved(name, BuiltInFunctions.Table))
        {
            _diagnostics.Error(RuleSetInvalidAlias, at, $"'{name}' is reserved and cannot be an alias");
            return false;
        }

        if (!_ruleAliases.Add(name))
        {
            _diagnostics.Error(RuleSetInvalidAlias, at, $"the alias '{name}' is already used in this rule; aliases must be unique within a rule");
            return false;
        }

        return true;
    }

    private BoundExpression? BindExpression(ExpressionText text, ExpressionScope scope, bool condition)
    {
        if (text.Text.Length > _limits.MaxExpressionLength)
        {
            _diagnostics.Error(ExprTooLong, text.Location,
                $"the expression is {text.Text.Length} characters long, more than the limit of {_limits.MaxExpressionLength} (MaxExpressionLength)");
            return null;
        }

        var syntax = ExpressionParser.Parse(text.Text, text.Location, _diagnostics, BuiltInFunctions.Table, _limits.MaxExpressionDepth);
        if (syntax is null) return null;
        return condition
            ? ExpressionBinder.BindCondition(syntax, scope, text.Location, _diagnostics)
            : ExpressionBinder.Bind(syntax, scope, text.Location, _diagnostics);
    }

    private BoundTemplate BindTemplate(LocalizedTemplate template, ExpressionScope scope)
    {
        var entries = new List<(string, IReadOnlyList<BoundTemplatePart>)>();
        foreach (var (language, text) in template.Entries)
        {
            var syntax = TemplateParser.Parse(text.Text, text.Location, _diagnostics, BuiltInFunctions.Table, _limits.MaxExpressionLength, _limits.MaxExpressionDepth);
            var parts = new List<BoundTemplatePart>();
            foreach (var part in syntax.Parts)
            {
                if (part.Expression is null)
                {
                    parts.Add(new BoundTemplatePart(part.Literal, null));
                    continue;
                }

                var hole = ExpressionBinder.Bind(part.Expression, scope, text.Location, _diagnostics);
                if (hole is not null) parts.Add(new BoundTemplatePart(null, hole));
            }

            entries.Add((language, parts));
        }

        return new BoundTemplate(entries);
    }
}
