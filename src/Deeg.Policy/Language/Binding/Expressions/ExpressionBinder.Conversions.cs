using Deeg.Policy.Diagnostics;
using Deeg.Policy.Runtime;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Binding.Expressions;

/// <summary>The implicit conversions: a bool where a condition is needed, null to any type, date to datetime, string literals to enum values, list literals element by element, and operands brought to one type.</summary>
internal sealed partial class ExpressionBinder
{
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
}
