using System.Collections.Immutable;
using System.Linq.Expressions;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Runtime;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Lowering.Expressions;

/// <summary>What a lowered expression refers to outside itself.</summary>
internal interface ILoweringEnvironment
{
    /// <summary>The value of an alias, of CLR type <c>alias.Type.ClrType</c> (a fact: its class).</summary>
    Expression Alias(string name);

    /// <summary>The evaluation date, of CLR type <see cref="DateOnly"/>.</summary>
    Expression AsOf { get; }

    /// <summary>The value of <c>params.NAME</c>, of the parameter type's canonical CLR type.</summary>
    Expression Parameter(string name);
}

/// <summary>
/// Lowers bound expressions to <see cref="System.Linq.Expressions"/> trees that NRules can
/// compile: no blocks, assignments or loops. Null semantics and decimal arithmetic live in
/// <see cref="PolicyOperators"/> and <see cref="PolicyFunctions"/>; quantifiers become
/// <see cref="Enumerable"/> calls with inner lambdas; member access is null-safe through
/// conditional expressions and converts model property values to canonical values.
/// </summary>
internal sealed class ExpressionLowerer
{
    private static readonly ConstantExpression True = Expression.Constant(true, typeof(bool?));

    private readonly ILoweringEnvironment _env;

    private ExpressionLowerer(ILoweringEnvironment env) => _env = env;

    /// <summary>The expression's value, of CLR type <c>e.Type.ClrType</c>.</summary>
    public static Expression Lower(BoundExpression e, ILoweringEnvironment env) =>
        new ExpressionLowerer(env).Visit(e, ImmutableDictionary<string, ParameterExpression>.Empty);

    /// <summary>The expression as a CLR <c>bool</c>: true only when the value is true (null is false).</summary>
    public static Expression LowerCondition(BoundExpression e, ILoweringEnvironment env) => IsTrue(Lower(e, env));

    /// <summary>The expression's value boxed as <see cref="object"/> (null stays null).</summary>
    public static Expression LowerBoxed(BoundExpression e, ILoweringEnvironment env)
    {
        var value = Lower(e, env);
        return value.Type == typeof(object) ? value : Expression.Convert(value, typeof(object));
    }

    private static Expression IsTrue(Expression value)
    {
        if (value.Type == typeof(bool)) return value;
        if (value.Type == typeof(bool?)) return Expression.Equal(value, True);
        return Expression.Constant(false);
    }

    private static Expression AsNullableBool(Expression value) => value.Type == typeof(bool?) ? value : Expression.Convert(value, typeof(bool?));

    private static Expression Ensure(Expression value, Type type) => value.Type == type ? value : Expression.Convert(value, type);

    private static Expression Call(Type owner, string name, params Expression[] arguments) => Expression.Call(owner, name, null, arguments);

    private static Expression CallGeneric(Type owner, string name, Type[] typeArguments, params Expression[] arguments) =>
        Expression.Call(owner, name, typeArguments, arguments);

    private static Expression Operator(string name, params Expression[] arguments) => Call(typeof(PolicyOperators), name, arguments);

    private static Expression Function(string name, params Expression[] arguments) => Call(typeof(PolicyFunctions), name, arguments);

    private Expression AsOfDate => Ensure(_env.AsOf, typeof(DateOnly));

    private Expression Visit(BoundExpression e, ImmutableDictionary<string, ParameterExpression> variables)
    {
        var result = e switch
        {
            BoundLiteralExpression literal => Expression.Constant(literal.Value, literal.Type.ClrType),
            BoundAliasExpression alias => Ensure(_env.Alias(alias.Name), alias.Type.ClrType),
            BoundVariableExpression variable => variables[variable.Name],
            BoundAsOfExpression => Expression.Convert(AsOfDate, typeof(DateOnly?)),
            BoundParameterExpression parameter => Ensure(_env.Parameter(parameter.Name), parameter.Type.ClrType),
            BoundMemberExpression member => VisitMember(member, variables),
            BoundConversionExpression conversion => VisitConversion(conversion, variables),
            BoundUnaryExpression unary => VisitUnary(unary, variables),
            BoundBinaryExpression binary => VisitBinary(binary, variables),
            BoundMatchesExpression matches => VisitMatches(matches, variables),
            BoundCallExpression call => VisitCall(call, variables),
            BoundQuantifierExpression quantifier => VisitQuantifier(quantifier, variables),
            BoundListExpression list => VisitList(list, variables),
            _ => throw new InvalidOperationException("cannot lower an expression with errors"),
        };
        return Ensure(result, e.Type.ClrType);
    }

    // ---------------------------------------------------------------- members

