using System.Text.Json;
using Deeg.Policy.Cli;

namespace Deeg.Policy.History.Tests;

/// <summary><c>check --history</c> and <c>deeg-policy history</c>, run in-process.</summary>
public sealed class CliHistoryTests : IDisposable
{
    private static readonly string Model = Path.Combine(AppContext.BaseDirectory, "TestData", "muster-maschinenbau.model.json");

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private (int Code, string Stdout, string Stderr) Check(string history, string asOf, params string[] more) =>
        Run(["check", Model, "--history", history, "--as-of", asOf, "--fail-on", "none", .. more]);

    [Fact]
    public void Check_with_a_history_adds_first_seen_and_open_days_to_every_finding()
    {
        var db = _dir.Combine("team.db");
        var first = Check(db, "2026-01-05", "--format", "json");
        Assert.True(first.Code == 0, first.Stderr);
        using (var doc = JsonDocument.Parse(first.Stdout))
        {
            Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray(), f =>
            {
                Assert.Equal("2026-01-05", f.GetProperty("firstSeen").GetString());
                Assert.Equal(0, f.GetProperty("openDays").GetInt32());
            });
        }

        var second = Check(db, "2026-02-09", "--format", "json");
        using var report = JsonDocument.Parse(second.Stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.Equal("2026-01-05", f.GetProperty("firstSeen").GetString());
            Assert.Equal(35, f.GetProperty("openDays").GetInt32());
        });
        Assert.Equal(1, report.RootElement.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public void Without_a_history_the_report_has_no_age()
    {
        var result = Run("check", Model, "--format", "json", "--fail-on", "none");
        Assert.DoesNotContain("firstSeen", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("openDays", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "text", "(open for 35 days)")]
    [InlineData("de", "text", "(seit 35 Tagen offen)")]
    [InlineData("en", "markdown", "open for 35 days")]
    [InlineData("de", "html", "seit 35 Tagen offen")]
    public void Human_formats_show_the_age(string language, string format, string expected)
    {
        var db = _dir.Combine("team.db");
        Check(db, "2026-01-05");
        var result = Check(db, "2026-02-09", "--format", format, "--lang", language);
        Assert.True(result.Code == 0, result.Stderr);
        Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_that_cannot_be_opened_exits_2_before_evaluating()
    {
        var result = Check(_dir.Combine("missing/dir/team.db"), "2026-01-05", "--format", "json");
        Assert.Equal(2, result.Code);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("deeg-policy: error: the history store", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_history_exits_2_and_stays_unchanged()
    {
        var db = _dir.Combine("team.db");
        Check(db, "2026-01-05");
        File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = File.ReadAllBytes(db);
        var result = Check(db, "2026-02-09");
        Assert.Equal(2, result.Code);
        Assert.Contains("read-only", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void A_history_from_a_newer_version_exits_2_and_stays_unchanged()
    {
        var db = _dir.Combine("team.db");
        Check(db, "2026-01-05");
        SqliteSafetyTests.Execute(db, "UPDATE deeg_history_schema SET version = 42");
        var before = File.ReadAllBytes(db);
        var result = Check(db, "2026-02-09");
        Assert.Equal(2, result.Code);
        Assert.Contains("newer version", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
        Assert.Equal(2, Run("history", db).Code);
    }

    [Fact]
    public void A_write_that_fails_after_evaluation_still_writes_the_report_and_exits_3()
    {
        var db = _dir.Combine("team.db");
        Check(db, "2026-01-05");
        SqliteSafetyTests.Execute(db, "CREATE TRIGGER full BEFORE INSERT ON deeg_history_runs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
        var output = _dir.Combine("report.json");
        var result = Check(db, "2026-02-09", "--format", "json", "--output", output);
        Assert.Equal(3, result.Code);
        Assert.Contains("cannot be written", result.Stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(output));
        Assert.NotEmpty(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(1L, SqliteSafetyTests.Count(db, "deeg_history_runs"));
    }

    [Fact]
    public void History_json_has_the_runs_in_time_order_and_the_open_findings()
    {
        var db = _dir.Combine("team.db");
        Check(db, "2026-01-05");
        Check(db, "2026-02-09");
        var result = Run("history", db, "--format", "json");
        Assert.True(result.Code == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var org = Assert.Single(doc.RootElement.GetProperty("organisations").EnumerateArray());
        Assert.Equal(["id", "name", "runs", "open"], org.EnumerateObject().Select(p => p.Name));
        Assert.Equal("muster", org.GetProperty("id").GetString());
        var runs = org.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal(["ranAt", "asOf", "score", "findings", "bySeverity", "new", "fixed"], runs[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["2026-01-05", "2026-02-09"], runs.Select(r => r.GetProperty("asOf").GetString()));
        Assert.Equal(runs[0].GetProperty("findings").GetInt32(), runs[0].GetProperty("new").GetInt32());
        Assert.Equal((0, 0), (runs[1].GetProperty("new").GetInt32(), runs[1].GetProperty("fixed").GetInt32()));
        Assert.Equal(["critical", "high", "medium", "low", "info"], runs[0].GetProperty("bySeverity").EnumerateObject().Select(p => p.Name));
        Assert.EndsWith("Z", runs[0].GetProperty("ranAt").GetString(), StringComparison.Ordinal);
        var open = org.GetProperty("open").EnumerateArray().ToList();
        Assert.NotEmpty(open);
        Assert.Equal(["ruleId", "subject", "firstSeen", "openDays"], open[0].EnumerateObject().Select(p => p.Name));
        Assert.All(open, f => Assert.Equal(35, f.GetProperty("openDays").GetInt32()));
    }

    [Theory]
    [InlineData("en", "Longest-open findings", "open for 35 days")]
    [InlineData("de", "Am längsten offene Befunde", "seit 35 Tagen offen")]
    public void History_text_lists_runs_and_the_longest_open_findings(string language, string heading, string age)
    {
        var db = _dir.Combine("team.db");
        Check(db, "2026-01-05");
        Check(db, "2026-02-09");
        var result = Run("history", db, "--lang", language);
        Assert.True(result.Code == 0, result.Stderr);
        Assert.Contains("2026-01-05", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(heading, result.Stdout, StringComparison.Ordinal);
        Assert.Contains(age, result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Score and findings by severity over time", "What changed in the last run")]
    [InlineData("de", "Score und Befunde nach Schweregrad im Zeitverlauf", "Was sich im letzten Lauf geändert hat")]
    public void History_html_is_one_self_contained_page_with_a_chart(string language, string chart, string changes)
    {
        var db = _dir.Combine("team.db");
        Check(db, "2026-01-05");
        Check(db, "2026-02-09");
        var result = Run("history", db, "--format", "html", "--lang", language);
        Assert.True(result.Code == 0, result.Stderr);
        var html = result.Stdout;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"score\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"sev-critical\"", html, StringComparison.Ordinal);
        Assert.Contains(chart, html, StringComparison.Ordinal);
        Assert.Contains(changes, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void History_of_an_unknown_organisation_or_a_missing_file_exits_2()
    {
        var db = _dir.Combine("team.db");
        Check(db, "2026-01-05");
        var unknown = Run("history", db, "--org", "nobody");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("muster", unknown.Stderr, StringComparison.Ordinal);
        var missing = Run("history", _dir.Combine("nothing.db"));
        Assert.Equal(2, missing.Code);
        Assert.False(File.Exists(_dir.Combine("nothing.db")));
        Assert.Equal(0, Run("history", db, "--org", "muster").Code);
    }
}
