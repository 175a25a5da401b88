using System.Linq.Expressions;
using Deeg.Policy.Core;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Runtime;
using static Deeg.Policy.Language.Binding.Functions.ExpressionTrees;
using Variables = System.Collections.Immutable.ImmutableDictionary<string, System.Linq.Expressions.ParameterExpression>;

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

    /// <summary>The evaluation's language, of CLR type <see cref="string"/>.</summary>
    Expression Language { get; }

    /// <summary>The facts display names refer to, of CLR type <see cref="Model.IFactLookup"/>.</summary>
    Expression Facts { get; }
}

/// <summary>
/// Lowers bound expressions to <see cref="System.Linq.Expressions"/> trees that NRules can
/// compile: no blocks, assignments or loops. Null semantics and decimal arithmetic live in
/// <see cref="PolicyOperators"/> and <see cref="PolicyFunctions"/>; calls and quantifiers are
/// lowered by their entry in <see cref="BuiltInFunctions"/> (quantifiers become
/// <see cref="Enumerable"/> calls with inner lambdas); member access is null-safe through
/// conditional expressions and converts model property values to canonical values.
/// </summary>
internal sealed class ExpressionLowerer : BoundTreeVisitor<Variables, Expression>
{
    private readonly ILoweringEnvironment _env;

    private ExpressionLowerer(ILoweringEnvironment env) => _env = env;

    /// <summary>The expression's value, of CLR type <c>e.Type.ClrType</c>.</summary>
    public static Expression Lower(BoundExpression e, ILoweringEnvironment env) =>
        new ExpressionLowerer(env).Visit(e, Variables.Empty);

    /// <summary>The expression as a CLR <c>bool</c>: true only when the value is true (null is false).</summary>
    public static Expression LowerCondition(BoundExpression e, ILoweringEnvironment env) => IsTrue(Lower(e, env));

    /// <summary>The expression's value boxed as <see cref="object"/> (null stays null).</summary>
    public static Expression LowerBoxed(BoundExpression e, ILoweringEnvironment env)
    {
        var value = Lower(e, env);
        return value.Type == typeof(object) ? value : Expression.Convert(value, typeof(object));
    }

    private static Expression AsNullableBool(Expression value) => Ensure(value, typeof(bool?));

    private Expression AsOfDate => Ensure(_env.AsOf, typeof(DateOnly));

    /// <summary>The node's value, of CLR type <c>node.Type.ClrType</c>.</summary>
    public override Expression Visit(BoundExpression node, Variables variables) => Ensure(base.Visit(node, variables), node.Type.ClrType);

    public override Expression VisitLiteral(BoundLiteralExpression node, Variables variables) => Expression.Constant(node.Value, node.Type.ClrType);

    public override Expression VisitAlias(BoundAliasExpression node, Variables variables) => Ensure(_env.Alias(node.Name), node.Type.ClrType);

    public override Expression VisitVariable(BoundVariableExpression node, Variables variables) => variables[node.Name];

    public override Expression VisitAsOf(BoundAsOfExpression node, Variables variables) => Expression.Convert(AsOfDate, typeof(DateOnly?));

    public override Expression VisitParameter(BoundParameterExpression node, Variables variables) => Ensure(_env.Parameter(node.Name), node.Type.ClrType);

    public override Expression VisitError(BoundErrorExpression node, Variables variables) =>
        throw new InvalidOperationException("cannot lower an expression with errors");

    // ---------------------------------------------------------------- members

