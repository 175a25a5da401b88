
namespace Deeg.Policy.Language.Syntax;

/// <summary>
/// A node of a parsed expression. <see cref="Offset"/> is the 0-based position of the node's
/// first character in the text that was parsed (for a template hole: in the whole template).
/// </summary>
internal abstract class ExpressionSyntax
{
    protected ExpressionSyntax(int offset, int depth)
    {
        Offset = offset;
        Depth = depth;
    }

    /// <summary>0-based position of the node's first character.</summary>
    public int Offset { get; }

    /// <summary>Height of the tree below this node (a leaf is 1); bounded by the parser.</summary>
    public int Depth { get; }

    protected static int DepthOf(params ExpressionSyntax[] children)
    {
        var max = 0;
        foreach (var child in children) max = Math.Max(max, child.Depth);
        return max + 1;
    }

    protected static int DepthOf(IEnumerable<ExpressionSyntax> children) => DepthOf(children.ToArray());
}

/// <summary>The kinds of literal.</summary>
internal enum LiteralKind
{
    /// <summary><c>3</c>, <c>0.8</c>; <see cref="LiteralSyntax.Text"/> is the digits.</summary>
    Number,

    /// <summary><c>'x'</c> or <c>"x"</c>; <see cref="LiteralSyntax.Text"/> is the unescaped value.</summary>
    String,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary><c>null</c>.</summary>
    Null,

    /// <summary><c>90d</c>, <c>12h</c>, <c>30m</c>; <see cref="LiteralSyntax.Text"/> is the token as written.</summary>
    Duration,
}

/// <summary>A literal. Numbers and durations keep their text; the binder converts and range-checks them.</summary>
internal sealed class LiteralSyntax(int offset, LiteralKind kind, string text) : ExpressionSyntax(offset, 1)
{
    public LiteralKind Kind { get; } = kind;

    /// <summary>Number/duration: the token; string: the unescaped value; bool: true/false; null: null.</summary>
    public string Text { get; } = text;
}

/// <summary>A bare identifier: alias, quantifier variable, <c>asOf</c>, <c>params</c> (only as a member target).</summary>
internal sealed class NameSyntax(int offset, string name) : ExpressionSyntax(offset, 1)
{
    public string Name { get; } = name;
}

/// <summary><c>target.member</c>.</summary>
internal sealed class MemberAccessSyntax(ExpressionSyntax target, string member, int memberOffset)
    : ExpressionSyntax(target.Offset, DepthOf(target))
{
    public ExpressionSyntax Target { get; } = target;

    public string Member { get; } = member;

    /// <summary>0-based position of the member name (after the dot).</summary>
    public int MemberOffset { get; } = memberOffset;
}

/// <summary><c>callee(arguments)</c>; only a bare function name is a valid callee.</summary>
internal sealed class CallSyntax(ExpressionSyntax callee, IReadOnlyList<ExpressionSyntax> arguments)
    : ExpressionSyntax(callee.Offset, DepthOf(arguments.Prepend(callee)))
{
    public ExpressionSyntax Callee { get; } = callee;

    public IReadOnlyList<ExpressionSyntax> Arguments { get; } = arguments;
}

/// <summary><c>function(variable in list: body)</c> for exists, all, none, count, sum and filter.</summary>
internal sealed class QuantifierSyntax(int offset, string function, string variable, int variableOffset, ExpressionSyntax list, ExpressionSyntax body)
    : ExpressionSyntax(offset, DepthOf(list, body))
{
    public string Function { get; } = function;

    public string Variable { get; } = variable;

    public int VariableOffset { get; } = variableOffset;

    public ExpressionSyntax List { get; } = list;

    public ExpressionSyntax Body { get; } = body;
}

/// <summary><c>[a, b, …]</c>.</summary>
internal sealed class ListSyntax(int offset, IReadOnlyList<ExpressionSyntax> elements)
    : ExpressionSyntax(offset, DepthOf(elements))
{
    public IReadOnlyList<ExpressionSyntax> Elements { get; } = elements;
}

/// <summary>Unary operators.</summary>
internal enum UnaryOperator
{
    /// <summary><c>-x</c>.</summary>
    Negate,

    /// <summary><c>not x</c>.</summary>
    Not,
}

/// <summary><c>-x</c> or <c>not x</c>; the offset is the operator's.</summary>
internal sealed class UnarySyntax(int offset, UnaryOperator op, ExpressionSyntax operand)
    : ExpressionSyntax(offset, DepthOf(operand))
{
    public UnaryOperator Operator { get; } = op;

    public ExpressionSyntax Operand { get; } = operand;
}

/// <summary>Binary operators as written.</summary>
internal enum BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    In,
    NotIn,
    Contains,
    StartsWith,
    EndsWith,
    Matches,
    Coalesce,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

/// <summary><c>left op right</c>; the offset is the left operand's, <see cref="OperatorOffset"/> the operator's.</summary>
internal sealed class BinarySyntax(BinaryOperator op, int operatorOffset, ExpressionSyntax left, ExpressionSyntax right)
    : ExpressionSyntax(left.Offset, DepthOf(left, right))
{
    public BinaryOperator Operator { get; } = op;

    public int OperatorOffset { get; } = operatorOffset;

    public ExpressionSyntax Left { get; } = left;

    public ExpressionSyntax Right { get; } = right;

    /// <summary>The operator as written, for messages.</summary>
    public static string Spelling(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "or",
        BinaryOperator.And => "and",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.In => "in",
        BinaryOperator.NotIn => "not in",
        BinaryOperator.Contains => "contains",
        BinaryOperator.StartsWith => "startsWith",
        BinaryOperator.EndsWith => "endsWith",
        BinaryOperator.Matches => "matches",
        BinaryOperator.Coalesce => "??",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "%",
    };
}
