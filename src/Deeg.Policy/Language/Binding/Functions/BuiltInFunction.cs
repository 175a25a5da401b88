using System.Linq.Expressions;
using Deeg.Policy.Core;
using Deeg.Policy.Language.Binding.Expressions;

namespace Deeg.Policy.Language.Binding.Functions;

/// <summary>
/// A function of the language, described once: its name and documentation here, its typing rule,
/// its meaning (the reference semantics) and its lowering in the subclass of its form.
/// <see cref="BuiltInFunctions"/> lists them all; the parser, the binder, the lowering, the
/// reference evaluator and the function table of docs/rule-language.md read that list.
/// </summary>
internal abstract class BuiltInFunction
{
    /// <summary>The name as written.</summary>
    public required string Name { get; init; }

    /// <summary>How a call is written, for the documentation: <c>daysSince(d)</c>.</summary>
    public required string Signature { get; init; }

    /// <summary>What the function gives, in one line of Markdown.</summary>
    public required string Summary { get; init; }

    /// <summary>An expression that uses it.</summary>
    public required string Example { get; init; }
}

/// <summary>What an argument of a <see cref="CallFunction"/> accepts, and how it is converted.</summary>
internal enum ParameterKind
{
    /// <summary>A number; null is a number.</summary>
    Number,

    /// <summary>A string; null is a string.</summary>
    String,

    /// <summary>A date or a datetime, as it is; null is a date.</summary>
    DateOrDateTime,

    /// <summary>A string or a list, as it is; null is a string.</summary>
    StringOrList,

    /// <summary>Any type that all arguments of this kind share (brought to one type like the elements of a list).</summary>
    Common,

    /// <summary>Like <see cref="Common"/>, and that type is number, date or datetime; null is a number.</summary>
    Ordered,

    /// <summary>A bool; null is a bool.</summary>
    Bool,

    /// <summary>A value of any type, as it is.</summary>
    Any,

    /// <summary>A list, as it is; null is a list.</summary>
    List,

    /// <summary>A fact, as it is; null is allowed.</summary>
    Fact,

    /// <summary>An enum value, as it is; null is allowed.</summary>
    Enum,

    /// <summary>A string literal that is a format pattern for the first argument (checked when the rule set loads).</summary>
    FormatPattern,
}

/// <summary>What is known of whether a function's result can be null (for the linter).</summary>
internal enum ResultNullability
{
    /// <summary>Nothing is known.</summary>
    Unknown,

    /// <summary>Never null.</summary>
    Never,

    /// <summary>Null only when an argument is null.</summary>
    OnlyForNullArguments,
}

/// <summary>A function called with arguments, <c>f(a, b)</c>.</summary>
internal sealed class CallFunction : BuiltInFunction
{
    /// <summary>The fewest arguments.</summary>
    public int MinArguments { get; init; } = 1;

    /// <summary>The most arguments (<see cref="int.MaxValue"/>: no limit).</summary>
    public int MaxArguments { get; init; } = 1;

    /// <summary>What each argument accepts, by position; the last entry stands for all further arguments.</summary>
    public required IReadOnlyList<ParameterKind> Parameters { get; init; }

    /// <summary>The type of the result; null for the type the arguments share (<see cref="ParameterKind.Common"/>).</summary>
    public required PolicyType? Returns { get; init; }

    /// <summary>True when the result depends on <c>asOf</c>.</summary>
    public bool ReadsAsOf { get; init; }

    /// <summary>True when the result depends on the evaluation's language (and the facts display names refer to).</summary>
    public bool ReadsLanguage { get; init; }

    /// <summary>What argument <paramref name="index"/> accepts.</summary>
    public ParameterKind Parameter(int index) => Parameters[Math.Min(index, Parameters.Count - 1)];

    /// <summary>What is known of a null result.</summary>
    public ResultNullability Nullability { get; init; }

    /// <summary>
    /// The meaning on canonical boxed values (decimal, string, DateOnly, DateTimeOffset, lists) in
    /// an evaluation: the reference semantics, written independently of <see cref="Lower"/>.
    /// </summary>
    public required Func<IReadOnlyList<object?>, ReferenceContext, object?> Evaluate { get; init; }

    /// <summary>The expression tree of a call: calls of the runtime's functions, no blocks or loops.</summary>
    public required Func<LoweredCall, Expression> Lower { get; init; }
}

/// <summary>A function of one literal, folded to a constant when it is bound: <c>date('2024-01-31')</c>.</summary>
internal sealed class ConstantFunction : BuiltInFunction
{
    /// <summary>The type of the constant.</summary>
    public required PolicyType Returns { get; init; }

