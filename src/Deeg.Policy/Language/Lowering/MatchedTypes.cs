using System.Collections.Concurrent;
using NRules.RuleModel;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// The fact types the lowered rules match with NRules patterns (anywhere: top level, inside
/// <c>not</c>/<c>exists</c>/<c>forall</c>, aggregate sources). A fact of any other type is read only
/// through the join indexes (<see cref="Runtime.JoinIndex"/>) or not at all, so it need not enter
/// NRules' working memory: with indexed joins, most people and trainings of a rule set like
/// the benchmarks' four rules are only ever looked up, and inserting them cost a working-memory entry,
/// a type dispatch and an alpha pass each.
/// </summary>
internal sealed class MatchedTypes
{
    private readonly Type[] _patternTypes;
    private readonly ConcurrentDictionary<Type, bool> _matched = new();

    public MatchedTypes(IEnumerable<IRuleDefinition> definitions)
    {
        var collector = new Collector();
        foreach (var definition in definitions) collector.Visit(collector.Types, definition);
        _patternTypes = [.. collector.Types];
    }

    /// <summary>True when a fact of <paramref name="type"/> can match some pattern (NRules matches by assignability).</summary>
    public bool Contains(Type type) => _matched.GetOrAdd(type, t => Array.Exists(_patternTypes, p => p.IsAssignableFrom(t)));

    private sealed class Collector : RuleElementVisitor<HashSet<Type>>
    {
        public HashSet<Type> Types { get; } = [];

        protected override PatternElement VisitPattern(HashSet<Type> context, PatternElement element)
        {
            context.Add(element.ValueType);
            return base.VisitPattern(context, element);
        }
    }
}
