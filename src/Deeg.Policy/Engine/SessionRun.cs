using System.Diagnostics;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Reporting;
using Deeg.Policy.Runtime;
using NRules;
using NRules.RuleModel;

namespace Deeg.Policy.Engine;

/// <summary>
/// One NRules session over the compiled rules, with the findings it holds kept up to date.
/// The rules' actions report every match as it starts to hold, changes and stops holding
/// (<see cref="IMatchObserver"/>; NRules' truth maintenance decides), so after any change this
/// class knows exactly which (rule, subject) pairs were touched and re-renders only those. A fresh
/// evaluation and an incremental session are the same code: the one inserts all facts once, the
/// other keeps going.
/// </summary>
internal sealed class SessionRun : IMatchObserver
{
    private readonly CompiledPolicy _policy;
    private readonly ResolvedOptions _resolved;
    private readonly ISession _session;

    // NRules' match (the same object while it holds) → its current values; the matches by finding.
    private readonly Dictionary<IMatch, Entry> _matches = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FindingKey, List<Entry>> _byKey = [];
    private readonly HashSet<FindingKey> _dirty = [];
    private readonly Dictionary<FindingKey, RawFinding> _current = [];
    private readonly List<EvaluationError> _errors = [];

    // The join indexes, and the current instance of every model fact (to re-evaluate anchors with).
    private readonly JoinIndex _index;
    private readonly Dictionary<JoinIndex.AnchorKey, object> _facts = [];
    private readonly bool _incremental;

    /// <summary>
    /// Opens the session. <paramref name="incremental"/>: facts may be changed after the first
    /// insertion (a <see cref="PolicySession"/>); a one-shot evaluation passes false and skips the
    /// bookkeeping that only changes need (the anchors of lookups, the current instance of every fact).
    /// </summary>
    public SessionRun(CompiledPolicy policy, ResolvedOptions resolved, bool incremental)
    {
        _incremental = incremental;
        _policy = policy;
        _resolved = resolved;
        _session = policy.CreateSession();

        // A rule that fails at evaluation time is reported and treated as not matching; the others go on.
        _session.Events.LhsExpressionFailedEvent += (_, e) =>
        {
            foreach (var rule in e.Rules) _errors.Add(new EvaluationError(rule.Name, Describe(e.Exception)));
            e.IsHandled = true;
        };
        _session.Events.RhsExpressionFailedEvent += (_, e) =>
        {
            _errors.Add(new EvaluationError(e.Match.Rule.Name, Describe(e.Exception)));
            e.IsHandled = true;
        };
        _session.Events.AgendaExpressionFailedEvent += (_, e) =>
        {
            _errors.Add(new EvaluationError(e.Match.Rule.Name, Describe(e.Exception)));
            e.IsHandled = true;
        };
        _index = incremental ? new JoinIndex(policy.IndexSpecs, policy.IdOf) : policy.IndexPool.Rent();
        resolved.Context.Index = _index;
        resolved.Context.Matches = this;
        Guard(() => _session.Insert(resolved.Context));
    }

    /// <summary>The current findings, one per rule and subject.</summary>
    public IReadOnlyCollection<RawFinding> Findings => _current.Values;

    /// <summary>Rules that failed at evaluation time so far.</summary>
    public IReadOnlyList<EvaluationError> Errors => _errors;

    /// <summary>Largest batch handed to NRules at once: its batch lists then stay below the large-object heap (85,000 bytes).</summary>
    private const int InsertBatch = 8_000;

    /// <summary>
    /// Inserts the facts of a model; the indexes are filled first, so every lookup during the
    /// insertion sees all of them. Facts that no pattern matches go to the indexes only.
    /// </summary>
    public void InsertAll(PolicyModel model)
    {
        var affected = new HashSet<JoinIndex.AnchorKey>();
        var count = 1;
        foreach (var list in model.FactLists())
        {
            count += list.Count;
            if (!_index.IsEmpty && list.Count > 0 && list[0] is { } first) _index.Reserve(first.GetType(), list.Count);
        }

        if (_incremental && !_index.IsEmpty) _facts.EnsureCapacity(_facts.Count + count);
        foreach (var fact in model.AllFacts()) Index(fact, null, affected);
        var batch = new List<object>(Math.Min(count, InsertBatch));
        foreach (var fact in model.AllFacts())
        {
            if (!InWorkingMemory(fact)) continue;
            batch.Add(fact);
            if (batch.Count < InsertBatch) continue;
            Guard(() => _session.InsertAll(batch));
            batch.Clear();
        }

        if (batch.Count > 0) Guard(() => _session.InsertAll(batch));
        // Into a fresh session nothing has looked anything up yet, so nothing is affected: the keys just inserted are only needed otherwise.
        if (affected.Count > 0) Reevaluate(affected, model.AllFacts().Select(KeyOf).ToHashSet());
    }

