using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>Shared helpers of the hardening tests: the corpus, time bounds, and what a well-formed diagnostic is.</summary>
internal static partial class Hostile
{
    /// <summary>How long any single hostile input may take (generous for slow CI machines; a hang takes forever).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    /// <summary>The corpus folder in the source tree (the files are broken on purpose and are not copied to the output).</summary>
    public static string CorpusDirectory { get; } = FindCorpus();

    /// <summary>One entry of corpus.json.</summary>
    public sealed record Entry(string File, string Kind, string What, IReadOnlyList<(string Code, int Line, int Column)> Expect)
    {
        public string Path => System.IO.Path.Combine(CorpusDirectory, File.Replace('/', System.IO.Path.DirectorySeparatorChar));

        public override string ToString() => File;
    }

    public static IReadOnlyList<Entry> Entries { get; } = ReadManifest();

    /// <summary>Runs <paramref name="action"/> on a thread pool thread and fails when it takes longer than <see cref="Budget"/>.</summary>
    public static T Bounded<T>(Func<T> action, string what)
    {
        var task = Task.Run(action);
        if (!task.Wait(Budget)) Assert.Fail($"{what} did not finish within {Budget.TotalSeconds} s (a hang)");
        return task.Result;
    }

    /// <summary>A diagnostic (docs/diagnostics.md): code DPnnnn, 1-based position, one line of bounded, printable text.</summary>
    public static bool WellFormed(Diagnostic d, string? file = null) =>
        CodePattern().IsMatch(d.Code) && d.Line >= 1 && d.Column >= 1 && d.Message.Length > 0
        && d.Message.Length <= Diagnostic.MaxMessageLength && !d.Message.Any(char.IsControl) && !d.File.Any(char.IsControl)
        && (file is null || d.File == file);

    [GeneratedRegex("^DP[0-9]{4}$")]
    public static partial Regex CodePattern();

    private static IReadOnlyList<Entry> ReadManifest()
    {
        var root = JObject.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(CorpusDirectory, "corpus.json")));
        return root["entries"]!.Select(e => new Entry(
            (string)e["file"]!,
            (string)e["kind"]!,
            (string)e["what"]!,
            e["expect"]!.Select(x => ((string)x["code"]!, (int)x["line"]!, (int)x["column"]!)).ToList())).ToList();
    }

    private static string FindCorpus([CallerFilePath] string source = "")
    {
        // The source folder of this file when it exists (a normal checkout), else search upwards from the test output.
        var here = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source) ?? ".", "Corpus");
        if (Directory.Exists(here)) return here;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "Deeg.Policy.Tests", "Hardening", "Corpus");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException("the hardening corpus (tests/Deeg.Policy.Tests/Hardening/Corpus) was not found");
    }
}
