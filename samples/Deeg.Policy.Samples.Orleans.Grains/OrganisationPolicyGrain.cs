using Deeg.Policy.Model;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>What an organisation grain persists: its model as a facts document, and the model version.</summary>
[GenerateSerializer, Alias("deeg.OrganisationPolicyState")]
public sealed class OrganisationPolicyState
{
    /// <summary>
    /// The current model as a facts document (<see cref="PolicyModel.ToJson"/>): the format the
    /// CLI reads and docs/model.md documents, so any storage provider stores plain, versioned JSON
    /// text that outlives changes to the CLR records.
    /// </summary>
    [Id(0)] public string? ModelJson { get; set; }

    /// <summary>+1 per accepted change.</summary>
    [Id(1)] public long Version { get; set; }

    /// <summary>True once the organisation is in its directory bucket.</summary>
    [Id(2)] public bool Registered { get; set; }
}

/// <summary>
/// The grain of one organisation: a warm <see cref="PolicySession"/> over its model, opened from
/// the persisted facts document when the grain activates. The <see cref="PolicyEngine"/> is the
/// silo's singleton (compiled rules are immutable and shared by every grain of the silo); the
/// session is this activation's own (sessions are single-threaded, and Orleans runs one call of an
/// activation at a time). Every accepted change is written to grain storage before the call
/// returns; if the write fails, the session is rebuilt from the last stored model and the error is
/// passed on, so memory and storage never disagree.
/// </summary>
/// <remarks>
/// Random placement: organisations are many and alike, so a random silo spreads them evenly and
/// predictably, also when a burst of new organisations arrives at once (Orleans' default,
/// resource-optimised placement, follows CPU and memory readings that lag behind such a burst).
/// </remarks>
[RandomPlacement]
public sealed partial class OrganisationPolicyGrain(
    PolicyEngine engine,
    [PersistentState("model", PolicyStorage.Name)] IPersistentState<OrganisationPolicyState> state,
    ILogger<OrganisationPolicyGrain> logger) : Grain, IOrganisationPolicyGrain
{
    private PolicySession? _session;
    private bool _asOfFromModel;
    private string? _loadError;

    private string OrganisationId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.ModelJson is { } json) OpenFromStorage(json);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _session?.Dispose();
        _session = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<PolicyChange> ReplaceModel(string factsDocumentJson)
    {
        ArgumentNullException.ThrowIfNull(factsDocumentJson);
        var loaded = engine.ParseModel(factsDocumentJson, OrganisationId + ".json");
        if (!loaded.Succeeded)
            return PolicyChange.Rejected(state.State.Version, loaded.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        var model = loaded.Model!;
        if (model.Organisation.Id != OrganisationId)
            return PolicyChange.Rejected(state.State.Version, [$"the model is of organisation '{model.Organisation.Id}', this grain is '{OrganisationId}'"]);

        if (!state.State.Registered)
        {
            // Before the session changes and the model is stored: a directory entry without a model
            // reads as "no findings", but a stored model without a directory entry would be invisible
            // to queries. Registering is idempotent, so a failed call is simply repeated next time.
            await GrainFactory.GetGrain<IOrganisationDirectoryGrain>(OrganisationDirectory.BucketOf(OrganisationId)).Register(OrganisationId);
            state.State.Registered = true;
        }

        var session = CurrentSession();
        FindingsDelta delta;
        if (session is null)
        {
            // The first model (or one that replaces a stored model the engine could not load).
            session = Open(model);
            delta = new FindingsDelta { Opened = session.Report().Findings, Closed = [] };
        }
        else if (model.AsOf != session.Model.AsOf)
        {
            // The evaluation date is fixed when a session opens: another asOf needs a new session.
            var before = session.Report().Findings;
            session.Dispose();
            session = Open(model);
            delta = Difference(before, session.Report().Findings);
        }
        else
        {
            delta = session.Replace(model);
        }

        return await Commit(delta);
    }

    /// <inheritdoc />
    public async Task<PolicyChange> Upsert(IFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var session = CurrentSession();
        if (session is null) return NoModel();
        if (fact is Organisation organisation && organisation.Id != OrganisationId)
            return PolicyChange.Rejected(state.State.Version, [$"the organisation id is '{OrganisationId}' (the grain key), not '{organisation.Id}'"]);

        FindingsDelta delta;
        try
        {
            delta = session.Upsert(fact);
        }
        catch (ArgumentException e)
        {
            return PolicyChange.Rejected(state.State.Version, [e.Message]);
        }

        return await Commit(delta);
    }

    /// <inheritdoc />
    public async Task<PolicyChange> Remove(string factType, string id)
    {
        ArgumentNullException.ThrowIfNull(factType);
        ArgumentNullException.ThrowIfNull(id);
        var session = CurrentSession();
        if (session is null) return NoModel();

        FindingsDelta delta;
        try
        {
            delta = factType switch
            {
                nameof(Channel) => session.Remove<Channel>(id),
                nameof(Person) => session.Remove<Person>(id),
                nameof(RoleAssignment) => session.Remove<RoleAssignment>(id),
                nameof(Model.Policy) => session.Remove<Model.Policy>(id),
                nameof(UseCase) => session.Remove<UseCase>(id),
                nameof(Stakeholder) => session.Remove<Stakeholder>(id),
                nameof(Mention) => session.Remove<Mention>(id),
                nameof(Post) => session.Remove<Post>(id),
                nameof(Training) => session.Remove<Training>(id),
                nameof(Organisation) => throw new InvalidOperationException("the organisation cannot be removed; use Delete to forget it"),
                _ => throw new ArgumentException($"unknown fact type '{factType}'", nameof(factType)),
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return PolicyChange.Rejected(state.State.Version, [e.Message]);
        }

        return await Commit(delta);
    }

    /// <inheritdoc />
    public Task<OrganisationReport> GetReport()
    {
        var session = CurrentSession();
        if (session is null)
            return Task.FromResult(new OrganisationReport(OrganisationId, string.Empty, state.State.Version, null, 0, [], _loadError is null ? [] : [_loadError]));

        var report = session.Report();
        return Task.FromResult(new OrganisationReport(
            OrganisationId, report.Organisation.Name, state.State.Version, report.AsOf, report.Summary.Score,
            report.Findings.Select(FindingInfo.From).ToArray(),
            report.Errors.Select(e => $"{e.RuleId}: {e.Message}").ToArray()));
    }

    /// <inheritdoc />
    public Task<string> GetReportJson()
    {
        var session = CurrentSession() ?? throw new InvalidOperationException(_loadError ?? $"organisation '{OrganisationId}' has no model yet");
        return Task.FromResult(session.Report().ToJson());
    }

    /// <inheritdoc />
    public Task<OrganisationFindings> GetFindings(Severity minimum)
    {
        var session = CurrentSession();
        if (session is null) return Task.FromResult(new OrganisationFindings(OrganisationId, string.Empty, []));
        var report = session.Report();
        return Task.FromResult(new OrganisationFindings(
            OrganisationId, report.Organisation.Name,
            report.Findings.Where(f => !f.Waived && f.Severity >= minimum).Select(FindingInfo.From).ToArray()));
    }

    /// <inheritdoc />
    public Task<string?> GetModelJson() => Task.FromResult(state.State.ModelJson);

    /// <inheritdoc />
    public async Task Delete()
    {
        await GrainFactory.GetGrain<IOrganisationDirectoryGrain>(OrganisationDirectory.BucketOf(OrganisationId)).Unregister(OrganisationId);
        await state.ClearStateAsync();
        _session?.Dispose();
        _session = null;
        _loadError = null;
        DeactivateOnIdle();
    }

    /// <summary>The session, reopened first when its date has passed and the model does not fix one.</summary>
    private PolicySession? CurrentSession()
    {
        if (_session is not null && !_asOfFromModel && _session.AsOf != DateOnly.FromDateTime(DateTime.UtcNow))
        {
            // A session's evaluation date is fixed when it opens; "today" moves on.
            var model = _session.Model;
            _session.Dispose();
            _session = Open(model);
        }

        return _session;
    }

    private PolicySession Open(PolicyModel model)
    {
        _session = engine.OpenSession(model);
        _asOfFromModel = model.AsOf is not null;
        _loadError = null;
        return _session;
    }

    private void OpenFromStorage(string json)
    {
        var loaded = engine.ParseModel(json, OrganisationId + ".json");
        if (loaded.Succeeded)
        {
            Open(loaded.Model!);
            return;
        }

        // Stored under other rule sets or fact types than this silo has: keep the stored text, report why.
        _session = null;
        _loadError = "the stored model does not load: " + string.Join("; ", loaded.Diagnostics.Select(d => d.Message));
        LogStoredModelInvalid(logger, OrganisationId, _loadError);
    }

    private async Task<PolicyChange> Commit(FindingsDelta delta)
    {
        var previousJson = state.State.ModelJson;
        var previousVersion = state.State.Version;
        state.State.ModelJson = _session!.Model.ToJson();
        state.State.Version = previousVersion + 1;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // Storage did not take the change: go back to what is stored and let the caller retry.
            LogWriteFailed(logger, e, OrganisationId);
            state.State.ModelJson = previousJson;
            state.State.Version = previousVersion;
            _session?.Dispose();
            _session = null;
            if (previousJson is not null) OpenFromStorage(previousJson);
            if (e is InconsistentStateException) DeactivateOnIdle(); // another activation wrote: re-read on the next call
            throw;
        }

        return PolicyChange.Accepted(state.State.Version, delta);
    }

    private PolicyChange NoModel() =>
        PolicyChange.Rejected(state.State.Version, [_loadError ?? $"organisation '{OrganisationId}' has no model yet: call ReplaceModel first"]);

    private static FindingsDelta Difference(IReadOnlyList<Finding> before, IReadOnlyList<Finding> after)
    {
        var was = before.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var now = after.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        return new FindingsDelta
        {
            Opened = after.Where(f => !was.Contains(f.Fingerprint)).ToList(),
            Closed = before.Where(f => !now.Contains(f.Fingerprint)).ToList(),
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Organisation {OrganisationId}: {Problem}")]
    private static partial void LogStoredModelInvalid(ILogger logger, string organisationId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Organisation {OrganisationId}: the change could not be stored; the session was rebuilt from storage")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string organisationId);
}