    /// <summary>Gives a one-shot run's indexes back to the policy for the next evaluation; the run is not used afterwards.</summary>
    public void Release()
    {
        if (!_incremental) _policy.IndexPool.Return(_index);
    }

    public void Insert(object fact)
    {
        Debug.Assert(_incremental, "a one-shot run keeps no state for changes");
        var affected = new HashSet<JoinIndex.AnchorKey>();
        Index(fact, null, affected);
        if (InWorkingMemory(fact)) Guard(() => _session.Insert(fact));
        Reevaluate(affected, [KeyOf(fact)]);
    }

    public void Update(object fact)
    {
        Debug.Assert(_incremental, "a one-shot run keeps no state for changes");
        var affected = new HashSet<JoinIndex.AnchorKey>();
        Index(fact, _facts.GetValueOrDefault(KeyOf(fact)), affected);
        if (InWorkingMemory(fact)) Guard(() => _session.Update(fact));
        Reevaluate(affected, [KeyOf(fact)]);
    }

    public void Retract(object fact)
    {
        Debug.Assert(_incremental, "a one-shot run keeps no state for changes");
        var affected = new HashSet<JoinIndex.AnchorKey>();
        var key = KeyOf(fact);
        if (_facts.Remove(key, out var current)) _index.Remove(current, affected);
        if (InWorkingMemory(fact)) Guard(() => _session.Retract(fact));
        Reevaluate(affected, [key]);
    }

    /// <summary>Facts that no pattern matches are kept in the indexes only (<see cref="Language.Lowering.MatchedTypes"/>).</summary>
    private bool InWorkingMemory(object? fact) => fact is null || _policy.InWorkingMemory(fact.GetType());

    private JoinIndex.AnchorKey KeyOf(object fact) => new(fact.GetType(), _policy.IdOf(fact) ?? string.Empty);

    /// <summary>Moves a fact in the indexes (from <paramref name="previous"/>), collecting the anchors that looked up its keys.</summary>
    private void Index(object fact, object? previous, HashSet<JoinIndex.AnchorKey> affected)
    {
        if (_index.IsEmpty) return;

        // A key is read by host code when the fact is a host type; a getter that throws fails the
        // rules that join on that key (they cannot see the fact), not the evaluation. (The built-in
        // records' getters cannot throw, so theirs are not read twice.)
        var readable = fact.GetType().Assembly == typeof(PolicyModel).Assembly || KeysReadable(fact);
        try
        {
            if (previous is not null) _index.Remove(previous, affected);
            if (readable) _index.Add(fact, affected);
        }
        catch (Exception ex) when (IsHostFault(ex))
        {
            _errors.Add(new EvaluationError("engine", Describe(ex)));
        }

        if (_incremental) _facts[KeyOf(fact)] = fact;
    }

    /// <summary>True when every indexed key of the fact can be read; otherwise the failures are in <see cref="Errors"/> under the rules that read the key.</summary>
    private bool KeysReadable(object fact)
    {
        var readable = true;
        foreach (var spec in _policy.IndexSpecs)
        {
            if (spec.FactType != fact.GetType()) continue;
            try
            {
                spec.Key(fact);
            }
            catch (Exception ex) when (IsHostFault(ex))
            {
                readable = false;
                var rules = _policy.RulesReading(spec);
                foreach (var rule in rules.Count > 0 ? rules : ["engine"]) _errors.Add(new EvaluationError(rule, Describe(ex)));
            }
        }

        return readable;
    }

    /// <summary>
    /// Re-evaluates the facts whose lookups read a key that changed (NRules cannot know), by an
    /// <c>Update</c> of their current instance; facts just changed by the caller are up to date already.
    /// </summary>
    private void Reevaluate(HashSet<JoinIndex.AnchorKey> affected, HashSet<JoinIndex.AnchorKey> done)
    {
        foreach (var anchor in affected)
        {
            if (!done.Contains(anchor) && _facts.TryGetValue(anchor, out var current)) Guard(() => _session.Update(current));
        }
    }

    /// <summary>Fires the agenda and brings the findings up to date; returns what opened and closed.</summary>
    public (List<RawFinding> Opened, List<RawFinding> Closed) Fire()
    {
        Guard(() => _session.Fire());
        var opened = new List<RawFinding>();
        var closed = new List<RawFinding>();
        foreach (var key in _dirty)
        {
            var before = _current.GetValueOrDefault(key);
            var after = Winner(key);
            if (after is null) _current.Remove(key);
            else _current[key] = after;
            if (before is null && after is not null) opened.Add(after);
            else if (before is not null && after is null) closed.Add(before);
        }

        _dirty.Clear();
        return (opened, closed);
    }

    /// <summary>Runs an NRules operation of this session: with its context current on this thread, failures recorded.</summary>
    private void Guard(Action action)
    {
        var previous = EvaluationContext.Enter(_resolved.Context);
        try
        {
            action();
        }
        catch (Exception ex) when (ex is RuleExecutionException or RuleExpressionEvaluationException || IsHostFault(ex))
        {
            _errors.Add(new EvaluationError("engine", Describe(ex)));
        }
        finally
        {
            EvaluationContext.Exit(previous);
        }
    }

