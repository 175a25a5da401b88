using System.Reflection;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Model.Loading;
using Deeg.Policy.Core;

namespace Deeg.Policy.Linting;

/// <summary>What is known about the value of a condition before any fact is seen.</summary>
internal enum Truth
{
    Unknown,
    AlwaysTrue,
    AlwaysFalse,
}

/// <summary>
/// Decides, from the types alone, whether a condition is always true or always false:
/// <list type="bullet">
/// <item>conditions without any alias, parameter, <c>asOf</c> or variable (<c>1 &lt; 2</c>, <c>'a' == 'a'</c>, <c>true</c>) are evaluated by the <see cref="ReferenceEvaluator"/>;</item>
/// <item><c>x == x</c>, <c>x != x</c>, <c>x &lt; x</c>, <c>x &gt; x</c> for the same expression on both sides;</item>
/// <item><c>== null</c> / <c>!= null</c> on a value that cannot be null (a non-nullable field of a fact, such as a bool, a count with a default, a required enum or id);</item>
/// <item>any ordering or membership test with the literal <c>null</c> (always false) and <c>x in []</c>;</item>
/// <item>comparisons of a count or share with a constant beyond its range (<c>c.followers &lt; 0</c>, <c>u.openShare &gt; 1</c>);</item>
/// <item><c>and</c>, <c>or</c> and <c>not</c> over those.</item>
/// </list>
/// Everything else is <see cref="Truth.Unknown"/>: the analysis never guesses.
/// </summary>
internal static class ConditionAnalysis
{
    /// <summary>The truth of a bool expression.</summary>
    public static Truth Of(BoundExpression e)
    {
        switch (e)
        {
            case BoundLiteralExpression { Value: bool b }:
                return b ? Truth.AlwaysTrue : Truth.AlwaysFalse;
            case BoundLiteralExpression { Value: null }:
                return Truth.AlwaysFalse; // null is false in a condition
            case BoundUnaryExpression { Kind: BoundUnaryKind.Not } not:
                return Of(not.Operand) switch
                {
                    Truth.AlwaysTrue => Truth.AlwaysFalse,
                    Truth.AlwaysFalse => Truth.AlwaysTrue,
                    _ => Truth.Unknown,
                };
            case BoundBinaryExpression { Kind: BoundBinaryKind.And } and:
            {
                var (l, r) = (Of(and.Left), Of(and.Right));
                if (l == Truth.AlwaysFalse || r == Truth.AlwaysFalse) return Truth.AlwaysFalse;
                return l == Truth.AlwaysTrue && r == Truth.AlwaysTrue ? Truth.AlwaysTrue : Truth.Unknown;
            }

            case BoundBinaryExpression { Kind: BoundBinaryKind.Or } or:
            {
                var (l, r) = (Of(or.Left), Of(or.Right));
                if (l == Truth.AlwaysTrue || r == Truth.AlwaysTrue) return Truth.AlwaysTrue;
                return l == Truth.AlwaysFalse && r == Truth.AlwaysFalse ? Truth.AlwaysFalse : Truth.Unknown;
            }
        }

        if (IsClosed(e)) return Evaluate(e);
        return e is BoundBinaryExpression binary ? Comparison(binary) : Truth.Unknown;
    }

    /// <summary>True when the expression depends on nothing but literals: no alias, parameter, <c>asOf</c> or quantifier variable.</summary>
    public static bool IsClosed(BoundExpression e) =>
        e.FreeAliases.Count == 0 && !e.UsesContext && !e.DescendantsAndSelf().Any(n => n is BoundVariableExpression or BoundErrorExpression);

    private static Truth Evaluate(BoundExpression e)
    {
        try
        {
            var value = ReferenceEvaluator.Evaluate(e, new Dictionary<string, object?>(), new DateOnly(2000, 1, 1), new Dictionary<string, object?>());
            return value is true ? Truth.AlwaysTrue : Truth.AlwaysFalse; // null and false are false in a condition
        }
        catch (Exception ex) when (ex is ArithmeticException or InvalidOperationException or ArgumentException or InvalidCastException or KeyNotFoundException)
        {
            return Truth.Unknown;
        }
    }

