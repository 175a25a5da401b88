using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Cli.Tests;

/// <summary><c>deeg-policy explain</c> and <c>deeg-policy watch</c>.</summary>
public class ExplainAndWatchTests
{
    [Fact]
    public void Explain_says_which_subjects_fire_and_why_the_others_do_not()
    {
        var result = Cli.Run("explain", Cli.Model, "--rules", Cli.Rules, "--rule", "MUSTER-002");
        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal("MUSTER-002 Channel with a single admin (subjects: Channel)", result.StdoutLines[0]);
        Assert.Contains("  Channel/li-page: fires", result.StdoutLines);
        Assert.Contains("  Channel/xing-old: does not fire at element 1 (fact Channel c): condition 'c.status == 'active' and c.scope == 'external'' is false", result.StdoutLines);
        Assert.Contains("      c.status = dormant", result.StdoutLines);
    }

    [Fact]
    public void Explain_for_one_subject_as_json()
    {
        var result = Cli.Run("explain", Cli.Model, "--rules", Cli.Rules, "--rule", "MUSTER-001", "--subject", "Person/p-sm", "--format", "json");
        Assert.True(result.Code == 0, result.ToString());
        var json = JObject.Parse(result.Stdout);
        var candidate = Assert.Single(json["candidates"]!);
        Assert.Equal("Person/p-sm", (string?)candidate["subject"]);
        Assert.False((bool)candidate["fires"]!);
        Assert.Equal("element 2 (fact Person p)", (string?)candidate["failedElement"]);
    }

    [Fact]
    public void Explain_with_an_unknown_rule_or_subject_is_exit_2()
    {
        var unknownRule = Cli.Run("explain", Cli.Model, "--rules", Cli.Rules, "--rule", "MUSTER-003");
        Assert.Equal(2, unknownRule.Code);
        Assert.Contains("there is no rule MUSTER-003", unknownRule.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run("explain", Cli.Model, "--rules", Cli.Rules, "--rule", "MUSTER-001", "--subject", "Person/nobody").Code);
        Assert.Equal(2, Cli.Run("explain", Cli.Model, "--rules", Cli.Rules).Code);
    }

    [Fact]
    public async Task Watch_prints_findings_as_the_model_file_changes_until_cancelled()
    {
        using var dir = new TempDir();
        var model = dir.Combine("model.json");
        File.Copy(Cli.Model, model);
        WatchCommand.PollInterval = TimeSpan.FromMilliseconds(50);
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var output = TextWriter.Synchronized(stdout);
        using var cancellation = new CancellationTokenSource();
        var run = Task.Run(() => CliApp.Run(["watch", model, "--rules", Cli.Rules], output, TextWriter.Synchronized(stderr), cancellation.Token));

        await WaitFor(() => stdout.ToString().Contains("watching", StringComparison.Ordinal));
        Assert.Contains("open high MUSTER-002 Channel/li-page", stdout.ToString(), StringComparison.Ordinal);

        // A second admin for li-page closes MUSTER-002.
        var json = JObject.Parse(File.ReadAllText(model));
        ((JArray)json["roles"]!).Add(JObject.Parse("""{ "person": "p-ceo", "role": "channelAdmin", "channel": "li-page" }"""));
        File.WriteAllText(model, json.ToString());
        await WaitFor(() => stdout.ToString().Contains("closed high MUSTER-002 Channel/li-page", StringComparison.Ordinal));

        // A broken edit keeps the last good model.
        File.WriteAllText(model, "{ \"organisation\": ");
        await WaitFor(() => stderr.ToString().Contains("keeping the last good model", StringComparison.Ordinal));

        cancellation.Cancel();
        Assert.Equal(0, await run);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ closed high MUSTER-002 Channel/li-page: ", stdout.ToString().Split('\n').First(l => l.Contains("closed", StringComparison.Ordinal)));
        Assert.Contains(stderr.ToString().Split('\n'), l => Cli.DiagnosticLine().IsMatch(l));
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the watch did not react in time");
            await Task.Delay(25);
        }
    }
}
