using System.Net;
using System.Text;
using System.Text.Json;
using Deeg.Policy.History;

namespace Deeg.Policy.Samples.Tests;

/// <summary>The web sample started with <c>--History</c> on a SQLite file: every evaluation is a run in the history.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Process")]
public sealed class WebApiHistoryTests
{
    private static readonly string AgencyModel = File.ReadAllText(Path.Combine(SampleProcess.Root, "samples", "Deeg.Policy.Samples.WebApi", "models", "lindenhof-moebel.json"));

    private static async Task<JsonElement> Evaluate(HttpClient client, string asOf)
    {
        using var content = new StringContent(AgencyModel, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/evaluate?asOf=" + asOf, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Dictionary<string, JsonElement> ByFinding(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("ruleId").GetString() + " " + f.GetProperty("subject").GetString());

    [Fact]
    public async Task Two_evaluations_are_two_runs_and_the_second_reports_the_age_of_each_finding()
    {
        using var temp = new TempFolder();
        var file = temp.File("team.db");
        JsonElement first, second;
        using (var sample = SampleProcess.Start("WebApi", temp.Path, "--urls", "http://127.0.0.1:0", "--History", file))
        {
            var listening = await sample.WaitForLineAsync(@"Now listening on: (http://127\.0\.0\.1:\d+)");
            using var client = new HttpClient { BaseAddress = new Uri(listening.Groups[1].Value), Timeout = TimeSpan.FromSeconds(30) };

            first = await Evaluate(client, "2026-11-20");
            second = await Evaluate(client, "2026-11-26");
        }

        // The first run: every finding is new, first seen on its asOf and open for 0 days.
        var firstFindings = ByFinding(first);
        Assert.NotEmpty(firstFindings);
        Assert.All(firstFindings.Values, f => Assert.Equal(("2026-11-20", 0), (f.GetProperty("firstSeen").GetString(), f.GetProperty("openDays").GetInt32())));

        // The second run: a finding of both runs is first seen on 2026-11-20 and open for 6 days; a new one on 2026-11-26.
        var secondFindings = ByFinding(second);
        Assert.Contains("AGENCY-001 Channel/instagram-lindenhof", firstFindings.Keys);
        Assert.Contains("AGENCY-001 Channel/instagram-lindenhof", secondFindings.Keys);
        foreach (var (key, finding) in secondFindings)
        {
            var expected = firstFindings.ContainsKey(key) ? ("2026-11-20", 6) : ("2026-11-26", 0);
            Assert.Equal(expected, (finding.GetProperty("firstSeen").GetString()!, finding.GetProperty("openDays").GetInt32()));
        }

        // The history file, read with the library: the organisation with its two runs and their findings.
        Assert.True(File.Exists(file), file + " was not written");
        using var history = HistoryStore.Open(file, readOnly: true);
        Assert.Equal("lindenhof", Assert.Single(history.Organisations()).Id);
        var runs = history.Runs("lindenhof");
        Assert.Equal(2, runs.Count);
        Assert.Equal([new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 26)], runs.Select(r => r.AsOf));
        Assert.Equal(firstFindings.Count, history.Findings(runs[0].Id).Count(f => !f.Waived));
        Assert.Equal(secondFindings.Count, history.Findings(runs[1].Id).Count(f => !f.Waived));
        Assert.Equal(new DateOnly(2026, 11, 20), history.Findings(runs[1].Id).Single(f => f.RuleId == "AGENCY-001" && f.Subject == "Channel/instagram-lindenhof").FirstSeen);
    }
}
