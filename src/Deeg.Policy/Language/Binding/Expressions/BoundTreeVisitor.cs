namespace Deeg.Policy.Language.Binding.Expressions;

/// <summary>
/// A visitor of bound expressions that passes an argument down the tree (the quantifier variables
/// in scope, say). Every node dispatches through its <see cref="BoundExpression.Accept{TArgument, TResult}"/>
/// to the one method of its kind, and every kind but the error node is abstract here, so a new kind
/// of node does not compile until each visitor says what it means. The visitors: the lowering, the
/// reference evaluator and the linter's canonical form. For a walk over all nodes, use
/// <see cref="BoundExpression.DescendantsAndSelf"/>.
/// </summary>
internal abstract class BoundTreeVisitor<TArgument, TResult>
{
    /// <summary>Dispatches <paramref name="node"/> to the method of its kind.</summary>
    public virtual TResult Visit(BoundExpression node, TArgument argument) => node.Accept(this, argument);

    // Names and constants.
    public abstract TResult VisitLiteral(BoundLiteralExpression node, TArgument argument);

    public abstract TResult VisitAlias(BoundAliasExpression node, TArgument argument);

    public abstract TResult VisitVariable(BoundVariableExpression node, TArgument argument);

    public abstract TResult VisitAsOf(BoundAsOfExpression node, TArgument argument);

    public abstract TResult VisitParameter(BoundParameterExpression node, TArgument argument);

    /// <summary>An expression with errors has no meaning; a bound rule that loaded has none.</summary>
    public virtual TResult VisitError(BoundErrorExpression node, TArgument argument) =>
        throw new InvalidOperationException("an expression with errors has no meaning");

    // Member access, conversions and operators.
    public abstract TResult VisitMember(BoundMemberExpression node, TArgument argument);

    public abstract TResult VisitConversion(BoundConversionExpression node, TArgument argument);

    public abstract TResult VisitUnary(BoundUnaryExpression node, TArgument argument);

    public abstract TResult VisitBinary(BoundBinaryExpression node, TArgument argument);

    public abstract TResult VisitMatches(BoundMatchesExpression node, TArgument argument);

    // Functions and lists.
    public abstract TResult VisitCall(BoundCallExpression node, TArgument argument);

    public abstract TResult VisitQuantifier(BoundQuantifierExpression node, TArgument argument);

    public abstract TResult VisitList(BoundListExpression node, TArgument argument);
}
