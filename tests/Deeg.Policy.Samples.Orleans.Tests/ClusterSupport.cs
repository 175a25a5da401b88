using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Deeg.Policy.Samples.Orleans.Tests;

/// <summary>
/// Grain storage that outlives the silos of a test cluster. Orleans' memory storage keeps state in
/// grains on the silos themselves, so a stopped silo takes its share of the state with it — the
/// opposite of the production case this stands in for (a database shared by all silos). The test
/// silos run in the test process, so a static dictionary shared by them is that database here:
/// entries are serialised copies (keyed by service id, state name and grain id) with ETags checked
/// like a real provider does.
/// </summary>
internal sealed class SharedGrainStorage(string serviceId, Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (byte[] Data, string ETag)> Entries = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static long _etags;

    /// <summary>Registers the storage as the <see cref="PolicyStorage.Name"/> provider of a silo.</summary>
    public static void AddTo(ISiloBuilder silo) => silo.Services.AddGrainStorage(PolicyStorage.Name, (services, _) =>
        new SharedGrainStorage(services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, services.GetRequiredService<Serializer>()));

    /// <summary>The number of stored entries of a cluster.</summary>
    public static int Count(string serviceId) => Entries.Keys.Count(k => k.StartsWith(serviceId + "/", StringComparison.Ordinal));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Entries.TryGetValue(Key(stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Data);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var data = serializer.SerializeToArray(grainState.State);
        lock (Gate)
        {
            CheckETag(key, grainState.ETag);
            var etag = Interlocked.Increment(ref _etags).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Entries[key] = (data, etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        lock (Gate)
        {
            CheckETag(key, grainState.ETag);
            Entries.TryRemove(key, out _);
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    private static void CheckETag(string key, string? expected)
    {
        var stored = Entries.TryGetValue(key, out var entry) ? entry.ETag : null;
        if (stored != expected) throw new InconsistentStateException($"ETag mismatch for {key}", stored, expected);
    }

    private string Key(string stateName, GrainId grainId) => $"{serviceId}/{stateName}/{grainId}";
}

/// <summary>The silos of the test clusters: the policy grains (each silo with its own engine) on <see cref="SharedGrainStorage"/>.</summary>
internal sealed class PolicySiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        // One engine per silo, as in production — but the test silos all run in this process, and an
        // engine is immutable, so they share the tests' instance instead of compiling the rule sets
        // once per silo (AddPolicyGrains keeps an engine the host registered itself).
        siloBuilder.Services.AddSingleton(FactsJsonTests.Engine);
        siloBuilder.AddPolicyGrains();
        SharedGrainStorage.AddTo(siloBuilder);

        // Declare a crashed silo dead within a few seconds instead of the production defaults
        // (tens of seconds), so that the crash test stays short.
        siloBuilder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        });
    }
}

/// <summary>The client of the test clusters.</summary>
internal sealed class PolicyClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder
        .AddPolicyTypes()
        // Drop a crashed silo's gateway within a second (the default refresh is a minute).
        .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
}

/// <summary>Starts test clusters: silos in the test process, talking over TCP on the loopback interface.</summary>
internal static class PolicyTestCluster
{
    public static async Task<TestCluster> StartAsync(short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket; // the default, said explicitly: real sockets on 127.0.0.1
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<PolicySiloConfigurator>();
        builder.AddClientBuilderConfigurator<PolicyClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
