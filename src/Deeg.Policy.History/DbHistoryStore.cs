using System.Data.Common;
using System.Reflection;
using Deeg.Policy.Reporting;

namespace Deeg.Policy.History;

/// <summary>
/// The store over ADO.NET, shared by SQLite and PostgreSQL: the schema check and upgrade, recording a run
/// in one transaction (retried when the database is busy), and the queries of the history.
/// </summary>
internal abstract class DbHistoryStore : IHistoryStore
{
    private const int MaxAttempts = 12;

    /// <summary>The version of this library, kept with each run and in the schema table.</summary>
    internal static readonly string ToolVersion = ReadVersion();

    public abstract string Target { get; }

    protected abstract Dialect Dialect { get; }

    /// <summary>Runs just before a run's transaction commits (tests kill the process here).</summary>
    internal Action? BeforeCommit { get; set; }

    /// <summary>Opens a new connection; driver errors are translated by the caller.</summary>
    protected abstract DbConnection Connect();

    /// <summary>Begins the transaction of a write, holding the write lock from the start.</summary>
    protected abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>True when the error is worth retrying the whole transaction (busy, locked, serialization).</summary>
    protected abstract bool IsTransient(Exception error);

    /// <summary>A clear error for a driver exception.</summary>
    protected abstract HistoryException Translate(Exception error, HistoryErrorKind kind);

    protected abstract object DateValue(DateOnly date);

    protected abstract object TimestampValue(DateTimeOffset time);

    protected abstract DateOnly ReadDate(DbDataReader reader, int ordinal);

