using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Deeg.Policy.History;

/// <summary>
/// The history in one SQLite file, created on first use. Write-ahead logging lets readers and one writer
/// work at once; a second writer waits (busy timeout) and the whole run is retried if it waited too long.
/// A process killed in the middle of a run leaves nothing of it: the run's transaction never committed.
/// </summary>
internal sealed class SqliteHistoryStore : DbHistoryStore
{
    private const int BusyTimeoutSeconds = 30;

    private readonly string _connectionString;

    private SqliteHistoryStore(string path, bool readOnly)
    {
        Target = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            // One connection per operation and nothing kept open: other processes see a closed file.
            Pooling = false,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    public override string Target { get; }

    protected override Dialect Dialect => Dialect.Sqlite;

    public static SqliteHistoryStore Open(string path, bool readOnly)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw CannotOpen(path, "it is a directory; give a file such as team.db");
        var directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory)) throw CannotOpen(path, $"the directory '{directory}' does not exist");
        if (readOnly && !File.Exists(full)) throw CannotOpen(path, "the file does not exist");
        if (!readOnly && File.Exists(full) && IsReadOnly(full)) throw CannotOpen(path, "the file is read-only");

        var store = new SqliteHistoryStore(path, readOnly);
        store.EnsureSchema(readOnly);
        if (!readOnly) store.UseWriteAheadLog();
        return store;
    }

    /// <summary>
    /// The file's permissions say nobody may write it. Checked explicitly so that a read-only store is an error
    /// for every user (root could otherwise write it anyway), before anything is written.
    /// </summary>
    private static bool IsReadOnly(string path)
    {
        if (OperatingSystem.IsWindows()) return File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly);
        const UnixFileMode AnyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        return (File.GetUnixFileMode(path) & AnyWrite) == 0;
    }

    private static HistoryException CannotOpen(string path, string reason) =>
        new(HistoryErrorKind.CannotOpen, $"the history store '{path}' cannot be opened: {reason}");

    /// <summary>Write-ahead logging, kept in the file: set once the schema is known to be ours.</summary>
    private void UseWriteAheadLog()
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var connection = Connect();
                    using var command = Command(connection, null, "PRAGMA journal_mode=WAL");
                    command.ExecuteScalar();
                    return;
                }
                catch (SqliteException ex) when (attempt < 10 && IsTransient(ex))
                {
                    Thread.Sleep(50 * attempt);
                }
            }
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, HistoryErrorKind.CannotOpen);
        }
    }

    protected override DbConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}");
            Execute(connection, null, "PRAGMA foreign_keys = ON");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary><c>BEGIN IMMEDIATE</c>: the write lock is taken at the start, so two writers never deadlock.</summary>
    protected override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    protected override bool IsTransient(Exception error) => error is SqliteException { SqliteErrorCode: 5 or 6 };

    protected override HistoryException Translate(Exception error, HistoryErrorKind kind)
    {
        var action = kind switch
        {
            HistoryErrorKind.CannotOpen => "opened",
            HistoryErrorKind.WriteFailed => "written",
            _ => "read",
        };
        var reason = error switch
        {
            SqliteException { SqliteErrorCode: 8 } => "the file or its directory is read-only",
            SqliteException { SqliteErrorCode: 13 } => "the disk is full",
            SqliteException { SqliteErrorCode: 14 } => "the file cannot be created or opened (check the path and the directory's permissions)",
            SqliteException { SqliteErrorCode: 26 } => "the file is not an SQLite database",
            SqliteException { SqliteErrorCode: 11 } => "the file is corrupt",
            SqliteException { SqliteErrorCode: 5 or 6 } => "another process kept it locked for too long",
            SqliteException sqlite => sqlite.Message.Replace("SQLite Error ", "SQLite error ", StringComparison.Ordinal),
            _ => error.Message,
        };
        return new HistoryException(kind, $"the history store '{Target}' cannot be {action}: {reason}", error);
    }

    protected override object DateValue(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override object TimestampValue(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    protected override DateOnly ReadDate(DbDataReader reader, int ordinal) =>
        DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    protected override bool TableExists(DbConnection connection, DbTransaction? transaction, string table)
    {
        using var command = Command(connection, transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name");
        Parameter(command, "name", table);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
