using System.Linq.Expressions;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Runtime;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using static Deeg.Policy.Language.Lowering.AliasDeclarations;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// Lowers a bound rule to an NRules rule definition with <c>NRules.RuleModel</c> builders:
/// <list type="bullet">
/// <item>a first pattern binds the <see cref="EvaluationContext"/> (asOf, parameters);</item>
/// <item>each fact pattern becomes a pattern with one condition per conjunct (<see cref="PatternLowering"/>);
/// with indexes, a keyed pattern becomes an index lookup (<see cref="KeyedLookupLowering"/>) and a
/// membership test in a shared <c>collect</c> a lookup too (<see cref="MembershipLowering"/>);</item>
/// <item><c>not</c>/<c>exists</c>/<c>anyOf</c> become NRules not/exists/or groups, <c>forAll</c>
/// becomes "not (source and not require)";</item>
/// <item>aggregates become an NRules <c>Collect</c> over the (possibly correlated) source plus a
/// binding that folds the collection (<see cref="AggregateLowering"/>) — or, when the source reads
/// no fact of the rule, a rule of their own that keeps the value as a <see cref="SharedValue"/>
/// fact, which this rule matches (<see cref="SharedAggregateLowering"/>);
/// a <c>group</c> becomes NRules' <c>GroupBy</c> plus a binding of each group (<see cref="GroupLowering"/>);
/// <c>let</c> becomes a binding; <c>test</c> becomes a condition on the latest pattern of its group;</item>
/// <item>the actions tell the session's <see cref="IMatchObserver"/> when a match starts to hold,
/// changes and stops holding (<see cref="FindingSink"/>).</item>
/// </list>
/// The pieces share one <see cref="LoweringState"/>. The conditions are plain expression trees
/// without blocks (NRules compares them to share nodes, and its comparer knows no blocks),
/// compiled by the rule compiler's expression compiler.
/// </summary>
internal sealed class RuleLowerer
{
    private RuleLowerer(LoweringState state)
    {
        State = state;
        Patterns = new PatternLowering(this);
        Lookups = new KeyedLookupLowering(this);
        Memberships = new MembershipLowering(this);
        Aggregates = new AggregateLowering(this);
        SharedAggregates = new SharedAggregateLowering(this);
        Groups = new GroupLowering(this);
    }

    public LoweringState State { get; }

    public PatternLowering Patterns { get; }

    public KeyedLookupLowering Lookups { get; }

    public MembershipLowering Memberships { get; }

    public AggregateLowering Aggregates { get; }

    public SharedAggregateLowering SharedAggregates { get; }

    public GroupLowering Groups { get; }

    /// <summary>
    /// Lowers <paramref name="rule"/>; <paramref name="ruleIndex"/> identifies it in <see cref="FindingMatch"/>es.
    /// With <paramref name="indexes"/>, keyed joins become index lookups (<see cref="KeyedJoin"/>) and
    /// aggregates that read no fact of the rule become rules of their own (<see cref="SharedValue"/>);
    /// without, every join and aggregate is left to NRules' own matching. The result is the rule's
    /// definition first, then those of its aggregate rules (named like the rule, so that an
    /// evaluation error is reported under the rule's id).
    /// </summary>
    public static IReadOnlyList<IRuleDefinition> Lower(BoundRule rule, int ruleIndex, IReadOnlyDictionary<string, ParameterSymbol> parameters, IndexCatalog? indexes = null)
    {
        var aggregateRules = new List<IRuleDefinition>();
        var lowerer = new RuleLowerer(new LoweringState(rule.Info.Id, parameters, indexes, aggregateRules, new(StringComparer.Ordinal)));
        var builder = new RuleBuilder();
        builder.Name(rule.Info.Id);
        builder.Description(rule.Info.Title.Get("en"));
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(EvaluationContext), ContextName);
        lowerer.LowerElements(rule.When, lhs);

        // Actions: tell the session's observer of the match when it starts to hold, changes and stops holding.
        var context = Expression.Parameter(typeof(IContext), "ctx");
        var evaluation = Expression.Parameter(typeof(EvaluationContext), ContextName);
        var declared = rule.TopLevelAliases.Select(a => lowerer.State.Declared[a.Name]).ToList();
        var aliasParameters = declared.Select(a => Expression.Parameter(DeclarationType(a), a.Name)).ToList();