    /// <summary>The argument, for the message when it is not a string literal.</summary>
    public required string Argument { get; init; }

    /// <summary>What a valid argument is, for the message when it is not one.</summary>
    public required string Expected { get; init; }

    /// <summary>The constant written by the literal, or null when it is not valid.</summary>
    public required Func<string, object?> Parse { get; init; }
}

/// <summary>What the body of a quantifier is.</summary>
internal enum QuantifierBody
{
    /// <summary>A condition: null counts as false.</summary>
    Condition,

    /// <summary>A number: null values are skipped.</summary>
    Number,

    /// <summary>A value of any type but a list, kept as it is (null included).</summary>
    Value,
}

/// <summary>A function over the elements of a list, <c>f(x in LIST: body)</c>; a null list counts as empty.</summary>
internal sealed class QuantifierFunction : BuiltInFunction
{
    /// <summary>What the body is.</summary>
    public required QuantifierBody Body { get; init; }

    /// <summary>The type of the result; null for the type of the list (a list of the body's type for <see cref="QuantifierBody.Value"/>).</summary>
    public required PolicyType? Returns { get; init; }

    /// <summary>
    /// The meaning over the list's elements, given the body's value for an element and the type of
    /// the result: the reference semantics, written independently of <see cref="Lower"/>.
    /// </summary>
    public required Func<IReadOnlyList<object?>, Func<object?, object?>, PolicyType, object?> Evaluate { get; init; }

    /// <summary>The expression tree: <see cref="Enumerable"/> calls with the body as an inner lambda.</summary>
    public required Func<LoweredQuantifier, Expression> Lower { get; init; }
}

/// <summary>The evaluation a reference value is computed in: its date, its language and the facts display names refer to.</summary>
internal sealed record ReferenceContext(DateOnly AsOf, string Language, Deeg.Policy.Model.IFactLookup Facts);

/// <summary>A call being lowered.</summary>
/// <param name="bound">The bound arguments (for their types).</param>
/// <param name="arguments">The lowered arguments, of their types' canonical CLR types.</param>
/// <param name="asOf">The evaluation date, built only when asked for: reading it makes the condition depend on the context.</param>
/// <param name="language">The evaluation's language, built only when asked for.</param>
/// <param name="facts">The facts display names refer to, built only when asked for.</param>
internal sealed class LoweredCall(IReadOnlyList<BoundExpression> bound, IReadOnlyList<Expression> arguments, Func<Expression> asOf, Func<Expression> language, Func<Expression> facts)
{
    public IReadOnlyList<BoundExpression> Bound => bound;

    public IReadOnlyList<Expression> Arguments => arguments;

    /// <summary>The evaluation date, of CLR type <see cref="DateOnly"/>.</summary>
    public Expression AsOf => asOf();

    /// <summary>The evaluation's language, of CLR type <see cref="string"/>.</summary>
    public Expression Language => language();

    /// <summary>The facts display names refer to, of CLR type <c>IFactLookup</c>.</summary>
    public Expression Facts => facts();
}

/// <summary>A quantifier being lowered: the list (never null), its element type, and the body over the element <c>variable</c>.</summary>
internal sealed class LoweredQuantifier(Type elementType, Expression list, ParameterExpression variable, Expression body)
{
    public Type ElementType => elementType;

    public Expression List => list;

    /// <summary>The body as a <c>Func&lt;T, bool&gt;</c>, null counting as false.</summary>
    public LambdaExpression Predicate =>
        Expression.Lambda(typeof(Func<,>).MakeGenericType(elementType, typeof(bool)), ExpressionTrees.IsTrue(body), variable);

    /// <summary>The body as a <c>Func&lt;T, TBody&gt;</c> of its own type.</summary>
    public LambdaExpression Mapper => Expression.Lambda(typeof(Func<,>).MakeGenericType(elementType, body.Type), body, variable);

    /// <summary>The CLR type of the body.</summary>
    public Type BodyType => body.Type;

    /// <summary>The body as a <c>Func&lt;T, decimal?&gt;</c>.</summary>
    public LambdaExpression Selector =>
        Expression.Lambda(typeof(Func<,>).MakeGenericType(elementType, typeof(decimal?)), body, variable);

    /// <summary><c>Enumerable.method&lt;T&gt;(list, lambda)</c>.</summary>
    public Expression Enumerable(string method, LambdaExpression lambda) =>
        Expression.Call(typeof(Enumerable), method, [elementType], list, lambda);
}
