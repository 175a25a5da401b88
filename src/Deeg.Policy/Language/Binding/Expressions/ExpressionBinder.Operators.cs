using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Runtime;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Binding.Expressions;

/// <summary>Unary and binary operators: comparisons, membership, string tests, <c>matches</c>, arithmetic.</summary>
internal sealed partial class ExpressionBinder
{
    /// <summary>
    /// DP4005 for a comparison of two types that do not meet. A string literal against a number
    /// names the number's operand and, when the literal is a number in quotes, how to write it.
    /// </summary>
    private BoundErrorExpression CompareMismatch(BinarySyntax syntax, BoundExpression left, BoundExpression right)
    {
        var message = $"cannot compare {left.Type.DisplayName} with {right.Type.DisplayName}";
        var (literal, numberSyntax, side) = left is BoundLiteralExpression { Value: string } && right.Type == PolicyType.Number
            ? (left, syntax.Right, "right")
            : right is BoundLiteralExpression { Value: string } && left.Type == PolicyType.Number ? (right, syntax.Left, "left") : default;
        if (literal is not BoundLiteralExpression { Value: string text }) return Error(DiagnosticCodes.ExprTypeMismatch, syntax.OperatorOffset, message);

        var operand = PathOf(numberSyntax) is { } path ? $"'{path}'" : $"the {side} operand";
        var fix = NumberLiteral().IsMatch(text) ? $"; write {text} without quotes" : $", '{Suggestions.Shorten(text)}' is not a number";
        return Error(DiagnosticCodes.ExprTypeMismatch, literal.Offset, $"{message}: {operand} is a number{fix}");
    }

    /// <summary>A name or member path as written (<c>c.followers</c>, <c>params.minAdmins</c>), or null for any other expression.</summary>
    private static string? PathOf(ExpressionSyntax syntax) => syntax switch
    {
        NameSyntax name => name.Name,
        MemberAccessSyntax member when PathOf(member.Target) is { } target => target + "." + member.Member,
        _ => null,
    };

    /// <summary>Text that the language reads as a number literal (with an optional sign).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex NumberLiteral();

    private BoundExpression BindBinary(BinarySyntax syntax, ExpressionScope scope)
    {
        var left = BindNode(syntax.Left, scope);
        var right = BindNode(syntax.Right, scope);
        var op = syntax.Operator;
        var at = syntax.OperatorOffset;
        var spelling = BinarySyntax.Spelling(op);

        if (op is BinaryOperator.And or BinaryOperator.Or)
        {
            left = RequireBool(left);
            right = RequireBool(right);
            if (IsError(left) || IsError(right)) return new BoundErrorExpression(syntax.Offset);
            return new BoundBinaryExpression(PolicyType.Bool, syntax.Offset, at, op == BinaryOperator.And ? BoundBinaryKind.And : BoundBinaryKind.Or, left, right, false);
        }

        if (op == BinaryOperator.Matches) return BindMatches(syntax, left, right);
        if (IsError(left) || IsError(right)) return new BoundErrorExpression(syntax.Offset);

        switch (op)
        {
            case BinaryOperator.Equal or BinaryOperator.NotEqual:
            {
                if (!Unify(ref left, ref right, allowEnumNames: true, out var ignoreCase))
                    return CompareMismatch(syntax, left, right);
                if (IsError(left) || IsError(right)) return new BoundErrorExpression(syntax.Offset);
                return new BoundBinaryExpression(PolicyType.Bool, syntax.Offset, at, op == BinaryOperator.Equal ? BoundBinaryKind.Equal : BoundBinaryKind.NotEqual, left, right, ignoreCase);
            }

            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
            {
                if (!Unify(ref left, ref right, allowEnumNames: false, out _))
                    return CompareMismatch(syntax, left, right);
                if (IsError(left) || IsError(right)) return new BoundErrorExpression(syntax.Offset);
                var type = left.Type;
                if (type == PolicyType.Null)
                {
                    left = Coerce(left, PolicyType.Number)!;
                    right = Coerce(right, PolicyType.Number)!;
                }
                else if (type != PolicyType.Number && type != PolicyType.String && type != PolicyType.Date && type != PolicyType.DateTime && type != PolicyType.Duration)
                {
                    return Error(DiagnosticCodes.ExprTypeMismatch, at, $"cannot order values of type {type.DisplayName} with '{spelling}'; only numbers, strings, dates, datetimes and durations have an order");
                }

                var kind = op switch
                {
                    BinaryOperator.Less => BoundBinaryKind.Less,
                    BinaryOperator.LessOrEqual => BoundBinaryKind.LessOrEqual,
                    BinaryOperator.Greater => BoundBinaryKind.Greater,
                    _ => BoundBinaryKind.GreaterOrEqual,
                };
                return new BoundBinaryExpression(PolicyType.Bool, syntax.Offset, at, kind, left, right, false);
            }

            case BinaryOperator.In or BinaryOperator.NotIn:
                return BindMembership(syntax, left, right, op == BinaryOperator.In ? BoundBinaryKind.In : BoundBinaryKind.NotIn);

            case BinaryOperator.Contains:
            {
                if (left.Type is PolicyType.ListType || (left.Type == PolicyType.Null && right.Type != PolicyType.String))
                    return BindMembership(syntax, right, left, BoundBinaryKind.ListContains);
                return BindStringTest(syntax, left, right, BoundBinaryKind.StringContains);
            }

            case BinaryOperator.StartsWith:
                return BindStringTest(syntax, left, right, BoundBinaryKind.StartsWith);
            case BinaryOperator.EndsWith:
                return BindStringTest(syntax, left, right, BoundBinaryKind.EndsWith);

            case BinaryOperator.Coalesce:
            {
                if (!Unify(ref left, ref right, allowEnumNames: true, out _))
                    return Error(DiagnosticCodes.ExprTypeMismatch, at, $"'??' needs operands of one type, not {left.Type.DisplayName} and {right.Type.DisplayName}");
                if (IsError(left) || IsError(right)) return new BoundErrorExpression(syntax.Offset);
                return new BoundBinaryExpression(left.Type, syntax.Offset, at, BoundBinaryKind.Coalesce, left, right, false);
            }

            default:
                return BindArithmetic(syntax, left, right);
        }
    }

