using Deeg.Policy.Core;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Runtime;

namespace Deeg.Policy.Engine;

/// <summary>
/// "Why not": evaluates one bound rule over a model with a plain interpreter (the
/// <see cref="ReferenceEvaluator"/> for every expression, the runtime's aggregate functions for
/// aggregates), element by element, and for each candidate subject reports whether the rule
/// holds and, if not, the furthest element it reached, the condition that failed there and the
/// values the condition saw. It runs over the same bound rule the engine compiled, so it
/// explains that rule, not a re-written guess of it.
/// </summary>
internal sealed class WhyNot
{
    private readonly CompiledPolicy _policy;
    private readonly BoundRule _rule;
    private readonly Dictionary<string, List<object>> _factsByType;
    private readonly EvaluationContext _context;
    private readonly IReadOnlyDictionary<string, object?> _parameters;

    private WhyNot(CompiledPolicy policy, BoundRule rule, PolicyModel model, EvaluationContext context)
    {
        _policy = policy;
        _rule = rule;
        _context = context;
        _parameters = policy.ParameterValues(rule.Info.RuleSet, context);
        _factsByType = model.AllFacts()
            .GroupBy(f => policy.Types.FindByClrType(f.GetType())?.Name ?? f.GetType().Name)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    public static RuleExplanation Explain(CompiledPolicy policy, BoundRule rule, PolicyModel model, EvaluationContext context, string language, SubjectRef? subject)
    {
        var explainer = new WhyNot(policy, rule, model, context);
        var group = rule.When.OfType<BoundGroup>().FirstOrDefault(g => ReferenceEquals(g.Alias, rule.Subject));
        var candidates = (group is null ? explainer.Facts(rule.Subject.Fact!.Name) : explainer.CandidateGroups(group))
            .Where(f => subject is null || explainer.SubjectOf(f).ToString() == subject.ToString())
            .ToList();
        var results = candidates.Select(explainer.ExplainCandidate).OrderBy(c => c.Subject.ToString(), StringComparer.Ordinal).ToList();
        var subjectType = group is null ? rule.Subject.Fact!.Name : group.SubjectType;
        return new RuleExplanation { RuleId = rule.Info.Id, Title = rule.Info.Title.Get(language), SubjectType = subjectType, Candidates = results };
    }

    private SubjectRef SubjectOf(object candidate) => candidate is IPolicyGroup g ? CompiledPolicy.GroupSubject(g) : _policy.SubjectOf(candidate)!;

    /// <summary>The groups a subject group can be: those of every combination of the elements before it.</summary>
    private List<object> CandidateGroups(BoundGroup group)
    {
        var index = _rule.When.ToList().IndexOf(group);
        var before = _rule.When.Take(index).ToList();
        return Run(before, 0, new Dictionary<string, object?>(StringComparer.Ordinal), null, null)
            .SelectMany(env => Groups(group, env))
            .DistinctBy(g => SubjectOf(g).ToString())
            .ToList();
    }

    /// <summary>The groups of a group element in <paramref name="env"/>, in key order; null keys left out.</summary>
    private List<object> Groups(BoundGroup group, Dictionary<string, object?> env)
    {
        var itemType = group.Source.Type.ClrType;
        var order = typeof(ValueOrder<>).MakeGenericType(itemType).GetField(nameof(ValueOrder<object>.Instance))!.GetValue(null)!;
        return Facts(group.Source.Type.Name)
            .Select(f => new Dictionary<string, object?>(env, StringComparer.Ordinal) { [group.Source.Alias.Name] = f })
            .Where(b => FirstFailing(group.Source, b) is null)
            .Select(b => (Key: Evaluate(group.By, b), Fact: b[group.Source.Alias.Name]))
            .Where(x => x.Key is not null)
            .GroupBy(x => x.Key)
            .OrderBy(g => g.Key, ValueOrder<object?>.Instance)
            .Select(g =>
            {
                var facts = Array.CreateInstance(itemType, g.Count());
                var n = 0;
                foreach (var (_, fact) in g) facts.SetValue(fact, n++);
                return Activator.CreateInstance(group.Alias.Type.ClrType, g.Key, facts, order, group.SubjectType)!;
            })
            .ToList();
    }

    private List<object> Facts(string type) => _factsByType.GetValueOrDefault(type) ?? [];

    private CandidateExplanation ExplainCandidate(object candidate)
    {
        var tracker = new Tracker();
        var fires = Run(_rule.When, 0, new Dictionary<string, object?>(StringComparer.Ordinal), tracker, candidate).Any();
        var subject = SubjectOf(candidate);
        return fires
            ? new CandidateExplanation { Subject = subject, Fires = true, Values = new Dictionary<string, object?>() }
            : new CandidateExplanation
            {
                Subject = subject,
                Fires = false,
                FailedElement = tracker.Element ?? "when",
                Reason = tracker.Reason ?? "no combination of facts satisfies the rule",
                Values = tracker.Values ?? new Dictionary<string, object?>(),
            };
    }

    /// <summary>All environments in which elements[i..] hold, given <paramref name="env"/>.</summary>
    private IEnumerable<Dictionary<string, object?>> Run(IReadOnlyList<BoundElement> elements, int i, Dictionary<string, object?> env, Tracker? tracker, object? pinned)
    {
        if (i == elements.Count)
        {
            yield return env;
            yield break;
        }

        var element = elements[i];
        var next = new List<Dictionary<string, object?>>();
        switch (element)
        {
            case BoundPattern pattern:
            {
                var facts = ReferenceEquals(pattern.Alias, _rule.Subject) && pinned is not null ? [pinned] : Facts(pattern.Type.Name);
                if (facts.Count == 0) tracker?.Fail(i, Describe(pattern), $"there is no {pattern.Type.Name} fact", Values(env));
                foreach (var fact in facts)
                {
                    var bound = new Dictionary<string, object?>(env, StringComparer.Ordinal) { [pattern.Alias.Name] = fact };
                    var failed = FirstFailing(pattern, bound);
                    if (failed is null) next.Add(bound);
                    else tracker?.Fail(i, Describe(pattern), $"condition '{failed.Value.Text}' is {Format(Evaluate(failed.Value.Condition, bound))}", Values(bound, failed.Value.Condition));
                }

                break;
            }

            case BoundNot not:
            {
                var match = Run(not.Elements, 0, env, null, null).FirstOrDefault();
                if (match is null) next.Add(env);
                else tracker?.Fail(i, "not", "a combination exists: " + string.Join(", ", match.Where(kv => !env.ContainsKey(kv.Key)).Select(kv => $"{kv.Key} = {Format(kv.Value)}")), Values(env));
                break;
            }

            case BoundExists exists:
            {
                if (Run(exists.Elements, 0, env, null, null).Any()) next.Add(env);
                else tracker?.Fail(i, "exists", "no combination of facts satisfies it", Values(env));
                break;
            }

            case BoundAnyOf anyOf:
            {
                if (anyOf.Branches.Any(b => Run(b, 0, env, null, null).Any())) next.Add(env);
                else tracker?.Fail(i, "anyOf", "no branch holds", Values(env));
                break;
            }

            case BoundForAll forAll:
            {
                var violation = Facts(forAll.Source.Type.Name)
                    .Select(f => new Dictionary<string, object?>(env, StringComparer.Ordinal) { [forAll.Source.Alias.Name] = f })
                    .FirstOrDefault(b => FirstFailing(forAll.Source, b) is null && Evaluate(forAll.Require, b) is not true);
                if (violation is null) next.Add(env);
                else tracker?.Fail(i, "forAll " + Describe(forAll.Source), $"{Format(violation[forAll.Source.Alias.Name])} does not satisfy '{forAll.RequireText}'", Values(violation, forAll.Require));
                break;
            }

            case BoundAggregate aggregate:
            {
                var bound = new Dictionary<string, object?>(env, StringComparer.Ordinal) { [aggregate.Alias.Name] = Aggregate(aggregate, env) };
                next.Add(bound);
                break;
            }

            case BoundGroup group:
            {
                var groups = Groups(group, env);
                if (ReferenceEquals(group.Alias, _rule.Subject) && pinned is IPolicyGroup subject)
                    groups = groups.Where(g => SubjectOf(g).ToString() == SubjectOf(subject).ToString()).ToList();
                if (groups.Count == 0) tracker?.Fail(i, "group " + Describe(group.Source), $"no {group.Source.Type.Name} fact matches with a non-null '{group.ByText}'", Values(env));
                next.AddRange(groups.Select(g => new Dictionary<string, object?>(env, StringComparer.Ordinal) { [group.Alias.Name] = g }));
                break;
            }

            case BoundLet let:
                next.Add(new Dictionary<string, object?>(env, StringComparer.Ordinal) { [let.Alias.Name] = Evaluate(let.Value, env) });
                break;

            case BoundTest test:
            {
                var value = Evaluate(test.Condition, env);
                if (value is true) next.Add(env);
                else tracker?.Fail(i, "test", $"'{test.Text}' is {Format(value)}", Values(env, test.Condition));
                break;
            }
        }

        foreach (var bound in next)
        {
            foreach (var result in Run(elements, i + 1, bound, tracker, pinned)) yield return result;
        }
    }

    private (string Text, BoundExpression Condition)? FirstFailing(BoundPattern pattern, Dictionary<string, object?> env)
    {
        for (var c = 0; c < pattern.Conditions.Count; c++)
        {
            if (Evaluate(pattern.Conditions[c], env) is not true) return (pattern.ConditionTexts[c], pattern.Conditions[c]);
        }

        return null;
    }

    private object? Aggregate(BoundAggregate aggregate, Dictionary<string, object?> env)
    {
        var matching = Facts(aggregate.Source.Type.Name)
            .Select(f => new Dictionary<string, object?>(env, StringComparer.Ordinal) { [aggregate.Source.Alias.Name] = f })
            .Where(b => FirstFailing(aggregate.Source, b) is null)
            .ToList();
        object? Of(Dictionary<string, object?> b) => aggregate.Of is null ? b[aggregate.Source.Alias.Name] : Evaluate(aggregate.Of, b);
        decimal? Number(Dictionary<string, object?> b) => Of(b) as decimal?;
        object? Extreme<TValue>(Func<Dictionary<string, object?>, TValue?> of)
            where TValue : struct, IComparable<TValue> =>
            aggregate.Kind == AggregateKind.Min ? Aggregates.Min(matching, of) : Aggregates.Max(matching, of);
        return aggregate.Kind switch
        {
            AggregateKind.Count when aggregate.Of is null => Aggregates.Count(matching),
            AggregateKind.Count => Aggregates.CountValues(matching, Of, aggregate.Distinct),
            AggregateKind.Sum => Aggregates.Sum(matching, Number),
            AggregateKind.Min or AggregateKind.Max when aggregate.Alias.Type == Core.PolicyType.Date => Extreme(b => Of(b) as DateOnly?),
            AggregateKind.Min or AggregateKind.Max when aggregate.Alias.Type == Core.PolicyType.DateTime => Extreme(b => Of(b) as DateTimeOffset?),
            AggregateKind.Min => Aggregates.Min(matching, Number),
            AggregateKind.Max => Aggregates.Max(matching, Number),
            AggregateKind.Avg => Aggregates.Avg(matching, Number),
            _ => Aggregates.Collect(matching, Of, aggregate.Distinct),
        };
    }

    private object? Evaluate(BoundExpression expression, Dictionary<string, object?> env) =>
        ReferenceEvaluator.Evaluate(expression, env, _context.AsOf, _parameters, _context.Language, _context.Facts);

    /// <summary>The bound aliases, and the values of the names and calls in <paramref name="condition"/>.</summary>
    private Dictionary<string, object?> Values(Dictionary<string, object?> env, BoundExpression? condition = null)
    {
        var values = env.ToDictionary(kv => kv.Key, kv => (object?)Format(kv.Value), StringComparer.Ordinal);
        if (condition is null) return values;
        foreach (var node in condition.DescendantsAndSelf())
        {
            if (node is BoundMemberExpression or BoundCallExpression or BoundParameterExpression && Text(node) is { } text)
            {
                try
                {
                    values.TryAdd(text, Format(Evaluate(node, env)));
                }
                catch (KeyNotFoundException)
                {
                    // A quantifier variable is not bound outside its body.
                }
            }
        }

        return values;
    }

    /// <summary>The source-like text of a name, member chain or call; null for anything else.</summary>
    private static string? Text(BoundExpression expression) => expression switch
    {
        BoundAliasExpression alias => alias.Name,
        BoundAsOfExpression => LanguageNames.AsOf,
        BoundParameterExpression parameter => LanguageNames.Params + "." + parameter.Name,
        BoundMemberExpression member when Text(member.Target) is { } target => target + "." + member.Member.Name,
        BoundConversionExpression conversion => Text(conversion.Operand),
        BoundCallExpression call when call.Arguments.Select(Text).ToList() is var args && args.All(a => a is not null) =>
            call.Function.Name + "(" + string.Join(", ", args) + ")",
        _ => null,
    };

    private string Format(object? value) => value switch
    {
        null => "null",
        IPolicyGroup g => CompiledPolicy.GroupSubject(g).ToString(),
        _ when _policy.SubjectOf(value) is { } reference => reference.ToString(),
        _ => ValueFormatter.Format(value),
    };

    private static string Describe(BoundPattern pattern) => $"fact {pattern.Type.Name} {pattern.Alias.Name}";

    /// <summary>Keeps the failure of the element furthest along the rule (the first one seen there).</summary>
    private sealed class Tracker
    {
        private int _index = -1;

        public string? Element { get; private set; }

        public string? Reason { get; private set; }

        public Dictionary<string, object?>? Values { get; private set; }

        public void Fail(int index, string element, string reason, Dictionary<string, object?> values)
        {
            if (index <= _index) return;
            _index = index;
            Element = $"element {index + 1} ({element})";
            Reason = reason;
            Values = values;
        }
    }
}
