using System.Globalization;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Runtime;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Binding.Expressions;

/// <summary>
/// Type-checks parsed expressions against a scope and produces bound trees. Reports every error
/// of an expression (DP4002–DP4011) at the JSON string's location, naming the column inside the
/// expression; a sub-expression with an error is replaced by an error node that suppresses
/// follow-up errors.
/// </summary>
/// <remarks>
/// Typing rules where rule-language.md leaves a choice:
/// <list type="bullet">
/// <item><c>string + string</c> concatenates; like all arithmetic it is null when either side is null (use <c>coalesce(s, '')</c>).</item>
/// <item>String equality, ordering, <c>contains</c>, <c>startsWith</c>, <c>endsWith</c> are ordinal and case-sensitive; the only case-insensitive comparison is an enum against a string known at run time.</item>
/// <item><c>date ± duration</c> is the UTC date of (midnight UTC + duration), so <c>d + 12h == d</c> and <c>d - 12h</c> is the day before; <c>duration × number</c> (either order) rounds to whole ticks; <c>date - datetime</c> and <c>datetime - date</c> are datetime differences.</item>
/// <item><c>==</c> on facts compares identity (same type and id); on nested objects without an id, reference identity; on lists, element by element in order. Ordering (<c>&lt;</c> …) exists for numbers, strings, dates/datetimes and durations only.</item>
/// <item>A null literal takes the type the context needs (<c>null + 1</c> is a number, <c>d + null</c> a date); <c>null in [null]</c> is false like every comparison with null.</item>
/// <item>Comparisons do not chain (<c>a &lt; b &lt; c</c> is a syntax error); <c>??</c> is right-associative.</item>
/// <item>Quantifiers treat a null list as empty (exists false, all/none true, count and sum 0, filter empty); <c>sum</c> skips null values; the variable may shadow an alias.</item>
/// <item>Functions are typed by their entry in <see cref="BuiltInFunctions"/>: <c>date(…)</c> takes a literal only; <c>coalesce</c> takes at least two arguments; <c>min</c>/<c>max</c> exactly two numbers.</item>
/// <item><c>matches</c> is a search (<c>Regex.IsMatch</c>; anchor with <c>^…$</c>), with <c>RegexOptions.NonBacktracking | CultureInvariant</c>; constructs that engine lacks (backreferences, lookarounds) are DP4009.</item>
/// <item>Durations are whole numbers of days, hours or minutes; <c>len</c> counts UTF-16 code units.</item>
/// </list>
/// </remarks>
internal sealed class ExpressionBinder
{
    /// <summary>The type of a quantifier variable over a list with errors: uses of it report nothing more.</summary>
    private static readonly PolicyType ErrorType = new PolicyType.PrimitiveType("error", typeof(object));

    private readonly SourceLocation _location;
    private readonly DiagnosticBag _diagnostics;
    private int _errors;

    private ExpressionBinder(SourceLocation location, DiagnosticBag diagnostics)
    {
        _location = location;
        _diagnostics = diagnostics;
    }

    /// <summary>Binds an expression of any type; null when it has errors (all of them reported).</summary>
    public static BoundExpression? Bind(ExpressionSyntax syntax, ExpressionScope scope, SourceLocation stringLocation, DiagnosticBag diagnostics)
    {
        var binder = new ExpressionBinder(stringLocation, diagnostics);
        var result = binder.BindNode(syntax, scope);
        return binder._errors > 0 ? null : result;
    }

    /// <summary>Binds an expression that must be a bool (DP4010 otherwise); null when it has errors.</summary>
    public static BoundExpression? BindCondition(ExpressionSyntax syntax, ExpressionScope scope, SourceLocation stringLocation, DiagnosticBag diagnostics)
    {
        var binder = new ExpressionBinder(stringLocation, diagnostics);
        var result = binder.RequireBool(binder.BindNode(syntax, scope));
        return binder._errors > 0 ? null : result;
    }

    // ---------------------------------------------------------------- diagnostics

    private BoundErrorExpression Error(string code, int offset, string message, string suffix = "")
    {
        _errors++;
        _diagnostics.Error(code, _location, string.Create(CultureInfo.InvariantCulture, $"{message} (column {offset + 1} of the expression){suffix}"));
        return new BoundErrorExpression(offset);
    }

