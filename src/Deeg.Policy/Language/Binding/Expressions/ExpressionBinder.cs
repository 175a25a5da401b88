using System.Globalization;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Binding.Expressions;

/// <summary>
/// Type-checks parsed expressions against a scope and produces bound trees. Reports every error
/// of an expression (DP4002–DP4011) at the JSON string's location, naming the column inside the
/// expression; a sub-expression with an error is replaced by an error node that suppresses
/// follow-up errors. The binder's parts: names, members, literals and lists here; calls
/// (ExpressionBinder.Calls.cs), operators (ExpressionBinder.Operators.cs) and the implicit
/// conversions (ExpressionBinder.Conversions.cs) in files of their own.
/// </summary>
/// <remarks>
/// Typing rules where docs/rule-language.md leaves a choice:
/// <list type="bullet">
/// <item><c>string + string</c> concatenates; like all arithmetic it is null when either side is null (use <c>coalesce(s, '')</c>).</item>
/// <item>String equality, ordering, <c>contains</c>, <c>startsWith</c>, <c>endsWith</c> are ordinal and case-sensitive; the only case-insensitive comparison is an enum against a string known at run time.</item>
/// <item><c>date ± duration</c> is the UTC date of (midnight UTC + duration), so <c>d + 12h == d</c> and <c>d - 12h</c> is the day before; <c>duration × number</c> (either order) rounds to whole ticks; <c>date - datetime</c> and <c>datetime - date</c> are datetime differences.</item>
/// <item><c>==</c> on facts compares identity (same type and id); on nested objects without an id, reference identity; on lists, element by element in order. Ordering (<c>&lt;</c> …) exists for numbers, strings, dates/datetimes and durations only.</item>
/// <item>A null literal takes the type the context needs (<c>null + 1</c> is a number, <c>d + null</c> a date); <c>null in [null]</c> is false like every comparison with null.</item>
/// <item>Comparisons do not chain (<c>a &lt; b &lt; c</c> is a syntax error); <c>??</c> is right-associative.</item>
/// <item>Quantifiers treat a null list as empty (exists false, all/none true, count and sum 0, filter empty); <c>sum</c> skips null values; the variable may shadow an alias.</item>
/// <item>Functions are typed by their entry in <see cref="BuiltInFunctions"/>: <c>date(…)</c> takes a literal only; <c>coalesce</c> takes at least two arguments; <c>min</c>/<c>max</c> exactly two numbers, dates or datetimes of one type; the branches of <c>if</c> and <c>plural</c> unify like list elements; the pattern of <c>text(x, f)</c> is a literal, checked by formatting sample values.</item>
/// <item><c>map</c>'s body may not be a list (there are no lists of lists); <c>text</c> of a list renders a null element as an empty string, <c>join</c> skips it.</item>
/// <item><c>matches</c> is a search (<c>Regex.IsMatch</c>; anchor with <c>^…$</c>), with <c>RegexOptions.NonBacktracking | CultureInvariant</c>; constructs that engine lacks (backreferences, lookarounds) are DP4009.</item>
/// <item>Durations are whole numbers of days, hours or minutes; <c>len</c> counts UTF-16 code units.</item>
/// </list>
/// </remarks>
internal sealed partial class ExpressionBinder(SourceLocation location, DiagnosticBag diagnostics)
{
    /// <summary>The type of a quantifier variable over a list with errors, or of an alias whose element failed to bind: uses of it report nothing more.</summary>
    internal static readonly PolicyType ErrorType = new PolicyType.PrimitiveType("error", typeof(object));

    private int _errors;

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
        diagnostics.Error(code, location, string.Create(CultureInfo.InvariantCulture, $"{message} (column {offset + 1} of the expression){suffix}"));
        return new BoundErrorExpression(offset);
    }

    /// <summary>An error whose cause was reported elsewhere (a poisoned alias): the expression fails without a diagnostic of its own.</summary>
    private BoundErrorExpression Silent(int offset)
    {
        _errors++;
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
            if (type == ErrorType) return Silent(name.Offset);
            return isVariable
                ? new BoundVariableExpression(type, name.Offset, name.Name)
                : new BoundAliasExpression(type, name.Offset, name.Name);
        }

        if (name.Name == LanguageNames.AsOf) return new BoundAsOfExpression(name.Offset);
        if (name.Name == LanguageNames.Params)
            return Error(DiagnosticCodes.ExprUnknownParameter, name.Offset, "'params' needs a parameter name, as in params.NAME");
        if (Functions.IsFunction(name.Name))
            return Error(DiagnosticCodes.ExprUnknownName, name.Offset, $"'{name.Name}' is a function; call it as {name.Name}(…)");
        if (!scope.UnknownNamesReported) return Silent(name.Offset);
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
            case PolicyType.GroupType groupType:
                if (groupType.Members.TryGetValue(member.Member, out var groupMember))
                    return new BoundMemberExpression(member.Offset, target, groupMember);
                return Error(DiagnosticCodes.ExprUnknownMember, member.MemberOffset, $"unknown member '{member.Member}' on {groupType.DisplayName}", Suggestions.DidYouMean(member.Member, groupType.Members.Keys) is { Length: > 0 } s ? s : "; a group has key, count and items");
            case PolicyType.ListType list:
                return Error(DiagnosticCodes.ExprUnknownMember, member.MemberOffset, $"unknown member '{member.Member}' on {list.DisplayName}", $"; a list has no members: use len(…) or a quantifier such as exists(x in LIST: x.{member.Member} …)");
            default:
                return Error(DiagnosticCodes.ExprUnknownMember, member.MemberOffset, $"unknown member '{member.Member}' on {target.Type.DisplayName}", $"; only facts and objects have members");
        }
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
}
