using System.Collections;
using System.Globalization;
using System.Text;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;

namespace Deeg.Policy.Linting;

/// <summary>
/// A text that is equal for two bound expressions (or rule bodies) exactly when they mean the
/// same thing up to the names of aliases and quantifier variables, the order of the operands
/// of <c>and</c>, <c>or</c>, <c>==</c> and <c>!=</c>, and the order of the conjuncts of a pattern.
/// Used to find duplicate rules and expressions compared with themselves (<c>x != x</c>).
/// </summary>
internal sealed class CanonicalForm
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
        var conjuncts = pattern.Conditions.SelectMany(Conjuncts).Select(c => Print(c, [])).Order(StringComparer.Ordinal);
        text.AppendJoin(" & ", conjuncts).Append('}');
    }

    private static IEnumerable<BoundExpression> Conjuncts(BoundExpression e) =>
        e is BoundBinaryExpression { Kind: BoundBinaryKind.And } and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [e];

    private string Declare(string alias)
    {
        if (!_renameAliases) return alias;
        var name = "$" + _aliases.Count.ToString(CultureInfo.InvariantCulture);
        _aliases[alias] = name;
        return name;
    }

    private string Alias(string alias) => _renameAliases && _aliases.TryGetValue(alias, out var name) ? name : alias;

    /// <summary>The text of one expression; <paramref name="variables"/> maps quantifier variables to their depth.</summary>
    private string Print(BoundExpression e, IReadOnlyList<string> variables)
    {
        switch (e)
        {
            case BoundLiteralExpression literal:
                return e.Type.DisplayName + ":" + Value(literal.Value);
            case BoundAliasExpression alias:
                return "@" + Alias(alias.Name);
            case BoundVariableExpression variable:
            {
                var index = LastIndexOf(variables, variable.Name);
                return index < 0 ? "?" + variable.Name : "#" + index.ToString(CultureInfo.InvariantCulture);
            }

            case BoundAsOfExpression:
                return "asOf";
            case BoundParameterExpression parameter:
                return _parameters.TryGetValue(parameter.Name, out var value) ? "param:" + Value(value) : "params." + parameter.Name;
            case BoundMemberExpression member:
                return Print(member.Target, variables) + "." + member.Member.Name;
            case BoundConversionExpression conversion:
                return conversion.Kind + "(" + Print(conversion.Operand, variables) + ")";
            case BoundUnaryExpression unary:
                return unary.Kind + "(" + Print(unary.Operand, variables) + ")";
            case BoundBinaryExpression binary:
            {
                var left = Print(binary.Left, variables);
                var right = Print(binary.Right, variables);
                if (binary.Kind is BoundBinaryKind.And or BoundBinaryKind.Or or BoundBinaryKind.Equal or BoundBinaryKind.NotEqual
                    && string.CompareOrdinal(left, right) > 0)
                    (left, right) = (right, left);
                return binary.Kind + (binary.IgnoreCase ? "/i(" : "(") + left + "," + right + ")";
            }

            case BoundMatchesExpression matches:
                return "matches(" + Print(matches.Input, variables) + ","
                    + (matches.Regex is { } regex ? "re:" + regex : Print(matches.PatternParameter!, variables)) + ")";
            case BoundCallExpression call:
                return call.Function + "(" + string.Join(",", call.Arguments.Select(a => Print(a, variables))) + ")";
            case BoundQuantifierExpression quantifier:
            {
                var inner = variables.Append(quantifier.Variable).ToList();
                return quantifier.Kind + "(" + Print(quantifier.List, variables) + ":" + Print(quantifier.Body, inner) + ")";
            }

            case BoundListExpression list:
                return "[" + string.Join(",", list.Elements.Select(x => Print(x, variables))) + "]";
            default:
                return "<" + e.GetType().Name + ">";
        }
    }

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
