using Deeg.Policy.History.TestWriter;

namespace Deeg.Policy.History.Tests;

/// <summary>The tests every store passes: they run against SQLite and against a real PostgreSQL.</summary>
public abstract class StoreContract
{
    protected static readonly DateOnly Day0 = new(2026, 1, 5);

    /// <summary>A target for a new, empty store.</summary>
    protected abstract string NewTarget();

    /// <summary>Runs SQL on the store directly, around the library.</summary>
    protected abstract void Sql(string target, string sql);

    private static (string, string, Severity, bool) F(string rule, string subject, Severity severity = Severity.High, bool waived = false) => (rule, subject, severity, waived);

    [Fact]
    public void A_new_store_is_created_with_the_current_schema_and_no_runs()
    {
        var target = NewTarget();
        using var store = HistoryStore.Open(target);
        Assert.Empty(store.Organisations());
        Assert.Empty(store.Runs("acme"));
        Assert.Empty(store.OpenFindings("acme"));
        using var again = HistoryStore.Open(target);
        Assert.Empty(again.Organisations());
    }

    [Fact]
    public void Runs_are_listed_in_time_order_with_score_severities_new_and_fixed()
    {
        using var store = HistoryStore.Open(NewTarget());
        store.Record(SyntheticReports.Make("acme", Day0, [F("R1", "Channel/a", Severity.Critical), F("R2", "Channel/b", Severity.Low)], score: 40));
        store.Record(SyntheticReports.Make("acme", Day0.AddDays(14), [F("R1", "Channel/a", Severity.Critical), F("R3", "Channel/c", Severity.Medium)], score: 55));
        store.Record(SyntheticReports.Make("acme", Day0.AddDays(7), [F("R1", "Channel/a", Severity.Critical)], score: 50));

        var runs = store.Runs("acme");
        Assert.Equal([Day0, Day0.AddDays(7), Day0.AddDays(14)], runs.Select(r => r.AsOf));
        Assert.Equal([40, 50, 55], runs.Select(r => r.Score));
        Assert.Equal(1, runs[0].BySeverity[Severity.Critical]);
        Assert.Equal(1, runs[0].BySeverity[Severity.Low]);
        Assert.Equal(0, runs[0].BySeverity[Severity.Info]);
        Assert.Equal((2, 0), (runs[0].New, runs[0].Fixed));
        Assert.Equal("en", runs[0].Language);
        Assert.Equal(["governance@1.0.0"], runs[0].RuleSets.Select(r => r.Id + "@" + r.Version));
        Assert.All(runs, r => Assert.Equal(TimeSpan.Zero, r.RanAt.Offset));
        Assert.Equal([new HistoryOrganisation("acme", "Organisation acme")], store.Organisations());
    }

    [Fact]
    public void First_seen_is_the_start_of_the_run_of_runs_without_a_gap()
    {
        using var store = HistoryStore.Open(NewTarget());
        store.Record(SyntheticReports.Make("acme", Day0, [F("R1", "Channel/a"), F("R2", "Channel/b")]));
        var second = store.Record(SyntheticReports.Make("acme", Day0.AddDays(7), [F("R1", "Channel/a"), F("R3", "Channel/c")]));
        var third = store.Record(SyntheticReports.Make("acme", Day0.AddDays(30), [F("R1", "Channel/a"), F("R2", "Channel/b"), F("R3", "Channel/c")]));

        var r1 = second.Report.Findings.Single(f => f.RuleId == "R1");
        Assert.Equal((Day0, 7), (r1.FirstSeen, r1.OpenDays));
        var r3 = second.Report.Findings.Single(f => f.RuleId == "R3");
        Assert.Equal((Day0.AddDays(7), 0), (r3.FirstSeen, r3.OpenDays));
        Assert.Equal((1, 1), (second.Run.New, second.Run.Fixed));

        var ages = third.Report.Findings.ToDictionary(f => f.RuleId, f => (f.FirstSeen, f.OpenDays));
        Assert.Equal((Day0, 30), ages["R1"]);
        Assert.Equal((Day0.AddDays(30), 0), ages["R2"]); // gone in the second run: open again since the third
        Assert.Equal((Day0.AddDays(7), 23), ages["R3"]);

        var open = store.OpenFindings("acme");
        Assert.Equal(["R1", "R3", "R2"], open.Select(f => f.RuleId));
        Assert.Equal([30, 23, 0], open.Select(f => f.OpenDays));
    }

