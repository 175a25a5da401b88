using Deeg.Policy.Engine;
using Deeg.Policy.Model;
using Deeg.Policy.Reporting;

namespace Deeg.Policy;

/// <summary>
/// An incremental evaluation: a warm rules session over one organisation. <see cref="Upsert"/>
/// and <see cref="Remove{T}"/> change single facts — the engine re-evaluates only what the change
/// touches — and return the findings that opened and closed. After any sequence of changes the
/// findings are exactly those of a fresh <see cref="PolicyEngine.Evaluate"/> of the resulting
/// model. A session is single-threaded; open one per organisation. The evaluation date,
/// parameters and language are fixed when it opens: open a new session to change them.
/// </summary>
public sealed class PolicySession : IDisposable
{
    private readonly CompiledPolicy _policy;
    private readonly ResolvedOptions _resolved;
    private readonly SessionRun _run;
    private readonly ModelState _model;
    private readonly List<EvaluationError> _modelErrors;
    private bool _disposed;

    internal PolicySession(CompiledPolicy policy, PolicyModel model, ResolvedOptions resolved, IReadOnlyList<Diagnostic> modelErrors)
    {
        _policy = policy;
        _resolved = resolved;
        _model = new ModelState(policy.Types, model);
        resolved.Context.Facts = _model; // display names follow the session's changes
        _modelErrors = modelErrors.Select(d => new EvaluationError("model", d.Message)).ToList();
        _run = new SessionRun(policy, resolved, incremental: true);
        if (_modelErrors.Count == 0)
        {
            // An invalid model is not evaluated (as with Evaluate); the report lists why.
            _run.InsertAll(model);
            _run.Fire();
        }
    }

    /// <summary>The evaluation date of the session.</summary>
    public DateOnly AsOf => _resolved.Context.AsOf;

    /// <summary>The model as it is now, after all changes.</summary>
    public PolicyModel Model => _model.ToModel();

