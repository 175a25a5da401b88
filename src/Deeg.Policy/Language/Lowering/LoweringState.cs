using Deeg.Policy.Language.Binding;
using NRules.RuleModel;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// What the pieces of one rule's lowering share: the rule, its parameters, the index catalog
/// (null when indexed joins are off), the aliases declared so far, and what the rule's shared
/// aggregates have produced.
/// </summary>
internal sealed class LoweringState(string ruleId, IReadOnlyDictionary<string, ParameterSymbol> parameters, IndexCatalog? indexes,
    List<IRuleDefinition> aggregateRules, Dictionary<string, BoundAggregate> sharedCollects)
{
    private int _synthetic;

    public string RuleId => ruleId;

    public IReadOnlyDictionary<string, ParameterSymbol> Parameters => parameters;

    /// <summary>The join indexes; null when every join and aggregate is left to NRules.</summary>
    public IndexCatalog? Indexes => indexes;

    /// <summary>The rules of the rule's shared aggregates (<see cref="SharedAggregateLowering"/>).</summary>
    public List<IRuleDefinition> AggregateRules => aggregateRules;

    /// <summary>
    /// Shared aggregates that collect a plain member of their facts with no other dependency
    /// (<c>collect Training t where … of t.person</c>), by alias: a membership test <c>e in alias</c>
    /// can look the key up in an index instead of reading the list (<see cref="MembershipLowering"/>).
    /// </summary>
    public Dictionary<string, BoundAggregate> SharedCollects => sharedCollects;

    /// <summary>The aliases declared so far and visible here.</summary>
    public Dictionary<string, AliasSymbol> Declared { get; } = new(StringComparer.Ordinal);

    /// <summary>A number for a synthetic name (tests, guards, shared keys).</summary>
    public int NextSynthetic() => ++_synthetic;

    /// <summary>An environment for one expression over the aliases declared so far.</summary>
    public LoweringEnvironment Environment(bool ambientContext = false) => new(Declared, parameters, ambientContext);

    /// <summary>The state of a rule of its own for one of this rule's shared aggregates: no aliases declared yet.</summary>
    public LoweringState ForAggregateRule() => new(ruleId, parameters, indexes, aggregateRules, sharedCollects);

    /// <summary>Runs <paramref name="lower"/> and forgets the aliases it declared afterwards (they are not visible outside).</summary>
    public void WithNestedScope(Action lower)
    {
        var before = Declared.Keys.ToHashSet(StringComparer.Ordinal);
        lower();
        foreach (var name in Declared.Keys.Where(n => !before.Contains(n)).ToList()) Declared.Remove(name);
    }
}