    private Expression VisitMember(BoundMemberExpression member, ImmutableDictionary<string, ParameterExpression> variables)
    {
        var target = Visit(member.Target, variables);
        var property = member.Member.Property;
        var clr = member.Type.ClrType;
        Expression Access(Expression t) => Canonical(Expression.Property(t, property), property.PropertyType, member.Type);

        if (target.Type.IsValueType && Nullable.GetUnderlyingType(target.Type) is null) return Access(target);
        if (IsCheap(member.Target))
            return Expression.Condition(Expression.ReferenceEqual(target, Expression.Constant(null)), Expression.Constant(null, clr), Access(target));

        // An expensive target is evaluated once, as the argument of an inner lambda.
        var p = Expression.Parameter(target.Type, "target");
        var body = Expression.Condition(Expression.ReferenceEqual(p, Expression.Constant(null)), Expression.Constant(null, clr), Access(p));
        return Expression.Invoke(Expression.Lambda(body, p), target);
    }

    private static bool IsCheap(BoundExpression target) => target switch
    {
        BoundAliasExpression or BoundVariableExpression or BoundParameterExpression or BoundLiteralExpression => true,
        BoundMemberExpression { Target: BoundAliasExpression or BoundVariableExpression or BoundParameterExpression } => true,
        _ => false,
    };

    /// <summary>A model property value (of CLR type <paramref name="clr"/>) as the canonical value of <paramref name="type"/>.</summary>
    private static Expression Canonical(Expression value, Type clr, PolicyType type)
    {
        var target = type.ClrType;
        if (clr == target) return value;
        var underlying = Nullable.GetUnderlyingType(clr) ?? clr;
        switch (type)
        {
            case PolicyType.PrimitiveType when type == PolicyType.Number:
                return Function(nameof(PolicyFunctions.ToNumber), value);
            case PolicyType.PrimitiveType when type == PolicyType.DateTime && underlying == typeof(DateTime):
                return Function(nameof(PolicyFunctions.ToDateTime), value);
            case PolicyType.ListType list:
            {
                var sourceElement = FactTypeRegistry.ListElementType(clr)!;
                var targetElement = list.ElementClrType;
                var enumerable = Expression.Convert(value, typeof(IEnumerable<>).MakeGenericType(sourceElement));
                if (sourceElement == targetElement)
                    return CallGeneric(typeof(PolicyFunctions), nameof(PolicyFunctions.AsList), [targetElement], enumerable);
                var x = Expression.Parameter(sourceElement, "element");
                var map = Expression.Lambda(Canonical(x, sourceElement, list.Element), x);
                return CallGeneric(typeof(PolicyFunctions), nameof(PolicyFunctions.CanonicalList), [sourceElement, targetElement], enumerable, map);
            }

            default:
                return Expression.Convert(value, target);
        }
    }

    // ---------------------------------------------------------------- conversions and operators

    private Expression VisitConversion(BoundConversionExpression conversion, ImmutableDictionary<string, ParameterExpression> variables)
    {
        var clr = conversion.Type.ClrType;
        switch (conversion.Kind)
        {
            case ConversionKind.FromNull:
                return Expression.Constant(null, clr);
            case ConversionKind.DateToDateTime:
                return Operator(nameof(PolicyOperators.ToDateTime), Visit(conversion.Operand, variables));
            case ConversionKind.EnumToString:
            {
                var enumType = ((PolicyType.EnumType)conversion.Operand.Type).EnumClrType;
                return CallGeneric(typeof(PolicyOperators), nameof(PolicyOperators.EnumName), [enumType], Visit(conversion.Operand, variables));
            }

            case ConversionKind.EnumListToStringList:
            {
                var enumType = ((PolicyType.EnumType)((PolicyType.ListType)conversion.Operand.Type).Element).EnumClrType;
                return CallGeneric(typeof(PolicyOperators), nameof(PolicyOperators.EnumNameList), [enumType], Visit(conversion.Operand, variables));
            }

            default:
            {
                var element = ((PolicyType.ListType)conversion.Type).ElementClrType;
                var operand = Ensure(Visit(conversion.Operand, variables), typeof(IReadOnlyList<object?>));
                return CallGeneric(typeof(PolicyOperators), nameof(PolicyOperators.NullList), [element], operand);
            }
        }
    }

    private Expression VisitUnary(BoundUnaryExpression unary, ImmutableDictionary<string, ParameterExpression> variables)
    {
        var operand = Visit(unary.Operand, variables);
        return unary.Kind switch
        {
            BoundUnaryKind.Not => AsNullableBool(Expression.Not(IsTrue(operand))),
            _ => Operator(nameof(PolicyOperators.Negate), operand),
        };
    }