    private BoundExpression BindStringTest(BinarySyntax syntax, BoundExpression left, BoundExpression right, BoundBinaryKind kind)
    {
        var l = Coerce(left, PolicyType.String);
        var r = Coerce(right, PolicyType.String);
        if (l is null || r is null)
        {
            var what = BinarySyntax.Spelling(syntax.Operator);
            var extra = syntax.Operator == BinaryOperator.Contains ? " (or a list on the left)" : string.Empty;
            return Error(DiagnosticCodes.ExprTypeMismatch, syntax.OperatorOffset, $"'{what}' needs strings{extra}, not {left.Type.DisplayName} and {right.Type.DisplayName}");
        }

        return new BoundBinaryExpression(PolicyType.Bool, syntax.Offset, syntax.OperatorOffset, kind, l, r, false);
    }

    /// <summary><c>value in list</c> (also <c>list contains value</c>, with <paramref name="value"/> and <paramref name="list"/> already swapped).</summary>
    private BoundExpression BindMembership(BinarySyntax syntax, BoundExpression value, BoundExpression list, BoundBinaryKind kind)
    {
        var at = syntax.OperatorOffset;
        var spelling = BinarySyntax.Spelling(syntax.Operator);
        if (list.Type == PolicyType.Null) list = Coerce(list, new PolicyType.ListType(value.Type))!;
        if (list.Type is not PolicyType.ListType listType)
        {
            return syntax.Operator == BinaryOperator.Contains
                ? Error(DiagnosticCodes.ExprTypeMismatch, at, $"'contains' needs a string or a list on the left, not {list.Type.DisplayName}")
                : Error(DiagnosticCodes.ExprTypeMismatch, at, $"'{spelling}' needs a list on the right, not {list.Type.DisplayName}");
        }

        var ignoreCase = false;
        var element = listType.Element;
        if (value.Type == element)
        {
            // nothing to convert
        }
        else if (Coerce(value, element) is { } converted)
        {
            value = converted;
        }
        else if (Coerce(list, new PolicyType.ListType(value.Type)) is { } convertedList)
        {
            list = convertedList;
        }
        else if (value.Type is PolicyType.EnumType && element == PolicyType.String)
        {
            value = new BoundConversionExpression(PolicyType.String, ConversionKind.EnumToString, value);
            ignoreCase = true;
        }
        else if (value.Type == PolicyType.String && element is PolicyType.EnumType)
        {
            list = new BoundConversionExpression(new PolicyType.ListType(PolicyType.String), ConversionKind.EnumListToStringList, list);
            ignoreCase = true;
        }
        else
        {
            return Error(DiagnosticCodes.ExprTypeMismatch, at, $"cannot look for {value.Type.DisplayName} in {list.Type.DisplayName}");
        }

        if (IsError(value) || IsError(list)) return new BoundErrorExpression(syntax.Offset);
        if (value.Type == PolicyType.Null && list.Type is PolicyType.ListType { Element: var e } && e == PolicyType.Null)
        {
            // null in [null]: both sides untyped; a comparison with null is false whatever the type.
            return new BoundLiteralExpression(PolicyType.Bool, syntax.Offset, false);
        }

        var (left, right) = kind == BoundBinaryKind.ListContains ? (list, value) : (value, list);
        return new BoundBinaryExpression(PolicyType.Bool, syntax.Offset, at, kind, left, right, ignoreCase);
    }

