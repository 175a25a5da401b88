using System.Linq.Expressions;
using System.Reflection;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Runtime;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// Lowers a bound rule to an NRules rule definition with <c>NRules.RuleModel</c> builders:
/// <list type="bullet">
/// <item>a first pattern binds the <see cref="EvaluationContext"/> (asOf, parameters);</item>
/// <item>each fact pattern becomes a pattern with one condition per conjunct, so that
/// fact-local conjuncts become shared alpha nodes and only cross-fact conjuncts become joins;</item>
/// <item><c>not</c>/<c>exists</c>/<c>anyOf</c> become NRules not/exists/or groups, <c>forAll</c>
/// becomes "not (source and not require)";</item>
/// <item>aggregates become an NRules <c>Collect</c> over the (possibly correlated) source plus a
/// binding that folds the collection — or, when the source reads no fact of the rule, a rule of
/// their own that keeps the value as a <see cref="SharedValue"/> fact, which this rule matches;
/// <c>let</c> becomes a binding; <c>test</c> becomes a condition on the latest pattern of its group;</item>
/// <item>the actions tell the session's <see cref="IMatchObserver"/> when a match starts to hold,
/// changes and stops holding (<see cref="FindingSink"/>).</item>
/// </list>
/// The conditions are plain expression trees without blocks (NRules compares them to share
/// nodes, and its comparer knows no blocks), compiled by the rule compiler's expression compiler.
/// </summary>
internal sealed class RuleLowerer
{
    /// <summary>The declaration name of the evaluation context in every rule.</summary>
    public const string ContextName = "__ctx";

    private static readonly ConstructorInfo BoundValueConstructor = typeof(BoundValue).GetConstructor([typeof(object)])!;
    private static readonly PropertyInfo BoundValueValue = typeof(BoundValue).GetProperty(nameof(BoundValue.Value))!;

    /// <summary>Aggregate rules fire before the rules that read their values, so those see final values first.</summary>
    private const int SharedAggregatePriority = 1_000;

    private static readonly PropertyInfo SharedValueValue = typeof(SharedValue).GetProperty(nameof(SharedValue.Value))!;

    private readonly string _ruleId;
    private readonly IReadOnlyDictionary<string, ParameterSymbol> _parameters;
    private readonly IndexCatalog? _indexes;
    private readonly List<IRuleDefinition> _aggregateRules;

    // Shared aggregates that collect a plain member of their facts with no other dependency
    // (`collect Training t where … of t.person`): a membership test `e in alias` can look the key
    // up in an index instead of reading the list (see Membership).
    private readonly Dictionary<string, BoundAggregate> _sharedCollects;
    private readonly Dictionary<string, AliasSymbol> _declared = new(StringComparer.Ordinal);

    // Binding patterns (lookups, aggregates, lets) and the group they are in. NRules builds a
    // pattern over a binding that has conditions as a subnet joined back with every partial match
    // (ReteBuilder.VisitPattern → BuildSubnet + JoinNode(HasSubnet)), and a change of one binding
    // then re-joins all partial matches of the rule (BinaryBetaNode.JoinedSets). So conditions on a
    // binding go on a guard instead: a pattern of the single EvaluationContext fact right after it.
    private readonly Dictionary<PatternBuilder, GroupBuilder> _bindingGroups = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PatternBuilder, (PatternBuilder Guard, string Name)> _guards = new(ReferenceEqualityComparer.Instance);

    // Id lookup bindings → where their conditions are checked (Found) and what they look up.
    private readonly Dictionary<PatternBuilder, ((PatternBuilder Builder, AliasSymbol Alias) Target, BoundPattern Pattern, KeyedJoin Lookup)> _lookupFilters = new(ReferenceEqualityComparer.Instance);
    private int _synthetic;

