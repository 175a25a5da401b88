using System.Globalization;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Syntax;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;

namespace Deeg.Policy.Linting;

/// <summary>
/// Warnings (DP7xxx) for rule sets that load but probably do not do what their author meant.
/// Runs on the bound rule sets of an engine without errors (<see cref="PolicyEngineBuilder.EnableLinting"/>,
/// <c>deeg-policy validate --lint</c>); never reports an error and never stops a build.
/// <list type="table">
/// <item><term>DP7001</term><description>a top-level fact pattern that no condition links to the earlier ones: the rule runs over every combination (a cartesian product). <c>Organisation</c> is a single fact and is exempt.</description></item>
/// <item><term>DP7002</term><description>a condition (or an operand of <c>and</c>/<c>or</c>/<c>not</c>) that is always true under the types: it has no effect.</description></item>
/// <item><term>DP7003</term><description>a condition that is always false where that does not already stop the whole rule (inside <c>not</c>, a branch of <c>anyOf</c>, <c>forAll</c>, an aggregate, an operand of <c>or</c>).</description></item>
/// <item><term>DP7004</term><description>a parameter that no rule of its rule set uses.</description></item>
/// <item><term>DP7005</term><description>a <c>let</c> or aggregate alias that nothing uses later (conditions, tests, messages).</description></item>
/// <item><term>DP7006</term><description>a rule with the same conditions as an earlier enabled rule (up to alias names and the order of conjuncts).</description></item>
/// <item><term>DP7007</term><description>a rule that can never produce a finding: a condition it needs is always false, or a <c>not</c> element whose content always holds, or an <c>anyOf</c> whose branches can all never hold.</description></item>
/// </list>
/// </summary>
internal sealed class PolicyLinter
{
    private readonly DiagnosticBag _diagnostics;
    private readonly BoundRule _rule;
    private bool _neverFiresReported;

    private PolicyLinter(DiagnosticBag diagnostics, BoundRule rule)
    {
        _diagnostics = diagnostics;
        _rule = rule;
    }

    /// <summary>Adds the lint warnings of the rule sets to <paramref name="diagnostics"/>.</summary>
    public static void Lint(IReadOnlyList<BoundRuleSet> ruleSets, DiagnosticBag diagnostics)
    {
        foreach (var ruleSet in ruleSets)
        {
            UnusedParameters(ruleSet, diagnostics);
            foreach (var rule in ruleSet.Rules)
            {
                var linter = new PolicyLinter(diagnostics, rule);
                linter.CartesianProducts();
                linter.Conditions();
                linter.UnusedAliases();
            }
        }

        DuplicateRules(ruleSets, diagnostics);
    }

    // ------------------------------------------------------------------ DP7004

