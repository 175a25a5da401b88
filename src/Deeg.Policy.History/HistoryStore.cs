using System.Text.RegularExpressions;

namespace Deeg.Policy.History;

/// <summary>Opens a history store: a SQLite file (the embedded default) or a PostgreSQL server.</summary>
/// <example>
/// <code>
/// using IHistoryStore history = HistoryStore.Open("team.db");
/// RecordedRun recorded = history.Record(engine.Evaluate(model));
/// foreach (Finding f in recorded.Report.Findings) Console.WriteLine($"{f.RuleId} open for {f.OpenDays} days");
/// </code>
/// </example>
public static partial class HistoryStore
{
    /// <summary>The newest schema version this version of the library writes and understands.</summary>
    public const int SchemaVersion = Schema.Current;

    /// <summary>
    /// Opens the store <paramref name="target"/>: a PostgreSQL connection string (<c>Host=…;Database=…;Username=…</c>)
    /// or else the path of a SQLite file, created on first use. The schema is created or upgraded in place.
    /// </summary>
    /// <param name="target">A file path or a PostgreSQL connection string.</param>
    /// <param name="readOnly">
    /// Only read: the store must exist and have a history; nothing is created, upgraded or written
    /// (a read-only file can be read). <see cref="IHistoryStore.Record"/> then fails.
    /// </param>
    /// <exception cref="HistoryException">The store cannot be opened or created, or a newer version wrote it.</exception>
    public static IHistoryStore Open(string target, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return IsConnectionString(target) ? PostgresHistoryStore.Open(target, readOnly) : SqliteHistoryStore.Open(target, readOnly);
    }

    /// <summary>True when <paramref name="target"/> is a PostgreSQL connection string (it has a <c>Host=</c> or <c>Server=</c> key).</summary>
    /// <param name="target">A file path or a connection string.</param>
    public static bool IsConnectionString(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return HostKey().IsMatch(target);
    }

    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostKey();
}
