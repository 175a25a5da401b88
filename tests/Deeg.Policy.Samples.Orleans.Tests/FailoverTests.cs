using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Messaging;
using Xunit.Abstractions;

namespace Deeg.Policy.Samples.Orleans.Tests;

/// <summary>A silo leaves the cluster: its organisations come back on the other silos, from grain storage, with nothing lost.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Cluster")]
public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_a_silo_stops_or_crashes_its_organisations_reactivate_elsewhere_with_the_same_findings()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
        await using var cluster = await PolicyTestCluster.StartAsync(silos: 3);
        Step("3 silos started");
        var client = cluster.Client;
        var ids = Enumerable.Range(0, 100).Select(SyntheticOrganisations.Id).ToArray();

        // Load, then change every organisation twice: what must survive is the changed model, not the loaded one.
        await Task.WhenAll(ids.Select(async id =>
        {
            var model = SyntheticOrganisations.Create(id);
            var grain = client.GetGrain<IOrganisationPolicyGrain>(id);
            Assert.True((await grain.ReplaceModel(model.ToJson())).Applied);
            for (var step = 0; step < 2; step++)
            {
                Assert.True((await grain.Upsert(SyntheticOrganisations.Change(model, step))).Applied);
            }
        }));
        Step($"{ids.Length} organisations loaded and changed");

        var before = await Reports(client, ids);
        var queryBefore = await Query(client);
        var hostsBefore = await Hosts(client, ids);

        // 1. A graceful stop of the secondary silo with the most organisations (the primary holds the test cluster's membership table).
        var stopped = cluster.SecondarySilos.MaxBy(s => hostsBefore.Count(h => h.Value.Equals(s.SiloAddress)))!;
        var moved = hostsBefore.Where(h => h.Value.Equals(stopped.SiloAddress)).Select(h => h.Key).ToArray();
        Assert.True(moved.Length >= 10, $"only {moved.Length} organisations on the silo to stop");
        await cluster.StopSiloAsync(stopped);
        await cluster.WaitForLivenessToStabilizeAsync();
        Step($"silo stopped; {moved.Length} organisations were on it");

        // Every organisation reports what it reported before — version, score, findings, messages …
        var after = await Reports(client, ids);
        Assert.All(ids, id => Assert.Equal(before[id], after[id]));

        // … those of the stopped silo from one of the two others, and the cluster-wide query is unchanged.
        Assert.All((await Hosts(client, moved)).Values, host => Assert.NotEqual(stopped.SiloAddress, host));
        Assert.Equal(queryBefore, await Query(client));

        // They go on taking changes from where they were.
        foreach (var id in moved.Take(10))
        {
            var change = await client.GetGrain<IOrganisationPolicyGrain>(id).Upsert(SyntheticOrganisations.Change(SyntheticOrganisations.Create(id), 2));
            Assert.True(change.Applied);
            Assert.Equal(before[id].Version + 1, change.Version);
        }

        Step("checked after the stop");

        // 2. A crash of the other secondary: killed, no graceful shutdown, no grain deactivation.
        var crashed = cluster.SecondarySilos.Single(s => s != stopped);
        before = await Reports(client, ids);
        queryBefore = await Query(client);
        var lost = (await Hosts(client, ids)).Where(h => h.Value.Equals(crashed.SiloAddress)).Select(h => h.Key).ToArray();
        Assert.NotEmpty(lost);
        await cluster.KillSiloAsync(crashed);

        // Wait until the primary's membership view has the silo dead (asked in-process: a grain such as
        // the management grain may itself have lived on the crashed silo).
        var membership = cluster.GetSiloServiceProvider(cluster.Primary!.SiloAddress).GetRequiredService<IClusterMembershipService>();
        for (var attempt = 0; membership.CurrentSnapshot.GetSiloStatus(crashed.SiloAddress) != SiloStatus.Dead; attempt++)
        {
            Assert.True(attempt < 300, "the crashed silo was not declared dead within 30 s");
            await Task.Delay(100);
        }

        Step($"silo crashed and declared dead; {lost.Length} organisations were on it");
        after = await Retrying(() => Reports(client, ids));
        Assert.All(ids, id => Assert.Equal(before[id], after[id]));
        Assert.All((await Retrying(() => Hosts(client, lost))).Values, host => Assert.Equal(cluster.Primary!.SiloAddress, host));
        Assert.Equal(queryBefore, await Retrying(() => Query(client)));
        Step("checked after the crash");

        await cluster.StopAllSilosAsync();
    }

    /// <summary>
    /// Retries a read while the client still sends to the crashed silo's gateway: until its gateway
    /// list refreshes, a call can fail to connect — as in production, where a client retries such calls.
    /// </summary>
    private static async Task<T> Retrying<T>(Func<Task<T>> read)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception e) when (e is ConnectionFailedException or SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                                      && clock.Elapsed < TimeSpan.FromSeconds(40))
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<Dictionary<string, (long Version, int Score, string Findings)>> Reports(IClusterClient client, string[] ids)
    {
        var reports = await Task.WhenAll(ids.Select(id => client.GetGrain<IOrganisationPolicyGrain>(id).GetReport()));
        return reports.ToDictionary(r => r.OrganisationId, r => (r.Version, r.Score, string.Join("\n", r.Findings.Select(f => $"{f.Fingerprint} {f.Severity} {f.Message}"))));
    }

    private static async Task<string> Query(IClusterClient client)
    {
        var found = await client.GetGrain<IPolicyQueryGrain>(0).FindingsAtOrAbove(Severity.High);
        return string.Join("\n", found.SelectMany(o => o.Findings.Select(f => $"{o.OrganisationId} {f.Fingerprint}")));
    }

    private static async Task<Dictionary<string, SiloAddress>> Hosts(IClusterClient client, string[] ids)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        var hosts = await Task.WhenAll(ids.Select(async id => (id, host: await management.GetActivationAddress(client.GetGrain<IOrganisationPolicyGrain>(id)))));
        return hosts.ToDictionary(h => h.id, h => h.host ?? throw new InvalidOperationException($"{h.id} is not activated"));
    }
}