    [Fact]
    public void Waived_findings_keep_their_age_but_are_not_listed_as_open()
    {
        using var store = HistoryStore.Open(NewTarget());
        store.Record(SyntheticReports.Make("acme", Day0, [F("R1", "Channel/a"), F("R2", "Channel/b")]));
        var recorded = store.Record(SyntheticReports.Make("acme", Day0.AddDays(10), [F("R1", "Channel/a"), F("R2", "Channel/b", waived: true)]));
        Assert.Equal(10, recorded.Report.Findings.Single(f => f.RuleId == "R2").OpenDays);
        Assert.Equal(["R1"], store.OpenFindings("acme").Select(f => f.RuleId));
        Assert.Equal(2, store.Findings(recorded.Run.Id).Count);
        Assert.True(store.Findings(recorded.Run.Id).Single(f => f.RuleId == "R2").Waived);
    }

    [Fact]
    public void Organisations_have_separate_histories()
    {
        using var store = HistoryStore.Open(NewTarget());
        store.Record(SyntheticReports.Make("acme", Day0, [F("R1", "Channel/a")]));
        var other = store.Record(SyntheticReports.Make("beta", Day0.AddDays(5), [F("R1", "Channel/a")]));
        Assert.Equal(0, other.Report.Findings.Single().OpenDays);
        Assert.Equal(["acme", "beta"], store.Organisations().Select(o => o.Id));
        Assert.Single(store.Runs("beta"));
    }

    [Fact]
    public void With_ages_reads_without_recording()
    {
        using var store = HistoryStore.Open(NewTarget());
        store.Record(SyntheticReports.Make("acme", Day0, [F("R1", "Channel/a")]));
        var aged = store.WithAges(SyntheticReports.Make("acme", Day0.AddDays(3), [F("R1", "Channel/a"), F("R2", "Channel/b")]));
        Assert.Equal([3, 0], aged.Findings.OrderBy(f => f.RuleId).Select(f => f.OpenDays!.Value));
        Assert.Single(store.Runs("acme"));
    }

    [Fact]
    public void A_large_run_is_recorded_completely()
    {
        using var store = HistoryStore.Open(NewTarget());
        var report = SyntheticReports.Large("acme", Day0, 5_000);
        var recorded = store.Record(report);
        Assert.Equal(5_000, store.Findings(recorded.Run.Id).Count);
        Assert.Equal(report.Findings.Count(f => !f.Waived), store.OpenFindings("acme").Count);
    }

    [Fact]
    public void A_store_from_a_newer_version_is_refused_and_left_as_it_was()
    {
        var target = NewTarget();
        using (var store = HistoryStore.Open(target)) store.Record(SyntheticReports.Make("acme", Day0, [F("R1", "Channel/a")]));
        Sql(target, "UPDATE deeg_history_schema SET version = 99");
        var before = Snapshot(target);

        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(target));
        Assert.Equal(HistoryErrorKind.NewerSchema, error.Kind);
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer version", error.Message, StringComparison.Ordinal);
        Assert.Throws<HistoryException>(() => HistoryStore.Open(target, readOnly: true));
        Assert.Equal(before, Snapshot(target));
    }

    [Fact]
    public void An_older_schema_is_upgraded_in_place_and_keeps_its_runs()
    {
        var target = NewTarget();
        using (var store = HistoryStore.Open(target)) store.Record(SyntheticReports.Make("acme", Day0, [F("R1", "Channel/a")]));
        Sql(target, "DROP INDEX deeg_history_findings_run");
        Sql(target, "UPDATE deeg_history_schema SET version = 1");

        using (var upgraded = HistoryStore.Open(target))
        {
            var second = upgraded.Record(SyntheticReports.Make("acme", Day0.AddDays(2), [F("R1", "Channel/a")]));
            Assert.Equal(2, second.Report.Findings.Single().OpenDays);
            Assert.Equal(2, upgraded.Runs("acme").Count);
        }

        Assert.Equal(HistoryStore.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(target, "SELECT MAX(version) FROM deeg_history_schema"));
        Sql(target, "DROP INDEX deeg_history_findings_run"); // it exists again
    }

    [Fact]
    public void Reading_only_needs_an_existing_history()
    {
        var target = NewTarget();
        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(target, readOnly: true));
        Assert.Equal(HistoryErrorKind.CannotOpen, error.Kind);
    }

    /// <summary>What the store holds, to show it unchanged: the rows of every table.</summary>
    protected virtual string Snapshot(string target) =>
        string.Join('|', Scalar(target, "SELECT COUNT(*) FROM deeg_history_runs"), Scalar(target, "SELECT COUNT(*) FROM deeg_history_findings"), Scalar(target, "SELECT MAX(version) FROM deeg_history_schema"));

    protected abstract string Scalar(string target, string sql);
}
