using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Deeg.Policy.Samples.Tests;

/// <summary>A sample started as a real process (<c>dotnet samples/…/bin/&lt;config&gt;/net10.0/&lt;name&gt;.dll</c>), with its output lines.</summary>
internal sealed class SampleProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _newLine = new(0);

    private SampleProcess(Process process) => _process = process;

    /// <summary>The repository root (the folder with <c>Deeg.Policy.sln</c>).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_lines) return string.Join(Environment.NewLine, _lines);
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the sample <paramref name="name"/> (e.g. <c>Console</c>) in <paramref name="workingDirectory"/>.</summary>
    public static SampleProcess Start(string name, string workingDirectory, params string[] arguments)
    {
        var project = $"Deeg.Policy.Samples.{name}";
        var configuration = typeof(SampleProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(Root, "samples", project, "bin", configuration, "net10.0", project + ".dll");
        Assert.True(File.Exists(dll), dll + " is not built");

        var start = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sample = new SampleProcess(process);
        process.OutputDataReceived += (_, e) => sample.Add(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sample;
    }

    /// <summary>Waits for the first line (from the start) that matches <paramref name="pattern"/>; returns its match.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan? timeout = null, int skip = 0)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            lock (_lines)
            {
                foreach (var line in _lines.Skip(skip))
                {
                    var match = regex.Match(line);
                    if (match.Success) return match;
                }
            }

            if (_process.HasExited && _newLine.CurrentCount == 0)
            {
                _process.WaitForExit();
                lock (_lines)
                {
                    if (!_lines.Skip(skip).Any(l => regex.IsMatch(l)))
                        throw new InvalidOperationException($"the sample exited ({_process.ExitCode}) without printing /{pattern}/:{Environment.NewLine}{Output}");
                }

                continue;
            }

            try
            {
                await _newLine.WaitAsync(TimeSpan.FromMilliseconds(200), cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no line /{pattern}/ within {timeout ?? DefaultTimeout}:{Environment.NewLine}{Output}");
            }
        }
    }

    /// <summary>The number of lines so far (to wait only for later lines).</summary>
    public int LineCount
    {
        get
        {
            lock (_lines) return _lines.Count;
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _newLine.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        _newLine.Release();
    }

    private static string Dotnet
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
            return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Deeg.Policy.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Deeg.Policy.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deeg-samples-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

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
