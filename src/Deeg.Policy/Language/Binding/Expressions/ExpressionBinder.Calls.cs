using Deeg.Policy.Core;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Runtime;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;

namespace Deeg.Policy.Language.Binding.Expressions;

/// <summary>Calls of the functions of <see cref="BuiltInFunctions"/>, typed by their entries.</summary>
internal sealed partial class ExpressionBinder
{
    private static BuiltInFunctions Functions => BuiltInFunctions.Table;

    private BoundExpression BindCall(CallSyntax call, ExpressionScope scope)
    {
        if (call.Callee is not NameSyntax { Name: var name } || scope.TryLookup(name, out _, out _))
        {
            foreach (var argument in call.Arguments) BindNode(argument, scope);
            var text = DottedName(call.Callee) ?? "(expression)";
            return Error(ExprUnknownFunction, call.Callee.Offset, $"unknown function '{text}'", "; only the built-in functions can be called: " + string.Join(", ", Functions.Names));
        }

        switch (Functions.Find(name))
        {
            case CallFunction function:
                return BindFunctionCall(call, function, scope);
            case ConstantFunction constant:
                return BindConstant(call, constant);
            case QuantifierFunction quantifier:
                foreach (var argument in call.Arguments) BindNode(argument, scope);
                return Error(ExprArgumentCount, call.Offset, $"'{name}' is written {name}(x in LIST: {QuantifierBodyName(quantifier.Body)})");
            default:
                foreach (var argument in call.Arguments) BindNode(argument, scope);
                return Error(ExprUnknownFunction, call.Offset, $"unknown function '{name}'",
                    "; the functions are " + string.Join(", ", Functions.Names) + Suggestions.DidYouMean(name, Functions.Names));
        }
    }

    private BoundExpression BindFunctionCall(CallSyntax call, CallFunction function, ExpressionScope scope)
    {
        var name = function.Name;
        // A format pattern is a literal checked against the value's type, not bound as an expression.
        var arguments = call.Arguments.Select((a, i) => function.Parameter(i) == ParameterKind.FormatPattern && a is LiteralSyntax { Kind: LiteralKind.String } literal
            ? new BoundLiteralExpression(PolicyType.String, literal.Offset, literal.Text)
            : BindNode(a, scope)).ToList();
        if (ArgumentCountError(call, function.Name, function.MinArguments, function.MaxArguments, arguments.Count) is { } countError) return countError;
        if (arguments.Any(IsError)) return new BoundErrorExpression(call.Offset);

        var common = Enumerable.Range(0, arguments.Count).Where(i => function.Parameter(i) is ParameterKind.Common or ParameterKind.Ordered).ToList();
        PolicyType? commonType = null;
        if (common.Count > 0)
        {
            var unified = UnifyAll(common.Select(i => arguments[i]).ToList(), call.Offset, name);
            if (unified is null) return new BoundErrorExpression(call.Offset);
            for (var k = 0; k < common.Count; k++) arguments[common[k]] = unified[k];
            commonType = unified[0].Type;
            if (function.Parameter(common[0]) == ParameterKind.Ordered)
            {
                if (commonType == PolicyType.Null)
                {
                    for (var k = 0; k < common.Count; k++) arguments[common[k]] = Coerce(arguments[common[k]], PolicyType.Number)!;
                    commonType = PolicyType.Number;
                }
                else if (commonType != PolicyType.Number && commonType != PolicyType.Date && commonType != PolicyType.DateTime)
                {
                    return Error(ExprTypeMismatch, call.Offset, $"'{name}' needs numbers, dates or datetimes, not {commonType.DisplayName}");
                }
            }
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            var kind = function.Parameter(i);
            if (kind is ParameterKind.Common or ParameterKind.Ordered) continue;
            var argument = arguments[i];
            if (kind == ParameterKind.FormatPattern && arguments[0].Type == PolicyType.Null) arguments[0] = Coerce(arguments[0], PolicyType.Number)!;
            arguments[i] = kind == ParameterKind.FormatPattern
                ? FormatPattern(call.Arguments[i], arguments[0], name)
                : Argument(argument, kind) ?? Error(ExprTypeMismatch, argument.Offset, $"'{name}' needs {Describe(kind)}, not {argument.Type.DisplayName}");
        }

        if (arguments.Any(IsError)) return new BoundErrorExpression(call.Offset);
        return new BoundCallExpression(function.Returns ?? commonType!, call.Offset, function, arguments);
    }

    /// <summary>The format pattern of <c>text(x, f)</c>: a string literal that formats <paramref name="value"/>'s type (a number, date or datetime).</summary>
    private BoundExpression FormatPattern(ExpressionSyntax syntax, BoundExpression value, string name)
    {
        if (syntax is not LiteralSyntax { Kind: LiteralKind.String } literal)
            return Error(ExprInvalidLiteral, syntax.Offset, $"the format pattern of '{name}' must be a string literal");
        var type = value.Type == PolicyType.Null ? PolicyType.Number : value.Type;
        if (type != PolicyType.Number && type != PolicyType.Date && type != PolicyType.DateTime)
            return Error(ExprTypeMismatch, value.Offset, $"'{name}' with a format pattern needs a number, date or datetime, not {value.Type.DisplayName}");
        return PolicyFunctions.PatternError(type.ClrType, literal.Text) is { } problem
            ? Error(ExprInvalidLiteral, literal.Offset, $"invalid format pattern '{literal.Text}' for a {type.DisplayName}: {problem}")
            : new BoundLiteralExpression(PolicyType.String, literal.Offset, literal.Text);
    }

