using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Deeg.Policy.History;

/// <summary>
/// The history on a PostgreSQL server, for a team's shared store. Writers take a transaction-scoped
/// advisory lock, so runs are recorded one after the other; findings are written with binary COPY.
/// </summary>
internal sealed class PostgresHistoryStore : DbHistoryStore
{
    /// <summary>The advisory lock key of writers ("deeg" in ASCII).</summary>
    private const long WriterLock = 0x64656567;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresHistoryStore(NpgsqlDataSource dataSource, string target)
    {
        _dataSource = dataSource;
        Target = target;
    }

    public override string Target { get; }

    protected override Dialect Dialect => Dialect.Postgres;

    public static PostgresHistoryStore Open(string connectionString, bool readOnly)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new HistoryException(HistoryErrorKind.CannotOpen, $"the history store cannot be opened: the connection string is invalid: {ex.Message}", ex);
        }

        // For messages: server and database, never the password.
        var target = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var store = new PostgresHistoryStore(NpgsqlDataSource.Create(builder), target);
        try
        {
            store.EnsureSchema(readOnly);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    protected override DbConnection Connect() => _dataSource.OpenConnection();

    protected override DbTransaction BeginWrite(DbConnection connection)
    {
        var transaction = ((NpgsqlConnection)connection).BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({WriterLock})");
        return transaction;
    }

    protected override bool IsTransient(Exception error) => error is PostgresException { SqlState: "40001" or "40P01" or "55P03" };

    protected override HistoryException Translate(Exception error, HistoryErrorKind kind)
    {
        var action = kind switch
        {
            HistoryErrorKind.CannotOpen => "opened",
            HistoryErrorKind.WriteFailed => "written",
            _ => "read",
        };
        var reason = error is NpgsqlException { InnerException: { } inner } and not PostgresException ? error.Message + " (" + inner.Message + ")" : error.Message;
        return new HistoryException(kind, $"the history store '{Target}' cannot be {action}: {reason}", error);
    }

    protected override void InsertFindings(DbConnection connection, DbTransaction transaction, long runId, IReadOnlyList<(Finding Finding, DateOnly FirstSeen)> findings)
    {
        using var writer = ((NpgsqlConnection)connection).BeginBinaryImport(
            "COPY deeg_history_findings (run_id, fingerprint, rule_id, rule_set, subject, severity, category, waived, message, first_seen) FROM STDIN (FORMAT BINARY)");
        foreach (var (f, firstSeen) in findings)
        {
            writer.StartRow();
            writer.Write(runId, NpgsqlDbType.Bigint);
            writer.Write(f.Fingerprint, NpgsqlDbType.Text);
            writer.Write(f.RuleId, NpgsqlDbType.Text);
            writer.Write(f.RuleSet, NpgsqlDbType.Text);
            writer.Write(f.Subject.ToString(), NpgsqlDbType.Text);
            writer.Write(SeverityName(f.Severity), NpgsqlDbType.Text);
            writer.Write(f.Category, NpgsqlDbType.Text);
            writer.Write(f.Waived, NpgsqlDbType.Boolean);
            writer.Write(f.Message, NpgsqlDbType.Text);
            writer.Write(firstSeen, NpgsqlDbType.Date);
        }

        writer.Complete();
    }

    protected override object DateValue(DateOnly date) => date;

    protected override object TimestampValue(DateTimeOffset time) => time.UtcDateTime;

    protected override DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc), TimeSpan.Zero);

    protected override bool TableExists(DbConnection connection, DbTransaction? transaction, string table)
    {
        using var command = Command(connection, transaction, "SELECT to_regclass(@name) IS NOT NULL");
        Parameter(command, "name", table);
        return command.ExecuteScalar() is true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _dataSource.Dispose();
        base.Dispose(disposing);
    }
}