    private BoundExpression BindMatches(BinarySyntax syntax, BoundExpression left, BoundExpression right)
    {
        var input = IsError(left) ? left : Coerce(left, PolicyType.String)
            ?? Error(DiagnosticCodes.ExprTypeMismatch, syntax.OperatorOffset, $"'matches' needs a string on the left, not {left.Type.DisplayName}");
        BoundExpression pattern;
        System.Text.RegularExpressions.Regex? regex = null;
        BoundParameterExpression? parameter = null;
        if (IsError(right))
        {
            pattern = right;
        }
        else if (right is BoundLiteralExpression { Value: string text } && syntax.Right is LiteralSyntax)
        {
            pattern = right;
            if (!PolicyFunctions.TryCreateRegex(text, out regex, out var message))
                pattern = Error(DiagnosticCodes.ExprInvalidRegex, right.Offset, $"invalid regular expression '{text}': {message}");
        }
        else if (right is BoundParameterExpression p && p.Type == PolicyType.String)
        {
            pattern = right;
            parameter = p;
        }
        else
        {
            pattern = Error(DiagnosticCodes.ExprInvalidRegex, right.Offset, "the pattern of 'matches' must be a string literal or a string params value");
        }

        if (IsError(input) || IsError(pattern)) return new BoundErrorExpression(syntax.Offset);
        return new BoundMatchesExpression(syntax.Offset, input, regex, parameter);
    }

    private BoundExpression BindArithmetic(BinarySyntax syntax, BoundExpression left, BoundExpression right)
    {
        var op = syntax.Operator;
        var at = syntax.OperatorOffset;

        // A null operand takes the type that makes the operation valid; the result is null anyway.
        if (left.Type == PolicyType.Null && right.Type == PolicyType.Null)
        {
            left = Coerce(left, PolicyType.Number)!;
            right = Coerce(right, PolicyType.Number)!;
        }
        else if (left.Type == PolicyType.Null)
        {
            left = Coerce(left, NullPartner(op, right.Type))!;
        }
        else if (right.Type == PolicyType.Null)
        {
            right = Coerce(right, NullPartner(op, left.Type))!;
        }

        var l = left.Type;
        var r = right.Type;
        PolicyType N = PolicyType.Number, S = PolicyType.String, D = PolicyType.Date, T = PolicyType.DateTime, U = PolicyType.Duration;
        BoundBinaryKind? kind = null;
        PolicyType? type = null;
        var swap = false;
        switch (op)
        {
            case BinaryOperator.Add:
                if (l == N && r == N) (kind, type) = (BoundBinaryKind.AddNumber, N);
                else if (l == S && r == S) (kind, type) = (BoundBinaryKind.Concat, S);
                else if (l == D && r == U) (kind, type) = (BoundBinaryKind.AddDateDuration, D);
                else if (l == U && r == D) (kind, type, swap) = (BoundBinaryKind.AddDateDuration, D, true);
                else if (l == T && r == U) (kind, type) = (BoundBinaryKind.AddDateTimeDuration, T);
                else if (l == U && r == T) (kind, type, swap) = (BoundBinaryKind.AddDateTimeDuration, T, true);
                else if (l == U && r == U) (kind, type) = (BoundBinaryKind.AddDurations, U);
                break;
            case BinaryOperator.Subtract:
                if (l == N && r == N) (kind, type) = (BoundBinaryKind.SubtractNumber, N);
                else if (l == D && r == U) (kind, type) = (BoundBinaryKind.SubtractDateDuration, D);
                else if (l == T && r == U) (kind, type) = (BoundBinaryKind.SubtractDateTimeDuration, T);
                else if (l == D && r == D) (kind, type) = (BoundBinaryKind.SubtractDates, U);
                else if ((l == T || l == D) && (r == T || r == D))
                {
                    left = Coerce(left, T)!;
                    right = Coerce(right, T)!;
                    (kind, type) = (BoundBinaryKind.SubtractDateTimes, U);
                }
                else if (l == U && r == U) (kind, type) = (BoundBinaryKind.SubtractDurations, U);
                break;
            case BinaryOperator.Multiply:
                if (l == N && r == N) (kind, type) = (BoundBinaryKind.MultiplyNumber, N);
                else if (l == U && r == N) (kind, type) = (BoundBinaryKind.MultiplyDuration, U);
                else if (l == N && r == U) (kind, type, swap) = (BoundBinaryKind.MultiplyDuration, U, true);
                break;
            case BinaryOperator.Divide:
                if (l == N && r == N) (kind, type) = (BoundBinaryKind.DivideNumber, N);
                break;
            default:
                if (l == N && r == N) (kind, type) = (BoundBinaryKind.RemainderNumber, N);
                break;
        }

        if (kind is null || type is null)
            return Error(DiagnosticCodes.ExprTypeMismatch, at, $"cannot apply '{BinarySyntax.Spelling(op)}' to {l.DisplayName} and {r.DisplayName}");
        return swap
            ? new BoundBinaryExpression(type, syntax.Offset, at, kind.Value, right, left, false)
            : new BoundBinaryExpression(type, syntax.Offset, at, kind.Value, left, right, false);
    }

    private static PolicyType NullPartner(BinaryOperator op, PolicyType other)
    {
        if (other == PolicyType.Date || other == PolicyType.DateTime) return PolicyType.Duration;
        if (op == BinaryOperator.Multiply && other == PolicyType.Duration) return PolicyType.Number;
        if (other == PolicyType.String || other == PolicyType.Duration) return other;
        return PolicyType.Number;
    }
}