    /// <summary>An argument converted to what <paramref name="kind"/> accepts, or null when it accepts no such value.</summary>
    private BoundExpression? Argument(BoundExpression argument, ParameterKind kind) => kind switch
    {
        ParameterKind.Number => Coerce(argument, PolicyType.Number),
        ParameterKind.String => Coerce(argument, PolicyType.String),
        ParameterKind.Bool => Coerce(argument, PolicyType.Bool),
        ParameterKind.DateOrDateTime when argument.Type == PolicyType.Null => Coerce(argument, PolicyType.Date),
        ParameterKind.DateOrDateTime => argument.Type == PolicyType.Date || argument.Type == PolicyType.DateTime ? argument : null,
        ParameterKind.StringOrList when argument.Type == PolicyType.Null => Coerce(argument, PolicyType.String),
        ParameterKind.StringOrList => argument.Type == PolicyType.String || argument.Type is PolicyType.ListType ? argument : null,
        ParameterKind.List when argument.Type == PolicyType.Null => Coerce(argument, new PolicyType.ListType(PolicyType.Null)),
        ParameterKind.List => argument.Type is PolicyType.ListType ? argument : null,
        ParameterKind.Fact => argument.Type == PolicyType.Null || argument.Type is PolicyType.ObjectType { Info.IsFact: true } ? argument : null,
        ParameterKind.Enum => argument.Type == PolicyType.Null || argument.Type is PolicyType.EnumType ? argument : null,
        _ => argument,
    };

    private static string Describe(ParameterKind kind) => kind switch
    {
        ParameterKind.Number => "a number",
        ParameterKind.String => "a string",
        ParameterKind.Bool => "a bool",
        ParameterKind.DateOrDateTime => "a date or datetime",
        ParameterKind.StringOrList => "a string or a list",
        ParameterKind.List => "a list",
        ParameterKind.Fact => "a fact",
        ParameterKind.Enum => "an enum value",
        _ => "arguments of one type",
    };

    private BoundErrorExpression? ArgumentCountError(CallSyntax call, string name, int min, int max, int count)
    {
        if (count >= min && count <= max) return null;
        var expected = min == max ? $"{min} argument{(min == 1 ? string.Empty : "s")}" : $"at least {min} arguments";
        return Error(ExprArgumentCount, call.Offset, $"'{name}' takes {expected}, not {count}");
    }

    /// <summary>A call of a <see cref="ConstantFunction"/>: its one argument must be a valid string literal; the arguments are not bound.</summary>
    private BoundExpression BindConstant(CallSyntax call, ConstantFunction function)
    {
        if (ArgumentCountError(call, function.Name, 1, 1, call.Arguments.Count) is { } countError) return countError;
        if (call.Arguments[0] is not LiteralSyntax { Kind: LiteralKind.String } literal)
            return Error(ExprInvalidLiteral, call.Arguments[0].Offset, $"{function.Name}(…) takes {function.Argument}");
        return function.Parse(literal.Text) is { } value
            ? new BoundLiteralExpression(function.Returns, call.Offset, value)
            : Error(ExprInvalidLiteral, literal.Offset, $"invalid {function.Name} '{literal.Text}': expected {function.Expected}");
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
            list = Error(ExprTypeMismatch, list.Offset, $"'{syntax.Function}' needs a list after 'in', not {list.Type.DisplayName}");
            element = ErrorType;
        }

        var body = BindNode(syntax.Body, scope.WithVariable(syntax.Variable, element));
        if (function.Body == QuantifierBody.Value)
        {
            if (!IsError(body) && body.Type is PolicyType.ListType)
                body = Error(ExprTypeMismatch, body.Offset, $"'{syntax.Function}' needs a single value after ':', not {body.Type.DisplayName}");
        }
        else if (function.Body == QuantifierBody.Number)
        {
            body = IsError(body) ? body : Coerce(body, PolicyType.Number)
                ?? Error(ExprTypeMismatch, body.Offset, $"'{syntax.Function}' needs a number after ':', not {body.Type.DisplayName}");
        }
        else
        {
            body = RequireBool(body);
        }

        if (IsError(list) || IsError(body)) return new BoundErrorExpression(syntax.Offset);
        var type = function.Body == QuantifierBody.Value ? new PolicyType.ListType(body.Type) : function.Returns ?? list.Type;
        return new BoundQuantifierExpression(type, syntax.Offset, function, syntax.Variable, element, list, body);
    }

    private static string QuantifierBodyName(QuantifierBody body) => body switch
    {
        QuantifierBody.Number => "number",
        QuantifierBody.Condition => "condition",
        _ => "value",
    };

    private static string? DottedName(ExpressionSyntax syntax) => syntax switch
    {
        NameSyntax name => name.Name,
        MemberAccessSyntax member => DottedName(member.Target) is { } prefix ? prefix + "." + member.Member : null,
        _ => null,
    };
}
