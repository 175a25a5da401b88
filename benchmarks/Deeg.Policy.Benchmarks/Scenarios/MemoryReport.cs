using System.Diagnostics;
using System.Globalization;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// Working set per size (<c>--memory</c>): for each size a new process (<c>--memory-once SIZE</c>)
/// generates the organisation, evaluates the five packs once and keeps a session open; it reports
/// its working set after each step and its peak. BenchmarkDotNet's MemoryDiagnoser gives the
/// allocated bytes per operation; this gives what a process holds.
/// </summary>
internal static class MemoryReport
{
    public static void Run(IEnumerable<string> sizes)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(MemoryReport).Assembly.Location;
        Console.WriteLine("| size | facts | model generated | after one evaluation (five packs) | with a warm session open | peak working set |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in sizes)
        {
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--memory-once");
            start.ArgumentList.Add(size);
            using var process = Process.Start(start)!;
            Console.Write(process.StandardOutput.ReadToEnd());
            process.WaitForExit();
        }
    }

    public static void Once(string size)
    {
        static long Mib(long bytes) => bytes / (1024 * 1024);
        static long Settled()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var me = Process.GetCurrentProcess();
            return me.WorkingSet64;
        }

        var model = Sizes.Model(size);
        var generated = Settled();
        var engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();
        engine.Evaluate(model, Sizes.Options);
        var evaluated = Settled();
        using var session = engine.OpenSession(model, Sizes.Options);
        var open = Settled();
        GC.KeepAlive(session);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size} | {Sizes.Facts(model):N0} | {Mib(generated)} MiB | {Mib(evaluated)} MiB | {Mib(open)} MiB | {Mib(process.PeakWorkingSet64)} MiB |"));
    }
}
