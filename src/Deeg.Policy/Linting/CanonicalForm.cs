using System.Collections;
using System.Globalization;
using System.Text;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Lowering;

namespace Deeg.Policy.Linting;

/// <summary>
/// A text that is equal for two bound expressions (or rule bodies) exactly when they mean the
/// same thing up to the names of aliases and quantifier variables, the order of the operands
/// of <c>and</c>, <c>or</c>, <c>==</c> and <c>!=</c>, and the order of the conjuncts of a pattern.
/// Used to find duplicate rules and expressions compared with themselves (<c>x != x</c>).
/// </summary>
internal sealed class CanonicalForm : BoundTreeVisitor<IReadOnlyList<string>, string>
{
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, object?> _parameters;
    private readonly bool _renameAliases;

    private CanonicalForm(bool renameAliases, IReadOnlyDictionary<string, object?>? parameters)
    {
        _renameAliases = renameAliases;
        _parameters = parameters ?? new Dictionary<string, object?>();
    }

    /// <summary>True when the two expressions are the same expression (same names, same structure).</summary>
    public static bool Same(BoundExpression a, BoundExpression b)
    {
        var form = new CanonicalForm(renameAliases: false, null);
        return form.Print(a, []) == form.Print(b, []);
    }

    /// <summary>
    /// The canonical text of a rule's <c>when</c>: aliases renamed by their order of binding,
    /// parameters replaced by their default values (rules of different rule sets can be compared).
    /// </summary>
    public static string OfRule(BoundRule rule, IReadOnlyDictionary<string, object?> parameterDefaults)
    {
        var form = new CanonicalForm(renameAliases: true, parameterDefaults);
        var text = new StringBuilder();
        form.Elements(rule.When, text);
        return text.ToString();
    }

    private void Elements(IEnumerable<BoundElement> elements, StringBuilder text)
    {
        text.Append('[');
        foreach (var element in elements)
        {
            switch (element)
            {
                case BoundPattern pattern:
                    Pattern(pattern, text);
                    break;
                case BoundNot not:
                    text.Append("not");
                    Elements(not.Elements, text);
                    break;
                case BoundExists exists:
                    text.Append("exists");
                    Elements(exists.Elements, text);
                    break;
                case BoundAnyOf anyOf:
                    text.Append("anyOf(");
                    foreach (var branch in anyOf.Branches) Elements(branch, text);
                    text.Append(')');
                    break;
                case BoundForAll forAll:
                    text.Append("forAll(");
                    Pattern(forAll.Source, text);
                    text.Append(Print(forAll.Require, [])).Append(')');
                    break;
                case BoundAggregate aggregate:
                    text.Append(aggregate.Kind).Append(aggregate.Distinct ? "distinct(" : "(");
                    Pattern(aggregate.Source, text);
                    if (aggregate.Of is not null) text.Append(Print(aggregate.Of, []));
                    text.Append(")->").Append(Declare(aggregate.Alias.Name));
                    break;
                case BoundGroup group:
                    text.Append("group(");
                    Pattern(group.Source, text);
                    text.Append(Print(group.By, [])).Append(")->").Append(Declare(group.Alias.Name));
                    break;
                case BoundLet let:
                    text.Append("let ").Append(Print(let.Value, [])).Append("->").Append(Declare(let.Alias.Name));
                    break;
                case BoundTest test:
                    text.Append("test ").Append(Print(test.Condition, []));
                    break;
            }

            text.Append(';');
        }

        text.Append(']');
    }

    private void Pattern(BoundPattern pattern, StringBuilder text)
    {
        text.Append(pattern.Type.Name).Append(' ').Append(Declare(pattern.Alias.Name)).Append('{');
        var conjuncts = pattern.Conditions.SelectMany(Conjuncts.Split).Select(c => Print(c, [])).Order(StringComparer.Ordinal);
        text.AppendJoin(" & ", conjuncts).Append('}');
    }

    private string Declare(string alias)
    {
        if (!_renameAliases) return alias;
        var name = "$" + _aliases.Count.ToString(CultureInfo.InvariantCulture);
        _aliases[alias] = name;
        return name;
    }

    private string Alias(string alias) => _renameAliases && _aliases.TryGetValue(alias, out var name) ? name : alias;

    /// <summary>The text of one expression; <paramref name="variables"/> maps quantifier variables to their depth.</summary>
    private string Print(BoundExpression e, IReadOnlyList<string> variables) => Visit(e, variables);

    public override string VisitLiteral(BoundLiteralExpression node, IReadOnlyList<string> variables) => node.Type.DisplayName + ":" + Value(node.Value);

    public override string VisitAlias(BoundAliasExpression node, IReadOnlyList<string> variables) => "@" + Alias(node.Name);

    public override string VisitVariable(BoundVariableExpression node, IReadOnlyList<string> variables)
    {
        var index = LastIndexOf(variables, node.Name);
        return index < 0 ? "?" + node.Name : "#" + index.ToString(CultureInfo.InvariantCulture);
    }

    public override string VisitAsOf(BoundAsOfExpression node, IReadOnlyList<string> variables) => "asOf";

    public override string VisitParameter(BoundParameterExpression node, IReadOnlyList<string> variables) =>
        _parameters.TryGetValue(node.Name, out var value) ? "param:" + Value(value) : "params." + node.Name;

    public override string VisitMember(BoundMemberExpression node, IReadOnlyList<string> variables) => Print(node.Target, variables) + "." + node.Member.Name;

    public override string VisitConversion(BoundConversionExpression node, IReadOnlyList<string> variables) => node.Kind + "(" + Print(node.Operand, variables) + ")";

    public override string VisitUnary(BoundUnaryExpression node, IReadOnlyList<string> variables) => node.Kind + "(" + Print(node.Operand, variables) + ")";

    public override string VisitBinary(BoundBinaryExpression node, IReadOnlyList<string> variables)
    {
        var left = Print(node.Left, variables);
        var right = Print(node.Right, variables);
        if (node.Kind is BoundBinaryKind.And or BoundBinaryKind.Or or BoundBinaryKind.Equal or BoundBinaryKind.NotEqual
            && string.CompareOrdinal(left, right) > 0)
            (left, right) = (right, left);
        return node.Kind + (node.IgnoreCase ? "/i(" : "(") + left + "," + right + ")";
    }

    public override string VisitMatches(BoundMatchesExpression node, IReadOnlyList<string> variables) =>
        "matches(" + Print(node.Input, variables) + "," + (node.Regex is { } regex ? "re:" + regex : Print(node.PatternParameter!, variables)) + ")";

    public override string VisitCall(BoundCallExpression node, IReadOnlyList<string> variables) =>
        node.Function.Name + "(" + string.Join(",", node.Arguments.Select(a => Print(a, variables))) + ")";

    public override string VisitQuantifier(BoundQuantifierExpression node, IReadOnlyList<string> variables) =>
        node.Function.Name + "(" + Print(node.List, variables) + ":" + Print(node.Body, [.. variables, node.Variable]) + ")";

    public override string VisitList(BoundListExpression node, IReadOnlyList<string> variables) =>
        "[" + string.Join(",", node.Elements.Select(x => Print(x, variables))) + "]";

    public override string VisitError(BoundErrorExpression node, IReadOnlyList<string> variables) => "<" + node.GetType().Name + ">";

    private static int LastIndexOf(IReadOnlyList<string> list, string name)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i] == name) return i;
        }

        return -1;
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        decimal d => (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