    private static bool IsError(BoundExpression e) => e is BoundErrorExpression;

    // ---------------------------------------------------------------- nodes

    private BoundExpression BindNode(ExpressionSyntax syntax, ExpressionScope scope) => syntax switch
    {
        LiteralSyntax literal => BindLiteral(literal),
        NameSyntax name => BindName(name, scope),
        MemberAccessSyntax member => BindMember(member, scope),
        CallSyntax call => BindCall(call, scope),
        QuantifierSyntax quantifier => BindQuantifier(quantifier, scope),
        ListSyntax list => BindList(list, scope),
        UnarySyntax unary => BindUnary(unary, scope),
        BinarySyntax binary => BindBinary(binary, scope),
        _ => Error(DiagnosticCodes.ExprSyntax, syntax.Offset, "unsupported expression"),
    };

    private BoundExpression BindLiteral(LiteralSyntax literal)
    {
        switch (literal.Kind)
        {
            case LiteralKind.String:
                return new BoundLiteralExpression(PolicyType.String, literal.Offset, literal.Text);
            case LiteralKind.Bool:
                return new BoundLiteralExpression(PolicyType.Bool, literal.Offset, literal.Text == "true");
            case LiteralKind.Null:
                return new BoundLiteralExpression(PolicyType.Null, literal.Offset, null);
            case LiteralKind.Number:
                return decimal.TryParse(literal.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? new BoundLiteralExpression(PolicyType.Number, literal.Offset, number)
                    : Error(DiagnosticCodes.ExprInvalidLiteral, literal.Offset, $"the number {literal.Text} is out of range");
            default:
            {
                var digits = literal.Text[..^1];
                var unit = literal.Text[^1];
                if (digits.Contains('.', StringComparison.Ordinal))
                    return Error(DiagnosticCodes.ExprInvalidLiteral, literal.Offset, $"invalid duration '{literal.Text}': write a whole number of days, hours or minutes");
                var ticksPerUnit = unit switch
                {
                    'd' => TimeSpan.TicksPerDay,
                    'h' => TimeSpan.TicksPerHour,
                    _ => TimeSpan.TicksPerMinute,
                };
                if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > long.MaxValue / ticksPerUnit)
                    return Error(DiagnosticCodes.ExprInvalidLiteral, literal.Offset, $"the duration {literal.Text} is out of range");
                return new BoundLiteralExpression(PolicyType.Duration, literal.Offset, TimeSpan.FromTicks(count * ticksPerUnit));
            }
        }
    }

    private BoundExpression BindName(NameSyntax name, ExpressionScope scope)
    {
        if (scope.TryLookup(name.Name, out var type, out var isVariable))
        {
            if (type == ErrorType) return new BoundErrorExpression(name.Offset);
            return isVariable
                ? new BoundVariableExpression(type, name.Offset, name.Name)
                : new BoundAliasExpression(type, name.Offset, name.Name);
        }

        if (name.Name == LanguageNames.AsOf) return new BoundAsOfExpression(name.Offset);
        if (name.Name == LanguageNames.Params)
            return Error(DiagnosticCodes.ExprUnknownParameter, name.Offset, "'params' needs a parameter name, as in params.NAME");
        if (Functions.IsFunction(name.Name))
            return Error(DiagnosticCodes.ExprUnknownName, name.Offset, $"'{name.Name}' is a function; call it as {name.Name}(…)");
        return Error(DiagnosticCodes.ExprUnknownName, name.Offset, $"unknown name '{name.Name}'", Suggestions.DidYouMean(name.Name, scope.VisibleNames));
    }