    private static void UnusedParameters(BoundRuleSet ruleSet, DiagnosticBag diagnostics)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in ruleSet.Rules)
        {
            used.UnionWith(BoundRuleWalker.Expressions(rule).SelectMany(e => e.DescendantsAndSelf()).OfType<BoundParameterExpression>().Select(p => p.Name));
        }

        foreach (var parameter in ruleSet.Syntax.Parameters)
        {
            if (!used.Contains(parameter.Name))
                diagnostics.Warning(LintUnusedParameter, parameter.Location, $"the parameter '{parameter.Name}' is not used by any rule of the rule set '{ruleSet.Syntax.Id}'");
        }
    }

    // ------------------------------------------------------------------ DP7006

    private static void DuplicateRules(IReadOnlyList<BoundRuleSet> ruleSets, DiagnosticBag diagnostics)
    {
        var seen = new Dictionary<string, BoundRule>(StringComparer.Ordinal);
        foreach (var ruleSet in ruleSets)
        {
            var defaults = ruleSet.Parameters.ToDictionary(p => p.Name, p => p.DefaultValue, StringComparer.Ordinal);
            foreach (var rule in ruleSet.Rules.Where(r => r.Info.Enabled))
            {
                var form = CanonicalForm.OfRule(rule, defaults);
                if (seen.TryGetValue(form, out var first))
                {
                    var at = first.Syntax.Location;
                    diagnostics.Warning(LintDuplicateRule, rule.Syntax.Location, string.Create(CultureInfo.InvariantCulture,
                        $"rule {rule.Info.Id} has the same conditions as rule {first.Info.Id} ({at.File}:{at.Line}); it reports the same matches"));
                }
                else
                {
                    seen[form] = rule;
                }
            }
        }
    }

    // ------------------------------------------------------------------ DP7001

    /// <summary>
    /// Links between aliases: two aliases are linked when one expression mentions both; a
    /// <c>let</c> or aggregate alias is linked to what its value mentions. A top-level fact
    /// pattern whose alias is linked to none of the earlier ones (other than the single
    /// <c>Organisation</c>) multiplies the matches.
    /// </summary>
    private void CartesianProducts()
    {
        var links = new UnionFind();
        foreach (var (expressions, defines) in LinkSources(_rule.When))
        {
            var names = expressions.SelectMany(e => e.FreeAliases).ToList();
            if (defines is not null) names.Add(defines);
            for (var i = 1; i < names.Count; i++) links.Union(names[0], names[i]);
        }

        var earlier = new List<string>();
        if (_rule.Syntax.When.Count != _rule.When.Count) return;
        var patterns = _rule.Syntax.When.Zip(_rule.When).Where(p => p.Second is BoundPattern).ToList();
        foreach (var (syntax, bound) in patterns)
        {
            var pattern = (BoundPattern)bound;
            if (pattern.Type.ClrType == typeof(Model.Organisation)) continue; // a single fact: joining it multiplies nothing
            var alias = pattern.Alias.Name;
            if (earlier.Count > 0 && !earlier.Exists(e => links.Find(e) == links.Find(alias)))
            {
                _diagnostics.Warning(LintCartesianProduct, syntax.Location,
                    $"rule {_rule.Info.Id}: the {pattern.Type.Name} pattern '{alias}' is not linked by any condition to the earlier pattern{(earlier.Count == 1 ? string.Empty : "s")} "
                    + $"{string.Join(", ", earlier.Select(e => $"'{e}'"))}, so the rule matches every combination of them (a cartesian product); "
                    + "relate them in a condition, or use 'exists' or 'not' when only the existence matters");
            }

            earlier.Add(alias);
        }
    }

    /// <summary>Every expression of the rule's <c>when</c> with the alias it defines (let and aggregates), if any.</summary>
    private static IEnumerable<(IReadOnlyList<BoundExpression> Expressions, string? Defines)> LinkSources(IEnumerable<BoundElement> elements)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case BoundPattern p:
                    yield return (p.Conditions.ToList(), p.Alias.Name);
                    break;
                case BoundNot n:
                    foreach (var x in LinkSources(n.Elements)) yield return x;
                    break;
                case BoundExists x:
                    foreach (var y in LinkSources(x.Elements)) yield return y;
                    break;
                case BoundAnyOf a:
                    foreach (var branch in a.Branches)
                    {
                        foreach (var y in LinkSources(branch)) yield return y;
                    }

                    break;
                case BoundForAll f:
                    yield return ([.. f.Source.Conditions, f.Require], null);
                    break;
                case BoundAggregate g:
                    // The aggregate's value depends on the outer aliases its source mentions, not on its own source alias.
                    yield return ([.. g.Source.Conditions, .. g.Of is null ? [] : new[] { g.Of }], g.Alias.Name);
                    break;
                case BoundGroup g:
                    yield return ([.. g.Source.Conditions, g.By], g.Alias.Name);
                    break;
                case BoundLet l:
                    yield return ([l.Value], l.Alias.Name);
                    break;
                case BoundTest t:
                    yield return ([t.Condition], null);
                    break;
            }
        }
    }

    // ------------------------------------------------------------------ DP7002, DP7003, DP7007

    private void Conditions()
    {
        var dead = Group(_rule.Syntax.When, _rule.When, mustHold: true);
        for (var i = 0; i < dead.Count; i++)
        {
            // The first reason stops the rule; the others are reported as what they are.
            if (i == 0) NeverFires(dead[i].At, dead[i].Reason);
            else _diagnostics.Warning(LintAlwaysFalse, dead[i].At, $"rule {_rule.Info.Id}: {dead[i].Reason}");
        }
    }

    /// <summary>
    /// Checks the conditions of a group of elements. <paramref name="mustHold"/>: the rule fires only
    /// when this group holds (top level, or inside <c>exists</c> there); always-false conditions are
    /// then returned rather than reported. Returns why the group can never hold (empty: it can).
    /// </summary>
    private List<(SourceLocation At, string Reason)> Group(IReadOnlyList<ElementSyntax> syntax, IReadOnlyList<BoundElement> bound, bool mustHold)
    {
        var dead = new List<(SourceLocation, string)>();
        if (syntax.Count != bound.Count) return dead; // only a rule set without errors is linted; be safe anyway
        for (var i = 0; i < syntax.Count; i++) dead.AddRange(Element(syntax[i], bound[i], mustHold));
        return dead;
    }

    private IEnumerable<(SourceLocation At, string Reason)> Element(ElementSyntax syntax, BoundElement bound, bool mustHold)
    {
        switch (syntax, bound)
        {
            case (FactElementSyntax fact, BoundPattern pattern):
                return Pattern(fact, pattern, mustHold, $"the condition of the {pattern.Type.Name} pattern '{pattern.Alias.Name}'");
            case (TestElementSyntax test, BoundTest boundTest):
                return Condition(test.Expression, boundTest.Condition, mustHold, "the test") is { } d ? [d] : [];
            case (ExistsElementSyntax exists, BoundExists boundExists):
                return Group(exists.Elements, boundExists.Elements, mustHold);
            case (NotElementSyntax not, BoundNot boundNot):
            {
                // Always-false conditions inside are reported where they are (DP7003): the 'not' then always holds.
                Group(not.Elements, boundNot.Elements, mustHold: false);
                if (AlwaysHolds(boundNot.Elements))
                {
                    var reason = "its 'not' element excludes something that always holds";
                    if (mustHold) return [(not.Location, reason)];
                    _diagnostics.Warning(LintAlwaysFalse, not.Location, $"rule {_rule.Info.Id}: this 'not' element never holds: {reason}");
                }

                return [];
            }

            case (AnyOfElementSyntax anyOf, BoundAnyOf boundAnyOf) when anyOf.Branches.Count == boundAnyOf.Branches.Count:
            {
                var deadBranches = 0;
                for (var i = 0; i < anyOf.Branches.Count; i++)
                {
                    // Always-false conditions of a branch are reported where they are (DP7003).
                    if (Group(anyOf.Branches[i], boundAnyOf.Branches[i], mustHold: false).Count > 0) deadBranches++;
                }

                var allDead = deadBranches == anyOf.Branches.Count && deadBranches > 0;
                if (allDead && mustHold) return [(anyOf.Location, "no branch of its 'anyOf' can ever hold")];
                return [];
            }

            case (ForAllElementSyntax forAll, BoundForAll boundForAll):
                Pattern(forAll.Source, boundForAll.Source, false, $"the condition of the forAll pattern '{boundForAll.Source.Alias.Name}' (so 'forAll' always holds)");
                Condition(forAll.Require, boundForAll.Require, false, "the 'require' of forAll (so it holds only when nothing matches)");
                return [];
            case (AggregateElementSyntax aggregate, BoundAggregate boundAggregate):
                Pattern(aggregate.Source, boundAggregate.Source, false, $"the condition of the aggregated pattern '{boundAggregate.Source.Alias.Name}' (so the aggregate is over nothing)");
                return [];
            case (GroupElementSyntax group, BoundGroup boundGroup):
                // No fact in the source: no group, so the rule cannot fire.
                return Pattern(group.Source, boundGroup.Source, mustHold, $"the condition of the grouped pattern '{boundGroup.Source.Alias.Name}' (so there is no group)");
            default:
                return [];
        }
    }

    private List<(SourceLocation At, string Reason)> Pattern(FactElementSyntax syntax, BoundPattern pattern, bool mustHold, string what)
    {
        var dead = new List<(SourceLocation, string)>();
        if (syntax.Where.Count != pattern.Conditions.Count) return dead;
        for (var i = 0; i < syntax.Where.Count; i++)
        {
            if (Condition(syntax.Where[i], pattern.Conditions[i], mustHold, what) is { } d) dead.Add(d);
        }

        return dead;
    }

    /// <summary>Reports constant conditions and constant operands of <c>and</c>/<c>or</c>/<c>not</c>; returns why the condition is always false, if it is.</summary>
    private (SourceLocation At, string Reason)? Condition(ExpressionText text, BoundExpression condition, bool mustHold, string what)
    {
        switch (ConditionAnalysis.Of(condition))
        {
            case Truth.AlwaysTrue:
                _diagnostics.Warning(LintAlwaysTrue, text.Location,
                    $"rule {_rule.Info.Id}: {what} is always true, so it has no effect");
                return null;
            case Truth.AlwaysFalse:
            {
                var reason = $"{what} is always false";
                if (!mustHold) _diagnostics.Warning(LintAlwaysFalse, text.Location, $"rule {_rule.Info.Id}: {reason}");
                return (text.Location, reason);
            }

            default:
                Operands(text, condition, what);
                return null;
        }
    }

    /// <summary>Constant operands inside a condition that is not constant as a whole (the outermost ones only).</summary>
    private void Operands(ExpressionText text, BoundExpression e, string what)
    {
        var operands = e switch
        {
            BoundBinaryExpression { Kind: BoundBinaryKind.And or BoundBinaryKind.Or } b => new[] { b.Left, b.Right },
            BoundUnaryExpression { Kind: BoundUnaryKind.Not } u => [u.Operand],
            _ => [],
        };
        foreach (var operand in operands)
        {
            switch (ConditionAnalysis.Of(operand))
            {
                case Truth.AlwaysTrue:
                    _diagnostics.Warning(LintAlwaysTrue, text.Location, $"rule {_rule.Info.Id}: in {what}, the operand at {Column(operand)} is always true");
                    break;
                case Truth.AlwaysFalse:
                    _diagnostics.Warning(LintAlwaysFalse, text.Location, $"rule {_rule.Info.Id}: in {what}, the operand at {Column(operand)} is always false");
                    break;
                default:
                    Operands(text, operand, what);
                    break;
            }
        }
    }

    private static string Column(BoundExpression e) => string.Create(CultureInfo.InvariantCulture, $"column {e.Offset + 1} of the expression");

    /// <summary>A group that holds whatever the facts: only tests and lets that are always true, and the single Organisation without conditions that could fail.</summary>
    private static bool AlwaysHolds(IReadOnlyList<BoundElement> elements) =>
        elements.Count > 0 && elements.All(e => e switch
        {
            BoundTest t => ConditionAnalysis.Of(t.Condition) == Truth.AlwaysTrue,
            BoundLet => true,
            BoundPattern { Type.ClrType: var clr } p when clr == typeof(Model.Organisation) =>
                p.Conditions.All(c => ConditionAnalysis.Of(c) == Truth.AlwaysTrue),
            _ => false,
        });

    private void NeverFires(SourceLocation at, string reason)
    {
        if (_neverFiresReported) return;
        _neverFiresReported = true;
        _diagnostics.Warning(LintRuleNeverFires, at, $"rule {_rule.Info.Id} can never produce a finding: {reason}");
    }

    // ------------------------------------------------------------------ DP7005

    /// <summary><c>let</c> and aggregate aliases that no later condition, test, value or message uses.</summary>
    private void UnusedAliases()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in BoundRuleWalker.Expressions(_rule)) used.UnionWith(expression.FreeAliases);
        foreach (var (name, at, kind) in ValueAliases(_rule.Syntax.When))
        {
            if (!used.Contains(name))
                _diagnostics.Warning(LintUnusedAlias, at, $"rule {_rule.Info.Id}: the {kind} alias '{name}' is never used");
        }
    }

    private static IEnumerable<(string Name, SourceLocation At, string Kind)> ValueAliases(IEnumerable<ElementSyntax> elements)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case LetElementSyntax let:
                    yield return (let.Alias, let.AliasLocation, "let");
                    break;
                case AggregateElementSyntax aggregate:
                    yield return (aggregate.Alias, aggregate.AliasLocation, aggregate.Kind.ToString().ToLowerInvariant());
                    break;
                case NotElementSyntax n:
                    foreach (var x in ValueAliases(n.Elements)) yield return x;
                    break;
                case ExistsElementSyntax x:
                    foreach (var y in ValueAliases(x.Elements)) yield return y;
                    break;
                case AnyOfElementSyntax a:
                    foreach (var branch in a.Branches)
                    {
                        foreach (var y in ValueAliases(branch)) yield return y;
                    }

                    break;
            }
        }
    }

    private sealed class UnionFind
    {
        private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

        public string Find(string x)
        {
            if (!_parent.TryGetValue(x, out var p)) return x;
            if (p == x) return x;
            var root = Find(p);
            _parent[x] = root;
            return root;
        }

        public void Union(string a, string b)
        {
            var (ra, rb) = (Find(a), Find(b));
            _parent.TryAdd(ra, ra);
            if (ra != rb) _parent[ra] = rb;
            _parent.TryAdd(rb, rb);
        }
    }
}