    protected abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    /// <summary>Writes the findings of a run; the default is one prepared insert per finding.</summary>
    protected virtual void InsertFindings(DbConnection connection, DbTransaction transaction, long runId, IReadOnlyList<(Finding Finding, DateOnly FirstSeen)> findings)
    {
        using var insert = Command(connection, transaction,
            "INSERT INTO deeg_history_findings (run_id, fingerprint, rule_id, rule_set, subject, severity, category, waived, message, first_seen) " +
            "VALUES (@run, @fingerprint, @rule, @ruleSet, @subject, @severity, @category, @waived, @message, @firstSeen)");
        var p = new[] { "run", "fingerprint", "rule", "ruleSet", "subject", "severity", "category", "waived", "message", "firstSeen" }
            .Select(name => Parameter(insert, name, DBNull.Value)).ToArray();
        insert.Prepare();
        p[0].Value = runId;
        foreach (var (f, firstSeen) in findings)
        {
            p[1].Value = f.Fingerprint;
            p[2].Value = f.RuleId;
            p[3].Value = f.RuleSet;
            p[4].Value = f.Subject.ToString();
            p[5].Value = SeverityName(f.Severity);
            p[6].Value = f.Category;
            p[7].Value = f.Waived;
            p[8].Value = f.Message;
            p[9].Value = DateValue(firstSeen);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Checks the schema version and creates or upgrades the schema; refuses a newer store without writing.</summary>
    protected void EnsureSchema(bool readOnly)
    {
        try
        {
            using var connection = Connect();
            var version = ReadVersion(connection, null);
            CheckNotNewer(version);
            if (version == Schema.Current) return;
            if (readOnly)
            {
                if (version == 0) throw new HistoryException(HistoryErrorKind.CannotOpen, $"the history store '{Target}' cannot be opened: it has no history yet (record a run with check --history)");
                return;
            }

            Retry(() =>
            {
                using var c = Connect();
                using var transaction = BeginWrite(c);
                Execute(c, transaction, $"CREATE TABLE IF NOT EXISTS {Schema.VersionTable} (version INTEGER NOT NULL, written_by TEXT NOT NULL)");
                var current = ReadVersion(c, transaction);
                CheckNotNewer(current);
                var steps = Schema.Steps(Dialect);
                for (var v = current; v < Schema.Current; v++) Execute(c, transaction, steps[v]);
                Execute(c, transaction, $"DELETE FROM {Schema.VersionTable}");
                using (var insert = Command(c, transaction, $"INSERT INTO {Schema.VersionTable} (version, written_by) VALUES (@v, @by)"))
                {
                    Parameter(insert, "v", Schema.Current);
                    Parameter(insert, "by", ToolVersion);
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            });
        }
        catch (HistoryException)
        {
            throw;
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw Translate(ex, HistoryErrorKind.CannotOpen);
        }
    }

    /// <summary>Upgrades the schema from exactly <paramref name="version"/> steps (tests: a store as an older version wrote it).</summary>
    internal void CreateSchemaAtVersion(int version)
    {
        using var c = Connect();
        using var transaction = BeginWrite(c);
        Execute(c, transaction, $"CREATE TABLE {Schema.VersionTable} (version INTEGER NOT NULL, written_by TEXT NOT NULL)");
        var steps = Schema.Steps(Dialect);
        for (var v = 0; v < version; v++) Execute(c, transaction, steps[v]);
        Execute(c, transaction, $"INSERT INTO {Schema.VersionTable} (version, written_by) VALUES ({version}, 'test')");
        transaction.Commit();
    }

    private void CheckNotNewer(int version)
    {
        if (version > Schema.Current)
        {
            throw new HistoryException(HistoryErrorKind.NewerSchema,
                $"the history store '{Target}' has schema version {version}, written by a newer version of Deeg.Policy; this version ({ToolVersion}) understands up to version {Schema.Current}. Update the tool; the store was not changed");
        }
    }

    /// <summary>The schema version of the store: 0 when it has no schema yet.</summary>
    internal int ReadVersion(DbConnection connection, DbTransaction? transaction)
    {
        if (!TableExists(connection, transaction, Schema.VersionTable)) return 0;
        using var command = Command(connection, transaction, $"SELECT MAX(version) FROM {Schema.VersionTable}");
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    protected abstract bool TableExists(DbConnection connection, DbTransaction? transaction, string table);

    public RecordedRun Record(ComplianceReport report, DateTimeOffset? ranAt = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var when = (ranAt ?? DateTimeOffset.UtcNow).ToUniversalTime();
        try
        {
            return Retry(() => RecordOnce(report, when));
        }
        catch (HistoryException)
        {
            throw;
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw Translate(ex, HistoryErrorKind.WriteFailed);
        }
    }

    private RecordedRun RecordOnce(ComplianceReport report, DateTimeOffset ranAt)
    {
        using var connection = Connect();
        using var transaction = BeginWrite(connection);
        var previous = PreviousFindings(connection, transaction, report.Organisation.Id, report.AsOf);

        var current = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(Finding, DateOnly)>(report.Findings.Count);
        foreach (var f in report.Findings)
        {
            current.Add(f.Fingerprint);
            rows.Add((f, previous.TryGetValue(f.Fingerprint, out var since) ? since : report.AsOf));
        }

        var newCount = current.Count(fp => !previous.ContainsKey(fp));
        var fixedCount = previous.Keys.Count(fp => !current.Contains(fp));
        var by = report.Summary.BySeverity;
        int Count(Severity s) => by.TryGetValue(s, out var n) ? n : 0;

        long runId;
        using (var insert = Command(connection, transaction,
            "INSERT INTO deeg_history_runs (organisation_id, organisation_name, ran_at, as_of, language, tool_version, score, rules_evaluated, rules_passed, " +
            "findings, waived, critical, high, medium, low, info, new_findings, fixed_findings) VALUES (@org, @name, @ranAt, @asOf, @lang, @tool, @score, " +
            "@evaluated, @passed, @findings, @waived, @critical, @high, @medium, @low, @info, @new, @fixed) RETURNING id"))
        {
            Parameter(insert, "org", report.Organisation.Id);
            Parameter(insert, "name", report.Organisation.Name);
            Parameter(insert, "ranAt", TimestampValue(ranAt));
            Parameter(insert, "asOf", DateValue(report.AsOf));
            Parameter(insert, "lang", report.Language);
            Parameter(insert, "tool", ToolVersion);
            Parameter(insert, "score", report.Summary.Score);
            Parameter(insert, "evaluated", report.Summary.RulesEvaluated);
            Parameter(insert, "passed", report.Summary.RulesPassed);
            Parameter(insert, "findings", report.Summary.Findings);
            Parameter(insert, "waived", report.Summary.Waived);
            Parameter(insert, "critical", Count(Severity.Critical));
            Parameter(insert, "high", Count(Severity.High));
            Parameter(insert, "medium", Count(Severity.Medium));
            Parameter(insert, "low", Count(Severity.Low));
            Parameter(insert, "info", Count(Severity.Info));
            Parameter(insert, "new", newCount);
            Parameter(insert, "fixed", fixedCount);
            runId = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var ruleSet in report.RuleSets)
        {
            using var insert = Command(connection, transaction, "INSERT INTO deeg_history_rule_sets (run_id, rule_set, version, rules) VALUES (@run, @id, @version, @rules)");
            Parameter(insert, "run", runId);
            Parameter(insert, "id", ruleSet.Id);
            Parameter(insert, "version", ruleSet.Version);
            Parameter(insert, "rules", ruleSet.Rules);
            insert.ExecuteNonQuery();
        }

        InsertFindings(connection, transaction, runId, rows);
        BeforeCommit?.Invoke();
        transaction.Commit();

        var run = new HistoryRun
        {
            Id = runId,
            OrganisationId = report.Organisation.Id,
            OrganisationName = report.Organisation.Name,
            RanAt = ranAt,
            AsOf = report.AsOf,
            Language = report.Language,
            ToolVersion = ToolVersion,
            RuleSets = report.RuleSets,
            Score = report.Summary.Score,
            Findings = report.Summary.Findings,
            Waived = report.Summary.Waived,
            BySeverity = HistoryReport.SeverityOrder.ToDictionary(s => s, Count),
            New = newCount,
            Fixed = fixedCount,
        };
        var firstSeen = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var (f, since) in rows) firstSeen.TryAdd(f.Fingerprint, since);
        return new RecordedRun(run, FindingAges.Apply(report, firstSeen));
    }

    public ComplianceReport WithAges(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Read(connection => FindingAges.Apply(report, PreviousFindings(connection, null, report.Organisation.Id, report.AsOf)));
    }

    public IReadOnlyList<HistoryOrganisation> Organisations() => Read(connection =>
    {
        using var command = Command(connection, null,
            "SELECT r.organisation_id, r.organisation_name FROM deeg_history_runs r WHERE r.id = " +
            "(SELECT MAX(l.id) FROM deeg_history_runs l WHERE l.organisation_id = r.organisation_id) ORDER BY r.organisation_id");
        using var reader = command.ExecuteReader();
        var result = new List<HistoryOrganisation>();
        while (reader.Read()) result.Add(new HistoryOrganisation(reader.GetString(0), reader.GetString(1)));
        return result.OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
    });

    public IReadOnlyList<HistoryRun> Runs(string organisationId)
    {
        ArgumentNullException.ThrowIfNull(organisationId);
        return Read(connection =>
        {
            var ruleSets = new Dictionary<long, List<RuleSetSummary>>();
            using (var command = Command(connection, null,
                "SELECT s.run_id, s.rule_set, s.version, s.rules FROM deeg_history_rule_sets s JOIN deeg_history_runs r ON r.id = s.run_id WHERE r.organisation_id = @org ORDER BY s.run_id, s.rule_set"))
            {
                Parameter(command, "org", organisationId);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var id = reader.GetInt64(0);
                    if (!ruleSets.TryGetValue(id, out var list)) ruleSets[id] = list = [];
                    list.Add(new RuleSetSummary { Id = reader.GetString(1), Version = reader.GetString(2), Rules = reader.GetInt32(3) });
                }
            }

            using var runs = Command(connection, null,
                "SELECT id, organisation_id, organisation_name, ran_at, as_of, language, tool_version, score, findings, waived, critical, high, medium, low, info, " +
                "new_findings, fixed_findings FROM deeg_history_runs WHERE organisation_id = @org ORDER BY as_of, ran_at, id");
            Parameter(runs, "org", organisationId);
            using var r = runs.ExecuteReader();
            var result = new List<HistoryRun>();
            while (r.Read())
            {
                var id = r.GetInt64(0);
                result.Add(new HistoryRun
                {
                    Id = id,
                    OrganisationId = r.GetString(1),
                    OrganisationName = r.GetString(2),
                    RanAt = ReadTimestamp(r, 3),
                    AsOf = ReadDate(r, 4),
                    Language = r.GetString(5),
                    ToolVersion = r.GetString(6),
                    RuleSets = ruleSets.TryGetValue(id, out var sets) ? sets : [],
                    Score = r.GetInt32(7),
                    Findings = r.GetInt32(8),
                    Waived = r.GetInt32(9),
                    BySeverity = new Dictionary<Severity, int>
                    {
                        [Severity.Critical] = r.GetInt32(10),
                        [Severity.High] = r.GetInt32(11),
                        [Severity.Medium] = r.GetInt32(12),
                        [Severity.Low] = r.GetInt32(13),
                        [Severity.Info] = r.GetInt32(14),
                    },
                    New = r.GetInt32(15),
                    Fixed = r.GetInt32(16),
                });
            }

            return result;
        });
    }

    public IReadOnlyList<RecordedFinding> Findings(long runId) => Read(connection =>
    {
        using var command = Command(connection, null,
            "SELECT rule_id, rule_set, subject, severity, category, waived, message, fingerprint, first_seen FROM deeg_history_findings WHERE run_id = @run");
        Parameter(command, "run", runId);
        using var reader = command.ExecuteReader();
        var result = new List<RecordedFinding>();
        while (reader.Read())
        {
            result.Add(new RecordedFinding
            {
                RuleId = reader.GetString(0),
                RuleSet = reader.GetString(1),
                Subject = reader.GetString(2),
                Severity = ParseSeverity(reader.GetString(3)),
                Category = reader.GetString(4),
                Waived = reader.GetBoolean(5),
                Message = reader.GetString(6),
                Fingerprint = reader.GetString(7),
                FirstSeen = ReadDate(reader, 8),
            });
        }

        return result
            .OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Subject, StringComparer.Ordinal)
            .ToList();
    });

    public IReadOnlyList<OpenFinding> OpenFindings(string organisationId)
    {
        ArgumentNullException.ThrowIfNull(organisationId);
        return Read(connection =>
        {
            var latest = LatestRun(connection, null, organisationId, null);
            if (latest is not { } run) return (IReadOnlyList<OpenFinding>)[];
            using var command = Command(connection, null,
                "SELECT rule_id, rule_set, subject, severity, message, fingerprint, first_seen FROM deeg_history_findings WHERE run_id = @run AND waived = @no");
            Parameter(command, "run", run.Id);
            Parameter(command, "no", false);
            using var reader = command.ExecuteReader();
            var result = new List<OpenFinding>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                if (!seen.Add(reader.GetString(5))) continue;
                var firstSeen = ReadDate(reader, 6);
                result.Add(new OpenFinding
                {
                    RuleId = reader.GetString(0),
                    RuleSet = reader.GetString(1),
                    Subject = reader.GetString(2),
                    Severity = ParseSeverity(reader.GetString(3)),
                    Message = reader.GetString(4),
                    Fingerprint = reader.GetString(5),
                    FirstSeen = firstSeen,
                    OpenDays = Math.Max(0, run.AsOf.DayNumber - firstSeen.DayNumber),
                });
            }

            return result
                .OrderByDescending(f => f.OpenDays).ThenByDescending(f => f.Severity)
                .ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Subject, StringComparer.Ordinal)
                .ToList();
        });
    }

    /// <summary>The organisation's latest run (by <c>asOf</c>, then id), on or before <paramref name="asOf"/> when given.</summary>
    private (long Id, DateOnly AsOf)? LatestRun(DbConnection connection, DbTransaction? transaction, string organisation, DateOnly? asOf)
    {
        using var command = Command(connection, transaction,
            "SELECT id, as_of FROM deeg_history_runs WHERE organisation_id = @org" + (asOf is null ? string.Empty : " AND as_of <= @asOf") +
            " ORDER BY as_of DESC, id DESC LIMIT 1");
        Parameter(command, "org", organisation);
        if (asOf is { } date) Parameter(command, "asOf", DateValue(date));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), ReadDate(reader, 1)) : null;
    }

    /// <summary>Since when each fingerprint of the organisation's latest run on or before <paramref name="asOf"/> has been present.</summary>
    private Dictionary<string, DateOnly> PreviousFindings(DbConnection connection, DbTransaction? transaction, string organisation, DateOnly asOf)
    {
        var result = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        if (LatestRun(connection, transaction, organisation, asOf) is not { } previous) return result;
        using var command = Command(connection, transaction, "SELECT fingerprint, first_seen FROM deeg_history_findings WHERE run_id = @run");
        Parameter(command, "run", previous.Id);
        using var reader = command.ExecuteReader();
        while (reader.Read()) result.TryAdd(reader.GetString(0), ReadDate(reader, 1));
        return result;
    }

    private T Read<T>(Func<DbConnection, T> query)
    {
        try
        {
            return Retry(() =>
            {
                using var connection = Connect();
                return query(connection);
            });
        }
        catch (HistoryException)
        {
            throw;
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw Translate(ex, HistoryErrorKind.ReadFailed);
        }
    }

    private void Retry(Action action) => Retry(() =>
    {
        action();
        return 0;
    });

    /// <summary>Runs a whole transaction again when the database was busy: another process holds the write lock longer than the busy timeout.</summary>
    private T Retry<T>(Func<T> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return action();
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex))
            {
                Thread.Sleep(Random.Shared.Next(20, 100) * attempt);
            }
        }
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    protected static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    protected static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    internal static string SeverityName(Severity severity) => severity.ToString().ToLowerInvariant();

    internal static Severity ParseSeverity(string name) => Enum.Parse<Severity>(name, ignoreCase: true);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    private static string ReadVersion()
    {
        var informational = typeof(PolicyEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
