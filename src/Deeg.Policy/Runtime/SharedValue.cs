
namespace Deeg.Policy.Runtime;

/// <summary>
/// The value of an aggregate that does not depend on the facts of its rule (an organisation-wide
/// <c>count</c>, <c>sum</c> or <c>collect</c>), computed by a rule of its own and kept in working
/// memory as a linked fact. The rule that uses it matches it like any fact, so a change of the
/// aggregated facts costs one update of this fact instead of re-joining every later element of
/// the rule (NRules rebuilds an aggregate whenever its left tuple changes).
/// </summary>
/// <remarks>A class with reference identity: NRules finds it by its link, never by equality.</remarks>
internal sealed class SharedValue(string key, object? value)
{
    private const string Link = "shared";

    /// <summary>Which aggregate this is: the rule id and the alias, unique in a compiled policy.</summary>
    public string Key { get; } = key;

    /// <summary>The aggregate's value in canonical form.</summary>
    public object? Value { get; } = value;

    /// <summary>
    /// The action of an aggregate's rule: inserts the value, or replaces it when it changed. An
    /// unchanged value is not updated, so the rules that read it are not re-evaluated at all (a
    /// training whose date moves but that still counts changes nothing downstream). When the
    /// value cannot be computed (a host type's getter throws), the old value is withdrawn, so the
    /// rules reading it do not match — as when a binding fails — and the error is reported.
    /// </summary>
    public static void Publish(NRules.RuleModel.IContext context, string key, Func<object?> compute)
    {
        var current = context.GetLinked(Link) as SharedValue;
        object? value;
        try
        {
            value = compute();
        }
        catch
        {
            if (current is not null) context.RetractLinked(Link, current);
            throw;
        }

        if (current is null) context.InsertLinked(Link, new SharedValue(key, value));
        else if (!Unchanged(current.Value, value)) context.UpdateLinked(Link, new SharedValue(key, value));
    }

    /// <summary>
    /// True when the new value is certainly the same: equal scalars, or lists of equal scalars.
    /// Facts (records of the host or the model) are never taken as unchanged, since a host may
    /// update a fact in place.
    /// </summary>
    internal static bool Unchanged(object? before, object? after) => (before, after) switch
    {
        (null, null) => true,
        (System.Collections.IList a, System.Collections.IList b) => a.Count == b.Count && Enumerable.Range(0, a.Count).All(i => Scalar(a[i]) && Equals(a[i], b[i])),
        _ => Scalar(before) && Equals(before, after),
    };

    private static bool Scalar(object? value) => value is null || ValueBag.Scalar(value);

    public override string ToString() => $"{Key} = {Value}";
}