    public override Expression VisitMember(BoundMemberExpression member, Variables variables)
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
                    return Generic(typeof(PolicyFunctions), nameof(PolicyFunctions.AsList), [targetElement], enumerable);
                var x = Expression.Parameter(sourceElement, "element");
                var map = Expression.Lambda(Canonical(x, sourceElement, list.Element), x);
                return Generic(typeof(PolicyFunctions), nameof(PolicyFunctions.CanonicalList), [sourceElement, targetElement], enumerable, map);
            }

            default:
                return Expression.Convert(value, target);
        }
    }

    // ---------------------------------------------------------------- conversions and operators

    public override Expression VisitConversion(BoundConversionExpression conversion, Variables variables)
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
                return Generic(typeof(PolicyOperators), nameof(PolicyOperators.EnumName), [enumType], Visit(conversion.Operand, variables));
            }

            case ConversionKind.EnumListToStringList:
            {
                var enumType = ((PolicyType.EnumType)((PolicyType.ListType)conversion.Operand.Type).Element).EnumClrType;
                return Generic(typeof(PolicyOperators), nameof(PolicyOperators.EnumNameList), [enumType], Visit(conversion.Operand, variables));
            }

            default:
            {
                var element = ((PolicyType.ListType)conversion.Type).ElementClrType;
                var operand = Ensure(Visit(conversion.Operand, variables), typeof(IReadOnlyList<object?>));
                return Generic(typeof(PolicyOperators), nameof(PolicyOperators.NullList), [element], operand);
            }
        }
    }

    public override Expression VisitUnary(BoundUnaryExpression unary, Variables variables)
    {
        var operand = Visit(unary.Operand, variables);
        return unary.Kind switch
        {
            BoundUnaryKind.Not => AsNullableBool(Expression.Not(IsTrue(operand))),
            _ => Operator(nameof(PolicyOperators.Negate), operand),
        };
    }

    public override Expression VisitBinary(BoundBinaryExpression binary, Variables variables)
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
                return Generic(typeof(PolicyOperators), name, [left.Type], left, right, comparer);
            }

            case BoundBinaryKind.Less or BoundBinaryKind.LessOrEqual or BoundBinaryKind.Greater or BoundBinaryKind.GreaterOrEqual:
            {
                var name = binary.Kind.ToString();
                if (left.Type == typeof(string)) return Operator(name, left, right);
                return Generic(typeof(PolicyOperators), name, [Nullable.GetUnderlyingType(left.Type)!], left, right);
            }

            case BoundBinaryKind.In or BoundBinaryKind.NotIn or BoundBinaryKind.ListContains:
            {
                var (value, list, valueType) = binary.Kind == BoundBinaryKind.ListContains
                    ? (right, left, binary.Right.Type)
                    : (left, right, binary.Left.Type);
                var name = binary.Kind == BoundBinaryKind.NotIn ? nameof(PolicyOperators.NotIn) : nameof(PolicyOperators.In);
                return Generic(typeof(PolicyOperators), name, [value.Type], value, list, Comparer(valueType, binary.IgnoreCase));
            }

            case BoundBinaryKind.Coalesce:
                return Expression.Coalesce(left, right);
            default:
                return Operator(OperatorMethod(binary.Kind), left, right);
        }
    }

    /// <summary>The <see cref="PolicyOperators"/> method of a string test or an arithmetic operator.</summary>
    private static string OperatorMethod(BoundBinaryKind kind) => kind switch
    {
        BoundBinaryKind.StringContains => nameof(PolicyOperators.StringContains),
        BoundBinaryKind.StartsWith => nameof(PolicyOperators.StartsWith),
        BoundBinaryKind.EndsWith => nameof(PolicyOperators.EndsWith),
        BoundBinaryKind.AddNumber or BoundBinaryKind.AddDurations => nameof(PolicyOperators.Add),
        BoundBinaryKind.AddDateDuration or BoundBinaryKind.AddDateTimeDuration => nameof(PolicyOperators.AddDuration),
        BoundBinaryKind.SubtractDateDuration or BoundBinaryKind.SubtractDateTimeDuration => nameof(PolicyOperators.SubtractDuration),
        BoundBinaryKind.SubtractNumber or BoundBinaryKind.SubtractDurations or BoundBinaryKind.SubtractDates or BoundBinaryKind.SubtractDateTimes => nameof(PolicyOperators.Subtract),
        BoundBinaryKind.MultiplyNumber or BoundBinaryKind.MultiplyDuration => nameof(PolicyOperators.Multiply),
        BoundBinaryKind.DivideNumber => nameof(PolicyOperators.Divide),
        BoundBinaryKind.RemainderNumber => nameof(PolicyOperators.Remainder),
        BoundBinaryKind.Concat => nameof(PolicyOperators.Concat),
        _ => throw new InvalidOperationException($"unknown operator {kind}"),
    };

    private static ConstantExpression Comparer(PolicyType type, bool ignoreCase) =>
        Expression.Constant(PolicyEquality.Comparer(type, ignoreCase), typeof(IEqualityComparer<>).MakeGenericType(type.ClrType));

    public override Expression VisitMatches(BoundMatchesExpression matches, Variables variables)
    {
        var input = Visit(matches.Input, variables);
        if (matches.Regex is { } regex) return Function(nameof(PolicyFunctions.Matches), input, Expression.Constant(regex));
        var pattern = Visit(matches.PatternParameter!, variables);

        // A parameter supplied as a constant is compiled now; otherwise once per distinct value at run time.
        if (pattern is ConstantExpression { Value: string text } && PolicyFunctions.TryCreateRegex(text, out var compiled, out _))
            return Function(nameof(PolicyFunctions.Matches), input, Expression.Constant(compiled));
        return Function(nameof(PolicyFunctions.MatchesPattern), input, pattern);
    }

    // ---------------------------------------------------------------- functions, quantifiers and lists

    public override Expression VisitCall(BoundCallExpression call, Variables variables)
    {
        var arguments = call.Arguments.Select(a => Visit(a, variables)).ToArray();
        return call.Function.Lower(new LoweredCall(call.Arguments, arguments, () => AsOfDate, () => _env.Language, () => _env.Facts));
    }

    public override Expression VisitQuantifier(BoundQuantifierExpression quantifier, Variables variables)
    {
        var elementType = quantifier.VariableType.ClrType;
        if (quantifier.VariableType == PolicyType.Null) elementType = typeof(object);
        var list = Generic(typeof(PolicyFunctions), nameof(PolicyFunctions.OrEmpty), [elementType], Visit(quantifier.List, variables));
        var x = Expression.Parameter(elementType, quantifier.Variable);
        var body = Visit(quantifier.Body, variables.SetItem(quantifier.Variable, x));
        return quantifier.Function.Lower(new LoweredQuantifier(elementType, list, x, body));
    }

    public override Expression VisitList(BoundListExpression list, Variables variables)
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
