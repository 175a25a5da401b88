using Deeg.Policy.Packs;
using System.Reflection;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Lowering;
using Deeg.Policy.Language.Syntax;
using NRules;
using NRules.RuleModel;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;
using Deeg.Policy.Core;

namespace Deeg.Policy.Engine;

/// <summary>
/// The compiler pipeline, one visible stage each: read the documents (<see cref="RuleSetReader"/>)
/// → bind and type-check (<see cref="RuleBinder"/>) → lower to NRules rule definitions
/// (<see cref="RuleLowerer"/>) → compile the Rete network with NRules' <see cref="RuleCompiler"/>.
/// </summary>
internal static class PolicyCompiler
{
    public static CompiledPolicy? Compile(IReadOnlyList<RuleSetSource> sources, FactTypeRegistry types, DiagnosticBag diagnostics, bool indexedJoins = true,
        PolicyLimits? limits = null, bool lint = false, NRules.Extensibility.IExpressionCompiler? expressionCompiler = null)
    {
        limits ??= PolicyLimits.Default;

        // 1. Read.
        var documents = new List<RuleSetSyntax>();
        foreach (var source in sources)
        {
            var document = Read(source, diagnostics, limits);
            if (document is not null) documents.Add(document);
        }

        if (!CheckRuleCount(documents, limits, diagnostics)) return null;
        CheckUniqueness(documents, diagnostics);

        // 2. Bind.
        var bound = new List<BoundRuleSet>();
        var slot = 0;
        foreach (var document in documents)
        {
            var ruleSet = RuleBinder.Bind(document, types, slot, diagnostics, limits);
            slot += ruleSet.Parameters.Count;
            bound.Add(ruleSet);
        }

        if (diagnostics.HasErrors) return null;

        // Lint warnings (DP7xxx) for rule sets that load but probably do not do what was meant.
        if (lint) Linting.PolicyLinter.Lint(bound, diagnostics);

        // 3. Lower the enabled rules (a disabled rule is checked but not run).
        var rules = new List<BoundRule>();
        var definitions = new List<IRuleDefinition>();
        var indexes = indexedJoins ? new IndexCatalog() : null;
        foreach (var ruleSet in bound)
        {
            var parameters = ruleSet.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var rule in ruleSet.Rules.Where(r => r.Info.Enabled))
            {
                definitions.AddRange(RuleLowerer.Lower(rule, rules.Count, parameters, indexes));
                rules.Add(rule);
            }
        }

        // 4. Compile the Rete network.
        var compiler = CreateRuleCompiler(types, expressionCompiler);
        var factory = compiler.Compile(definitions);

        return new CompiledPolicy(
            factory,
            types,
            bound.Select(r => new RuleSetSummary(r.Syntax.Id, r.Syntax.Version, r.Syntax.Rules.Count)).ToList(),
            bound.SelectMany(r => r.Rules).Select(r => r.Info).OrderBy(r => r.RuleSet, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
            rules,
            bound.SelectMany(r => r.Parameters).ToList(),
            indexes?.Specs ?? [])
        {
            Limits = limits,
            Definitions = definitions,
        };
    }

    /// <summary>At most <see cref="PolicyLimits.MaxRules"/> rules over all documents; the first one past the limit is DP3017 and nothing is bound.</summary>
    private static bool CheckRuleCount(List<RuleSetSyntax> documents, PolicyLimits limits, DiagnosticBag diagnostics)
    {
        var count = 0;
        foreach (var rule in documents.SelectMany(d => d.Rules))
        {
            if (++count <= limits.MaxRules) continue;
            diagnostics.Error(RuleSetTooManyRules, rule.Location,
                $"more than {limits.MaxRules} rules are loaded (MaxRules, --max-rules); the rule sets are not compiled");
            return false;
        }

        return true;
    }

