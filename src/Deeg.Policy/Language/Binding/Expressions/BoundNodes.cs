using System.Text.RegularExpressions;
using Deeg.Policy.Core;
using Deeg.Policy.Language.Binding.Functions;

namespace Deeg.Policy.Language.Binding.Expressions;

/// <summary>
/// A type-checked expression. Every name is resolved, every operator has its operand types
/// fixed (implicit conversions are explicit <see cref="BoundConversionExpression"/> nodes), so
/// the lowering and the reference evaluator need no type inference of their own.
/// </summary>
internal abstract class BoundExpression(PolicyType type, int offset)
{
    private IReadOnlySet<string>? _freeAliases;
    private IReadOnlySet<string>? _patternParameters;
    private bool? _usesContext;

    /// <summary>The language type of the value; its canonical CLR type is <c>Type.ClrType</c>.</summary>
    public PolicyType Type { get; } = type;

    /// <summary>0-based position of the expression in its text.</summary>
    public int Offset { get; } = offset;

    /// <summary>The direct sub-expressions (none for names and constants).</summary>
    public virtual IEnumerable<BoundExpression> Children => [];

    /// <summary>Calls the <paramref name="visitor"/>'s method for this kind of node.</summary>
    public abstract TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument);

    /// <summary>This node and all below it, depth first, each node before its children, the children in order.</summary>
    public IEnumerable<BoundExpression> DescendantsAndSelf()
    {
        var stack = new Stack<BoundExpression>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.Children.Reverse()) stack.Push(child);
        }
    }

    /// <summary>The aliases the expression references (quantifier variables excluded).</summary>
    public IReadOnlySet<string> FreeAliases => _freeAliases ??= BoundTreeFacts.CollectAliases(this);

    /// <summary>True when the expression depends on the evaluation context: <c>asOf</c> (also through daysSince/hoursSince), <c>params</c> or the language (text, label, name, join).</summary>
    public bool UsesContext => _usesContext ??= BoundTreeFacts.UsesContext(this);

    /// <summary>The parameters used as the pattern of <c>matches</c> (their values must be valid regular expressions).</summary>
    public IReadOnlySet<string> PatternParameters => _patternParameters ??= BoundTreeFacts.CollectPatternParameters(this);
}

/// <summary>A constant in canonical representation (boxed decimal, string, bool, DateOnly, TimeSpan, enum, list) or null.</summary>
internal sealed class BoundLiteralExpression(PolicyType type, int offset, object? value) : BoundExpression(type, offset)
{
    public object? Value { get; } = value;

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitLiteral(this, argument);
}

/// <summary>A reference to an alias of the rule.</summary>
internal sealed class BoundAliasExpression(PolicyType type, int offset, string name) : BoundExpression(type, offset)
{
    public string Name { get; } = name;

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitAlias(this, argument);
}

/// <summary>A reference to the variable of an enclosing quantifier.</summary>
internal sealed class BoundVariableExpression(PolicyType type, int offset, string name) : BoundExpression(type, offset)
{
    public string Name { get; } = name;

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitVariable(this, argument);
}

/// <summary><c>asOf</c>, the evaluation date.</summary>
internal sealed class BoundAsOfExpression(int offset) : BoundExpression(PolicyType.Date, offset)
{
    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitAsOf(this, argument);
}

/// <summary><c>params.NAME</c>.</summary>
internal sealed class BoundParameterExpression(PolicyType type, int offset, string name) : BoundExpression(type, offset)
{
    public string Name { get; } = name;

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitParameter(this, argument);
}

/// <summary>Null-safe <c>target.member</c>; the value is converted to the member type's canonical form.</summary>
internal sealed class BoundMemberExpression(int offset, BoundExpression target, FactMember member) : BoundExpression(member.Type, offset)
{
    public BoundExpression Target { get; } = target;

    public FactMember Member { get; } = member;

    public override IEnumerable<BoundExpression> Children => [Target];

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitMember(this, argument);
}

/// <summary>Implicit conversions the binder inserts.</summary>
internal enum ConversionKind
{
    /// <summary>A value of type null (the literal, or an expression of null type) to any type: always null.</summary>
    FromNull,

    /// <summary>date to datetime: midnight UTC.</summary>
    DateToDateTime,

    /// <summary>enum to string: the camelCase name (for comparison with run-time strings, case-insensitively).</summary>
    EnumToString,

    /// <summary>list of enum to list of string, element by element (null elements stay null).</summary>
    EnumListToStringList,