    private static Truth Comparison(BoundBinaryExpression e)
    {
        var (left, right) = (e.Left, e.Right);
        switch (e.Kind)
        {
            case BoundBinaryKind.Equal or BoundBinaryKind.NotEqual:
            {
                var equal = e.Kind == BoundBinaryKind.Equal;
                if (CanonicalForm.Same(left, right)) return equal ? Truth.AlwaysTrue : Truth.AlwaysFalse;
                if ((IsNull(left) && IsNonNull(right)) || (IsNull(right) && IsNonNull(left)))
                    return equal ? Truth.AlwaysFalse : Truth.AlwaysTrue;
                return Truth.Unknown;
            }

            case BoundBinaryKind.Less or BoundBinaryKind.Greater or BoundBinaryKind.LessOrEqual or BoundBinaryKind.GreaterOrEqual:
            {
                if (IsNull(left) || IsNull(right)) return Truth.AlwaysFalse;
                if (CanonicalForm.Same(left, right))
                {
                    if (e.Kind is BoundBinaryKind.Less or BoundBinaryKind.Greater) return Truth.AlwaysFalse;
                    return IsNonNull(left) ? Truth.AlwaysTrue : Truth.Unknown;
                }

                return Range(e);
            }

            case BoundBinaryKind.In or BoundBinaryKind.NotIn or BoundBinaryKind.ListContains or BoundBinaryKind.StringContains
                or BoundBinaryKind.StartsWith or BoundBinaryKind.EndsWith:
                if (IsNull(left) || IsNull(right)) return Truth.AlwaysFalse;
                if (e.Kind == BoundBinaryKind.In && right is BoundListExpression { Elements.Count: 0 }) return Truth.AlwaysFalse;
                if (e.Kind == BoundBinaryKind.ListContains && left is BoundListExpression { Elements.Count: 0 }) return Truth.AlwaysFalse;
                return Truth.Unknown;
            default:
                return Truth.Unknown;
        }
    }

    /// <summary>A count (0 or more) or a share (0 to 1) of a built-in fact compared with a constant beyond that range.</summary>
    private static Truth Range(BoundBinaryExpression e)
    {
        // Normalise to: member OP constant.
        var (member, constant, kind) = e.Left is BoundMemberExpression m && e.Right is BoundLiteralExpression { Value: decimal c }
            ? (m, c, e.Kind)
            : e.Right is BoundMemberExpression m2 && e.Left is BoundLiteralExpression { Value: decimal c2 }
                ? (m2, c2, Mirror(e.Kind))
                : (null, 0m, e.Kind);
        if (member is null || RangeOf(member) is not var (min, max)) return Truth.Unknown;
        var nonNull = IsNonNull(member);
        return kind switch
        {
            BoundBinaryKind.Less when constant <= min => Truth.AlwaysFalse,
            BoundBinaryKind.LessOrEqual when constant < min => Truth.AlwaysFalse,
            BoundBinaryKind.Greater when max is { } hi && constant >= hi => Truth.AlwaysFalse,
            BoundBinaryKind.GreaterOrEqual when max is { } hi && constant > hi => Truth.AlwaysFalse,
            BoundBinaryKind.GreaterOrEqual when nonNull && constant <= min => Truth.AlwaysTrue,
            BoundBinaryKind.Greater when nonNull && constant < min => Truth.AlwaysTrue,
            BoundBinaryKind.LessOrEqual when nonNull && max is { } hi && constant >= hi => Truth.AlwaysTrue,
            BoundBinaryKind.Less when nonNull && max is { } hi && constant > hi => Truth.AlwaysTrue,
            _ => Truth.Unknown,
        };
    }

