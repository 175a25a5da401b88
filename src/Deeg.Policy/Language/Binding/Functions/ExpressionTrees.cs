using System.Linq.Expressions;
using Deeg.Policy.Runtime;

namespace Deeg.Policy.Language.Binding.Functions;

/// <summary>The pieces of expression trees that the function table and the lowering both build.</summary>
internal static class ExpressionTrees
{
    private static readonly ConstantExpression True = Expression.Constant(true, typeof(bool?));

    /// <summary>A CLR <c>bool</c> that is true only when <paramref name="value"/> is true (null is false).</summary>
    public static Expression IsTrue(Expression value)
    {
        if (value.Type == typeof(bool)) return value;
        if (value.Type == typeof(bool?)) return Expression.Equal(value, True);
        return Expression.Constant(false);
    }

    /// <summary><paramref name="value"/> converted to <paramref name="type"/> unless it has that type.</summary>
    public static Expression Ensure(Expression value, Type type) => value.Type == type ? value : Expression.Convert(value, type);

    /// <summary>A call of <see cref="PolicyFunctions"/>.<paramref name="name"/>.</summary>
    public static Expression Function(string name, params Expression[] arguments) => Expression.Call(typeof(PolicyFunctions), name, null, arguments);

    /// <summary>A call of <see cref="PolicyOperators"/>.<paramref name="name"/>.</summary>
    public static Expression Operator(string name, params Expression[] arguments) => Expression.Call(typeof(PolicyOperators), name, null, arguments);

    /// <summary>A call of the generic static method <paramref name="owner"/>.<paramref name="name"/>.</summary>
    public static Expression Generic(Type owner, string name, Type[] typeArguments, params Expression[] arguments) =>
        Expression.Call(owner, name, typeArguments, arguments);
}