    private Expression VisitBinary(BoundBinaryExpression binary, ImmutableDictionary<string, ParameterExpression> variables)
    {
        var left = Visit(binary.Left, variables);
        var right = Visit(binary.Right, variables);
        switch (binary.Kind)
        {
            case BoundBinaryKind.And:
                return AsNullableBool(Expression.AndAlso(IsTrue(left), IsTrue(right)));
            case BoundBinaryKind.Or:
                return AsNullableBool(Expression.OrElse(IsTrue(left), IsTrue(right)));
            case BoundBinaryKind.Equal or BoundBinaryKind.NotEqual:
            {
                var comparer = Comparer(binary.Left.Type, binary.IgnoreCase);
                var name = binary.Kind == BoundBinaryKind.Equal ? nameof(PolicyOperators.Equal) : nameof(PolicyOperators.NotEqual);
                return CallGeneric(typeof(PolicyOperators), name, [left.Type], left, right, comparer);
            }

            case BoundBinaryKind.Less or BoundBinaryKind.LessOrEqual or BoundBinaryKind.Greater or BoundBinaryKind.GreaterOrEqual:
            {
                var name = binary.Kind.ToString();
                if (left.Type == typeof(string)) return Operator(name, left, right);
                return CallGeneric(typeof(PolicyOperators), name, [Nullable.GetUnderlyingType(left.Type)!], left, right);
            }

            case BoundBinaryKind.In or BoundBinaryKind.NotIn or BoundBinaryKind.ListContains:
            {
                var (value, list, valueType) = binary.Kind == BoundBinaryKind.ListContains
                    ? (right, left, binary.Right.Type)
                    : (left, right, binary.Left.Type);
                var name = binary.Kind == BoundBinaryKind.NotIn ? nameof(PolicyOperators.NotIn) : nameof(PolicyOperators.In);
                return CallGeneric(typeof(PolicyOperators), name, [value.Type], value, list, Comparer(valueType, binary.IgnoreCase));
            }

            case BoundBinaryKind.StringContains:
                return Operator(nameof(PolicyOperators.StringContains), left, right);
            case BoundBinaryKind.StartsWith:
                return Operator(nameof(PolicyOperators.StartsWith), left, right);
            case BoundBinaryKind.EndsWith:
                return Operator(nameof(PolicyOperators.EndsWith), left, right);
            case BoundBinaryKind.Coalesce:
                return Expression.Coalesce(left, right);
            case BoundBinaryKind.AddNumber or BoundBinaryKind.AddDurations or BoundBinaryKind.AddDateDuration or BoundBinaryKind.AddDateTimeDuration:
                return binary.Kind is BoundBinaryKind.AddDateDuration or BoundBinaryKind.AddDateTimeDuration
                    ? Operator(nameof(PolicyOperators.AddDuration), left, right)
                    : Operator(nameof(PolicyOperators.Add), left, right);
            case BoundBinaryKind.SubtractDateDuration or BoundBinaryKind.SubtractDateTimeDuration:
                return Operator(nameof(PolicyOperators.SubtractDuration), left, right);
            case BoundBinaryKind.SubtractNumber or BoundBinaryKind.SubtractDurations or BoundBinaryKind.SubtractDates or BoundBinaryKind.SubtractDateTimes:
                return Operator(nameof(PolicyOperators.Subtract), left, right);
            case BoundBinaryKind.MultiplyNumber or BoundBinaryKind.MultiplyDuration:
                return Operator(nameof(PolicyOperators.Multiply), left, right);
            case BoundBinaryKind.DivideNumber:
                return Operator(nameof(PolicyOperators.Divide), left, right);
            case BoundBinaryKind.RemainderNumber:
                return Operator(nameof(PolicyOperators.Remainder), left, right);
            case BoundBinaryKind.Concat:
                return Operator(nameof(PolicyOperators.Concat), left, right);
            default:
                throw new InvalidOperationException($"unknown operator {binary.Kind}");
        }
    }

    private static ConstantExpression Comparer(PolicyType type, bool ignoreCase) =>
        Expression.Constant(PolicyEquality.Comparer(type, ignoreCase), typeof(IEqualityComparer<>).MakeGenericType(type.ClrType));

    private Expression VisitMatches(BoundMatchesExpression matches, ImmutableDictionary<string, ParameterExpression> variables)
    {
        var input = Visit(matches.Input, variables);
        if (matches.Regex is { } regex) return Function(nameof(PolicyFunctions.Matches), input, Expression.Constant(regex));
        var pattern = Visit(matches.PatternParameter!, variables);

        // A parameter supplied as a constant is compiled now; otherwise once per distinct value at run time.
        if (pattern is ConstantExpression { Value: string text } && PolicyFunctions.TryCreateRegex(text, out var compiled, out _))
            return Function(nameof(PolicyFunctions.Matches), input, Expression.Constant(compiled));
        return Function(nameof(PolicyFunctions.MatchesPattern), input, pattern);
    }