    private BoundExpression BindMember(MemberAccessSyntax member, ExpressionScope scope)
    {
        if (member.Target is NameSyntax { Name: LanguageNames.Params } && !scope.TryLookup(LanguageNames.Params, out _, out _))
        {
            if (scope.Parameters.TryGetValue(member.Member, out var parameterType))
                return new BoundParameterExpression(parameterType, member.Offset, member.Member);
            var suffix = Suggestions.DidYouMean(member.Member, scope.Parameters.Keys);
            if (suffix.Length == 0 && scope.Parameters.Count == 0) suffix = "; the rule set has no parameters";
            return Error(DiagnosticCodes.ExprUnknownParameter, member.MemberOffset, $"unknown parameter '{member.Member}'", suffix);
        }

        var target = BindNode(member.Target, scope);
        if (IsError(target)) return target;
        switch (target.Type)
        {
            case PolicyType.ObjectType objectType:
                if (objectType.Info.Members.TryGetValue(member.Member, out var found))
                    return new BoundMemberExpression(member.Offset, target, found);
                return Error(DiagnosticCodes.ExprUnknownMember, member.MemberOffset, $"unknown member '{member.Member}' on {objectType.Info.Name}", Suggestions.DidYouMean(member.Member, objectType.Info.Members.Keys));
            case PolicyType.ListType list:
                return Error(DiagnosticCodes.ExprUnknownMember, member.MemberOffset, $"unknown member '{member.Member}' on {list.DisplayName}", $"; a list has no members: use len(…) or a quantifier such as exists(x in LIST: x.{member.Member} …)");
            default:
                return Error(DiagnosticCodes.ExprUnknownMember, member.MemberOffset, $"unknown member '{member.Member}' on {target.Type.DisplayName}", $"; only facts and objects have members");
        }
    }

    private static BuiltInFunctions Functions => BuiltInFunctions.Table;

    private BoundExpression BindCall(CallSyntax call, ExpressionScope scope)
    {
        if (call.Callee is not NameSyntax { Name: var name } || scope.TryLookup(name, out _, out _))
        {
            foreach (var argument in call.Arguments) BindNode(argument, scope);
            var text = DottedName(call.Callee) ?? "(expression)";
            return Error(DiagnosticCodes.ExprUnknownFunction, call.Callee.Offset, $"unknown function '{text}'", "; only the built-in functions can be called: " + string.Join(", ", Functions.Names));
        }

        switch (Functions.Find(name))
        {
            case CallFunction function:
                return BindFunctionCall(call, function, scope);
            case ConstantFunction constant:
                return BindConstant(call, constant);
            case QuantifierFunction quantifier:
                foreach (var argument in call.Arguments) BindNode(argument, scope);
                return Error(DiagnosticCodes.ExprArgumentCount, call.Offset, $"'{name}' is written {name}(x in LIST: {(quantifier.Body == QuantifierBody.Number ? "number" : "condition")})");
            default:
                foreach (var argument in call.Arguments) BindNode(argument, scope);
                return Error(DiagnosticCodes.ExprUnknownFunction, call.Offset, $"unknown function '{name}'",
                    "; the functions are " + string.Join(", ", Functions.Names) + Suggestions.DidYouMean(name, Functions.Names));
        }
    }

    private BoundExpression BindFunctionCall(CallSyntax call, CallFunction function, ExpressionScope scope)
    {
        var name = function.Name;
        var arguments = call.Arguments.Select(a => BindNode(a, scope)).ToList();
        if (ArgumentCountError(call, function.Name, function.MinArguments, function.MaxArguments, arguments.Count) is { } countError) return countError;
        if (arguments.Any(IsError)) return new BoundErrorExpression(call.Offset);

        if (function.Parameters == ParameterKind.Common)
        {
            var unified = UnifyAll(arguments, call.Offset, name);
            return unified is null ? new BoundErrorExpression(call.Offset) : new BoundCallExpression(function.Returns ?? unified[0].Type, call.Offset, function, unified);
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            arguments[i] = Argument(argument, function.Parameters)
                ?? Error(DiagnosticCodes.ExprTypeMismatch, argument.Offset, $"'{name}' needs {Describe(function.Parameters)}, not {argument.Type.DisplayName}");
        }

        if (arguments.Any(IsError)) return new BoundErrorExpression(call.Offset);
        return new BoundCallExpression(function.Returns!, call.Offset, function, arguments);
    }