    /// <summary>
    /// NRules' compiler with fact identity by (type, id), so that <c>Update</c> and <c>Retract</c>
    /// find a fact by its id even when the host passes a changed copy of a record.
    /// The rules' expressions are compiled with FastExpressionCompiler (<see cref="FastCompiler"/>), or
    /// with <paramref name="expressionCompiler"/> when given.
    /// </summary>
    public static RuleCompiler CreateRuleCompiler(FactTypeRegistry types, NRules.Extensibility.IExpressionCompiler? expressionCompiler = null)
    {
        var compiler = new RuleCompiler { ExpressionCompiler = expressionCompiler ?? FastCompiler.Instance };
        var register = typeof(PolicyCompiler).GetMethod(nameof(RegisterIdentity), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var type in types.FactTypes)
        {
            register.MakeGenericMethod(type.ClrType).Invoke(null, [compiler, type.IdProperty!]);
        }

        return compiler;
    }

    /// <summary>
    /// NRules' expression compiler backed by FastExpressionCompiler: delegates that give the same
    /// findings as <c>Expression.Compile</c> (FastExpressionCompiler falls back to it for anything it
    /// does not support), compiled three to six times faster; evaluation speed is the same within
    /// the noise of the benchmarks (docs/benchmarks.md).
    /// </summary>
    internal sealed class FastCompiler : NRules.Extensibility.IExpressionCompiler
    {
        public static FastCompiler Instance { get; } = new();

        public TDelegate Compile<TDelegate>(System.Linq.Expressions.Expression<TDelegate> expression)
            where TDelegate : Delegate => FastExpressionCompiler.ExpressionCompiler.CompileFast(expression);
    }

    private static void RegisterIdentity<T>(RuleCompiler compiler, PropertyInfo idProperty)
        where T : class
    {
        var getter = idProperty.GetMethod!.CreateDelegate<Func<T, string?>>();
        compiler.FactIdentityComparerRegistry.RegisterComparer(new IdentityComparer<T>(getter));
    }

    private sealed class IdentityComparer<T>(Func<T, string?> id) : IEqualityComparer<T>
        where T : class
    {
        public bool Equals(T? x, T? y) => ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(id(x), id(y), StringComparison.Ordinal));

        public int GetHashCode(T obj) => StringComparer.Ordinal.GetHashCode(id(obj) ?? string.Empty);
    }

    private static RuleSetSyntax? Read(RuleSetSource source, DiagnosticBag diagnostics, PolicyLimits limits)
    {
        JsonSource json;
        if (source.BuiltInName is { } name)
        {
            var text = BuiltInPacks.Read(name);
            if (text is null)
            {
                diagnostics.Error(RuleSetUnknownBuiltIn, SourceLocation.OfFile(source.Name),
                    $"there is no built-in rule set '{name}'; available: {string.Join(", ", BuiltInPacks.Names)}{Suggestions.DidYouMean(name, BuiltInPacks.Names)}");
                return null;
            }

            json = JsonSource.Parse(text, source.Name, diagnostics, limits);
        }
        else if (source.Path is { } path)
        {
            json = JsonSource.ReadFile(path, diagnostics, limits);
        }
        else
        {
            json = JsonSource.Parse(source.Text!, source.Name, diagnostics, limits);
        }

        return RuleSetReader.Read(json, diagnostics);
    }

    private static void CheckUniqueness(List<RuleSetSyntax> documents, DiagnosticBag diagnostics)
    {
        var ruleSets = new Dictionary<string, RuleSetSyntax>(StringComparer.Ordinal);
        var ruleIds = new Dictionary<string, RuleSyntax>(StringComparer.Ordinal);
        foreach (var document in documents.ToList())
        {
            if (document.Id.Length > 0 && !ruleSets.TryAdd(document.Id, document))
            {
                diagnostics.Error(RuleSetDuplicateRuleSet, document.Location, $"the rule set '{document.Id}' is loaded twice (also from {ruleSets[document.Id].File})");
                documents.Remove(document);
                continue;
            }

            foreach (var rule in document.Rules)
            {
                if (rule.Id.Length > 0 && !ruleIds.TryAdd(rule.Id, rule))
                    diagnostics.Error(RuleSetDuplicateRuleId, rule.Location, $"the rule id '{rule.Id}' is already used at {ruleIds[rule.Id].Location.File}:{ruleIds[rule.Id].Location.Line}; rule ids must be unique across all loaded rule sets");
            }
        }
    }

}
