using System.Diagnostics;
using System.Globalization;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>
/// Cold compile (<c>--cold</c>): the five built-in packs compiled as the first thing a new process
/// does, which BenchmarkDotNet cannot measure (it warms up). Starts this program again for each
/// sample (<c>--cold-once system|fast</c>), alternating the compilers, and reports the medians of
/// the first build and of the whole process.
/// </summary>
internal static class ColdCompile
{
    public static void Run(int samples)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(ColdCompile).Assembly.Location;
        var results = new Dictionary<string, List<(double Build, double Process)>> { ["system"] = [], ["fast"] = [] };
        for (var i = 0; i < samples; i++)
        {
            foreach (var compiler in new[] { "system", "fast" })
            {
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
                if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(dll);
                start.ArgumentList.Add("--cold-once");
                start.ArgumentList.Add(compiler);
                var wall = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                var build = double.Parse(output.Trim(), CultureInfo.InvariantCulture);
                results[compiler].Add((build, wall.Elapsed.TotalMilliseconds));
            }
        }

        Console.WriteLine($"Cold compile of the five built-in packs, {samples} processes each (medians):");
        Console.WriteLine("| expression compiler | first build in a new process | whole process (start, build, exit) |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (compiler, list) in results)
        {
            Console.WriteLine($"| {(compiler == "fast" ? "FastExpressionCompiler" : "Expression.Compile")} | {Median(list.Select(x => x.Build)):F0} ms | {Median(list.Select(x => x.Process)):F0} ms |");
        }
    }

    /// <summary>In the child process: one build, timed; prints milliseconds.</summary>
    public static void Once(string compiler)
    {
        var sw = Stopwatch.StartNew();
        new CompileScenario("packs").Compile(Compilers.Of(compiler));
        Console.WriteLine(sw.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
