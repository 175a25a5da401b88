using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Binding.Expressions;

/// <summary>
/// The names an expression may use: the aliases bound so far (a later one hides an earlier one
/// of the same name), the rule set's parameters (<c>params.NAME</c>), <c>asOf</c> (always, type
/// date), and — inside a quantifier — its variable. Immutable: <see cref="WithAlias"/> returns a
/// child scope. <c>params</c> and <c>asOf</c> are reserved.
/// </summary>
internal sealed class ExpressionScope
{
    private readonly Binding? _head;

    /// <summary>A scope with the given parameters and aliases (added in order).</summary>
    public ExpressionScope(
        FactTypeRegistry registry,
        IReadOnlyDictionary<string, PolicyType>? parameters = null,
        IEnumerable<KeyValuePair<string, PolicyType>>? aliases = null)
    {
        Registry = registry;
        Parameters = parameters ?? new Dictionary<string, PolicyType>(StringComparer.Ordinal);
        foreach (var (name, type) in aliases ?? []) _head = new Binding(name, type, false, _head);
    }

    private ExpressionScope(ExpressionScope parent, Binding? head, bool unknownNamesReported)
    {
        Registry = parent.Registry;
        Parameters = parent.Parameters;
        UnknownNamesReported = unknownNamesReported;
        _head = head;
    }

    /// <summary>The fact types (for member lookup).</summary>
    public FactTypeRegistry Registry { get; }

    /// <summary>The parameters by name.</summary>
    public IReadOnlyDictionary<string, PolicyType> Parameters { get; }

    /// <summary>
    /// False after an element that failed to declare its alias (a pattern without <c>as</c>): an
    /// unknown name is then most likely that alias, so it is an error without a diagnostic of its own.
    /// </summary>
    public bool UnknownNamesReported { get; } = true;

    /// <summary>A child scope with one more alias.</summary>
    public ExpressionScope WithAlias(string name, PolicyType type) => new(this, new Binding(name, type, false, _head), UnknownNamesReported);

    /// <summary>
    /// A child scope with an alias whose element failed to bind (reported already): a use of it is
    /// an error without a diagnostic of its own.
    /// </summary>
    public ExpressionScope WithPoisonedAlias(string name) => new(this, new Binding(name, ExpressionBinder.ErrorType, false, _head), UnknownNamesReported);

    /// <summary>A child scope in which unknown names are errors without diagnostics (see <see cref="UnknownNamesReported"/>).</summary>
    public ExpressionScope WithoutUnknownNameReports() => new(this, _head, unknownNamesReported: false);

    /// <summary>A child scope with a quantifier variable.</summary>
    internal ExpressionScope WithVariable(string name, PolicyType type) => new(this, new Binding(name, type, true, _head), UnknownNamesReported);

    /// <summary>Finds an alias or quantifier variable, innermost first.</summary>
    public bool TryLookup(string name, out PolicyType type, out bool isVariable)
    {
        for (var b = _head; b is not null; b = b.Next)
        {
            if (string.Equals(b.Name, name, StringComparison.Ordinal))
            {
                type = b.Type;
                isVariable = b.IsVariable;
                return true;
            }
        }

        type = PolicyType.Null;
        isVariable = false;
        return false;
    }

    /// <summary>The aliases and variables visible here, plus <c>asOf</c> and <c>params</c> (for suggestions).</summary>
    public IEnumerable<string> VisibleNames
    {
        get
        {
            for (var b = _head; b is not null; b = b.Next) yield return b.Name;
            yield return LanguageNames.AsOf;
            yield return LanguageNames.Params;
        }
    }

    private sealed record Binding(string Name, PolicyType Type, bool IsVariable, Binding? Next);
}