    private static BoundBinaryKind Mirror(BoundBinaryKind kind) => kind switch
    {
        BoundBinaryKind.Less => BoundBinaryKind.Greater,
        BoundBinaryKind.LessOrEqual => BoundBinaryKind.GreaterOrEqual,
        BoundBinaryKind.Greater => BoundBinaryKind.Less,
        _ => BoundBinaryKind.LessOrEqual,
    };

    /// <summary>The range of a field of a built-in type from its table in <see cref="FactSchemas"/>: counts 0 or more, shares 0 to 1.</summary>
    private static (decimal Min, decimal? Max)? RangeOf(BoundMemberExpression member)
    {
        var property = member.Member.Property;
        if (property.DeclaringType is null || FactSchemas.BuiltIn(property.DeclaringType) is not { } schema) return null;
        if (!schema.TryGetField(member.Member.Name, out var field)) return null;
        if ((field.Rules & FieldRules.Fraction) != 0) return (0m, 1m);
        if ((field.Rules & FieldRules.NonNegative) != 0) return (0m, null);
        return null;
    }

    /// <summary>The literal null (typed by the context) or a conversion of it.</summary>
    public static bool IsNull(BoundExpression e) => e switch
    {
        BoundLiteralExpression { Value: null } => true,
        BoundConversionExpression { Kind: ConversionKind.FromNull } => true,
        BoundConversionExpression c => IsNull(c.Operand),
        _ => false,
    };

    /// <summary>True when the value can never be null under the types; false when it can or nothing is known.</summary>
    public static bool IsNonNull(BoundExpression e) => e switch
    {
        BoundLiteralExpression literal => literal.Value is not null,
        BoundAliasExpression alias => alias.Type is PolicyType.ObjectType, // fact aliases are bound to facts
        BoundAsOfExpression => true,
        BoundMemberExpression member => IsNonNull(member.Target) && IsNonNullProperty(member.Member.Property),
        BoundConversionExpression { Kind: ConversionKind.DateToDateTime or ConversionKind.EnumToString or ConversionKind.EnumListToStringList } c => IsNonNull(c.Operand),
        BoundUnaryExpression { Kind: BoundUnaryKind.Not } => true,
        BoundBinaryExpression b => b.Kind is not (BoundBinaryKind.Coalesce or BoundBinaryKind.AddNumber or BoundBinaryKind.SubtractNumber
            or BoundBinaryKind.MultiplyNumber or BoundBinaryKind.DivideNumber or BoundBinaryKind.RemainderNumber or BoundBinaryKind.Concat
            or BoundBinaryKind.AddDateDuration or BoundBinaryKind.SubtractDateDuration or BoundBinaryKind.AddDateTimeDuration
            or BoundBinaryKind.SubtractDateTimeDuration or BoundBinaryKind.SubtractDates or BoundBinaryKind.SubtractDateTimes
            or BoundBinaryKind.AddDurations or BoundBinaryKind.SubtractDurations or BoundBinaryKind.MultiplyDuration)
            || (b.Kind == BoundBinaryKind.Coalesce && IsNonNull(b.Right)),
        BoundMatchesExpression => true,
        BoundCallExpression { Function.Nullability: ResultNullability.Never } => true,
        BoundCallExpression { Function.Nullability: ResultNullability.OnlyForNullArguments } call => call.Arguments.All(IsNonNull),
        BoundQuantifierExpression => true,
        BoundListExpression => true,
        _ => false,
    };

    private static bool IsNonNullProperty(PropertyInfo property)
    {
        var type = property.PropertyType;
        if (type.IsValueType) return Nullable.GetUnderlyingType(type) is null;
        try
        {
            // NullabilityInfoContext is not thread-safe: one per question (engines may be built in parallel).
            return new NullabilityInfoContext().Create(property).ReadState == NullabilityState.NotNull;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }
}
