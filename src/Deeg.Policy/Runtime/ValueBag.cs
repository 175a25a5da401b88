using NRules.Aggregators;
using NRules.RuleModel;

namespace Deeg.Policy.Runtime;

/// <summary>What a change of a <see cref="ValueBag"/> changed.</summary>
[Flags]
internal enum BagChanges
{
    None = 0,

    /// <summary>The number of facts.</summary>
    Items = 1,

    /// <summary>The set of distinct non-null values.</summary>
    Keys = 2,

    /// <summary>The multiset of non-null values.</summary>
    Values = 4,

    All = Items | Keys | Values,
}

/// <summary>
/// The state of a shared aggregate (<see cref="SharedValue"/>): the value of the aggregate's
/// <c>of</c> expression for each fact (the fact itself without <c>of</c>), and how often each
/// distinct value occurs. Kept up to date fact by fact by <see cref="ValueBagAggregator"/>, so
/// a change can be told apart from a change that matters to the aggregate: a person who leaves
/// changes the count of people, but not the list of departments as long as a colleague stays.
/// </summary>
/// <remarks>
/// Only scalar values (strings, numbers, dates, enums, booleans) are counted; for anything else
/// (facts, lists) every change is taken as a change of everything, since a host may change a
/// fact in place. Reference identity: NRules keeps aggregate results by reference.
/// </remarks>
internal sealed class ValueBag
{
    private readonly Dictionary<IFact, object?> _values = [];

    // The scalar values in the language's order (ValueOrder) with how often each occurs, so that a
    // collected list is read off in order instead of sorted on each change.
    private readonly SortedDictionary<object, int> _counts = new(ValueOrder<object>.Instance);

    /// <summary>The number of facts.</summary>
    public int Count => _values.Count;

    /// <summary>The number of distinct scalar values.</summary>
    public int DistinctCount => _counts.Count;

    /// <summary>The scalar values in order, each once (<paramref name="distinct"/>) or as often as it occurs.</summary>
    public IEnumerable<object> Ordered(bool distinct) =>
        distinct ? _counts.Keys : _counts.SelectMany(pair => Enumerable.Repeat(pair.Key, pair.Value));

    /// <summary>One value per fact (null where <c>of</c> gave null), in no particular order.</summary>
    public IEnumerable<object?> Values => _values.Values;

    /// <summary>The facts, for NRules' bookkeeping of the aggregate's source.</summary>
    public IEnumerable<IFact> Facts => _values.Keys;

    public BagChanges Add(IFact fact, object? value)
    {
        _values.Add(fact, value);
        return BagChanges.Items | Counted(value, +1);
    }

    public BagChanges Remove(IFact fact)
    {
        if (!_values.Remove(fact, out var value)) return BagChanges.None;
        return BagChanges.Items | Counted(value, -1);
    }

    public BagChanges Modify(IFact fact, object? value)
    {
        if (!_values.TryGetValue(fact, out var before)) return Add(fact, value);
        _values[fact] = value;
        if (before is null && value is null) return BagChanges.None;
        if (Scalar(before) && Scalar(value) && Equals(before, value)) return BagChanges.None;
        return Counted(before, -1) | Counted(value, +1);
    }

    /// <summary>Counts a value in or out; what that changed.</summary>
    private BagChanges Counted(object? value, int delta)
    {
        if (value is null) return BagChanges.None;
        if (!Scalar(value)) return BagChanges.All;
        var count = _counts.GetValueOrDefault(value) + delta;
        if (count == 0) _counts.Remove(value);
        else _counts[value] = count;
        return BagChanges.Values | (count == 0 || (count == 1 && delta > 0) ? BagChanges.Keys : BagChanges.None);
    }

    /// <summary>True for the values the bag counts: strings, numbers, dates, enums and booleans.</summary>
    internal static bool Scalar(object? value) => value is string or decimal or bool or DateOnly or Enum;

    /// <summary>True when every value of <paramref name="type"/> (a canonical CLR type) is <see cref="Scalar"/>.</summary>
    internal static bool ScalarType(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(string) || t == typeof(decimal) || t == typeof(bool) || t == typeof(DateOnly) || t.IsEnum);
}

/// <summary>
/// The NRules aggregator of a shared aggregate: folds facts into a <see cref="ValueBag"/> and
/// tells NRules about a change only when it changes what the aggregate depends on (its
/// <see cref="BagChanges"/>), so the rule computing the value does not fire for changes that
/// cannot change it.
/// </summary>
internal sealed class ValueBagAggregator(IAggregateExpression value, BagChanges dependsOn) : IAggregator
{
    private readonly ValueBag _bag = new();
    private bool _created;

    public IReadOnlyCollection<AggregationResult> Add(AggregationContext context, ITuple tuple, IReadOnlyCollection<IFact> facts)
    {
        var changes = BagChanges.None;
        foreach (var fact in facts) changes |= _bag.Add(fact, value.Invoke(context, tuple, fact));
        if (!_created)
        {
            _created = true;
            return [AggregationResult.Added(_bag, _bag.Facts)];
        }

        return Result(changes);
    }

    public IReadOnlyCollection<AggregationResult> Modify(AggregationContext context, ITuple tuple, IReadOnlyCollection<IFact> facts)
    {
        var changes = BagChanges.None;
        foreach (var fact in facts) changes |= _bag.Modify(fact, value.Invoke(context, tuple, fact));
        return Result(changes);
    }

    public IReadOnlyCollection<AggregationResult> Remove(AggregationContext context, ITuple tuple, IReadOnlyCollection<IFact> facts)
    {
        var changes = BagChanges.None;
        foreach (var fact in facts) changes |= _bag.Remove(fact);
        return Result(changes);
    }

    private IReadOnlyCollection<AggregationResult> Result(BagChanges changes) =>
        (changes & dependsOn) != 0 ? [AggregationResult.Modified(_bag, _bag, _bag.Facts)] : [];
}

/// <summary>
/// Creates <see cref="ValueBagAggregator"/>s for NRules (<c>AggregateBuilder.Aggregator</c> with
/// this type as the custom factory). The aggregate's name says what it depends on (a
/// <see cref="BagChanges"/> value); its one expression, <see cref="ValueExpression"/>, gives a
/// fact's value.
/// </summary>
internal sealed class ValueBagAggregatorFactory : IAggregatorFactory
{
    public const string ValueExpression = "Value";

    private BagChanges _dependsOn;
    private IAggregateExpression? _value;

    /// <summary>The aggregate name that makes the factory track <paramref name="dependsOn"/>.</summary>
    public static string Name(BagChanges dependsOn) => $"{nameof(ValueBag)}:{(int)dependsOn}";

    public void Compile(AggregateElement element, IReadOnlyCollection<IAggregateExpression> compiledExpressions)
    {
        _dependsOn = (BagChanges)int.Parse(element.Name[(element.Name.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        _value = compiledExpressions.FindSingle(ValueExpression);
    }

    public IAggregator Create(AggregationContext context) => new ValueBagAggregator(_value!, _dependsOn);
}
