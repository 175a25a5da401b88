using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

// Metrics and activities are observed with process-wide listeners: run the classes one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Deeg.Policy.Extensions.DependencyInjection.Tests;

/// <summary>Rule sets, a model and a temporary folder for the tests.</summary>
internal static class Fixture
{
    /// <summary>A model with two channels, one with MFA.</summary>
    public const string Model = """
        {
          "asOf": "2026-11-26",
          "organisation": { "id": "o", "name": "Org" },
          "channels": [
            { "id": "li", "platform": "linkedin", "scope": "external", "mfa": true },
            { "id": "xing", "platform": "xing", "scope": "external", "mfa": false }
          ]
        }
        """;

    /// <summary>A rule set <c>t</c> with one rule that finds every channel matching <paramref name="where"/>.</summary>
    public static string RuleSet(string ruleId, string where = "c.mfa == false", string severity = "high") => $$"""
        { "ruleSet": "t", "version": "1.0.0",
          "rules": [ { "id": "{{ruleId}}", "title": { "en": "Rule {{ruleId}}" }, "severity": "{{severity}}",
                       "when": [ { "fact": "Channel", "as": "c", "where": ["{{where}}"] } ],
                       "finding": { "subject": "c", "message": "channel {c.id}" } } ] }
        """;

    /// <summary>A rule set with an error (an unknown member) at a known place.</summary>
    public const string BrokenRuleSet = """
        { "ruleSet": "t", "version": "1.0.0",
          "rules": [ { "id": "T-009", "title": { "en": "Broken" }, "severity": "high",
                       "when": [ { "fact": "Channel", "as": "c", "where": ["c.mfaa == false"] } ],
                       "finding": { "subject": "c", "message": "x" } } ] }
        """;

    public static PolicyModel LoadModel(IPolicyEvaluator evaluator, string json = Model)
    {
        var loaded = evaluator.ParseModel(json, "m.json");
        Assert.True(loaded.Succeeded, string.Join(Environment.NewLine, loaded.Diagnostics));
        return loaded.Model!;
    }

    public static List<string> Found(ComplianceReport report) => report.Findings.Select(f => $"{f.RuleId} {f.Subject}").ToList();
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deeg-di-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file the way editors save: to a temporary name, then renamed over the target.</summary>
    public void Save(string name, string text)
    {
        var temp = File(name + ".tmp~");
        System.IO.File.WriteAllText(temp, text);
        System.IO.File.Move(temp, File(name), overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Collects log entries of every category.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Event, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((category, logLevel, eventId, formatter(state, exception), exception));
    }
}