    /// <summary>An argument converted to what <paramref name="kind"/> accepts, or null when it accepts no such value.</summary>
    private BoundExpression? Argument(BoundExpression argument, ParameterKind kind) => kind switch
    {
        ParameterKind.Number => Coerce(argument, PolicyType.Number),
        ParameterKind.String => Coerce(argument, PolicyType.String),
        ParameterKind.DateOrDateTime when argument.Type == PolicyType.Null => Coerce(argument, PolicyType.Date),
        ParameterKind.DateOrDateTime => argument.Type == PolicyType.Date || argument.Type == PolicyType.DateTime ? argument : null,
        ParameterKind.StringOrList when argument.Type == PolicyType.Null => Coerce(argument, PolicyType.String),
        ParameterKind.StringOrList => argument.Type == PolicyType.String || argument.Type is PolicyType.ListType ? argument : null,
        _ => argument,
    };

    private static string Describe(ParameterKind kind) => kind switch
    {
        ParameterKind.Number => "a number",
        ParameterKind.String => "a string",
        ParameterKind.DateOrDateTime => "a date or datetime",
        ParameterKind.StringOrList => "a string or a list",
        _ => "arguments of one type",
    };

    private BoundErrorExpression? ArgumentCountError(CallSyntax call, string name, int min, int max, int count)
    {
        if (count >= min && count <= max) return null;
        var expected = min == max ? $"{min} argument{(min == 1 ? string.Empty : "s")}" : $"at least {min} arguments";
        return Error(DiagnosticCodes.ExprArgumentCount, call.Offset, $"'{name}' takes {expected}, not {count}");
    }

    /// <summary>A call of a <see cref="ConstantFunction"/>: its one argument must be a valid string literal; the arguments are not bound.</summary>
    private BoundExpression BindConstant(CallSyntax call, ConstantFunction function)
    {
        if (ArgumentCountError(call, function.Name, 1, 1, call.Arguments.Count) is { } countError) return countError;
        if (call.Arguments[0] is not LiteralSyntax { Kind: LiteralKind.String } literal)
            return Error(DiagnosticCodes.ExprInvalidLiteral, call.Arguments[0].Offset, $"{function.Name}(…) takes {function.Argument}");
        return function.Parse(literal.Text) is { } value
            ? new BoundLiteralExpression(function.Returns, call.Offset, value)
            : Error(DiagnosticCodes.ExprInvalidLiteral, literal.Offset, $"invalid {function.Name} '{literal.Text}': expected {function.Expected}");
    }

    private BoundExpression BindQuantifier(QuantifierSyntax syntax, ExpressionScope scope)
    {
        var function = (QuantifierFunction)Functions.Find(syntax.Function)!;
        var list = BindNode(syntax.List, scope);
        PolicyType element;
        if (IsError(list)) element = ErrorType;
        else if (list.Type is PolicyType.ListType listType) element = listType.Element;
        else if (list.Type == PolicyType.Null)
        {
            element = PolicyType.Null;
            list = Coerce(list, new PolicyType.ListType(PolicyType.Null))!;
        }
        else
        {
            list = Error(DiagnosticCodes.ExprTypeMismatch, list.Offset, $"'{syntax.Function}' needs a list after 'in', not {list.Type.DisplayName}");
            element = ErrorType;
        }

        var body = BindNode(syntax.Body, scope.WithVariable(syntax.Variable, element));
        if (function.Body == QuantifierBody.Number)
        {
            body = IsError(body) ? body : Coerce(body, PolicyType.Number)
                ?? Error(DiagnosticCodes.ExprTypeMismatch, body.Offset, $"'{syntax.Function}' needs a number after ':', not {body.Type.DisplayName}");
        }
        else
        {
            body = RequireBool(body);
        }

        if (IsError(list) || IsError(body)) return new BoundErrorExpression(syntax.Offset);
        return new BoundQuantifierExpression(function.Returns ?? list.Type, syntax.Offset, function, syntax.Variable, element, list, body);
    }

    private BoundExpression BindList(ListSyntax syntax, ExpressionScope scope)
    {
        var elements = syntax.Elements.Select(e => BindNode(e, scope)).ToList();
        if (elements.Any(IsError)) return new BoundErrorExpression(syntax.Offset);
        if (elements.Count == 0) return new BoundListExpression(new PolicyType.ListType(PolicyType.Null), syntax.Offset, elements);
        var unified = UnifyAll(elements, syntax.Offset, "list");
        return unified is null
            ? new BoundErrorExpression(syntax.Offset)
            : new BoundListExpression(new PolicyType.ListType(unified[0].Type), syntax.Offset, unified);
    }

