using System.Diagnostics;
using Xunit;

namespace Deeg.Policy.TestSupport;

/// <summary>
/// Debian's Chromium, headless, for the tests that render HTML pages (trait <c>Kind=Browser</c>).
/// Chromium is part of the test machine, not of the test: <c>.ci/run</c> installs Debian's package
/// when it is absent. Without it the browser tests fail and say so; they never pass unseen.
/// Linked into each test project that renders pages.
/// </summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Fails the test with what to do when Chromium is not installed.</summary>
    public static void Ensure() =>
        Assert.True(File.Exists(Path),
            $"{Path} is missing: the browser tests need Debian's chromium package. Run .ci/run (it installs it when absent) "
            + "or install it yourself: apt-get update && apt-get install chromium. "
            + "To leave the browser tests out, filter with --filter Kind!=Browser (or Category!=Slow).");

    /// <summary>
    /// Runs Chromium with the flags this machine needs (no sandbox as root, no background network:
    /// the machine has no network and would refuse those connections) and a new profile in
    /// <paramref name="profileParent"/>; returns the exit code and everything it printed.
    /// </summary>
    public static (int Code, string Output) Run(string profileParent, params string[] args)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + System.IO.Path.Combine(profileParent, "chromium-profile-" + Guid.NewGuid().ToString("N")),
            "--enable-logging=stderr", "--v=0",
        })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 2 minutes");
        }

        return (process.ExitCode, stdout.Result + "\n" + stderr.Result);
    }

    /// <summary>The page's console output in Chromium's log (<c>INFO:CONSOLE</c> lines: errors, warnings, CSP violations, uncaught exceptions).</summary>
    public static List<string> ConsoleLines(string log) =>
        log.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)).ToList();
}