    void IMatchObserver.Activated(IMatch match, FindingMatch values) => Track(match, values);

    void IMatchObserver.Reactivated(IMatch match, FindingMatch values) => Track(match, values);

    void IMatchObserver.Deactivated(IMatch match)
    {
        if (_matches.Remove(match, out var entry)) Forget(entry);
    }

    private void Track(IMatch match, FindingMatch values)
    {
        if (_matches.Remove(match, out var old)) Forget(old);
        var rule = _policy.Rule(values.RuleIndex);
        if (_policy.SubjectOf(values.Values[rule.SubjectIndex]) is not { } subject) return;
        var entry = new Entry(this, values, new FindingKey(values.RuleIndex, subject));
        _matches[match] = entry;
        if (!_byKey.TryGetValue(entry.Key, out var entries)) _byKey[entry.Key] = entries = new List<Entry>(1);
        entries.Add(entry);
        _dirty.Add(entry.Key);
    }

    private void Forget(Entry entry)
    {
        if (_byKey.TryGetValue(entry.Key, out var entries))
        {
            entries.Remove(entry);
            if (entries.Count == 0) _byKey.Remove(entry.Key);
        }

        _dirty.Add(entry.Key);
    }

    /// <summary>The finding of a (rule, subject): the first of its matches in the order of their bound facts.</summary>
    private RawFinding? Winner(FindingKey key)
    {
        if (!_byKey.TryGetValue(key, out var entries) || entries.Count == 0) return null;
        var first = entries.Count == 1 ? entries[0] : entries.MinBy(e => e.Order, StringComparer.Ordinal)!;
        var rule = _policy.Rule(first.Match.RuleIndex);
        var renderer = _policy.Renderer(first.Match.RuleIndex);
        try
        {
            var owner = renderer.Owner(_resolved.Context, first.Match.Values);
            return new RawFinding(
                rule.Info,
                first.Subject,
                first.Facts,
                renderer.Render(rule.Message, _resolved.Language, _resolved.Context, first.Match.Values),
                rule.Remediation is null ? null : renderer.Render(rule.Remediation, _resolved.Language, _resolved.Context, first.Match.Values),
                _resolved.Explain ? Evidence.Of(_policy, rule, first.Match, _resolved.Context) : null,
                Owner: _policy.SubjectOf(owner),
                SubjectFact: first.Match.Values[rule.SubjectIndex],
                OwnerFact: owner);
        }
        catch (Exception ex) when (IsHostFault(ex))
        {
            // A message hole (or the evidence) reads a host type's property that throws: the rule is in errors, the others go on.
            _errors.Add(new EvaluationError(rule.Info.Id, "cannot render the message: " + Describe(ex)));
            return null;
        }
    }

    private List<KeyValuePair<string, SubjectRef>> FactRefs(BoundRule rule, FindingMatch match)
    {
        var facts = new List<KeyValuePair<string, SubjectRef>>();
        for (var i = 0; i < rule.TopLevelAliases.Count; i++)
        {
            if ((rule.TopLevelAliases[i].Kind == AliasKind.Fact || rule.TopLevelAliases[i].Type is Core.PolicyType.GroupType) && _policy.SubjectOf(match.Values[i]) is { } reference)
                facts.Add(new(rule.TopLevelAliases[i].Name, reference));
        }

        return facts;
    }

    /// <summary>
    /// An exception that a host type's code (a property getter, an id, a ToString) may throw while a
    /// rule runs: anything but the process-level failures, which must not be swallowed.
    /// </summary>
    internal static bool IsHostFault(Exception ex) =>
        ex is not (OutOfMemoryException or StackOverflowException or AccessViolationException or ThreadAbortException or OperationCanceledException);

    internal static string Describe(Exception? exception)
    {
        if (exception is null) return "the rule failed at evaluation time";
        var inner = exception;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner.Message;
    }

    private readonly record struct FindingKey(int Rule, SubjectRef Subject);

    /// <summary>A match that holds; the facts it binds and their order are only worked out when needed.</summary>
    private sealed class Entry(SessionRun run, FindingMatch match, FindingKey key)
    {
        private List<KeyValuePair<string, SubjectRef>>? _facts;
        private string? _order;

        public FindingMatch Match { get; } = match;

        public FindingKey Key { get; } = key;

        public SubjectRef Subject => Key.Subject;

        public List<KeyValuePair<string, SubjectRef>> Facts => _facts ??= run.FactRefs(run._policy.Rule(Match.RuleIndex), Match);

        /// <summary>The bound facts as text: of several matches of one (rule, subject), the first in this order is the finding.</summary>
        public string Order => _order ??= string.Join("|", Facts.Select(f => f.Value.ToString()));
    }
}
