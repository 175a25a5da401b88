using System.Globalization;
using Deeg.Policy.Diagnostics;

namespace Deeg.Policy.Language.Syntax;

/// <summary>
/// Recursive-descent parser of the expression language. Precedence, lowest first: <c>or</c>,
/// <c>and</c>, <c>not</c>, comparisons (<c>== != &lt; &lt;= &gt; &gt;= in</c>, <c>not in</c>,
/// <c>contains startsWith endsWith matches</c>; not chainable), <c>??</c> (right-associative),
/// <c>+ -</c>, <c>* / %</c>, unary <c>-</c>, then member access and calls.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>The deepest expression tree accepted by default (and at most); deeper input is a syntax error, never a stack overflow.</summary>
    public const int MaxDepth = PolicyLimits.DefaultMaxExpressionDepth;

    private readonly List<Token> _tokens;
    private readonly IFunctionNames _functions;
    private readonly int _maxDepth;
    private int _position;
    private int _nesting;

    private ExpressionParser(List<Token> tokens, IFunctionNames functions, int maxDepth)
    {
        _tokens = tokens;
        _functions = functions;
        _maxDepth = Math.Clamp(maxDepth, 1, MaxDepth);
    }

    /// <summary>
    /// Parses a whole expression. On a syntax error reports DP4001 at <paramref name="stringLocation"/>
    /// with the 1-based column inside the expression, and returns null. <paramref name="functions"/>
    /// says which names are functions (the function table is in the binding layer).
    /// </summary>
    public static ExpressionSyntax? Parse(string text, SourceLocation stringLocation, DiagnosticBag diagnostics, IFunctionNames functions, int maxDepth = MaxDepth) =>
        Parse(text, 0, text.Length, stringLocation, diagnostics, functions, maxDepth);

    /// <summary>Parses <paramref name="text"/>[start..end); node offsets are positions in <paramref name="text"/>.</summary>
    public static ExpressionSyntax? Parse(string text, int start, int end, SourceLocation stringLocation, DiagnosticBag diagnostics, IFunctionNames functions, int maxDepth = MaxDepth)
    {
        try
        {
            var parser = new ExpressionParser(Lexer.Tokenize(text, start, end), functions, maxDepth);
            if (parser.Current.Kind == TokenKind.End) throw new SyntaxErrorException(start, "empty expression");
            var result = parser.ParseExpression();
            if (parser.Current.Kind != TokenKind.End)
                throw new SyntaxErrorException(parser.Current.Offset, $"unexpected {Describe(parser.Current)}; expected an operator or the end of the expression");
            return result;
        }
        catch (SyntaxErrorException ex)
        {
            diagnostics.Error(DiagnosticCodes.ExprSyntax, stringLocation, string.Create(CultureInfo.InvariantCulture, $"syntax error: {ex.Message} (column {ex.Offset + 1} of the expression)"));
            return null;
        }
    }

    private Token Current => _tokens[_position];

    private Token Peek(int ahead) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    private Token Advance()
    {
        var token = _tokens[_position];
        if (_position < _tokens.Count - 1) _position++;
        return token;
    }

    private Token Expect(TokenKind kind, string spelling)
    {
        if (Current.Kind != kind) throw new SyntaxErrorException(Current.Offset, $"expected {spelling} but found {Describe(Current)}");
        return Advance();
    }

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.String => "a string",
        TokenKind.Number => $"'{token.Text}'",
        _ => $"'{token.Text}'",
    };

    private T Checked<T>(T node)
        where T : ExpressionSyntax
    {
        if (node.Depth > _maxDepth) throw new SyntaxErrorException(node.Offset, $"the expression is nested too deeply (more than {_maxDepth} levels)");
        return node;
    }

    /// <summary>Runs <paramref name="parse"/> one level of recursion deeper; deeper than the limit is a syntax error at <paramref name="offset"/>.</summary>
    private ExpressionSyntax Nested(int offset, Func<ExpressionSyntax> parse)
    {
        if (++_nesting > _maxDepth) throw new SyntaxErrorException(offset, $"the expression is nested too deeply (more than {_maxDepth} levels)");
        try
        {
            return parse();
        }
        finally
        {
            _nesting--;
        }
    }

    private ExpressionSyntax ParseExpression() => Nested(Current.Offset, ParseOr);

    /// <summary>Operands of <paramref name="parseOperand"/> joined from the left by the operators <paramref name="operatorOf"/> recognises.</summary>
    private ExpressionSyntax ParseLeftAssociative(Func<ExpressionSyntax> parseOperand, Func<TokenKind, BinaryOperator?> operatorOf)
    {
        var left = parseOperand();
        while (operatorOf(Current.Kind) is { } kind)
        {
            var op = Advance();
            left = Checked(new BinarySyntax(kind, op.Offset, left, parseOperand()));
        }

        return left;
    }

    private ExpressionSyntax ParseOr() => ParseChain(ParseAnd, TokenKind.Or, BinaryOperator.Or);

    private ExpressionSyntax ParseAnd() => ParseChain(ParseNot, TokenKind.And, BinaryOperator.And);

    /// <summary>
    /// A chain <c>a or b or c …</c> (or of <c>and</c>) as a balanced tree: the operators are
    /// associative and evaluate left to right with short-circuit either way, and a balanced tree
    /// is log₂(terms) deep, so a long chain is no deep nesting (only real nesting counts).
    /// </summary>
    private ExpressionSyntax ParseChain(Func<ExpressionSyntax> parseOperand, TokenKind token, BinaryOperator op)
    {
        var first = parseOperand();
        if (Current.Kind != token) return first;
        var operands = new List<ExpressionSyntax> { first };
        var operators = new List<int>();
        while (Current.Kind == token)
        {
            operators.Add(Advance().Offset);
            operands.Add(parseOperand());
        }

        return Balanced(operands, operators, 0, operands.Count - 1, op);
    }

    /// <summary>The operands [first, last] joined by <paramref name="op"/>; operator i stands between operands i and i + 1.</summary>
    private ExpressionSyntax Balanced(List<ExpressionSyntax> operands, List<int> operators, int first, int last, BinaryOperator op)
    {
        if (first == last) return operands[first];
        var middle = (first + last + 1) / 2;
        return Checked(new BinarySyntax(op, operators[middle - 1], Balanced(operands, operators, first, middle - 1, op), Balanced(operands, operators, middle, last, op)));
    }

    private ExpressionSyntax ParseNot()
    {
        if (Current.Kind != TokenKind.Not) return ParseComparison();
        var op = Advance();
        return Nested(op.Offset, () => Checked(new UnarySyntax(op.Offset, UnaryOperator.Not, ParseNot())));
    }

    private BinaryOperator? ComparisonOperator(out int length)
    {
        length = 1;
        switch (Current.Kind)
        {
            case TokenKind.EqualEqual: return BinaryOperator.Equal;
            case TokenKind.BangEqual: return BinaryOperator.NotEqual;
            case TokenKind.Less: return BinaryOperator.Less;
            case TokenKind.LessOrEqual: return BinaryOperator.LessOrEqual;
            case TokenKind.Greater: return BinaryOperator.Greater;
            case TokenKind.GreaterOrEqual: return BinaryOperator.GreaterOrEqual;
            case TokenKind.In: return BinaryOperator.In;
            case TokenKind.Contains: return BinaryOperator.Contains;
            case TokenKind.StartsWith: return BinaryOperator.StartsWith;
            case TokenKind.EndsWith: return BinaryOperator.EndsWith;
            case TokenKind.Matches: return BinaryOperator.Matches;
            case TokenKind.Not when Peek(1).Kind == TokenKind.In:
                length = 2;
                return BinaryOperator.NotIn;
            default: return null;
        }
    }

    private ExpressionSyntax ParseComparison()
    {
        var left = ParseCoalesce();
        var op = ComparisonOperator(out var length);
        if (op is null) return left;
        var at = Current.Offset;
        for (var i = 0; i < length; i++) Advance();
        var result = Checked(new BinarySyntax(op.Value, at, left, ParseCoalesce()));
        if (ComparisonOperator(out _) is not null)
            throw new SyntaxErrorException(Current.Offset, $"comparisons cannot be chained; use parentheses or 'and' before '{Current.Text}'");
        return result;
    }

    private ExpressionSyntax ParseCoalesce()
    {
        var left = ParseAdditive();
        if (Current.Kind != TokenKind.QuestionQuestion) return left;
        var op = Advance();
        return Nested(op.Offset, () => Checked(new BinarySyntax(BinaryOperator.Coalesce, op.Offset, left, ParseCoalesce())));
    }

    private ExpressionSyntax ParseAdditive() => ParseLeftAssociative(ParseMultiplicative, kind => kind switch
    {
        TokenKind.Plus => BinaryOperator.Add,
        TokenKind.Minus => BinaryOperator.Subtract,
        _ => null,
    });

    private ExpressionSyntax ParseMultiplicative() => ParseLeftAssociative(ParseUnary, kind => kind switch
    {
        TokenKind.Star => BinaryOperator.Multiply,
        TokenKind.Slash => BinaryOperator.Divide,
        TokenKind.Percent => BinaryOperator.Remainder,
        _ => null,
    });

    private ExpressionSyntax ParseUnary()
    {
        if (Current.Kind != TokenKind.Minus) return ParsePostfix();
        var op = Advance();
        return Nested(op.Offset, () => Checked(new UnarySyntax(op.Offset, UnaryOperator.Negate, ParseUnary())));
    }

    private ExpressionSyntax ParsePostfix()
    {
        var expression = ParsePrimary();
        while (true)
        {
            if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                var name = Current;
                if (name.Kind == TokenKind.Identifier || name.Kind >= TokenKind.And)
                {
                    Advance();
                    expression = Checked(new MemberAccessSyntax(expression, name.Text, name.Offset));
                    continue;
                }

                throw new SyntaxErrorException(name.Offset, $"expected a member name after '.' but found {Describe(name)}");
            }

            if (Current.Kind == TokenKind.LeftParen)
            {
                expression = ParseCall(expression);
                continue;
            }

            return expression;
        }
    }

    private ExpressionSyntax ParseCall(ExpressionSyntax callee)
    {
        Advance();
        if (callee is NameSyntax name && _functions.IsQuantifier(name.Name)
            && Current.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.In)
        {
            var variable = Advance();
            if (LanguageNames.IsReserved(variable.Text, _functions))
                throw new SyntaxErrorException(variable.Offset, $"'{variable.Text}' is reserved and cannot name a variable");
            Advance();
            var list = ParseExpression();
            Expect(TokenKind.Colon, $"':' (write {name.Name}({variable.Text} in LIST: condition))");
            var body = ParseExpression();
            Expect(TokenKind.RightParen, "')'");
            return Checked(new QuantifierSyntax(name.Offset, name.Name, variable.Text, variable.Offset, list, body));
        }

        return Checked(new CallSyntax(callee, ParseSequence(TokenKind.RightParen, ')')));
    }

    /// <summary>Comma-separated expressions up to and including <paramref name="close"/> (arguments, list elements).</summary>
    private List<ExpressionSyntax> ParseSequence(TokenKind close, char spelling)
    {
        var items = new List<ExpressionSyntax>();
        if (Current.Kind != close)
        {
            items.Add(ParseExpression());
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                items.Add(ParseExpression());
            }

            if (Current.Kind != close)
                throw new SyntaxErrorException(Current.Offset, $"expected ',' or '{spelling}' but found {Describe(Current)}");
        }

        Advance();
        return items;
    }

    private ExpressionSyntax ParsePrimary()
    {
        var token = Current;
        if (LiteralKindOf(token.Kind) is { } literal)
        {
            Advance();
            return new LiteralSyntax(token.Offset, literal, token.Text);
        }

        switch (token.Kind)
        {
            case TokenKind.Identifier:
                Advance();
                return new NameSyntax(token.Offset, token.Text);
            case TokenKind.LeftParen:
            {
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            }

            case TokenKind.LeftBracket:
            {
                Advance();
                return Checked(new ListSyntax(token.Offset, ParseSequence(TokenKind.RightBracket, ']')));
            }

            default:
                throw new SyntaxErrorException(token.Offset, $"expected a value but found {Describe(token)}");
        }
    }

    private static LiteralKind? LiteralKindOf(TokenKind kind) => kind switch
    {
        TokenKind.Number => LiteralKind.Number,
        TokenKind.Duration => LiteralKind.Duration,
        TokenKind.String => LiteralKind.String,
        TokenKind.True or TokenKind.False => LiteralKind.Bool,
        TokenKind.Null => LiteralKind.Null,
        _ => null,
    };
}