    private BoundExpression BindUnary(UnarySyntax syntax, ExpressionScope scope)
    {
        var operand = BindNode(syntax.Operand, scope);
        if (syntax.Operator == UnaryOperator.Not)
        {
            operand = RequireBool(operand);
            return IsError(operand) ? operand : new BoundUnaryExpression(PolicyType.Bool, syntax.Offset, BoundUnaryKind.Not, operand);
        }

        if (IsError(operand)) return operand;
        if (operand.Type == PolicyType.Duration)
            return new BoundUnaryExpression(PolicyType.Duration, syntax.Offset, BoundUnaryKind.NegateDuration, operand);
        var number = Coerce(operand, PolicyType.Number);
        return number is null
            ? Error(DiagnosticCodes.ExprTypeMismatch, syntax.Offset, $"cannot negate {operand.Type.DisplayName}")
            : new BoundUnaryExpression(PolicyType.Number, syntax.Offset, BoundUnaryKind.NegateNumber, number);
    }

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
                    return Error(DiagnosticCodes.ExprTypeMismatch, at, $"cannot compare {left.Type.DisplayName} with {right.Type.DisplayName}");
                if (IsError(left) || IsError(right)) return new BoundErrorExpression(syntax.Offset);
                return new BoundBinaryExpression(PolicyType.Bool, syntax.Offset, at, op == BinaryOperator.Equal ? BoundBinaryKind.Equal : BoundBinaryKind.NotEqual, left, right, ignoreCase);
            }

            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
            {
                if (!Unify(ref left, ref right, allowEnumNames: false, out _))
                    return Error(DiagnosticCodes.ExprTypeMismatch, at, $"cannot compare {left.Type.DisplayName} with {right.Type.DisplayName}");
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

    // ---------------------------------------------------------------- types

    private BoundExpression RequireBool(BoundExpression e)
    {
        if (IsError(e) || e.Type == PolicyType.Bool) return e;
        if (e.Type == PolicyType.Null) return Coerce(e, PolicyType.Bool)!;
        return Error(DiagnosticCodes.ExprNotBoolean, e.Offset, $"expected a bool, not {e.Type.DisplayName}");
    }

    /// <summary>
    /// The implicit conversion of <paramref name="e"/> to <paramref name="target"/>, or null when
    /// there is none. A string literal converts to an enum when it names a value (else DP4006 is
    /// reported and an error node returned); a list literal converts element by element.
    /// </summary>
    private BoundExpression? Coerce(BoundExpression e, PolicyType target)
    {
        if (IsError(e) || e.Type == target) return e;
        if (e.Type == PolicyType.Null)
        {
            return e is BoundLiteralExpression
                ? new BoundLiteralExpression(target, e.Offset, null)
                : new BoundConversionExpression(target, ConversionKind.FromNull, e);
        }

        if (e.Type == PolicyType.Date && target == PolicyType.DateTime)
        {
            return e is BoundLiteralExpression { Value: DateOnly d }
                ? new BoundLiteralExpression(target, e.Offset, PolicyOperators.ToDateTime(d))
                : new BoundConversionExpression(target, ConversionKind.DateToDateTime, e);
        }

        if (target is PolicyType.EnumType enumType && e is BoundLiteralExpression { Value: string text } && e.Type == PolicyType.String)
        {
            var match = enumType.Values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var suggestion = Suggestions.DidYouMean(text, enumType.Values);
                return Error(DiagnosticCodes.ExprUnknownEnumValue, e.Offset,
                    $"unknown value '{text}' for {enumType.EnumClrType.Name}", $"; allowed values: {string.Join(", ", enumType.Values)}{suggestion}");
            }

            return new BoundLiteralExpression(target, e.Offset, Enum.Parse(enumType.EnumClrType, match, ignoreCase: true));
        }

        if (target is PolicyType.ListType targetList)
        {
            if (e is BoundListExpression list)
            {
                var converted = new List<BoundExpression>(list.Elements.Count);
                foreach (var element in list.Elements)
                {
                    var c = Coerce(element, targetList.Element);
                    if (c is null) return null;
                    converted.Add(c);
                }

                if (converted.Any(IsError)) return new BoundErrorExpression(e.Offset);
                return new BoundListExpression(targetList, e.Offset, converted);
            }

            if (e.Type is PolicyType.ListType { Element: var sourceElement } && sourceElement == PolicyType.Null)
                return new BoundConversionExpression(target, ConversionKind.NullListToList, e);
        }

        return null;
    }

    /// <summary>
    /// Brings two operands to one type. With <paramref name="allowEnumNames"/>, an enum against a
    /// run-time string becomes a case-insensitive comparison of the enum's camelCase name.
    /// </summary>
    private bool Unify(ref BoundExpression a, ref BoundExpression b, bool allowEnumNames, out bool ignoreCase)
    {
        ignoreCase = false;
        if (IsError(a) || IsError(b)) return true;
        if (Coerce(a, b.Type) is { } a2)
        {
            a = a2;
            return true;
        }

        if (Coerce(b, a.Type) is { } b2)
        {
            b = b2;
            return true;
        }

        if (!allowEnumNames) return false;
        if (a.Type is PolicyType.EnumType && b.Type == PolicyType.String)
        {
            a = new BoundConversionExpression(PolicyType.String, ConversionKind.EnumToString, a);
            ignoreCase = true;
            return true;
        }

        if (b.Type is PolicyType.EnumType && a.Type == PolicyType.String)
        {
            b = new BoundConversionExpression(PolicyType.String, ConversionKind.EnumToString, b);
            ignoreCase = true;
            return true;
        }

        return false;
    }

    /// <summary>Brings a list of expressions (list elements, coalesce arguments) to one type, or reports DP4005.</summary>
    private List<BoundExpression>? UnifyAll(List<BoundExpression> items, int offset, string what)
    {
        // The common type: the first that every item converts to.
        PolicyType? common = null;
        foreach (var candidate in items.Select(i => i.Type).Distinct())
        {
            if (items.All(i => CanCoerce(i, candidate)))
            {
                common = candidate;
                break;
            }
        }

        if (common is null && items.Any(i => i.Type is PolicyType.EnumType) && items.All(i => i.Type == PolicyType.String || i.Type == PolicyType.Null || i.Type is PolicyType.EnumType))
        {
            var enums = items.Where(i => i.Type is PolicyType.EnumType).Select(i => i.Type).Distinct().ToList();
            if (enums.Count == 1 && items.All(i => i.Type != PolicyType.String || i is not BoundLiteralExpression)) common = PolicyType.String;
        }

        if (common is null)
        {
            var types = string.Join(", ", items.Select(i => i.Type.DisplayName).Distinct());
            Error(DiagnosticCodes.ExprTypeMismatch, offset, what == "list" ? $"the elements of a list must have one type, not {types}" : $"the arguments of '{what}' must have one type, not {types}");
            return null;
        }

        var result = new List<BoundExpression>(items.Count);
        foreach (var item in items)
        {
            result.Add(common == PolicyType.String && item.Type is PolicyType.EnumType
                ? new BoundConversionExpression(PolicyType.String, ConversionKind.EnumToString, item)
                : Coerce(item, common)!);
        }

        return result.Any(IsError) ? null : result;
    }

    /// <summary>Whether <see cref="Coerce"/> would succeed, without reporting anything.</summary>
    private static bool CanCoerce(BoundExpression e, PolicyType target)
    {
        if (e.Type == target || e.Type == PolicyType.Null) return true;
        if (e.Type == PolicyType.Date && target == PolicyType.DateTime) return true;
        if (target is PolicyType.EnumType && e is BoundLiteralExpression { Value: string }) return true;
        if (target is PolicyType.ListType targetList)
        {
            if (e is BoundListExpression list) return list.Elements.All(x => CanCoerce(x, targetList.Element));
            if (e.Type is PolicyType.ListType { Element: var element } && element == PolicyType.Null) return true;
        }

        return false;
    }

    private static string? DottedName(ExpressionSyntax syntax) => syntax switch
    {
        NameSyntax name => name.Name,
        MemberAccessSyntax member => DottedName(member.Target) is { } prefix ? prefix + "." + member.Member : null,
        _ => null,
    };
}
