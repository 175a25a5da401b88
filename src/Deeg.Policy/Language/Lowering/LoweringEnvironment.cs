using System.Linq.Expressions;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Runtime;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// Resolves the names of one lowered expression to NRules declarations: every alias, and the
/// evaluation context for <c>asOf</c> and <c>params</c>, becomes a lambda parameter named like
/// its declaration. <see cref="UsedDeclarations"/> are the parameters of the resulting lambda,
/// so a condition depends on exactly the facts it mentions.
/// </summary>
internal sealed class LoweringEnvironment : ILoweringEnvironment
{
    private readonly IReadOnlyDictionary<string, AliasSymbol> _aliases;
    private readonly IReadOnlyDictionary<string, ParameterSymbol> _parameters;
    private readonly Dictionary<string, ParameterExpression> _used;
    private readonly Dictionary<string, Expression> _overrides;

    private readonly bool _ambientContext;

    /// <summary>
    /// An environment for one expression; with <paramref name="ambientContext"/> the evaluation
    /// context is read from <see cref="EvaluationContext.Current"/> instead of the context declaration,
    /// so it does not make the expression a join (conditions of fact patterns).
    /// </summary>
    public LoweringEnvironment(IReadOnlyDictionary<string, AliasSymbol> aliases, IReadOnlyDictionary<string, ParameterSymbol> parameters, bool ambientContext = false)
        : this(aliases, parameters, new Dictionary<string, ParameterExpression>(StringComparer.Ordinal), new Dictionary<string, Expression>(StringComparer.Ordinal), ambientContext)
    {
    }

    private LoweringEnvironment(IReadOnlyDictionary<string, AliasSymbol> aliases, IReadOnlyDictionary<string, ParameterSymbol> parameters,
        Dictionary<string, ParameterExpression> used, Dictionary<string, Expression> overrides, bool ambientContext)
    {
        _aliases = aliases;
        _parameters = parameters;
        _used = used;
        _overrides = overrides;
        _ambientContext = ambientContext;
    }

    /// <summary>The evaluation context: its declaration, or the ambient one.</summary>
    public Expression Context => _ambientContext
        ? Expression.Property(null, typeof(EvaluationContext), nameof(EvaluationContext.Current))
        : Declaration(AliasDeclarations.ContextName, typeof(EvaluationContext));

    /// <summary>The declarations referenced so far, as lambda parameters, in first-use order.</summary>
    public IReadOnlyList<ParameterExpression> UsedDeclarations => _used.Values.ToList();

    /// <inheritdoc />
    public Expression AsOf => Expression.Property(Context, nameof(EvaluationContext.AsOf));

    /// <inheritdoc />
    public Expression Language => Expression.Property(Context, nameof(EvaluationContext.Language));

    /// <inheritdoc />
    public Expression Facts => Expression.Property(Context, nameof(EvaluationContext.Facts));

    /// <summary>The lambda parameter of a declaration, created on first use.</summary>
    public ParameterExpression Declaration(string name, Type type)
    {
        if (!_used.TryGetValue(name, out var parameter))
        {
            parameter = Expression.Parameter(type, name);
            _used.Add(name, parameter);
        }

        return parameter;
    }

    /// <summary>An environment in which <paramref name="alias"/> means <paramref name="value"/> (an inner lambda's parameter).</summary>
    public LoweringEnvironment WithOverride(string alias, Expression value)
    {
        var overrides = new Dictionary<string, Expression>(_overrides, StringComparer.Ordinal) { [alias] = value };
        return new LoweringEnvironment(_aliases, _parameters, _used, overrides, _ambientContext);
    }

    /// <inheritdoc />
    public Expression Alias(string name)
    {
        if (_overrides.TryGetValue(name, out var value)) return value;
        var alias = _aliases[name];
        return AliasDeclarations.ReadAlias(alias, Declaration(name, AliasDeclarations.DeclarationType(alias)));
    }

    /// <inheritdoc />
    public Expression Parameter(string name)
    {
        var parameter = _parameters[name];
        var values = Expression.Property(Context, nameof(EvaluationContext.Parameters));
        return Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(parameter.Slot)), parameter.Type.ClrType);
    }
}
