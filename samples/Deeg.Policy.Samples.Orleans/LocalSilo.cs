using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>Where the silos of a local cluster listen: silo <c>i</c> uses <c>SiloPort + i</c> and <c>GatewayPort + i</c>; silo 0 is the primary.</summary>
/// <param name="ClusterId">The cluster id (each benchmark run starts a cluster of its own).</param>
/// <param name="SiloPort">The silo-to-silo port of silo 0.</param>
/// <param name="GatewayPort">The client gateway port of silo 0.</param>
internal sealed record LocalClusterPorts(string ClusterId, int SiloPort, int GatewayPort)
{
    public const string ServiceId = "deeg-policy-sample";

    public static LocalClusterPorts Default { get; } = new("deeg-policy-local", 11111, 30000);

    public IPEndPoint Primary => new(IPAddress.Loopback, SiloPort);
}

/// <summary>Builds silo and client hosts on localhost clustering (development only: the primary silo holds the membership table).</summary>
internal static class LocalSilo
{
    /// <summary>A silo host: localhost clustering, memory grain storage, the policy grains and the silo's one engine (from <c>AddDeegPolicy</c>).</summary>
    public static IHost Build(LocalClusterPorts ports, int index)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning)
            // Not for a local sample: the advice to use server GC (this sample runs several silos on
            // one small machine, where the workstation GC fits better), the watchdog's first-check
            // notice, and the long-turn notices that opening many sessions at once on 2 cores causes.
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error)
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)
            .AddFilter("Orleans.Runtime.Scheduler.WorkItemGroup", LogLevel.Error);
        // The silo's one engine comes from the DI package (services.AddDeegPolicy); AddPolicyGrains
        // keeps an engine that the host registered and hands it to every grain of the silo.
        builder.Services.AddDeegPolicy(policy => policy.AddBuiltInRuleSets());
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports.SiloPort + index, ports.GatewayPort + index, ports.Primary, LocalClusterPorts.ServiceId, ports.ClusterId)
            .Configure<SiloOptions>(o => o.SiloName = $"silo-{index}")
            .AddMemoryGrainStorage(PolicyStorage.Name)
            .AddPolicyGrains());
        return builder.Build();
    }

    /// <summary>A client host that connects to the gateways of silos 0 … <paramref name="silos"/> − 1.</summary>
    public static IHost BuildClient(LocalClusterPorts ports, int silos)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(Enumerable.Range(ports.GatewayPort, silos).ToArray(), LocalClusterPorts.ServiceId, ports.ClusterId)
            .AddPolicyTypes());
        return builder.Build();
    }

    /// <summary>
    /// <c>silo --index I [--silo-port P --gateway-port G --cluster C]</c>: runs one silo of a local
    /// cluster until its standard input ends (or Ctrl+C); prints <c>READY</c> when it has joined.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var index = int.Parse(Option(args, "--index") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var ports = new LocalClusterPorts(
            Option(args, "--cluster") ?? LocalClusterPorts.Default.ClusterId,
            int.Parse(Option(args, "--silo-port") ?? "11111", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Option(args, "--gateway-port") ?? "30000", System.Globalization.CultureInfo.InvariantCulture));
        using var host = Build(ports, index);
        await host.StartAsync();
        Console.WriteLine("READY");
        Console.Out.Flush();

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var stdinClosed = Task.Run(() => { while (Console.In.ReadLine() is not null) { } });
        await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        await host.StopAsync();
        return 0;
    }

    public static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
