using Deeg.Policy.Model;

namespace Deeg.Policy.Runtime;

/// <summary>
/// The one fact every session holds besides the model: the evaluation date and the values of
/// all rule-set parameters (by slot). Rules read <c>asOf</c> and <c>params.NAME</c> from it,
/// so one compiled engine serves every date and every parameter override. The language of the
/// evaluation and the facts that display names refer to are here too, so that <c>text()</c>,
/// <c>label()</c> and <c>name()</c> read the same in conditions as in messages.
/// </summary>
internal sealed class EvaluationContext(DateOnly asOf, object?[] parameters, string language = "en", IFactLookup? facts = null)
{
    [ThreadStatic]
    private static EvaluationContext? t_current;

    /// <summary>
    /// The context of the session whose NRules operation is running on this thread. Conditions of
    /// a fact pattern read the context from here instead of joining the context fact, so that a
    /// condition over the pattern's own fact, the indexes, <c>asOf</c> and parameters is an alpha
    /// condition: a fact that fails it is not stored for the pattern at all (most role assignments
    /// fail the id lookups of the packs' rules). Set by <see cref="Enter"/> around every NRules call of a session.
    /// </summary>
    public static EvaluationContext Current => t_current ?? throw new InvalidOperationException("no evaluation is running on this thread");

    /// <summary>Makes <paramref name="context"/> the current one on this thread; returns the previous one, for <see cref="Exit"/>.</summary>
    public static EvaluationContext? Enter(EvaluationContext context)
    {
        var previous = t_current;
        t_current = context;
        return previous;
    }

    /// <summary>Restores the context that was current before <see cref="Enter"/>.</summary>
    public static void Exit(EvaluationContext? previous) => t_current = previous;

    /// <summary>The join indexes of the session this context belongs to (set when the session starts).</summary>
    public JoinIndex Index { get; set; } = null!;

    /// <summary>Follows the rules' matches of the session this context belongs to (set when the session starts).</summary>
    public IMatchObserver? Matches { get; set; }

    /// <summary>The evaluation date.</summary>
    public DateOnly AsOf { get; } = asOf;

    /// <summary>Parameter values in canonical form, by <c>ParameterSymbol.Slot</c>.</summary>
    public object?[] Parameters { get; } = parameters;

    /// <summary>The language values render in (<c>en</c>, <c>de</c>, …).</summary>
    public string Language { get; } = language;

    /// <summary>The facts display names refer to (a session sets its live model here).</summary>
    public IFactLookup Facts { get; set; } = facts ?? DisplayNames.NoFacts;
}

/// <summary>
/// The value of a <c>let</c> or aggregate alias in the engine's working memory. Values are
/// wrapped so that a null value is still a tuple element; equality is by value so an
/// unchanged binding is recognised as unchanged.
/// </summary>
internal sealed record BoundValue(object? Value);

/// <summary>A rule match: the rule and the values of its top-level aliases.</summary>
internal sealed class FindingMatch(int ruleIndex, object?[] values)
{
    /// <summary>The index of the rule in the compiled policy.</summary>
    public int RuleIndex { get; } = ruleIndex;

    /// <summary>The values of the rule's top-level aliases, in rule order (facts and <see cref="BoundValue"/>s).</summary>
    public object?[] Values { get; } = values;
}

/// <summary>
/// Receives the matches of a session's rules as NRules fires them. A match is identified by
/// NRules' <see cref="NRules.RuleModel.IMatch"/>, which stays the same object while the match
/// holds: activated once, re-activated when one of its facts changed and it still holds,
/// deactivated when it stops holding (truth maintenance).
/// </summary>
internal interface IMatchObserver
{
    void Activated(NRules.RuleModel.IMatch match, FindingMatch values);

    void Reactivated(NRules.RuleModel.IMatch match, FindingMatch values);

    void Deactivated(NRules.RuleModel.IMatch match);
}

/// <summary>
/// The actions of every compiled rule: they tell the session's <see cref="IMatchObserver"/>.
/// (Not linked facts: those cost NRules a working-memory entry, a map per activation and a pass
/// through the network per finding, for nothing any rule matches.)
/// </summary>
internal static class FindingSink
{
    /// <summary>On activation (<c>ActionTrigger.Activated</c>).</summary>
    public static void Activated(NRules.RuleModel.IContext context, EvaluationContext evaluation, int ruleIndex, object?[] values) =>
        evaluation.Matches?.Activated(context.Match, new FindingMatch(ruleIndex, values));

    /// <summary>On re-activation: a matched fact changed and the match still holds (<c>ActionTrigger.Reactivated</c>).</summary>
    public static void Reactivated(NRules.RuleModel.IContext context, EvaluationContext evaluation, int ruleIndex, object?[] values) =>
        evaluation.Matches?.Reactivated(context.Match, new FindingMatch(ruleIndex, values));

    /// <summary>When a match that fired no longer holds (<c>ActionTrigger.Deactivated</c>).</summary>
    public static void Deactivated(NRules.RuleModel.IContext context, EvaluationContext evaluation) =>
        evaluation.Matches?.Deactivated(context.Match);
}