    /// <summary>list of null (e.g. <c>[]</c> or <c>[null]</c>) to a list of another element type.</summary>
    NullListToList,
}

/// <summary>An implicit conversion to <see cref="BoundExpression.Type"/>.</summary>
internal sealed class BoundConversionExpression(PolicyType type, ConversionKind kind, BoundExpression operand) : BoundExpression(type, operand.Offset)
{
    public ConversionKind Kind { get; } = kind;

    public BoundExpression Operand { get; } = operand;

    public override IEnumerable<BoundExpression> Children => [Operand];

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitConversion(this, argument);
}

/// <summary>Resolved unary operators.</summary>
internal enum BoundUnaryKind
{
    /// <summary>number negation.</summary>
    NegateNumber,

    /// <summary>duration negation.</summary>
    NegateDuration,

    /// <summary><c>not</c>: null is false, so <c>not null</c> is true; never null.</summary>
    Not,
}

/// <summary>A unary operation.</summary>
internal sealed class BoundUnaryExpression(PolicyType type, int offset, BoundUnaryKind kind, BoundExpression operand) : BoundExpression(type, offset)
{
    public BoundUnaryKind Kind { get; } = kind;

    public BoundExpression Operand { get; } = operand;

    public override IEnumerable<BoundExpression> Children => [Operand];

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitUnary(this, argument);
}

/// <summary>
/// Resolved binary operators. Comparisons and membership have operands of one type (for
/// membership: the element type of the list); <see cref="BoundBinaryExpression.IgnoreCase"/>
/// marks string comparisons that stand for an enum compared with a run-time string.
/// </summary>
internal enum BoundBinaryKind
{
    /// <summary><c>and</c>; null is false; never null.</summary>
    And,

    /// <summary><c>or</c>; null is false; never null.</summary>
    Or,

    /// <summary><c>==</c>: null == null is true, null == value false.</summary>
    Equal,

    /// <summary><c>!=</c>: the negation of <c>==</c>.</summary>
    NotEqual,

    /// <summary>Ordering: number, string (ordinal), date, datetime, duration; false with a null operand.</summary>
    Less,

    LessOrEqual,

    Greater,

    GreaterOrEqual,

    /// <summary><c>x in list</c>: false when x or the list is null.</summary>
    In,

    /// <summary><c>x not in list</c>: false when x or the list is null.</summary>
    NotIn,

    /// <summary><c>s contains t</c> on strings: ordinal substring; false with a null operand.</summary>
    StringContains,

    /// <summary><c>list contains x</c>: membership; false with a null operand.</summary>
    ListContains,

    /// <summary>Ordinal prefix test; false with a null operand.</summary>
    StartsWith,

    /// <summary>Ordinal suffix test; false with a null operand.</summary>
    EndsWith,

    /// <summary><c>a ?? b</c>.</summary>
    Coalesce,

    /// <summary>number + number; null with a null operand; null on overflow.</summary>
    AddNumber,

    SubtractNumber,

    MultiplyNumber,

    /// <summary>number / number; null when dividing by zero.</summary>
    DivideNumber,

    /// <summary>number % number (sign of the dividend); null when dividing by zero.</summary>
    RemainderNumber,

    /// <summary>string + string: concatenation; null when either is null.</summary>
    Concat,

    /// <summary>date + duration (either order): the date of (midnight UTC + duration).</summary>
    AddDateDuration,

    /// <summary>date - duration.</summary>
    SubtractDateDuration,

    /// <summary>datetime + duration (either order).</summary>
    AddDateTimeDuration,

    /// <summary>datetime - duration.</summary>
    SubtractDateTimeDuration,

    /// <summary>date - date: a duration of whole days.</summary>
    SubtractDates,

    /// <summary>datetime - datetime.</summary>
    SubtractDateTimes,

    AddDurations,

    SubtractDurations,

    /// <summary>duration × number (either order), rounded to whole ticks.</summary>
    MultiplyDuration,
}

/// <summary>A binary operation. For the commutative duration forms the duration is always <see cref="Right"/> (the binder swaps).</summary>
internal sealed class BoundBinaryExpression(PolicyType type, int offset, int operatorOffset, BoundBinaryKind kind, BoundExpression left, BoundExpression right, bool ignoreCase)
    : BoundExpression(type, offset)
{
    public BoundBinaryKind Kind { get; } = kind;

    /// <summary>0-based position of the operator.</summary>
    public int OperatorOffset { get; } = operatorOffset;

    public BoundExpression Left { get; } = left;

    public BoundExpression Right { get; } = right;

    /// <summary>For string equality and membership: compare case-insensitively (an enum name against a run-time string).</summary>
    public bool IgnoreCase { get; } = ignoreCase;

    public override IEnumerable<BoundExpression> Children => [Left, Right];

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitBinary(this, argument);
}

