using System.Text.Json;
using Deeg.Policy.Model;
using Orleans.TestingHost;

namespace Deeg.Policy.Samples.Orleans.Tests;

/// <summary>A two-silo cluster shared by the tests of one class.</summary>
public sealed class TwoSiloCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await PolicyTestCluster.StartAsync(silos: 2);

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[Trait("Category", "Slow")]
[Trait("Kind", "Cluster")]
public sealed class OrganisationGrainTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    private static readonly PolicyEngine Engine = FactsJsonTests.Engine;

    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Many_organisations_spread_over_both_silos_and_the_fan_out_query_finds_exactly_the_findings_of_each_model()
    {
        var ids = Enumerable.Range(100, 100).Select(SyntheticOrganisations.Id).ToArray();
        await Task.WhenAll(ids.Select(async id =>
        {
            var change = await Client.GetGrain<IOrganisationPolicyGrain>(id).ReplaceModel(SyntheticOrganisations.Create(id).ToJson());
            Assert.True(change.Applied, string.Join("; ", change.Errors));
            Assert.Equal(1, change.Version);
        }));

        // Spread: the organisation grains live on both silos.
        var management = Client.GetGrain<IManagementGrain>(0);
        var hosts = await Task.WhenAll(ids.Select(id => management.GetActivationAddress(Client.GetGrain<IOrganisationPolicyGrain>(id)).AsTask()));
        Assert.Equal(2, hosts.Distinct().Count());
        Assert.All(hosts.GroupBy(h => h), g => Assert.True(g.Count() >= 10, $"only {g.Count()} organisations on {g.Key}"));

        // The query against the truth: each model evaluated on its own, here in the test.
        foreach (var minimum in new[] { Severity.High, Severity.Critical })
        {
            var expected = ids.SelectMany(id => Engine.Evaluate(SyntheticOrganisations.Create(id)).Findings
                    .Where(f => !f.Waived && f.Severity >= minimum).Select(f => $"{id} {f.Fingerprint} {f.RuleId} {f.Subject}"))
                .Order(StringComparer.Ordinal).ToArray();
            var found = await Client.GetGrain<IPolicyQueryGrain>(0).FindingsAtOrAbove(minimum);
            var actual = found.Where(o => ids.Contains(o.OrganisationId))
                .SelectMany(o => o.Findings.Select(f => $"{o.OrganisationId} {f.Fingerprint} {f.RuleId} {f.Subject}"))
                .Order(StringComparer.Ordinal).ToArray();

            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
            Assert.All(found.SelectMany(o => o.Findings), f => Assert.True(f.Severity >= minimum));
        }

        Assert.True(await Client.GetGrain<IPolicyQueryGrain>(0).CountOrganisations() >= ids.Length);
    }

    [Fact]
    public async Task Concurrent_changes_to_one_organisation_are_applied_one_at_a_time_as_if_sequential()
    {
        const string id = "org-concurrent";
        var model = SyntheticOrganisations.Create(id);
        var grain = Client.GetGrain<IOrganisationPolicyGrain>(id);
        Assert.True((await grain.ReplaceModel(model.ToJson())).Applied);

        // 200 changes sent at once from many threads; they overlap on the same channels, people and mentions.
        var changes = Enumerable.Range(0, 200).Select(step => SyntheticOrganisations.Change(model, step)).ToArray();
        var results = await Task.WhenAll(changes.Select((fact, i) => Task.Run(async () => (Fact: fact, Result: await grain.Upsert(fact)))));

        // Each change got its own version: they were applied one after the other, none lost.
        Assert.All(results, r => Assert.True(r.Result.Applied, string.Join("; ", r.Result.Errors)));
        Assert.Equal(Enumerable.Range(2, 200).Select(v => (long)v), results.Select(r => r.Result.Version).Order());

        // Replaying the changes in the order the grain applied them gives the same delta at every step and the same end state.
        using var replay = Engine.OpenSession(model);
        foreach (var (fact, result) in results.OrderBy(r => r.Result.Version))
        {
            var delta = replay.Upsert(fact);
            Assert.Equal(Keys(delta.Opened.Select(FindingInfo.From)), Keys(result.Opened));
            Assert.Equal(Keys(delta.Closed.Select(FindingInfo.From)), Keys(result.Closed));
        }

        var report = await grain.GetReport();
        Assert.Equal(201, report.Version);
        Assert.Equal(Keys(replay.Report().Findings.Select(FindingInfo.From)), Keys(report.Findings));
        Assert.Equal(replay.Model.ToJson(), await grain.GetModelJson());
    }

    [Fact]
    public async Task The_sample_models_give_the_reports_of_the_engine_and_survive_deactivation()
    {
        foreach (var file in FactsJsonTests.SampleModelFiles())
        {
            var json = await File.ReadAllTextAsync(file);
            var model = PolicyModel.Parse(json, file).Model!;
            var grain = Client.GetGrain<IOrganisationPolicyGrain>(model.Organisation.Id);
            var change = await grain.ReplaceModel(json);
            var expected = Engine.Evaluate(model);

            Assert.True(change.Applied);
            Assert.Equal(FactsJsonTests.Fingerprints(expected), change.Opened.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));
            var report = await grain.GetReport();
            Assert.Equal(expected.Summary.Score, report.Score);
            Assert.Equal(expected.Findings.Select(f => f.Fingerprint), report.Findings.Select(f => f.Fingerprint)); // report order too

            using var reportJson = JsonDocument.Parse(await grain.GetReportJson());
            Assert.Equal(expected.Findings.Count, reportJson.RootElement.GetProperty("findings").GetArrayLength());

            // Deactivate: the next call rebuilds the session from grain storage.
            await fixture.Cluster.DeactivateAsync(grain);
            var again = await grain.GetReport();
            Assert.Equal(report.Version, again.Version);
            Assert.Equal(report.Findings, again.Findings);
        }
    }

    [Fact]
    public async Task Changes_return_their_delta_and_invalid_changes_are_rejected_without_effect()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "models", "hahn-antriebstechnik.json"));
        var model = PolicyModel.Parse(json).Model!;
        var id = model.Organisation.Id + "-changes";
        var ownJson = new PolicyModel
        {
            Organisation = model.Organisation with { Id = id },
            AsOf = model.AsOf, Channels = model.Channels, People = model.People, Roles = model.Roles, Policies = model.Policies,
            UseCases = model.UseCases, Stakeholders = model.Stakeholders, Mentions = model.Mentions, Posts = model.Posts, Trainings = model.Trainings,
        }.ToJson();
        var grain = Client.GetGrain<IOrganisationPolicyGrain>(id);

        Assert.False((await grain.Upsert(model.Channels[0])).Applied); // no model yet
        Assert.True((await grain.ReplaceModel(ownJson)).Applied);

        // A model of another organisation, and one that does not load.
        var wrongKey = await grain.ReplaceModel(json);
        Assert.False(wrongKey.Applied);
        Assert.Contains("hahn", wrongKey.Errors[0]);
        var broken = await grain.ReplaceModel("""{ "organisation": { "id": "x" }, "channels": [ { "id": "c" } ] }""");
        Assert.False(broken.Applied);
        Assert.Contains(broken.Errors, e => e.Contains("error DP", StringComparison.Ordinal));

        // A dangling reference, an unknown id, a referenced fact, the organisation: rejected, version unchanged.
        Assert.False((await grain.Upsert(new Post { Id = "p-x", Channel = "no-such-channel", At = DateTimeOffset.UnixEpoch })).Applied);
        Assert.False((await grain.Remove(nameof(Channel), "no-such-channel")).Applied);
        Assert.False((await grain.Remove(nameof(Person), model.Roles[0].Person)).Applied);
        Assert.False((await grain.Remove(nameof(Organisation), id)).Applied);
        Assert.False((await grain.Remove("Spaceship", "x")).Applied);
        Assert.False((await grain.Upsert(model.Organisation)).Applied); // the id must stay the grain key
        Assert.Equal(1, (await grain.GetReport()).Version);

        // A change that closes a finding, and its reversal that opens it again.
        var weak = model.Channels.First(c => !c.Mfa);
        var fixedChannel = await grain.Upsert(weak with { Mfa = true, Credentials = Credentials.Vault });
        Assert.True(fixedChannel.Applied);
        Assert.Equal(2, fixedChannel.Version);
        Assert.Contains(fixedChannel.Closed, f => f.RuleId == "GOV-002" && f.Subject == $"Channel/{weak.Id}");
        var undone = await grain.Upsert(weak);
        Assert.Contains(undone.Opened, f => f.RuleId == "GOV-002" && f.Subject == $"Channel/{weak.Id}");

        // Remove a post, then replace the whole model with the original: the post comes back.
        var post = model.Posts[0];
        Assert.True((await grain.Remove(nameof(Post), post.Id)).Applied);
        Assert.DoesNotContain($"\"{post.Id}\"", await grain.GetModelJson(), StringComparison.Ordinal);
        var restored = await grain.ReplaceModel(ownJson);
        Assert.True(restored.Applied);
        Assert.Equal(5, restored.Version);
        Assert.Contains($"\"{post.Id}\"", await grain.GetModelJson(), StringComparison.Ordinal);

        // Delete: gone from storage and from queries.
        Assert.Contains(await Client.GetGrain<IPolicyQueryGrain>(0).FindingsAtOrAbove(Severity.Info), o => o.OrganisationId == id);
        await grain.Delete();
        Assert.Null(await grain.GetModelJson());
        Assert.DoesNotContain(await Client.GetGrain<IPolicyQueryGrain>(0).FindingsAtOrAbove(Severity.Info), o => o.OrganisationId == id);
        Assert.DoesNotContain(id, await Client.GetGrain<IOrganisationDirectoryGrain>(OrganisationDirectory.BucketOf(id)).Members());
    }

    private static string[] Keys(IEnumerable<FindingInfo> findings) =>
        findings.Select(f => $"{f.Fingerprint} {f.RuleId} {f.Subject} {f.Message}").Order(StringComparer.Ordinal).ToArray();
}
