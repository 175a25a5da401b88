using System.Globalization;
using Deeg.Policy.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>
/// The default command: one local silo (localhost clustering, memory grain storage), every model
/// of <c>samples/models</c> loaded into its organisation's grain, one incremental change, the
/// cluster-wide query, and a grain rebuilt from storage after deactivation.
/// </summary>
internal static class Demo
{
    public static async Task<int> RunAsync(string[] args)
    {
        var modelsDirectory = LocalSilo.Option(args, "--models") ?? FindModelsDirectory();
        if (modelsDirectory is null || !Directory.Exists(modelsDirectory))
        {
            Console.Error.WriteLine("samples/models not found: run from the repository or pass --models DIR");
            return 2;
        }

        var files = Directory.GetFiles(modelsDirectory, "*.json").Order(StringComparer.Ordinal).ToArray();
        Console.WriteLine($"Starting a local Orleans silo (localhost clustering, memory grain storage) …");
        using var silo = LocalSilo.Build(LocalClusterPorts.Default, index: 0);
        await silo.StartAsync();
        var client = silo.Services.GetRequiredService<IClusterClient>();

        Console.WriteLine($"Loading {files.Length} organisation model(s) from {Path.GetRelativePath(Environment.CurrentDirectory, modelsDirectory)}:");
        Console.WriteLine();
        Console.WriteLine($"  {"organisation",-28} {"score",5} {"critical",8} {"high",5} {"medium",6} {"low",4} {"info",4}");
        var models = new List<PolicyModel>();
        foreach (var file in files)
        {
            var json = await File.ReadAllTextAsync(file);
            var loaded = PolicyModel.Parse(json, file);
            if (!loaded.Succeeded)
            {
                foreach (var d in loaded.Diagnostics) Console.Error.WriteLine(d);
                continue;
            }

            var model = loaded.Model!;
            models.Add(model);
            var grain = client.GetGrain<IOrganisationPolicyGrain>(model.Organisation.Id);
            var change = await grain.ReplaceModel(json);
            if (!change.Applied)
            {
                Console.Error.WriteLine($"  {model.Organisation.Id}: rejected: {string.Join("; ", change.Errors)}");
                continue;
            }

            var report = await grain.GetReport();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {report.OrganisationId,-28} {report.Score,5} {Count(report, Severity.Critical),8} {Count(report, Severity.High),5} {Count(report, Severity.Medium),6} {Count(report, Severity.Low),4} {Count(report, Severity.Info),4}"));
        }

        if (models.Count == 0) return 1;

        // One incremental change: the first channel without MFA gets MFA and a password vault.
        Console.WriteLine();
        var (owner, channel) = models.SelectMany(m => m.Channels.Select(c => (m, c))).FirstOrDefault(x => !x.c.Mfa);
        if (channel is not null)
        {
            var changed = channel with { Mfa = true, Credentials = Credentials.Vault };
            var delta = await client.GetGrain<IOrganisationPolicyGrain>(owner!.Organisation.Id).Upsert(changed);
            Console.WriteLine($"Change to {owner.Organisation.Id}: Channel/{channel.Id} gets MFA and a password vault (model version {delta.Version}):");
            foreach (var f in delta.Closed) Console.WriteLine($"  closed  {f.Severity,-8} {f.RuleId,-10} {f.Subject}: {f.Title}");
            foreach (var f in delta.Opened) Console.WriteLine($"  opened  {f.Severity,-8} {f.RuleId,-10} {f.Subject}: {f.Title}");
            if (delta.Opened.Count + delta.Closed.Count == 0) Console.WriteLine("  no finding opened or closed");
        }

        // The cluster-wide query: a stateless worker asks every directory bucket, each bucket its organisations.
        Console.WriteLine();
        var critical = await client.GetGrain<IPolicyQueryGrain>(0).FindingsAtOrAbove(Severity.Critical);
        Console.WriteLine($"Critical findings across all {await client.GetGrain<IPolicyQueryGrain>(0).CountOrganisations()} organisations (fan-out query):");
        foreach (var organisation in critical)
        {
            foreach (var f in organisation.Findings) Console.WriteLine($"  {organisation.OrganisationId,-28} {f.RuleId,-10} {f.Subject}: {f.Title}");
        }

        if (critical.Count == 0) Console.WriteLine("  none");

        // Deactivate one grain: the next call activates it again from grain storage.
        Console.WriteLine();
        var first = client.GetGrain<IOrganisationPolicyGrain>(models[0].Organisation.Id);
        var before = await first.GetReport();
        await client.GetGrain<IManagementGrain>(0).DeactivateGrain(first.GetGrainId());
        var after = await first.GetReport();
        var same = before.Version == after.Version && before.Findings.Select(f => f.Fingerprint).SequenceEqual(after.Findings.Select(f => f.Fingerprint));
        Console.WriteLine($"Grain {models[0].Organisation.Id} deactivated and activated again from grain storage: model version {after.Version}, "
            + $"{after.Findings.Count} findings — {(same ? "the same as before" : "DIFFERENT from before")}.");

        await silo.StopAsync();
        return same ? 0 : 1;
    }

    private static int Count(OrganisationReport report, Severity severity) => report.Findings.Count(f => !f.Waived && f.Severity == severity);

    /// <summary>samples/models above the working directory or the program's directory.</summary>
    private static string? FindModelsDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "models");
                if (Directory.Exists(candidate)) return candidate;
            }
        }

        return null;
    }
}
