using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>
/// <c>bench</c>: changes per second on 1, 2 and 3 local silos. Each silo is a process of its own
/// (this program with <c>silo --index i</c>), as on separate machines, but all on this machine;
/// the client runs in this process. For every cluster size: load the synthetic organisations,
/// warm up, then send single-fact upserts from <c>--concurrency</c> concurrent callers for
/// <c>--seconds</c> and count the acknowledged changes (each one applied to the warm session and
/// written to grain storage). Before that, the same changes straight on <see cref="PolicySession"/>s
/// in this process (no Orleans) give the ceiling of the engine itself.
/// </summary>
internal static class Bench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var siloCounts = (LocalSilo.Option(args, "--silos") ?? "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var organisations = int.Parse(LocalSilo.Option(args, "--orgs") ?? "400", CultureInfo.InvariantCulture);
        var seconds = double.Parse(LocalSilo.Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        var rounds = int.Parse(LocalSilo.Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        var warmup = double.Parse(LocalSilo.Option(args, "--warmup") ?? "3", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(LocalSilo.Option(args, "--concurrency") ?? "64", CultureInfo.InvariantCulture);

#if DEBUG
        Console.WriteLine("warning: a Debug build; measure with -c Release");
#endif
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {organisations} organisations, "
            + $"{concurrency} concurrent callers; per setup {warmup:0.#} s warm-up, then {rounds} rounds of {seconds:0.#} s (the best round is reported)");
        var models = Enumerable.Range(0, organisations).Select(i => SyntheticOrganisations.Create(SyntheticOrganisations.Id(i))).ToArray();
        var documents = models.Select(m => m.ToJson()).ToArray();
        Console.WriteLine($"models: {models.Average(m => Facts(m)):0} facts each on average");
        Console.WriteLine();

        var rows = new List<string>();
        rows.Add(InProcess(models, threads: 1, warmup, rounds, seconds));
        rows.Add(InProcess(models, threads: Environment.ProcessorCount, warmup, rounds, seconds));

        var run = 0;
        foreach (var silos in siloCounts)
        {
            rows.Add(await OnCluster(silos, run++, models, documents, concurrency, warmup, rounds, seconds));
        }

        Console.WriteLine();
        Console.WriteLine("| setup | changes/s | p50 ms | p99 ms | CPU busy (of " + Environment.ProcessorCount + " cores) | CPU µs per change | of it in silos | query ≥ high, all orgs |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows) Console.WriteLine(row);
        return 0;
    }

    private static int Facts(PolicyModel m) =>
        1 + m.Channels.Count + m.People.Count + m.Roles.Count + m.Policies.Count + m.UseCases.Count + m.Stakeholders.Count + m.Mentions.Count + m.Posts.Count + m.Trainings.Count;

    /// <summary>The engine alone: sessions in this process, changes applied by <paramref name="threads"/> threads over disjoint organisations.</summary>
    private static string InProcess(PolicyModel[] models, int threads, double warmup, int rounds, double seconds)
    {
        var engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();
        var sessions = models.Select(m => engine.OpenSession(m)).ToArray();
        var steps = new int[models.Length];
        Round(TimeSpan.FromSeconds(warmup));
        var best = Enumerable.Range(0, rounds).Select(_ => Round(TimeSpan.FromSeconds(seconds))).MaxBy(r => r.Rate);
        foreach (var s in sessions) s.Dispose();
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| PolicySession in one process, no Orleans, {threads} thread(s) | {best.Rate:0} | – | – | {best.Busy:0.00} | {best.CpuPerChange:0} | – | – |");
        Console.WriteLine(row);
        return row;

        (double Rate, double Busy, double CpuPerChange) Round(TimeSpan duration)
        {
            long done = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                // Each thread has organisations of its own: a session is single-threaded.
                var own = Enumerable.Range(0, models.Length).Where(o => o % threads == t).ToArray();
                long count = 0;
                for (var i = 0; clock.Elapsed < duration; i = (i + 1) % own.Length)
                {
                    var o = own[i];
                    sessions[o].Upsert(SyntheticOrganisations.Change(models[o], steps[o]++));
                    count++;
                }

                Interlocked.Add(ref done, count);
            });
            var elapsed = clock.Elapsed;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            return (done / elapsed.TotalSeconds, used / elapsed, used.TotalMicroseconds / done);
        }
    }

    private static async Task<string> OnCluster(int silos, int run, PolicyModel[] models, string[] documents, int concurrency, double warmup, int rounds, double seconds)
    {
        var ports = new LocalClusterPorts($"bench-{Environment.ProcessId}-{run}", 11200 + 10 * run, 30200 + 10 * run);
        var processes = new List<Process>();
        try
        {
            processes.Add(StartSilo(ports, 0));
            await WaitReady(processes[0]);
            for (var i = 1; i < silos; i++) processes.Add(StartSilo(ports, i));
            await Task.WhenAll(processes.Skip(1).Select(WaitReady));

            using var clientHost = LocalSilo.BuildClient(ports, silos);
            await clientHost.StartAsync();
            var client = clientHost.Services.GetRequiredService<IClusterClient>();

            // Load every organisation (opens its session and stores its model).
            var load = Stopwatch.StartNew();
            await ForEachConcurrently(Enumerable.Range(0, models.Length), concurrency, async i =>
            {
                var change = await client.GetGrain<IOrganisationPolicyGrain>(models[i].Organisation.Id).ReplaceModel(documents[i]);
                if (!change.Applied) throw new InvalidOperationException(string.Join("; ", change.Errors));
            });
            var loadSeconds = load.Elapsed.TotalSeconds;
            var spread = await Spread(client);

            var steps = new int[models.Length];
            await Drive(client, models, steps, concurrency, TimeSpan.FromSeconds(warmup), latencies: null);
            var results = new List<(double Rate, double Busy, double CpuPerChange, double SiloShare, double[] Latencies)>();
            for (var round = 0; round < rounds; round++)
            {
                var latencies = new ConcurrentBag<double>();
                var cpuBefore = CpuTime(processes);
                var siloCpuBefore = CpuTime(processes, includeClient: false);
                var clock = Stopwatch.StartNew();
                var changes = await Drive(client, models, steps, concurrency, TimeSpan.FromSeconds(seconds), latencies);
                var elapsed = clock.Elapsed;
                var cpuUsed = CpuTime(processes) - cpuBefore;
                var siloCpuUsed = CpuTime(processes, includeClient: false) - siloCpuBefore;
                results.Add((changes / elapsed.TotalSeconds, cpuUsed / elapsed, cpuUsed.TotalMicroseconds / changes, siloCpuUsed / cpuUsed, latencies.Order().ToArray()));
            }

            var best = results.MaxBy(r => r.Rate);
            var query = Stopwatch.StartNew();
            var found = await client.GetGrain<IPolicyQueryGrain>(0).FindingsAtOrAbove(Severity.High);
            var queryMs = query.Elapsed.TotalMilliseconds;
            query.Restart();
            await client.GetGrain<IPolicyQueryGrain>(0).FindingsAtOrAbove(Severity.High);
            queryMs = Math.Min(queryMs, query.Elapsed.TotalMilliseconds);

            var row = string.Create(CultureInfo.InvariantCulture,
                $"| Orleans, {silos} silo process(es) + client | {best.Rate:0} | {Percentile(best.Latencies, 0.50):0.0} | {Percentile(best.Latencies, 0.99):0.0} | {best.Busy:0.00} | {best.CpuPerChange:0} | {best.SiloShare:P0} | {queryMs:0} ms |");
            Console.WriteLine(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    loaded {models.Length} organisations in {loadSeconds:0.0} s; organisation grains per silo: {spread}; query found {found.Sum(o => o.Findings.Count)} findings ≥ high in {found.Count} organisations"));
            await clientHost.StopAsync();
            return row;
        }
        finally
        {
            await StopSilos(processes);
        }
    }

    /// <summary><paramref name="concurrency"/> callers, each sending one change after the other to organisations in turn, until <paramref name="duration"/> is over.</summary>
    private static async Task<long> Drive(IClusterClient client, PolicyModel[] models, int[] steps, int concurrency, TimeSpan duration, ConcurrentBag<double>? latencies)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var o = (int)((uint)Interlocked.Increment(ref next) % (uint)models.Length);
                var fact = SyntheticOrganisations.Change(models[o], Interlocked.Increment(ref steps[o]));
                var start = Stopwatch.GetTimestamp();
                var change = await client.GetGrain<IOrganisationPolicyGrain>(models[o].Organisation.Id).Upsert(fact);
                if (!change.Applied) throw new InvalidOperationException(string.Join("; ", change.Errors));
                latencies?.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                Interlocked.Increment(ref done);
            }
        }));
        return done;
    }

    private static async Task<string> Spread(IClusterClient client)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return string.Join(" / ", statistics
            .Where(s => s.GrainType.Contains(nameof(OrganisationPolicyGrain), StringComparison.Ordinal))
            .OrderBy(s => s.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(s => s.ActivationCount.ToString(CultureInfo.InvariantCulture)));
    }

    private static async Task ForEachConcurrently<T>(IEnumerable<T> items, int concurrency, Func<T, Task> action)
    {
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try { await action(item); }
            finally { gate.Release(); }
        }));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static TimeSpan CpuTime(List<Process> silos, bool includeClient = true)
    {
        var total = includeClient ? Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.Zero;
        foreach (var p in silos)
        {
            p.Refresh();
            total += p.TotalProcessorTime;
        }

        return total;
    }

    /// <summary>Starts this program as <c>silo --index i</c> in a process of its own.</summary>
    private static Process StartSilo(LocalClusterPorts ports, int index)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in new[] { "silo", "--index", index.ToString(CultureInfo.InvariantCulture), "--cluster", ports.ClusterId,
                     "--silo-port", ports.SiloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", ports.GatewayPort.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start a silo process");
    }

    private static async Task WaitReady(Process silo)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await silo.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "READY")
            {
                // Keep reading (and showing) what the silo prints, so that it never blocks on a full pipe.
                _ = Task.Run(async () =>
                {
                    while (await silo.StandardOutput.ReadLineAsync() is { } more) Console.WriteLine($"    [silo {silo.Id}] {more}");
                });
                return;
            }

            Console.WriteLine($"    [silo {silo.Id}] {line}");
        }

        throw new InvalidOperationException($"silo process {silo.Id} ended before it was ready");
    }

    /// <summary>
    /// Stops the silos gracefully one after the other, the primary last (it holds the membership
    /// table of localhost clustering), by closing their standard input; a silo still running after
    /// 30 s is killed.
    /// </summary>
    private static async Task StopSilos(List<Process> processes)
    {
        foreach (var batch in processes.Skip(1).Reverse().Append(processes.FirstOrDefault()).OfType<Process>().Select(p => new[] { p }))
        {
            foreach (var p in batch)
            {
                try { p.StandardInput.Close(); }
                catch (IOException) { }
            }

            foreach (var p in batch)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await p.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    p.Kill(entireProcessTree: true);
                }

                p.Dispose();
            }
        }
    }
}
