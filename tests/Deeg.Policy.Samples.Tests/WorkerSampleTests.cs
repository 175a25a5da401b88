
namespace Deeg.Policy.Samples.Tests;

[Trait("Category", "Slow")]
[Trait("Kind", "Process")]
public sealed class WorkerSampleTests
{
    private static string RuleSet(string id) => $$"""
        { "ruleSet": "worker-extra", "version": "1.0.0",
          "rules": [ { "id": "{{id}}", "title": "Messaging channel without MFA", "severity": "high",
                       "when": [ { "fact": "Channel", "as": "c", "where": ["c.scope == 'messaging'", "not c.mfa"] } ],
                       "finding": { "subject": "c", "message": "{c.id} has no MFA" } } ] }
        """;

    [Fact]
    public async Task Keeps_a_session_per_organisation_and_logs_findings_as_models_and_rules_change()
    {
        using var models = new TempFolder();
        using var rules = new TempFolder();
        var model = models.File("hahn.json");
        var original = File.ReadAllText(Path.Combine(SampleProcess.Root, "samples", "models", "hahn-antriebstechnik.json"));
        File.WriteAllText(model, original);
        File.WriteAllText(rules.File("extra.rules.json"), RuleSet("WRK-001"));

        using var worker = SampleProcess.Start("Worker", models.Path,
            "--Models:Folder=" + models.Path, "--Models:PollInterval=00:00:00.200",
            "--DeegPolicy:RuleSetFiles:0=" + rules.File("extra.rules.json"), "--DeegPolicy:ReloadDelay=00:00:00.100");

        // A new file opens a session; its findings are logged as opened.
        await worker.WaitForLineAsync(@"hahn: session opened from hahn\.json: \d+ open finding\(s\)");
        await worker.WaitForLineAsync(@"hahn: opened High WRK-001 Channel/whatsapp-aussendienst-sued: whatsapp-aussendienst-sued has no MFA");

        // A changed file is applied to the session: what closed is logged.
        var mark = worker.LineCount;
        File.WriteAllText(model, original.Replace("\"credentials\": \"personal\", \"lastPostAt\": \"2026-11-25T16:48:00Z\"", "\"credentials\": \"vault\", \"mfa\": true, \"lastPostAt\": \"2026-11-25T16:48:00Z\"", StringComparison.Ordinal));
        await worker.WaitForLineAsync(@"hahn: closed Critical GOV-002 Channel/whatsapp-aussendienst-sued", skip: mark);
        await worker.WaitForLineAsync(@"hahn: closed High WRK-001 Channel/whatsapp-aussendienst-sued", skip: mark);
        await worker.WaitForLineAsync(@"hahn: hahn\.json changed: 0 opened, [1-9]\d* closed", skip: mark);

        // A broken edit is reported; the session keeps the last good version.
        mark = worker.LineCount;
        File.WriteAllText(model, "{ \"organisation\": ");
        await worker.WaitForLineAsync(@"hahn\.json has errors; keeping its last good version", skip: mark);

        // Back to the original: the findings open again.
        mark = worker.LineCount;
        File.WriteAllText(model, original);
        await worker.WaitForLineAsync(@"hahn: opened High WRK-001 Channel/whatsapp-aussendienst-sued", skip: mark);

        // A changed rule file is compiled in the background; the sessions move to the new engine.
        mark = worker.LineCount;
        File.WriteAllText(rules.File("extra.rules.json"), RuleSet("WRK-002"));
        await worker.WaitForLineAsync(@"hahn: rules reloaded \(engine generation 2\)", skip: mark);
        await worker.WaitForLineAsync(@"hahn: opened High WRK-002 Channel/whatsapp-aussendienst-sued", skip: mark);
        await worker.WaitForLineAsync(@"hahn: closed High WRK-001 Channel/whatsapp-aussendienst-sued", skip: mark);

        // A broken rule file is logged with its diagnostics; the last good engine stays.
        mark = worker.LineCount;
        File.WriteAllText(rules.File("extra.rules.json"), RuleSet("WRK-003").Replace("c.mfa", "c.mfaa", StringComparison.Ordinal));
        await worker.WaitForLineAsync(@"Rebuilding the policy engine failed with \d+ error\(s\); generation 2 stays in service:.*extra\.rules\.json:\d+:\d+: error DP4002", skip: mark);

        // A deleted file closes the session.
        mark = worker.LineCount;
        File.Delete(model);
        await worker.WaitForLineAsync(@"hahn: session closed", skip: mark);
    }

    [Fact]
    public async Task Records_every_evaluation_into_a_configured_history()
    {
        using var models = new TempFolder();
        var model = models.File("hahn.json");
        var original = File.ReadAllText(Path.Combine(SampleProcess.Root, "samples", "models", "hahn-antriebstechnik.json"));
        File.WriteAllText(model, original);
        var history = Path.Combine(models.Path, "history", "team.db");
        Directory.CreateDirectory(Path.GetDirectoryName(history)!);

        using var worker = SampleProcess.Start("Worker", models.Path,
            "--Models:Folder=" + models.Path, "--Models:PollInterval=00:00:00.200", "--Models:History=" + history);

        await worker.WaitForLineAsync(@"Recording every evaluation into the history .*team\.db");
        await worker.WaitForLineAsync(@"hahn: recorded run 1 into the history \(score \d+, [1-9]\d* new, 0 fixed\)");

        var mark = worker.LineCount;
        File.WriteAllText(model, original.Replace("\"credentials\": \"personal\", \"lastPostAt\": \"2026-11-25T16:48:00Z\"", "\"credentials\": \"vault\", \"mfa\": true, \"lastPostAt\": \"2026-11-25T16:48:00Z\"", StringComparison.Ordinal));
        await worker.WaitForLineAsync(@"hahn: recorded run 2 into the history \(score \d+, 0 new, [1-9]\d* fixed\)", skip: mark);
        Assert.True(File.Exists(history));
    }
}
