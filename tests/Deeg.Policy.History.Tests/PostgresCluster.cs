using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Deeg.Policy.History.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: <c>initdb</c> in a temporary directory, the server on a free
/// loopback port, stopped and deleted afterwards. Debian keeps the server programs in
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>; <c>initdb</c> refuses to run as root, so as root the cluster
/// belongs to the unprivileged <c>postgres</c> user (run through <c>runuser</c>).
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _directory;
    private readonly string _data;
    private readonly bool _asPostgresUser;

    public PostgresCluster()
    {
        _bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb. Install it with: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql");
        _asPostgresUser = Environment.UserName == "root";
        _directory = Path.Combine(Path.GetTempPath(), "deeg-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _data = Path.Combine(_directory, "data");
        Directory.CreateDirectory(_directory);
        if (_asPostgresUser) Run("/bin/chown", "postgres:postgres", _directory);

        Port = FreePort();
        Run(Path.Combine(_bin, "initdb"), "-D", _data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C");
        Run(Path.Combine(_bin, "pg_ctl"), "-D", _data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", "start");
        AdminConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";
    }

    public int Port { get; }

    public string AdminConnectionString { get; }

    /// <summary>A new, empty database on the cluster; its connection string.</summary>
    public string NewDatabase()
    {
        var name = "deeg_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public void Dispose()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            Run(Path.Combine(_bin, "pg_ctl"), "-D", _data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string? FindBin()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root)) return null;
        return Directory.GetDirectories(Root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string program, params string[] args)
    {
        var start = _asPostgresUser && !program.EndsWith("chown", StringComparison.Ordinal)
            ? new ProcessStartInfo("/usr/sbin/runuser", ["-u", "postgres", "--", program, .. args])
            : new ProcessStartInfo(program, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = _directory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 2 minutes");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
    }
}