    // ---------------------------------------------------------------- functions

    private Expression VisitCall(BoundCallExpression call, ImmutableDictionary<string, ParameterExpression> variables)
    {
        var args = call.Arguments.Select(a => Visit(a, variables)).ToArray();
        switch (call.Function)
        {
            case BuiltInFunction.DaysSince:
                return Function(nameof(PolicyFunctions.DaysSince), AsDate(args[0]), AsOfDate);
            case BuiltInFunction.DaysBetween:
                return Function(nameof(PolicyFunctions.DaysBetween), AsDate(args[0]), AsDate(args[1]));
            case BuiltInFunction.HoursSince:
                return Function(nameof(PolicyFunctions.HoursSince), AsDateTime(args[0]), AsOfDate);
            case BuiltInFunction.Len:
                return args[0].Type == typeof(string)
                    ? Function(nameof(PolicyFunctions.Len), args[0])
                    : CallGeneric(typeof(PolicyFunctions), nameof(PolicyFunctions.Len), [((PolicyType.ListType)call.Arguments[0].Type).ElementClrType], args[0]);
            case BuiltInFunction.Coalesce:
            {
                var result = args[^1];
                for (var i = args.Length - 2; i >= 0; i--) result = Expression.Coalesce(args[i], result);
                return result;
            }

            default:
                return Function(call.Function.ToString(), args);
        }
    }

    private static Expression AsDate(Expression value) =>
        value.Type == typeof(DateOnly?) ? value : Function(nameof(PolicyFunctions.UtcDate), value);

    private static Expression AsDateTime(Expression value) =>
        value.Type == typeof(DateTimeOffset?) ? value : Operator(nameof(PolicyOperators.ToDateTime), value);

    // ---------------------------------------------------------------- quantifiers and lists

    private Expression VisitQuantifier(BoundQuantifierExpression quantifier, ImmutableDictionary<string, ParameterExpression> variables)
    {
        var elementType = quantifier.VariableType.ClrType;
        if (quantifier.VariableType == PolicyType.Null) elementType = typeof(object);
        var list = CallGeneric(typeof(PolicyFunctions), nameof(PolicyFunctions.OrEmpty), [elementType], Visit(quantifier.List, variables));
        var x = Expression.Parameter(elementType, quantifier.Variable);
        var body = Visit(quantifier.Body, variables.SetItem(quantifier.Variable, x));
        if (quantifier.Kind == QuantifierKind.Sum)
        {
            var selector = Expression.Lambda(typeof(Func<,>).MakeGenericType(elementType, typeof(decimal?)), body, x);
            var values = CallGeneric(typeof(Enumerable), nameof(Enumerable.Select), [elementType, typeof(decimal?)], list, selector);
            return Function(nameof(PolicyFunctions.Sum), values);
        }

        var predicate = Expression.Lambda(typeof(Func<,>).MakeGenericType(elementType, typeof(bool)), IsTrue(body), x);
        switch (quantifier.Kind)
        {
            case QuantifierKind.Exists:
                return AsNullableBool(CallGeneric(typeof(Enumerable), nameof(Enumerable.Any), [elementType], list, predicate));
            case QuantifierKind.All:
                return AsNullableBool(CallGeneric(typeof(Enumerable), nameof(Enumerable.All), [elementType], list, predicate));
            case QuantifierKind.None:
                return AsNullableBool(Expression.Not(CallGeneric(typeof(Enumerable), nameof(Enumerable.Any), [elementType], list, predicate)));
            case QuantifierKind.Count:
                return Expression.Convert(Expression.Convert(CallGeneric(typeof(Enumerable), nameof(Enumerable.Count), [elementType], list, predicate), typeof(decimal)), typeof(decimal?));
            default:
            {
                var filtered = CallGeneric(typeof(Enumerable), nameof(Enumerable.Where), [elementType], list, predicate);
                return CallGeneric(typeof(PolicyFunctions), nameof(PolicyFunctions.ToList), [elementType], filtered);
            }
        }
    }

    private Expression VisitList(BoundListExpression list, ImmutableDictionary<string, ParameterExpression> variables)
    {
        var type = (PolicyType.ListType)list.Type;
        var element = type.ElementClrType;
        if (list.Elements.All(e => e is BoundLiteralExpression))
        {
            var array = Array.CreateInstance(element, list.Elements.Count);
            for (var i = 0; i < array.Length; i++) array.SetValue(((BoundLiteralExpression)list.Elements[i]).Value, i);
            return Expression.Constant(array, type.ClrType);
        }

        var elements = list.Elements.Select(e => Ensure(Visit(e, variables), element));
        return Expression.Convert(Expression.NewArrayInit(element, elements), type.ClrType);
    }
}