    /// <summary>
    /// Inserts a fact, or replaces the fact of the same type and id. The fact must be of a
    /// built-in or registered fact type, have an id and name existing facts in its references;
    /// otherwise <see cref="ArgumentException"/> (nothing changes).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="fact"/> is null.</exception>
    /// <exception cref="ArgumentException">The fact is not of a built-in or registered fact type, has no id, or refers to facts that do not exist.</exception>
    /// <exception cref="InvalidOperationException">The session was opened on an invalid model (its report lists the problems), so it cannot be changed.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public FindingsDelta Upsert(object fact)
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(fact);
        ApplyUpsert(fact);
        return Delta(_run.Fire());
    }

    private void ApplyUpsert(object fact)
    {
        var change = _model.Upsert(fact);
        if (change.Replaced is null)
        {
            _run.Insert(fact);
        }
        else if (change.IdChanged)
        {
            // Only the organisation can be replaced by one with another id (there is always exactly one).
            _run.Retract(change.Replaced);
            _run.Insert(fact);
        }
        else
        {
            _run.Update(fact);
        }
    }

    private (string Type, string Id) Key(object fact) =>
        (_policy.Types.FindByClrType(fact.GetType())?.Name ?? fact.GetType().Name, _policy.SubjectOf(fact)?.Id ?? string.Empty);

    /// <summary>Referenced types before referring ones: the organisation, people, channels, use cases, then the rest.</summary>
    private static int DependencyRank(object fact) => fact switch
    {
        Organisation => 0,
        Person => 1,
        Channel => 2,
        UseCase => 3,
        _ => 4,
    };

    /// <summary>Records compare nested lists by reference; a re-read model has new lists, so compare their items too.</summary>
    private static bool SameLists(object a, object b) => (a, b) switch
    {
        (Model.Policy x, Model.Policy y) => x.Clauses.SequenceEqual(y.Clauses) && x.Tiers.SequenceEqual(y.Tiers),
        (Organisation x, Organisation y) => x.Jurisdictions.SequenceEqual(y.Jurisdictions) && x.Regulations.SequenceEqual(y.Regulations)
            && x.StatedExcuses.SequenceEqual(y.StatedExcuses) && x.GovernanceBody.SequenceEqual(y.GovernanceBody),
        _ => true,
    };

    /// <summary>
    /// Removes the fact of type <typeparamref name="T"/> with <paramref name="id"/>. Removing a fact
    /// that others still refer to, or the organisation, is an <see cref="InvalidOperationException"/>;
    /// an unknown id is a <see cref="KeyNotFoundException"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a built-in or registered fact type.</exception>
    /// <exception cref="KeyNotFoundException">There is no fact of type <typeparamref name="T"/> with <paramref name="id"/>.</exception>
    /// <exception cref="InvalidOperationException">The fact is the organisation, or other facts still refer to it; or the session was opened on an invalid model.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public FindingsDelta Remove<T>(string id)
        where T : class
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(id);
        var removed = _model.Remove(typeof(T), id);
        _run.Retract(removed);
        return Delta(_run.Fire());
    }

    /// <summary>
    /// Brings the session to <paramref name="next"/> — a new version of the same organisation's
    /// model, for example the file re-read after an edit — by applying the difference as upserts
    /// and removes: referenced facts are inserted before the facts that refer to them and removed
    /// after them. Facts that did not change are not touched. Returns what opened and closed
    /// overall. An invalid <paramref name="next"/> is an <see cref="ArgumentException"/> with its
    /// diagnostics, and the session stays as it was.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="next"/> is invalid; the message lists its errors.</exception>
    /// <exception cref="InvalidOperationException">The session was opened on an invalid model (its report lists the problems), so it cannot be changed.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public FindingsDelta Replace(PolicyModel next)
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(next);
        var validation = ModelLoader.Validate(next, _policy.Types, _policy.Limits);
        if (!validation.Succeeded)
            throw new ArgumentException("the new model is invalid: " + string.Join("; ", validation.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Message)), nameof(next));

        var current = _model.ToModel();
        var before = _run.Findings.ToDictionary(f => (f.Rule.Id, f.Subject.ToString()));
        var wanted = next.AllFacts().ToDictionary(Key);
        var existing = current.AllFacts().ToDictionary(Key);

        // Upserts in dependency order (the organisation, people and channels first), then removes in reverse.
        foreach (var fact in next.AllFacts().OrderBy(DependencyRank))
        {
            if (existing.TryGetValue(Key(fact), out var old) && Equals(old, fact) && SameLists(old, fact)) continue;
            if (fact is Organisation && current.Organisation.Equals(fact) && SameLists(current.Organisation, fact)) continue;
            ApplyUpsert(fact);
        }

        foreach (var fact in current.AllFacts().Where(f => f is not Organisation && !wanted.ContainsKey(Key(f))).OrderByDescending(DependencyRank))
        {
            _run.Retract(_model.Remove(fact.GetType(), Key(fact).Id));
        }

        _run.Fire();
        var after = _run.Findings.ToDictionary(f => (f.Rule.Id, f.Subject.ToString()));
        return Delta((
            after.Where(kv => !before.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList(),
            before.Where(kv => !after.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList()));
    }

    /// <summary>The full report of the current state.</summary>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public ComplianceReport Report()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _policy.Report(_model.Organisation, _model.SourceFile, _resolved, _run.Findings, _modelErrors.Count > 0 ? _modelErrors : _run.Errors, _model);
    }

    /// <inheritdoc />
    public void Dispose() => _disposed = true;

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_modelErrors.Count > 0)
            throw new InvalidOperationException("the session's model is invalid, so it cannot be changed incrementally: " + _modelErrors[0].Message);
    }

    private FindingsDelta Delta((List<RawFinding> Opened, List<RawFinding> Closed) change)
    {
        if (change.Opened.Count == 0 && change.Closed.Count == 0) return FindingsDelta.Empty;

        // The report builder gives the findings their fingerprints, waivers and order.
        var opened = _policy.Report(_model.Organisation, _model.SourceFile, _resolved, change.Opened, [], _model).Findings;
        var closed = _policy.Report(_model.Organisation, _model.SourceFile, _resolved, change.Closed, [], _model).Findings;
        return new FindingsDelta { Opened = opened, Closed = closed };
    }
}

/// <summary>What one change did to the findings of a <see cref="PolicySession"/>.</summary>
public sealed record FindingsDelta
{
    /// <summary>No finding opened or closed.</summary>
    public static FindingsDelta Empty { get; } = new() { Opened = [], Closed = [] };

    /// <summary>Findings that hold now and did not before.</summary>
    public required IReadOnlyList<Finding> Opened { get; init; }

    /// <summary>Findings that held before and do not now.</summary>
    public required IReadOnlyList<Finding> Closed { get; init; }

    /// <summary>True when nothing opened or closed.</summary>
    public bool IsEmpty => Opened.Count == 0 && Closed.Count == 0;
}
