namespace Deeg.Policy.Runtime;

/// <summary>
/// The one fact every session holds besides the model: the evaluation date and the values of
/// all rule-set parameters (by slot). Rules read <c>asOf</c> and <c>params.NAME</c> from it,
/// so one compiled engine serves every date and every parameter override.
/// </summary>
internal sealed class EvaluationContext(DateOnly asOf, object?[] parameters)
{
    /// <summary>The join indexes of the session this context belongs to (set when the session starts).</summary>
    public FactIndex Index { get; set; } = null!;

    /// <summary>The evaluation date.</summary>
    public DateOnly AsOf { get; } = asOf;

    /// <summary>Parameter values in canonical form, by <c>ParameterSymbol.Slot</c>.</summary>
    public object?[] Parameters { get; } = parameters;
}

/// <summary>
/// The value of a <c>let</c> or aggregate alias in the engine's working memory. Values are
/// wrapped so that a null value is still a tuple element; equality is by value so an
/// unchanged binding is recognised as unchanged.
/// </summary>
internal sealed record BoundValue(object? Value);

/// <summary>
/// A rule match, inserted by the rule's action as a linked fact: NRules retracts it when the
/// match no longer holds (truth maintenance), so the findings of a session are always the
/// <see cref="FindingMatch"/> facts in its working memory.
/// </summary>
internal sealed class FindingMatch(int ruleIndex, object?[] values)
{
    /// <summary>The index of the rule in the compiled policy.</summary>
    public int RuleIndex { get; } = ruleIndex;

    /// <summary>The values of the rule's top-level aliases, in rule order (facts and <see cref="BoundValue"/>s).</summary>
    public object?[] Values { get; } = values;
}

/// <summary>The actions of every compiled rule.</summary>
internal static class FindingSink
{
    private const string Key = "finding";

    /// <summary>On activation: insert the linked match.</summary>
    public static void Insert(NRules.RuleModel.IContext context, int ruleIndex, object?[] values) =>
        context.InsertLinked(Key, new FindingMatch(ruleIndex, values));

    /// <summary>On re-activation (a matched fact changed): replace the linked match.</summary>
    public static void Update(NRules.RuleModel.IContext context, int ruleIndex, object?[] values) =>
        context.UpdateLinked(Key, new FindingMatch(ruleIndex, values));
}
