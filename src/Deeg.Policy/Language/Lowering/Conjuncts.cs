using Deeg.Policy.Language.Binding.Expressions;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// Splits a condition at its top-level <c>and</c>s. NRules shares a fact-local condition as an
/// alpha node only when it is a condition of its own, and joins test only the conditions that
/// mention other facts; so <c>c.scope == 'external' and r.channel == c.id</c> must become two
/// conditions. Exact, because <c>and</c> treats null as false: the conjunction holds iff every
/// conjunct is true.
/// </summary>
internal static class Conjuncts
{
    public static IEnumerable<BoundExpression> Split(BoundExpression condition)
    {
        if (condition is BoundBinaryExpression { Kind: BoundBinaryKind.And } and)
        {
            foreach (var left in Split(and.Left)) yield return left;
            foreach (var right in Split(and.Right)) yield return right;
        }
        else
        {
            yield return condition;
        }
    }
}