        // Facts found by a lookup are passed as the facts themselves, shared aggregates as BoundValues.
        var values = Expression.NewArrayInit(typeof(object), declared.Select((a, i) => Expression.Convert(
            a.Indirect ? ReadAlias(a, aliasParameters[i])
            : a.SharedKey is not null ? Expression.New(BoundValueConstructor, Expression.Property(aliasParameters[i], SharedValueValue))
            : aliasParameters[i],
            typeof(object))));
        foreach (var (method, trigger) in new[] { (nameof(FindingSink.Activated), ActionTrigger.Activated), (nameof(FindingSink.Reactivated), ActionTrigger.Reactivated) })
        {
            var call = Expression.Call(typeof(FindingSink).GetMethod(method)!, context, evaluation, Expression.Constant(ruleIndex), values);
            builder.RightHandSide().Action(Expression.Lambda(call, [context, evaluation, .. aliasParameters]), trigger);
        }

        var deactivated = Expression.Call(typeof(FindingSink).GetMethod(nameof(FindingSink.Deactivated))!, context, evaluation);
        builder.RightHandSide().Action(Expression.Lambda(deactivated, context, evaluation), ActionTrigger.Deactivated);

        return [builder.Build(), .. aggregateRules];
    }

    /// <summary>The lowering of a rule of its own for one of this rule's shared aggregates.</summary>
    public RuleLowerer ForAggregateRule() => new(State.ForAggregateRule());

    private void LowerElements(IReadOnlyList<BoundElement> elements, GroupBuilder group)
    {
        // The latest pattern of this group: tests and lookups attach to it as conditions.
        (PatternBuilder Builder, AliasSymbol Alias)? last = null;
        foreach (var element in elements)
        {
            switch (element)
            {
                case BoundPattern pattern when KeyedJoin.Find(pattern, State.Declared, State.Indexes, uniqueOnly: true) is { } lookup:
                    last = Lookups.BindById(group, last, pattern, lookup);
                    break;

                case BoundPattern pattern:
                    last = (Patterns.LowerPattern(group.Pattern(pattern.Type.ClrType, pattern.Alias.Name), pattern), pattern.Alias);
                    break;

                case BoundNot { Elements: [BoundPattern inner] } when KeyedJoin.Find(inner, State.Declared, State.Indexes) is { } lookup:
                    last = Patterns.AddToLatest(group, last, env => Expression.Not(Lookups.Any(inner, lookup, env)));
                    break;

                case BoundExists { Elements: [BoundPattern inner] } when KeyedJoin.Find(inner, State.Declared, State.Indexes) is { } lookup:
                    last = Patterns.AddToLatest(group, last, env => Lookups.Any(inner, lookup, env));
                    break;

                case BoundNot not:
                    State.WithNestedScope(() => LowerElements(not.Elements, group.Not().Group(GroupType.And)));
                    break;

                case BoundExists exists:
                    State.WithNestedScope(() => LowerElements(exists.Elements, group.Exists().Group(GroupType.And)));
                    break;

                case BoundAnyOf anyOf:
                    var or = group.Group(GroupType.Or);
                    foreach (var branch in anyOf.Branches) State.WithNestedScope(() => LowerElements(branch, or.Group(GroupType.And)));
                    break;

                case BoundForAll forAll when KeyedJoin.Find(forAll.Source, State.Declared, State.Indexes) is { } lookup:
                    last = Patterns.AddToLatest(group, last, env => Lookups.All(forAll, lookup, env));
                    break;

                case BoundForAll forAll:
                    // forAll(source, require) ≡ not (source and not require)
                    State.WithNestedScope(() =>
                    {
                        var inner = group.Not().Group(GroupType.And);
                        var pattern = Patterns.LowerPattern(inner.Pattern(forAll.Source.Type.ClrType, forAll.Source.Alias.Name), forAll.Source);
                        Patterns.AddCondition(pattern, forAll.Source.Alias, env => Expression.Not(ExpressionLowerer.LowerCondition(forAll.Require, env)));
                    });
                    break;

                case BoundAggregate aggregate when SharedAggregates.Dependencies(aggregate) is { } dependencies:
                    last = (SharedAggregates.Lower(group, aggregate, dependencies), aggregate.Alias);
                    break;

                case BoundAggregate aggregate:
                    last = (Aggregates.Lower(group, aggregate), aggregate.Alias);
                    break;

                case BoundGroup boundGroup:
                    last = (Groups.Lower(group, boundGroup), boundGroup.Alias);
                    break;

                case BoundLet let:
                    last = (Patterns.Bind(group, let.Alias, env => Expression.Convert(ExpressionLowerer.Lower(let.Value, env), typeof(object))), let.Alias);
                    break;

                case BoundTest test:
                    last = Patterns.AddToLatest(group, last, env => ExpressionLowerer.LowerCondition(test.Condition, env));
                    break;
            }
        }
    }
}
