using Deeg.Policy.Core;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Language.Syntax;
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
                return Error(ExprArgumentCount, call.Offset, $"'{name}' is written {name}(x in LIST: {(quantifier.Body == QuantifierBody.Number ? "number" : "condition")})");
            default:
                foreach (var argument in call.Arguments) BindNode(argument, scope);
                return Error(ExprUnknownFunction, call.Offset, $"unknown function '{name}'",
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
                ?? Error(ExprTypeMismatch, argument.Offset, $"'{name}' needs {Describe(function.Parameters)}, not {argument.Type.DisplayName}");
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
        if (function.Body == QuantifierBody.Number)
        {
            body = IsError(body) ? body : Coerce(body, PolicyType.Number)
                ?? Error(ExprTypeMismatch, body.Offset, $"'{syntax.Function}' needs a number after ':', not {body.Type.DisplayName}");
        }
        else
        {
            body = RequireBool(body);
        }

        if (IsError(list) || IsError(body)) return new BoundErrorExpression(syntax.Offset);
        return new BoundQuantifierExpression(function.Returns ?? list.Type, syntax.Offset, function, syntax.Variable, element, list, body);
    }

    private static string? DottedName(ExpressionSyntax syntax) => syntax switch
    {
        NameSyntax name => name.Name,
        MemberAccessSyntax member => DottedName(member.Target) is { } prefix ? prefix + "." + member.Member : null,
        _ => null,
    };
}
