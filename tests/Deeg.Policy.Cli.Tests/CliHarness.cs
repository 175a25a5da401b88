using System.Text.RegularExpressions;

namespace Deeg.Policy.Cli.Tests;

/// <summary>Runs the command line in-process and provides test data and temporary files.</summary>
internal static partial class Cli
{
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string Model => Path.Combine(TestData, "muster-maschinenbau.model.json");

    public static string Rules => Path.Combine(TestData, "muster-extra.rules.json");

    public static string Waivers => Path.Combine(TestData, "muster.waivers.json");

    public static string Tests => Path.Combine(TestData, "muster-extra.tests.json");

    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary><c>file:line:column: error|warning DPnnnn: message</c> (docs/diagnostics.md).</summary>
    [GeneratedRegex(@"^(?<file>.+):(?<line>[1-9][0-9]*):(?<column>[1-9][0-9]*): (?<severity>error|warning) (?<code>DP[0-9]{4}): (?<message>.+)$")]
    public static partial Regex DiagnosticLine();
}

internal sealed record CliResult(int Code, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {Code}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>A temporary directory, deleted at the end of the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deeg-policy-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