/// <summary><c>s matches pattern</c>: a literal pattern compiled at bind time, or a <c>params</c> value compiled once per value at run time.</summary>
internal sealed class BoundMatchesExpression(int offset, BoundExpression input, Regex? regex, BoundParameterExpression? patternParameter)
    : BoundExpression(PolicyType.Bool, offset)
{
    public BoundExpression Input { get; } = input;

    /// <summary>The compiled literal pattern (RegexOptions.NonBacktracking), or null when the pattern is a parameter.</summary>
    public Regex? Regex { get; } = regex;

    /// <summary>The parameter holding the pattern, or null for a literal.</summary>
    public BoundParameterExpression? PatternParameter { get; } = patternParameter;

    public override IEnumerable<BoundExpression> Children => PatternParameter is null ? [Input] : [Input, PatternParameter];

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitMatches(this, argument);
}

/// <summary>A call of a function of <see cref="BuiltInFunctions"/> (a <see cref="ConstantFunction"/> is bound to a literal).</summary>
internal sealed class BoundCallExpression(PolicyType type, int offset, CallFunction function, IReadOnlyList<BoundExpression> arguments)
    : BoundExpression(type, offset)
{
    public CallFunction Function { get; } = function;

    public IReadOnlyList<BoundExpression> Arguments { get; } = arguments;

    public override IEnumerable<BoundExpression> Children => Arguments;

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitCall(this, argument);
}

/// <summary>
/// <c>f(x in list: body)</c> for a <see cref="QuantifierFunction"/>. A null list is treated as empty;
/// a null condition counts as false, null values of a number are skipped.
/// </summary>
internal sealed class BoundQuantifierExpression(PolicyType type, int offset, QuantifierFunction function, string variable, PolicyType variableType, BoundExpression list, BoundExpression body)
    : BoundExpression(type, offset)
{
    public QuantifierFunction Function { get; } = function;

    public string Variable { get; } = variable;

    /// <summary>The element type of <see cref="List"/>.</summary>
    public PolicyType VariableType { get; } = variableType;

    public BoundExpression List { get; } = list;

    public BoundExpression Body { get; } = body;

    public override IEnumerable<BoundExpression> Children => [List, Body];

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitQuantifier(this, argument);
}

/// <summary>A list literal; every element already has the element type of <see cref="BoundExpression.Type"/>.</summary>
internal sealed class BoundListExpression(PolicyType.ListType type, int offset, IReadOnlyList<BoundExpression> elements) : BoundExpression(type, offset)
{
    public IReadOnlyList<BoundExpression> Elements { get; } = elements;

    public PolicyType ElementType => ((PolicyType.ListType)Type).Element;

    public override IEnumerable<BoundExpression> Children => Elements;

    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitList(this, argument);
}

/// <summary>Stands for a sub-expression with errors, so that binding goes on and reports every error once.</summary>
internal sealed class BoundErrorExpression(int offset) : BoundExpression(PolicyType.Null, offset)
{
    public override TResult Accept<TArgument, TResult>(BoundTreeVisitor<TArgument, TResult> visitor, TArgument argument) => visitor.VisitError(this, argument);
}

/// <summary>Facts about bound trees used by the rule compiler.</summary>
internal static class BoundTreeFacts
{
    public static IReadOnlySet<string> CollectAliases(BoundExpression root) =>
        root.DescendantsAndSelf().OfType<BoundAliasExpression>().Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

    public static bool UsesContext(BoundExpression root) =>
        root.DescendantsAndSelf().Any(node => node is BoundAsOfExpression or BoundParameterExpression or BoundCallExpression { Function.ReadsAsOf: true } or BoundCallExpression { Function.ReadsLanguage: true });

    public static IReadOnlySet<string> CollectPatternParameters(BoundExpression root) =>
        root.DescendantsAndSelf().OfType<BoundMatchesExpression>().Where(m => m.PatternParameter is not null).Select(m => m.PatternParameter!.Name).ToHashSet(StringComparer.Ordinal);
}
