using Orleans.Concurrency;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>
/// The partitioning of the organisation directory: an organisation belongs to bucket
/// <c>FNV-1a(id) mod BucketCount</c>. The hash is fixed (not <see cref="string.GetHashCode()"/>,
/// which differs per process), so every silo and client computes the same bucket.
/// </summary>
public static class OrganisationDirectory
{
    /// <summary>
    /// The number of buckets. Every silo and client must agree on it, and changing it on a cluster
    /// with stored directory buckets needs a migration (re-register every organisation). 64 spreads
    /// the registration writes and the query fan-out over enough grains for tens of silos while a
    /// bucket still holds a few hundred organisations at 10,000.
    /// </summary>
    public const int BucketCount = 64;

    /// <summary>The bucket of an organisation id.</summary>
    public static int BucketOf(string organisationId)
    {
        ArgumentNullException.ThrowIfNull(organisationId);
        var hash = 2166136261u;
        foreach (var c in organisationId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % BucketCount);
    }
}

/// <summary>What a directory bucket persists.</summary>
[GenerateSerializer, Alias("deeg.DirectoryBucketState")]
public sealed class DirectoryBucketState
{
    /// <summary>The organisation ids of the bucket.</summary>
    [Id(0)] public HashSet<string> Members { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One directory bucket. Reentrant, so that a query waiting for its organisations does not hold
/// up an organisation that registers meanwhile (that organisation may be the one the query waits
/// for — without reentrancy, the two would wait for each other until the call timeout). Writes of
/// the membership are serialised by a gate, so interleaved registrations never overlap in storage.
/// </summary>
[Reentrant]
public sealed class OrganisationDirectoryGrain(
    [PersistentState("directory", PolicyStorage.Name)] IPersistentState<DirectoryBucketState> state) : Grain, IOrganisationDirectoryGrain
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <inheritdoc />
    public async Task Register(string organisationId)
    {
        ArgumentNullException.ThrowIfNull(organisationId);
        if (state.State.Members.Add(organisationId)) await Persist();
    }

    /// <inheritdoc />
    public async Task Unregister(string organisationId)
    {
        ArgumentNullException.ThrowIfNull(organisationId);
        if (state.State.Members.Remove(organisationId)) await Persist();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> Members() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Members.Order(StringComparer.Ordinal).ToArray());

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrganisationFindings>> CollectFindings(Severity minimum)
    {
        // A snapshot: registrations may interleave while the organisations answer.
        var members = state.State.Members.ToArray();
        var answers = await Task.WhenAll(members.Select(id => GrainFactory.GetGrain<IOrganisationPolicyGrain>(id).GetFindings(minimum)));
        return answers.Where(a => a.Findings.Count > 0).ToArray();
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _writeGate.Dispose();
        return Task.CompletedTask;
    }

    private async Task Persist()
    {
        // Later registrations that arrive while a write is under way are included in the next write.
        await _writeGate.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }
}

/// <summary>
/// The cluster-wide query: a stateless worker, so each silo answers the queries that reach it with
/// local activations, and the work spreads over the directory buckets (on all silos) and from
/// there over the organisations (on all silos). No grain sees more than its bucket.
/// </summary>
[StatelessWorker]
public sealed class PolicyQueryGrain : Grain, IPolicyQueryGrain
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<OrganisationFindings>> FindingsAtOrAbove(Severity minimum)
    {
        var buckets = await Task.WhenAll(Enumerable.Range(0, OrganisationDirectory.BucketCount)
            .Select(b => GrainFactory.GetGrain<IOrganisationDirectoryGrain>(b).CollectFindings(minimum)));
        return buckets.SelectMany(b => b).OrderBy(o => o.OrganisationId, StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc />
    public async Task<int> CountOrganisations()
    {
        var buckets = await Task.WhenAll(Enumerable.Range(0, OrganisationDirectory.BucketCount)
            .Select(b => GrainFactory.GetGrain<IOrganisationDirectoryGrain>(b).Members()));
        return buckets.Sum(b => b.Count);
    }
}
