using Microsoft.Data.Sqlite;
using Npgsql;

namespace Deeg.Policy.History.Tests;

/// <summary>The store tests on SQLite files (fast).</summary>
public sealed class SqliteStoreTests : StoreContract, IDisposable
{
    private readonly TempDir _dir = new();

    protected override string NewTarget() => _dir.Combine(Guid.NewGuid().ToString("N") + ".db");

    protected override void Sql(string target, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={target};Pooling=false");
        connection.Open();
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    protected override string Scalar(string target, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = new SqliteCommand(sql, connection);
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    /// <summary>For SQLite "unchanged" is byte for byte: the file (and its write-ahead log) as before.</summary>
    protected override string Snapshot(string target) =>
        string.Join('|', new[] { target, target + "-wal" }.Where(f => File.Exists(f) && new FileInfo(f).Length > 0).Select(f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));

    public void Dispose() => _dir.Dispose();
}

/// <summary>The same store tests on a real PostgreSQL server: a throwaway cluster of the tests' own.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Database")]
public sealed class PostgresStoreTests(PostgresCluster cluster) : StoreContract, IClassFixture<PostgresCluster>
{
    protected override string NewTarget() => cluster.NewDatabase();

    protected override void Sql(string target, string sql)
    {
        using var connection = new NpgsqlConnection(target + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    protected override string Scalar(string target, string sql)
    {
        using var connection = new NpgsqlConnection(target + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public void Check_and_history_work_on_the_server()
    {
        var target = NewTarget();
        var model = Path.Combine(AppContext.BaseDirectory, "TestData", "muster-maschinenbau.model.json");
        using var stdout = new StringWriter();
        Assert.Equal(0, Cli.CliApp.Run(["check", model, "--history", target, "--as-of", "2026-01-05", "--fail-on", "none"], stdout, stdout));
        using var report = new StringWriter();
        using var errors = new StringWriter();
        Assert.Equal(0, Cli.CliApp.Run(["check", model, "--history", target, "--as-of", "2026-01-15", "--fail-on", "none", "--format", "json"], report, errors));
        Assert.Contains("\"openDays\": 10", report.ToString(), StringComparison.Ordinal);
        using var history = new StringWriter();
        Assert.Equal(0, Cli.CliApp.Run(["history", target, "--format", "json"], history, errors));
        using var doc = System.Text.Json.JsonDocument.Parse(history.ToString());
        Assert.Equal(2, doc.RootElement.GetProperty("organisations")[0].GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public void The_target_is_named_without_the_password()
    {
        using var store = HistoryStore.Open(NewTarget() + ";Password=secret");
        Assert.DoesNotContain("secret", store.Target, StringComparison.Ordinal);
        Assert.StartsWith("postgresql://127.0.0.1:", store.Target, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_does_not_answer_is_a_clear_error()
    {
        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open("Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3"));
        Assert.Equal(HistoryErrorKind.CannotOpen, error.Kind);
        Assert.Contains("postgresql://127.0.0.1:1/none", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A temporary directory, deleted at the end of the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deeg-history-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
