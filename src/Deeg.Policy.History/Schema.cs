namespace Deeg.Policy.History;

/// <summary>
/// The versioned schema, the same tables in SQLite and PostgreSQL. A store records its version in
/// <c>deeg_history_schema</c>; opening applies the missing steps in one transaction, and refuses a
/// version above <see cref="Current"/> before changing anything.
/// </summary>
internal static class Schema
{
    /// <summary>The version this library writes.</summary>
    public const int Current = 2;

    public const string VersionTable = "deeg_history_schema";

    /// <summary>The steps: step i brings a store from version i to i + 1.</summary>
    public static IReadOnlyList<string> Steps(Dialect d) =>
    [
        // 0 -> 1: runs, their rule sets and findings.
        $"""
        CREATE TABLE deeg_history_runs (
            id {d.Identity},
            organisation_id TEXT NOT NULL,
            organisation_name TEXT NOT NULL,
            ran_at {d.Timestamp} NOT NULL,
            as_of {d.Date} NOT NULL,
            language TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            score INTEGER NOT NULL,
            rules_evaluated INTEGER NOT NULL,
            rules_passed INTEGER NOT NULL,
            findings INTEGER NOT NULL,
            waived INTEGER NOT NULL,
            critical INTEGER NOT NULL,
            high INTEGER NOT NULL,
            medium INTEGER NOT NULL,
            low INTEGER NOT NULL,
            info INTEGER NOT NULL,
            new_findings INTEGER NOT NULL,
            fixed_findings INTEGER NOT NULL);
        CREATE INDEX deeg_history_runs_org ON deeg_history_runs (organisation_id, as_of, id);
        CREATE TABLE deeg_history_rule_sets (
            run_id BIGINT NOT NULL REFERENCES deeg_history_runs (id),
            rule_set TEXT NOT NULL,
            version TEXT NOT NULL,
            rules INTEGER NOT NULL);
        CREATE INDEX deeg_history_rule_sets_run ON deeg_history_rule_sets (run_id);
        CREATE TABLE deeg_history_findings (
            run_id BIGINT NOT NULL REFERENCES deeg_history_runs (id),
            fingerprint TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            rule_set TEXT NOT NULL,
            subject TEXT NOT NULL,
            severity TEXT NOT NULL,
            category TEXT NOT NULL,
            waived {d.Boolean} NOT NULL,
            message TEXT NOT NULL,
            first_seen {d.Date} NOT NULL);
        """,

        // 1 -> 2: the findings of a run by fingerprint (reading the previous run when recording).
        "CREATE INDEX deeg_history_findings_run ON deeg_history_findings (run_id, fingerprint);",
    ];
}

/// <summary>The differences between the SQL of SQLite and PostgreSQL that the schema needs.</summary>
internal sealed record Dialect(string Identity, string Timestamp, string Date, string Boolean)
{
    public static readonly Dialect Sqlite = new("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT", "TEXT", "INTEGER");

    public static readonly Dialect Postgres = new("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "TIMESTAMPTZ", "DATE", "BOOLEAN");
}
