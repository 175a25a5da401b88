using System.CommandLine;
using System.Globalization;

namespace Deeg.Policy.Cli;

/// <summary>
/// <c>deeg-policy watch &lt;model.json&gt; [check options]</c>: keeps an incremental session open,
/// re-reads the model file when it changes, applies the difference as upserts and removes
/// (<see cref="PolicySession.Replace"/>) and prints each opened and closed finding on its own
/// timestamped line, until Ctrl+C. A broken edit is reported with its diagnostics and the
/// session stays as it was.
/// </summary>
internal static class WatchCommand
{
    /// <summary>How often the file's timestamp and length are checked.</summary>
    internal static TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(300);

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model.json") { Description = "The organisation model to watch" };
        var selection = RuleSetSelection.Create();
        var parameters = new Option<string[]>("--param") { Description = "Override a rule-set parameter: <ruleSet>.<name>=<value> (repeatable)", HelpName = "ruleSet.name=value", Arity = ArgumentArity.OneOrMore };
        var asOf = new Option<string>("--as-of") { Description = "Evaluation date YYYY-MM-DD", HelpName = "YYYY-MM-DD" };
        var waivers = new Option<string>("--waivers") { Description = "A waiver file", HelpName = "file" };
        var lang = new Option<string>("--lang") { Description = "Language of the messages", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong(CheckCommand.Languages);
        var command = new Command("watch", "Watch a model file and print findings as they open and close (Ctrl+C to stop)") { model };
        selection.AddTo(command);
        command.Add(parameters);
        command.Add(asOf);
        command.Add(waivers);
        command.Add(lang);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(model)!;
            var (engine, diagnostics) = selection.Build(parseResult);
            context.WriteDiagnostics(diagnostics);
            if (engine is null) return ExitCodes.InvalidInput;

            var options = new EvaluationOptions
            {
                AsOf = CheckCommand.ParseAsOf(parseResult.GetValue(asOf)),
                Language = parseResult.GetValue(lang) ?? "en",
                Waivers = LoadWaivers(parseResult.GetValue(waivers), context),
            };
            foreach (var (name, value) in CheckCommand.ParseParameters(parseResult.GetValue(parameters) ?? [])) options.Parameters[name] = value;
            var optionErrors = engine.ValidateOptions(options);
            context.WriteDiagnostics(optionErrors);
            if (optionErrors.Count > 0) return ExitCodes.InvalidInput;

            var loaded = engine.LoadModel(path);
            context.WriteDiagnostics(loaded.Diagnostics);
            if (!loaded.Succeeded) return ExitCodes.InvalidInput;
            return Watch(context, engine, path, loaded.Model!, options);
        });
        return command;
    }

    private static IReadOnlyList<Waiver>? LoadWaivers(string? path, CliContext context)
    {
        if (path is null) return null;
        var set = WaiverSet.Load(path);
        context.WriteDiagnostics(set.Diagnostics);
        return set.Succeeded ? set.Waivers : throw new CliUsageException($"the waiver file '{path}' has errors");
    }

    private static int Watch(CliContext context, PolicyEngine engine, string path, PolicyModel model, EvaluationOptions options)
    {
        using var session = engine.OpenSession(model, options);
        var report = session.Report();
        foreach (var finding in report.Findings) Print(context, "open", finding);
        context.Stdout.WriteLine($"{Now()} watching {path}: {report.Findings.Count} finding(s); Ctrl+C to stop");
        context.Stdout.Flush();

        var stamp = Stamp(path);
        while (!context.Cancellation.WaitHandle.WaitOne(PollInterval))
        {
            var current = Stamp(path);
            if (current == stamp) continue;
            stamp = current;
            var next = engine.LoadModel(path);
            if (!next.Succeeded)
            {
                context.WriteDiagnostics(next.Diagnostics);
                context.Stderr.WriteLine($"{Now()} {path} has errors; keeping the last good model");
                continue;
            }

            try
            {
                var delta = session.Replace(next.Model!);
                foreach (var finding in delta.Closed) Print(context, "closed", finding);
                foreach (var finding in delta.Opened) Print(context, "opened", finding);
                context.Stdout.WriteLine($"{Now()} {path} changed: {delta.Opened.Count} opened, {delta.Closed.Count} closed, {session.Report().Findings.Count} finding(s)");
                context.Stdout.Flush();
            }
            catch (ArgumentException ex)
            {
                context.Stderr.WriteLine($"{Now()} {path}: {ex.Message}");
            }
        }

        return session.Report().Errors.Count > 0 ? ExitCodes.EvaluationError : ExitCodes.Ok;
    }

    private static void Print(CliContext context, string what, Finding finding) =>
        context.Stdout.WriteLine($"{Now()} {what} {finding.Severity.ToString().ToLowerInvariant()} {finding.RuleId} {finding.Subject}: {finding.Message}");

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }
}