    private RuleLowerer(string ruleId, IReadOnlyDictionary<string, ParameterSymbol> parameters, IndexCatalog? indexes, List<IRuleDefinition> aggregateRules,
        Dictionary<string, BoundAggregate>? sharedCollects = null)
    {
        _ruleId = ruleId;
        _parameters = parameters;
        _indexes = indexes;
        _aggregateRules = aggregateRules;
        _sharedCollects = sharedCollects ?? new(StringComparer.Ordinal);
    }

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
        var lowerer = new RuleLowerer(rule.Info.Id, parameters, indexes, aggregateRules);
        var builder = new RuleBuilder();
        builder.Name(rule.Info.Id);
        builder.Description(rule.Info.Title.Get("en"));
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(EvaluationContext), ContextName);
        lowerer.LowerElements(rule.When, lhs);

        // Actions: tell the session's observer of the match when it starts to hold, changes and stops holding.
        var context = Expression.Parameter(typeof(IContext), "ctx");
        var evaluation = Expression.Parameter(typeof(EvaluationContext), ContextName);
        var declared = rule.TopLevelAliases.Select(a => lowerer._declared[a.Name]).ToList();
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

    /// <summary>The CLR type of an alias's NRules declaration.</summary>
    public static Type DeclarationType(AliasSymbol alias) =>
        alias.SharedKey is not null ? typeof(SharedValue)
        : alias.Kind == AliasKind.Fact && !alias.Indirect ? alias.Fact!.ClrType
        : typeof(BoundValue);

    /// <summary>
    /// An expression reading alias <paramref name="alias"/> from its declaration parameter, in the
    /// alias's canonical type (value aliases are unwrapped from <see cref="BoundValue"/>).
    /// </summary>
    public static Expression ReadAlias(AliasSymbol alias, Expression declaration) =>
        alias.SharedKey is not null ? Expression.Convert(Expression.Property(declaration, SharedValueValue), alias.Type.ClrType)
        : alias.Kind == AliasKind.Fact && !alias.Indirect ? declaration
        : Expression.Convert(Expression.Property(declaration, BoundValueValue), alias.Type.ClrType);

    private void LowerElements(IReadOnlyList<BoundElement> elements, GroupBuilder group)
    {
        // The latest pattern of this group: tests and lookups attach to it as conditions.
        (PatternBuilder Builder, AliasSymbol Alias)? last = null;
        foreach (var element in elements)
        {
            switch (element)
            {
                case BoundPattern pattern when KeyedJoin.Find(pattern, _declared, _indexes, uniqueOnly: true) is { } lookup:
                    // Filter first, where the key comes from: only the matches that find a fact get a binding.
                    var target = AddLookupCondition(group, last, env => Found(pattern, lookup, env));
                    var binding = BindLookup(group, pattern, lookup);
                    _lookupFilters[binding] = (target, pattern, lookup);
                    last = (binding, _declared[pattern.Alias.Name]);
                    break;

                case BoundPattern pattern:
                    last = (LowerPattern(group.Pattern(pattern.Type.ClrType, pattern.Alias.Name), pattern), pattern.Alias);
                    break;

                case BoundNot { Elements: [BoundPattern inner] } not when KeyedJoin.Find(inner, _declared, _indexes) is { } lookup:
                    last = AddLookupCondition(group, last, env => Expression.Not(Any(inner, lookup, env)));
                    break;

                case BoundExists { Elements: [BoundPattern inner] } when KeyedJoin.Find(inner, _declared, _indexes) is { } lookup:
                    last = AddLookupCondition(group, last, env => Any(inner, lookup, env));
                    break;

                case BoundNot not:
                    WithNestedScope(() => LowerElements(not.Elements, group.Not().Group(GroupType.And)));
                    break;

                case BoundExists exists:
                    WithNestedScope(() => LowerElements(exists.Elements, group.Exists().Group(GroupType.And)));
                    break;

                case BoundAnyOf anyOf:
                    var or = group.Group(GroupType.Or);
                    foreach (var branch in anyOf.Branches) WithNestedScope(() => LowerElements(branch, or.Group(GroupType.And)));
                    break;

                case BoundForAll forAll when KeyedJoin.Find(forAll.Source, _declared, _indexes) is { } lookup:
                    last = AddLookupCondition(group, last, env =>
                    {
                        var (items, item) = Matching(forAll.Source, lookup, env);
                        var require = Expression.Lambda(ExpressionLowerer.LowerCondition(forAll.Require, env.WithOverride(forAll.Source.Alias.Name, item)), item);
                        return Expression.Call(typeof(Enumerable), nameof(Enumerable.All), [forAll.Source.Type.ClrType], items, require);
                    });
                    break;

                case BoundForAll forAll:
                    // forAll(source, require) ≡ not (source and not require)
                    WithNestedScope(() =>
                    {
                        var inner = group.Not().Group(GroupType.And);
                        var pattern = LowerPattern(inner.Pattern(forAll.Source.Type.ClrType, forAll.Source.Alias.Name), forAll.Source);
                        AddCondition(pattern, forAll.Source.Alias, env => Expression.Not(ExpressionLowerer.LowerCondition(forAll.Require, env)));
                    });
                    break;

                case BoundAggregate aggregate when SharedDependencies(aggregate) is { } dependencies:
                    last = (LowerSharedAggregate(group, aggregate, dependencies), aggregate.Alias);
                    break;

                case BoundAggregate aggregate:
                    last = (LowerAggregate(group, aggregate), aggregate.Alias);
                    break;

                case BoundLet let:
                    last = (Bind(group, let.Alias, env => Expression.Convert(ExpressionLowerer.Lower(let.Value, env), typeof(object))), let.Alias);
                    break;

                case BoundTest test:
                    last = AddLookupCondition(group, last, env => ExpressionLowerer.LowerCondition(test.Condition, env));
                    break;
            }
        }
    }

    /// <summary>
    /// Adds a condition over the aliases bound so far to the latest pattern of the group, or —
    /// when the group has none yet — to a synthetic binding of the condition's value.
    /// </summary>
    private (PatternBuilder, AliasSymbol) AddLookupCondition(GroupBuilder group, (PatternBuilder Builder, AliasSymbol Alias)? last, Func<LoweringEnvironment, Expression> condition)
    {
        if (last is { } f && _lookupFilters.TryGetValue(f.Builder, out var filter))
        {
            // Right after an id lookup: checked where the lookup's own conditions are (Found), with the
            // looked-up fact in place of its alias, so failing matches never reach the binding.
            AddCondition(filter.Target.Builder, filter.Target.Alias, env => Found(filter.Pattern, filter.Lookup, env, condition));
            return f;
        }

        if (last is { } l)
        {
            AddCondition(l.Builder, l.Alias, condition);
            return l;
        }

        var alias = new AliasSymbol($"__test{++_synthetic}", AliasKind.Value, PolicyType.Bool, null);
        var pattern = Bind(group, alias, env => Expression.Convert(condition(env), typeof(object)));
        AddCondition(pattern, alias, env => Expression.Equal(Expression.Property(env.Declaration(alias.Name, typeof(BoundValue)), BoundValueValue), Expression.Constant(true, typeof(object)), false, typeof(object).GetMethod(nameof(Equals), [typeof(object), typeof(object)])));
        return (pattern, alias);
    }

    /// <summary>The facts a keyed pattern matches, looked up in its index and filtered by its other conditions.</summary>
    private (Expression Items, ParameterExpression Item) Matching(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env)
    {
        var type = pattern.Type.ClrType;
        var item = Expression.Parameter(type, pattern.Alias.Name);
        Expression items = Expression.Call(Index(env), nameof(JoinIndex.Lookup), [type], Anchor(lookup, env), Expression.Constant(lookup.Slot), Key(lookup, env));
        if (lookup.Rest.Count > 0)
        {
            var inner = env.WithOverride(pattern.Alias.Name, item);
            var rest = lookup.Rest.Select(c => ExpressionLowerer.LowerCondition(c, inner)).Aggregate(Expression.AndAlso);
            items = Expression.Call(typeof(Enumerable), nameof(Enumerable.Where), [type], items, Expression.Lambda(rest, item));
        }

        return (items, item);
    }

    private Expression Any(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env) =>
        Expression.GreaterThan(Count(pattern, lookup, env, stopAtFirst: true), Expression.Constant(0));

    /// <summary>
    /// The number of facts a keyed pattern matches, counted by the index over its bucket for the key
    /// (<see cref="JoinIndex.Count{T}"/>; no iterators per evaluation, only the predicate's closure
    /// when the pattern has conditions besides the key). NRules' expression comparer knows no blocks,
    /// so a loop cannot be written into the condition itself.
    /// </summary>
    private Expression Count(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env, bool stopAtFirst)
    {
        var type = pattern.Type.ClrType;
        Expression predicate = Expression.Constant(null, typeof(Func<,>).MakeGenericType(type, typeof(bool)));
        if (lookup.Rest.Count > 0)
        {
            var item = Expression.Parameter(type, pattern.Alias.Name);
            var inner = env.WithOverride(pattern.Alias.Name, item);
            predicate = Expression.Lambda(lookup.Rest.Select(c => ExpressionLowerer.LowerCondition(c, inner)).Aggregate(Expression.AndAlso), item);
        }

        return Expression.Call(Index(env), nameof(JoinIndex.Count), [type], Anchor(lookup, env), Expression.Constant(lookup.Slot), Key(lookup, env), predicate, Expression.Constant(stopAtFirst));
    }

    private static Expression Index(LoweringEnvironment env) =>
        Expression.Property(env.Context, nameof(EvaluationContext.Index));

    private static Expression Anchor(KeyedJoin lookup, LoweringEnvironment env) => Expression.Convert(env.Alias(lookup.Anchor), typeof(object));

    private static Expression Key(KeyedJoin lookup, LoweringEnvironment env) => Expression.Convert(ExpressionLowerer.Lower(lookup.Key, env), typeof(object));

    /// <summary>
    /// A positive pattern joined on its fact type's unique id (<c>p.id == r.person</c>): bound by
    /// an index lookup instead of an NRules join, after <see cref="Found"/> checked its conditions.
    /// </summary>
    private PatternBuilder BindLookup(GroupBuilder group, BoundPattern pattern, KeyedJoin lookup)
    {
        var alias = pattern.Alias with { Indirect = true, Anchor = lookup.Anchor };
        return Bind(group, alias, env => Single(pattern, lookup, env));
    }

    /// <summary>
    /// The condition that an id lookup finds a fact satisfying the pattern's other conditions (and
    /// <paramref name="more"/>, a condition of a later element over it), put on the pattern the key
    /// comes from before the lookup is bound (<see cref="BindLookup"/>). So a role assignment whose
    /// person does not match ends at that join: no binding, no guard, no tuples (NRules' cost is
    /// per tuple; most role assignments of GOV-004 and CUL-002 end there).
    /// </summary>
    private Expression Found(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env, Func<LoweringEnvironment, Expression>? more = null)
    {
        var type = pattern.Type.ClrType;
        var fact = Expression.Parameter(type, pattern.Alias.Name);
        var inner = env.WithOverride(pattern.Alias.Name, fact);
        var conditions = lookup.Rest.Select(c => ExpressionLowerer.LowerCondition(c, inner));
        if (more is not null) conditions = conditions.Append(more(inner));
        var test = conditions
            .Aggregate((Expression)Expression.NotEqual(fact, Expression.Constant(null, type)), Expression.AndAlso);
        return Expression.Invoke(Expression.Lambda(test, fact), Single(pattern, lookup, env));
    }

    private static Expression Single(BoundPattern pattern, KeyedJoin lookup, LoweringEnvironment env) =>
        Expression.Call(Index(env), nameof(JoinIndex.Single), [pattern.Type.ClrType], Anchor(lookup, env), Expression.Constant(lookup.Slot), Key(lookup, env));

    private PatternBuilder LowerPattern(PatternBuilder builder, BoundPattern pattern)
    {
        _declared[pattern.Alias.Name] = pattern.Alias;
        foreach (var condition in pattern.Conditions)
        {
            foreach (var conjunct in Conjuncts.Split(condition))
            {
                var membership = Membership(conjunct, pattern.Alias);
                AddCondition(builder, pattern.Alias, env => membership is { } m ? LowerMembership(m, env) : ExpressionLowerer.LowerCondition(conjunct, env));
            }
        }

        return builder;
    }

    /// <summary>
    /// A membership test <c>e in list</c> (or <c>not in</c>) where <c>list</c> is a shared
    /// <c>collect T t where C of t.j</c>: it holds exactly when <c>e</c> is not null and some
    /// <c>T</c> with <c>t.j == e</c> satisfies <c>C</c> — an index lookup on <c>T.j</c>, anchored at a
    /// fact in <c>e</c>. So a change of one <c>T</c> re-evaluates the facts that looked its key up,
    /// instead of every fact tested against the whole new list (CUL-003: every person against the
    /// ids of the trained). Null when the conjunct is not such a test.
    /// </summary>
    private Membership? Membership(BoundExpression conjunct, AliasSymbol own)
    {
        if (_indexes is null
            || conjunct is not BoundBinaryExpression { Kind: BoundBinaryKind.In or BoundBinaryKind.NotIn, IgnoreCase: false, Right: BoundAliasExpression list } test
            || !_sharedCollects.TryGetValue(list.Name, out var collect)
            || test.Left.Type != collect.Of!.Type)
        {
            return null;
        }

        var aliases = test.Left.FreeAliases;
        if (aliases.Count == 0 || aliases.Any(n => n != own.Name && !_declared.ContainsKey(n))) return null;
        var anchor = aliases.Contains(own.Name) && own.Kind == AliasKind.Fact && !own.Indirect ? own.Name : KeyedJoin.AnchorOf(aliases, _declared);
        return anchor is null ? null : new Membership(test.Left, collect, test.Kind == BoundBinaryKind.NotIn, anchor);
    }

    private Expression LowerMembership(Membership membership, LoweringEnvironment env)
    {
        var source = membership.Collect.Source;
        var member = ((BoundMemberExpression)membership.Collect.Of!).Member;
        var lookup = new KeyedJoin(_indexes!.Slot(source.Type, member), membership.Value, source.Conditions.SelectMany(Conjuncts.Split).ToList(), membership.Anchor);
        var found = Any(source, lookup, env);
        var notNull = Expression.NotEqual(Key(lookup, env), Expression.Constant(null));
        return Expression.AndAlso(notNull, membership.Negated ? Expression.Not(found) : found);
    }

    private PatternBuilder LowerAggregate(GroupBuilder group, BoundAggregate aggregate)
    {
        var keyed = KeyedJoin.Find(aggregate.Source, _declared, _indexes);
        (string Name, Type Type)? collection = keyed is null ? Collect(group, aggregate) : null;
        return Bind(group, aggregate.Alias, env => Fold(aggregate, env, collection, keyed));
    }

    /// <summary>
    /// The shared aggregates an aggregate's source reads, when it reads nothing else of the rule
    /// (an organisation-wide count, or one over a list collected organisation-wide): such an
    /// aggregate can be computed once in a rule of its own. Null when it cannot (or indexes are off).
    /// </summary>
    private IReadOnlyList<string>? SharedDependencies(BoundAggregate aggregate)
    {
        if (_indexes is null) return null;
        var source = aggregate.Source;
        var read = source.Conditions.SelectMany(Conjuncts.Split).Where(c => Membership(c, source.Alias) is null).Append(aggregate.Of).OfType<BoundExpression>()
            .SelectMany(e => e.FreeAliases).Where(n => n != source.Alias.Name).ToHashSet(StringComparer.Ordinal);
        return read.All(n => _declared.TryGetValue(n, out var alias) && alias.SharedKey is not null) ? read.Order(StringComparer.Ordinal).ToList() : null;
    }

    /// <summary>
    /// An aggregate computed by a rule of its own: the context, the shared values it reads and the
    /// collection, with an action that publishes the folded value as a <see cref="SharedValue"/>
    /// fact (<see cref="SharedValue.Publish"/>). This rule matches that fact. NRules rebuilds an
    /// aggregate whenever its left tuple changes; here the left tuple is the context alone, so a
    /// changed fact updates the collection incrementally, and only a changed value reaches this rule.
    /// </summary>
    private PatternBuilder LowerSharedAggregate(GroupBuilder group, BoundAggregate aggregate, IReadOnlyList<string> dependencies)
    {
        var alias = aggregate.Alias with { SharedKey = $"{_ruleId}/{aggregate.Alias.Name}/{++_synthetic}" };

        var inner = new RuleLowerer(_ruleId, _parameters, _indexes, _aggregateRules, _sharedCollects);
        var builder = new RuleBuilder();
        builder.Name(_ruleId);
        builder.Description($"the value of '{aggregate.Alias.Name}' in {_ruleId}");
        builder.Priority(SharedAggregatePriority);
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(EvaluationContext), ContextName);
        foreach (var name in dependencies) inner.MatchShared(lhs, _declared[name]);
        var (bagName, valueType) = inner.CollectBag(lhs, aggregate);

        var env = new LoweringEnvironment(inner._declared, _parameters);
        var compute = Expression.Lambda<Func<object?>>(FoldBag(aggregate, env.Declaration(bagName, typeof(ValueBag)), valueType));
        var context = Expression.Parameter(typeof(IContext), "ctx");
        var publish = Expression.Call(typeof(SharedValue).GetMethod(nameof(SharedValue.Publish))!, context, Expression.Constant(alias.SharedKey), compute);
        var action = Expression.Lambda(publish, [context, .. env.UsedDeclarations]);
        builder.RightHandSide().Action(action, ActionTrigger.Activated);
        builder.RightHandSide().Action(action, ActionTrigger.Reactivated);
        _aggregateRules.Add(builder.Build());

        if (aggregate is { Kind: AggregateKind.Collect, Of: BoundMemberExpression { Target: BoundAliasExpression target } member }
            && target.Name == aggregate.Source.Alias.Name && KeyedJoin.IsKeyType(member.Type) && dependencies.Count == 0)
        {
            _sharedCollects[alias.Name] = aggregate;
        }

        return MatchShared(group, alias);
    }

    /// <summary>
    /// The facts of a shared aggregate's source folded into a <see cref="ValueBag"/> by NRules
    /// (<see cref="ValueBagAggregator"/>): the bag's declaration, and the CLR type of its values.
    /// </summary>
    private (string Name, Type ValueType) CollectBag(GroupBuilder group, BoundAggregate aggregate)
    {
        var source = aggregate.Source;
        var name = "__bag_" + aggregate.Alias.Name;
        var builder = group.Pattern(typeof(ValueBag), name).Aggregate();
        var valueType = source.Type.ClrType;
        WithNestedScope(() =>
        {
            LowerPattern(builder.Pattern(source.Type.ClrType, source.Alias.Name), source);
            var env = new LoweringEnvironment(_declared, _parameters);
            var value = aggregate.Of is null ? env.Alias(source.Alias.Name) : ExpressionLowerer.Lower(aggregate.Of, env);
            valueType = value.Type;
            var lambda = Expression.Lambda(Expression.Convert(value, typeof(object)), env.UsedDeclarations);
            builder.Aggregator(ValueBagAggregatorFactory.Name(DependsOn(aggregate)), [new(ValueBagAggregatorFactory.ValueExpression, lambda)], typeof(ValueBagAggregatorFactory));
        });
        return (name, valueType);
    }

    /// <summary>What an aggregate's value depends on: a change of anything else in its bag cannot change it.</summary>
    private static BagChanges DependsOn(BoundAggregate aggregate) => aggregate.Kind switch
    {
        AggregateKind.Count when aggregate.Of is null => BagChanges.Items,
        AggregateKind.Count or AggregateKind.Collect => aggregate.Distinct ? BagChanges.Keys : BagChanges.Values,
        AggregateKind.Min or AggregateKind.Max => BagChanges.Keys,
        _ => BagChanges.Values,
    };

    /// <summary>The aggregate's value (boxed) from its bag: the same functions as <see cref="Fold"/>, over the values the bag holds.</summary>
    private static Expression FoldBag(BoundAggregate aggregate, Expression bag, Type valueType)
    {
        var values = Expression.Property(bag, nameof(ValueBag.Values));
        var v = Expression.Parameter(typeof(object), "v");
        var numeric = Expression.Lambda(Expression.Convert(v, typeof(decimal?)), v);
        var typed = Expression.Lambda(Expression.Convert(v, valueType), v);
        Expression call = aggregate.Kind switch
        {
            AggregateKind.Count when aggregate.Of is null => Number(Expression.Property(bag, nameof(ValueBag.Count))),
            AggregateKind.Count when aggregate.Distinct && ValueBag.ScalarType(valueType) => Number(Expression.Property(bag, nameof(ValueBag.DistinctCount))),
            AggregateKind.Count => Call(nameof(Aggregates.CountValues), [typeof(object), valueType], values, typed, Expression.Constant(aggregate.Distinct)),
            AggregateKind.Collect when ValueBag.ScalarType(valueType) => Call(nameof(Aggregates.CollectOrdered), [valueType], bag, Expression.Constant(aggregate.Distinct)),
            AggregateKind.Collect => Call(nameof(Aggregates.Collect), [typeof(object), valueType], values, typed, Expression.Constant(aggregate.Distinct)),
            _ => Call(aggregate.Kind.ToString(), [typeof(object)], values, numeric),
        };
        return Expression.Convert(call, typeof(object));

        static Expression Call(string name, Type[] typeArguments, params Expression[] arguments) =>
            Expression.Call(typeof(Aggregates), name, typeArguments, arguments);

        static Expression Number(Expression count) => Expression.Convert(Expression.Convert(count, typeof(decimal)), typeof(decimal?));
    }

    /// <summary>A pattern matching the <see cref="SharedValue"/> fact of a shared aggregate (an alpha condition on its key).</summary>
    private PatternBuilder MatchShared(GroupBuilder group, AliasSymbol alias)
    {
        var pattern = group.Pattern(typeof(SharedValue), alias.Name);
        var value = Expression.Parameter(typeof(SharedValue), alias.Name);
        pattern.Condition(Expression.Lambda(Expression.Equal(Expression.Property(value, nameof(SharedValue.Key)), Expression.Constant(alias.SharedKey)), value));
        _declared[alias.Name] = alias;
        return pattern;
    }

    /// <summary>NRules' <c>Collect</c> over an aggregate's (possibly correlated) source: the collection's declaration.</summary>
    private (string Name, Type Type) Collect(GroupBuilder group, BoundAggregate aggregate)
    {
        var source = aggregate.Source;
        var itemType = source.Type.ClrType;
        var name = "__collect_" + aggregate.Alias.Name;
        var type = typeof(IEnumerable<>).MakeGenericType(itemType);
        var collection = group.Pattern(type, name);
        var aggregateBuilder = collection.Aggregate();
        aggregateBuilder.Collect();
        WithNestedScope(() => LowerPattern(aggregateBuilder.Pattern(itemType, source.Alias.Name), source));
        return (name, type);
    }

    /// <summary>The aggregate's value (boxed) from its collection, or — for a keyed source — from an index lookup.</summary>
    private Expression Fold(BoundAggregate aggregate, LoweringEnvironment env, (string Name, Type Type)? collection, KeyedJoin? keyed)
    {
        var source = aggregate.Source;
        var itemType = source.Type.ClrType;
        if (collection is null && aggregate is { Kind: AggregateKind.Count, Of: null })
            return Expression.Convert(Expression.Convert(Expression.Convert(Count(source, keyed!, env, stopAtFirst: false), typeof(decimal)), typeof(decimal?)), typeof(object));

        var items = collection is { } c ? env.Declaration(c.Name, c.Type) : Matching(source, keyed!, env).Items;
        var item = Expression.Parameter(itemType, source.Alias.Name);
        LambdaExpression? of = null;
        if (aggregate.Of is not null)
        {
            var body = ExpressionLowerer.Lower(aggregate.Of, env.WithOverride(source.Alias.Name, item));
            if (aggregate.Kind is not (AggregateKind.Collect or AggregateKind.Count)) body = Expression.Convert(body, typeof(decimal?));
            of = Expression.Lambda(body, item);
        }

        Expression call = aggregate.Kind switch
        {
            AggregateKind.Count when of is null => Call(nameof(Aggregates.Count), [itemType], items),
            AggregateKind.Count => Call(nameof(Aggregates.CountValues), [itemType, of.ReturnType], items, of, Expression.Constant(aggregate.Distinct)),
            AggregateKind.Collect => Call(nameof(Aggregates.Collect), [itemType, of!.ReturnType], items, of, Expression.Constant(aggregate.Distinct)), // 'of' is required (DP3001)
            _ => Call(aggregate.Kind.ToString(), [itemType], items, of!),
        };
        return Expression.Convert(call, typeof(object));

        static Expression Call(string name, Type[] typeArguments, params Expression[] arguments) =>
            Expression.Call(typeof(Aggregates), name, typeArguments, arguments);
    }

    /// <summary>A binding pattern <c>alias = value</c>; the value expression is built against a fresh environment.</summary>
    private PatternBuilder Bind(GroupBuilder group, AliasSymbol alias, Func<LoweringEnvironment, Expression> value)
    {
        var env = new LoweringEnvironment(_declared, _parameters);
        var body = Expression.New(BoundValueConstructor, value(env));
        env.Declaration(ContextName, typeof(EvaluationContext)); // a binding needs at least one declaration to hang on
        var pattern = group.Pattern(typeof(BoundValue), alias.Name);
        pattern.Binding().BindingExpression(Expression.Lambda(body, env.UsedDeclarations));
        _declared[alias.Name] = alias;
        _bindingGroups[pattern] = group;
        return pattern;
    }

    /// <summary>
    /// Adds a condition to a pattern. Its lambda takes exactly the declarations it mentions plus
    /// the pattern's own, so fact-local conditions stay alpha conditions NRules can share.
    /// </summary>
    private void AddCondition(PatternBuilder pattern, AliasSymbol own, Func<LoweringEnvironment, Expression> condition)
    {
        // A condition of a fact pattern reads the context ambiently: over its own fact alone it is then
        // an alpha condition (see EvaluationContext.Current). A guard's condition joins anyway.
        var guarded = _bindingGroups.TryGetValue(pattern, out var group);
        var env = new LoweringEnvironment(_declared, _parameters, ambientContext: !guarded);
        var body = condition(env);
        if (guarded)
        {
            if (!_guards.TryGetValue(pattern, out var guard))
            {
                var name = $"__guard{++_synthetic}";
                _guards[pattern] = guard = (group!.Pattern(typeof(EvaluationContext), name), name);
            }

            env.Declaration(guard.Name, typeof(EvaluationContext));
            guard.Guard.Condition(Expression.Lambda(body, env.UsedDeclarations));
            return;
        }

        env.Declaration(own.Name, DeclarationType(_declared.GetValueOrDefault(own.Name) ?? own));
        pattern.Condition(Expression.Lambda(body, env.UsedDeclarations));
    }

    /// <summary>Runs <paramref name="lower"/> and forgets the aliases it declared afterwards (they are not visible outside).</summary>
    private void WithNestedScope(Action lower)
    {
        var before = _declared.Keys.ToHashSet(StringComparer.Ordinal);
        lower();
        foreach (var name in _declared.Keys.Where(n => !before.Contains(n)).ToList()) _declared.Remove(name);
    }
}

/// <summary>A membership test lowered to an index lookup (<c>RuleLowerer.Membership</c>).</summary>
/// <param name="Value">The tested value <c>e</c>.</param>
/// <param name="Collect">The shared <c>collect</c> the list comes from.</param>
/// <param name="Negated">True for <c>not in</c>.</param>
/// <param name="Anchor">The fact whose <c>Update</c> re-evaluates the test.</param>
internal sealed record Membership(BoundExpression Value, BoundAggregate Collect, bool Negated, string Anchor);
