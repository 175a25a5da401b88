using System.CommandLine;
using System.Globalization;
using Deeg.Policy.History;
using Deeg.Policy.Reporting;

namespace Deeg.Policy.Cli;

/// <summary><c>deeg-policy check &lt;model.json&gt;... [options]</c>: evaluate organisation models (docs/cli.md).</summary>
internal static class CheckCommand
{
    /// <summary>Every value of <c>--format</c>: the library's report formats.</summary>
    internal static readonly string[] Formats = [.. ReportWriters.Names];

    /// <summary>Every value of <c>--fail-on</c>.</summary>
    internal static readonly string[] FailOnValues = [.. Enum.GetNames<Severity>().Select(n => n.ToLowerInvariant()), "none"];

    /// <summary>The languages of <c>--lang</c>.</summary>
    internal static readonly string[] Languages = ["en", "de"];

    public static Command Create(CliContext context)
    {
        var models = new Argument<string[]>("model.json")
        {
            Description = "Organisation model files; each is evaluated on its own",
            Arity = ArgumentArity.OneOrMore,
        };
        var selection = RuleSetSelection.Create();
        var parameters = new Option<string[]>("--param")
        {
            Description = "Override a rule-set parameter: <ruleSet>.<name>=<value> (repeatable)",
            HelpName = "ruleSet.name=value",
            Arity = ArgumentArity.OneOrMore,
        };
        var asOf = new Option<string>("--as-of")
        {
            Description = "Evaluation date YYYY-MM-DD (overrides the model's asOf; default: the model's asOf, then today in UTC)",
            HelpName = "YYYY-MM-DD",
        };
        var waivers = new Option<string>("--waivers") { Description = "A waiver file", HelpName = "file" };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text for people on a terminal, json (the report JSON), sarif (SARIF 2.1.0, e.g. for GitHub code scanning), junit (JUnit XML for CI), markdown (a pull-request comment), html (one self-contained page)",
            HelpName = "text|json|sarif|junit|markdown|html",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string>("--output") { Description = "Write the report to this file instead of standard output", HelpName = "file" };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with 1 when an unwaived finding has this severity or a higher one; 'none' never fails",
            HelpName = "info|low|medium|high|critical|none",
            DefaultValueFactory = _ => "low",
        };
        failOn.AcceptOnlyFromAmong(FailOnValues);
        var lang = new Option<string>("--lang") { Description = "Language of titles, messages and text output", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong(Languages);
        var verbose = new Option<bool>("--verbose") { Description = "Human formats (text, markdown, html, junit): everything — remediation, fact references and fingerprint with each finding" };
        var explain = new Option<bool>("--explain") { Description = "Add the evidence of each finding (bound facts and expression values)" };
        var baseline = new Option<string>("--baseline")
        {
            Description = "An earlier JSON report (check --format json): mark each finding new or unchanged by its fingerprint and list the fixed ones",
            HelpName = "previous-report.json",
        };
        var failOnNew = new Option<bool>("--fail-on-new") { Description = "With --baseline: --fail-on considers only new findings" };
        var history = new Option<string>("--history")
        {
            Description = "Record the run in a history and add firstSeen/openDays to each finding: a SQLite file (created on first use) or a PostgreSQL connection string (Host=…;Database=…;Username=…)",
            HelpName = "file.db|connection string",
        };

        var command = new Command("check", "Evaluate organisation models against the rule sets")
        {
            models,
        };
        selection.AddTo(command);
        command.Add(parameters);
        command.Add(asOf);
        command.Add(waivers);
        command.Add(format);
        command.Add(output);
        command.Add(failOn);
        command.Add(lang);
        command.Add(verbose);
        command.Add(explain);
        command.Add(baseline);
        command.Add(failOnNew);
        command.Add(history);

        command.SetAction(parseResult => Execute(context, new CheckRequest
        {
            Models = parseResult.GetValue(models) ?? [],
            Selection = selection,
            ParseResult = parseResult,
            Parameters = parseResult.GetValue(parameters) ?? [],
            AsOf = parseResult.GetValue(asOf),
            Waivers = parseResult.GetValue(waivers),
            Format = parseResult.GetValue(format) ?? "text",
            Output = parseResult.GetValue(output),
            FailOn = parseResult.GetValue(failOn) ?? "low",
            Language = parseResult.GetValue(lang) ?? "en",
            Explain = parseResult.GetValue(explain),
            Verbose = parseResult.GetValue(verbose),
            Baseline = parseResult.GetValue(baseline),
            FailOnNew = parseResult.GetValue(failOnNew),
            History = parseResult.GetValue(history),
        }));
        return command;
    }

    /// <summary>
    /// The exit code of a run: 3 when a rule failed at evaluation time, else 1 when a report fails
    /// <paramref name="failOn"/> (<see cref="ComplianceReport.Fails"/>), else 0.
    /// </summary>
    /// <param name="reports">The reports of the run.</param>
    /// <param name="failOn">The threshold; null for <c>none</c>.</param>
    /// <param name="newOnly">Only findings marked <see cref="BaselineState.New"/> count (<c>--fail-on-new</c>).</param>
    internal static int ExitCodeFor(IEnumerable<ComplianceReport> reports, Severity? failOn, bool newOnly = false)
    {
        var list = reports.ToList();
        if (list.Exists(r => r.Errors.Count > 0)) return ExitCodes.EvaluationError;
        return list.Exists(r => r.Fails(failOn, newOnly)) ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>Parses <c>--fail-on</c>: null for <c>none</c>.</summary>
    internal static Severity? ParseFailOn(string value) =>
        value.Equals("none", StringComparison.OrdinalIgnoreCase) ? null
        : FailOnValues.Contains(value, StringComparer.OrdinalIgnoreCase) ? Enum.Parse<Severity>(value, ignoreCase: true)
        : throw new CliUsageException($"invalid --fail-on '{value}'; use {string.Join(", ", FailOnValues[..^1])} or none");

    /// <summary>Parses the <c>--param</c> values into <c>ruleSet.name</c> → raw string (the engine converts to the declared type).</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ParseParameters(IEnumerable<string> values)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? value : value[..eq].Trim();
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (eq < 0 || dot <= 0 || dot == key.Length - 1)
                throw new CliUsageException($"invalid --param '{value}': write <ruleSet>.<name>=<value>, e.g. governance.dormantDays=90");
            result.Add(new(key, value[(eq + 1)..]));
        }

        return result;
    }

    /// <summary>Parses <c>--as-of</c>.</summary>
    internal static DateOnly? ParseAsOf(string? value)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw new CliUsageException($"invalid --as-of '{value}': use YYYY-MM-DD, e.g. 2026-11-26");
    }

    private static int Execute(CliContext context, CheckRequest request)
    {
        // Options first: a usage error means nothing is loaded or evaluated.
        if (request.FailOnNew && request.Baseline is null)
            throw new CliUsageException("--fail-on-new needs --baseline <previous-report.json>: without a baseline no finding is new");
        var failOn = ParseFailOn(request.FailOn);
        var asOf = ParseAsOf(request.AsOf);
        var parameters = ParseParameters(request.Parameters);
        if (request.Output is { } outputPath)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
            if (Directory.Exists(outputPath)) throw new CliUsageException($"--output '{outputPath}' is a directory");
            if (directory is not null && !Directory.Exists(directory)) throw new CliUsageException($"--output '{outputPath}': the directory '{directory}' does not exist");
        }

        // Load everything and report every problem of every input before deciding.
        var diagnostics = new List<Diagnostic>();
        var (engine, ruleSetDiagnostics) = request.Selection.Build(request.ParseResult);
        diagnostics.AddRange(ruleSetDiagnostics);
        var problems = engine is null;

        IReadOnlyList<Waiver> waivers = [];
        if (request.Waivers is { } waiverPath)
        {
            var waiverSet = WaiverSet.Load(waiverPath);
            diagnostics.AddRange(waiverSet.Diagnostics);
            problems |= !waiverSet.Succeeded;
            waivers = waiverSet.Waivers;
        }

        ReportBaseline? baseline = null;
        if (request.Baseline is { } baselinePath)
        {
            baseline = ReportBaseline.Load(baselinePath);
            diagnostics.AddRange(baseline.Diagnostics);
            problems |= !baseline.Succeeded;
        }

        var models = new List<PolicyModel>();
        foreach (var path in request.Models)
        {
            if (Directory.Exists(path))
            {
                diagnostics.Add(new Diagnostic("DP1001", DiagnosticSeverity.Error, "this is a directory; give the model files, e.g. " + Path.Combine(path, "*.json"), path, 1, 1));
                problems = true;
                continue;
            }

            // Without an engine the models are still checked (built-in fact types), so that all problems show at once.
            var loaded = engine is not null ? engine.LoadModel(path) : PolicyModel.Load(path);
            diagnostics.AddRange(loaded.Diagnostics);
            if (loaded.Model is null) problems = true;
            else models.Add(loaded.Model);
        }

        var options = new EvaluationOptions
        {
            AsOf = asOf,
            Language = request.Language,
            Waivers = waivers,
            Explain = request.Explain,
        };
        foreach (var (key, value) in parameters) options.Parameters[key] = value;
        if (engine is not null)
        {
            // Parameter overrides are checked against the loaded rule sets (names, types, patterns).
            var optionDiagnostics = engine.ValidateOptions(options);
            diagnostics.AddRange(optionDiagnostics);
            problems |= optionDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        }

        context.WriteDiagnostics(diagnostics);
        if (engine is null && !diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error))
            context.Error("the rule sets could not be compiled");
        if (problems || engine is null) return ExitCodes.InvalidInput;
        if (engine.RuleSets.Count == 0) throw new CliUsageException("no rule sets loaded: give --rules or --builtin");

        // A history that cannot be opened is bad input: nothing is evaluated.
        IHistoryStore? store = null;
        if (request.History is { } target)
        {
            try
            {
                store = HistoryStore.Open(target);
            }
            catch (HistoryException ex)
            {
                context.Error(ex.Message);
                return ExitCodes.InvalidInput;
            }
        }

        using var historyStore = store;
        context.EvaluationStarted = true;
        var reports = Evaluate(context, engine, models, options);

        if (baseline is not null)
        {
            foreach (var report in reports)
            {
                if (!baseline.Contains(report.Organisation.Id))
                    context.Stderr.WriteLine($"{CliApp.Name}: warning: the baseline '{request.Baseline}' has no report for organisation '{report.Organisation.Id}'; all its findings count as new");
            }

            for (var i = 0; i < reports.Length; i++) reports[i] = baseline.Apply(reports[i]);
        }

        // Each report is one run of the history; a run that cannot be recorded still leaves its report written, with exit code 3.
        var historyFailed = false;
        if (historyStore is not null)
        {
            for (var i = 0; i < reports.Length; i++)
            {
                try
                {
                    reports[i] = historyStore.Record(reports[i]).Report;
                }
                catch (HistoryException ex)
                {
                    context.Error(ex.Message);
                    historyFailed = true;
                }
            }
        }

        var writer = ReportWriters.Get(request.Format);
        var writerOptions = new ReportWriterOptions
        {
            Language = request.Language,
            Colour = request.Output is null && context.StdoutIsColourTerminal,
            ToolName = CliApp.Name,
            Verbose = request.Verbose,
        };
        if (request.Output is { } file)
        {
            using (var stream = File.Create(file))
            {
                writer.Write(reports, stream, writerOptions);
            }

            context.Stderr.WriteLine(WroteLine(file, reports));
        }
        else
        {
            writer.Write(reports, context.Stdout, writerOptions);
        }

        return historyFailed ? ExitCodes.EvaluationError : ExitCodeFor(reports, failOn, request.FailOnNew);
    }

    /// <summary>
    /// What <c>--output</c> wrote, for standard error: <c>wrote report.html: 50 findings, score 38</c>;
    /// several reports: <c>wrote report.json: 2 reports, 59 findings, scores 38, 71</c>.
    /// </summary>
    internal static string WroteLine(string file, IReadOnlyList<ComplianceReport> reports)
    {
        var findings = reports.Sum(r => r.Summary.Findings);
        var counted = findings.ToString(CultureInfo.InvariantCulture) + (findings == 1 ? " finding" : " findings");
        var scores = string.Join(", ", reports.Select(r => r.Summary.Score.ToString(CultureInfo.InvariantCulture)));
        return reports.Count == 1
            ? $"wrote {file}: {counted}, score {scores}"
            : $"wrote {file}: {reports.Count.ToString(CultureInfo.InvariantCulture)} reports, {counted}, scores {scores}";
    }

    /// <summary>Evaluates each model independently, in parallel; the reports keep the argument order.</summary>
    private static ComplianceReport[] Evaluate(CliContext context, PolicyEngine engine, List<PolicyModel> models, EvaluationOptions options)
    {
        var reports = new ComplianceReport[models.Count];
        var progress = models.Count > 1 && context.StderrIsTerminal;
        var done = 0;
        var gate = new object();
        Parallel.For(0, models.Count, i =>
        {
            reports[i] = engine.Evaluate(models[i], options);
            if (!progress) return;
            lock (gate)
            {
                done++;
                context.Stderr.Write($"\r{CliApp.Name}: evaluated {done} of {models.Count} models");
            }
        });
        if (progress) context.Stderr.Write("\r" + new string(' ', 60) + "\r");
        return reports;
    }

    private sealed class CheckRequest
    {
        public required string[] Models { get; init; }

        public required RuleSetSelection Selection { get; init; }

        public required ParseResult ParseResult { get; init; }

        public required string[] Parameters { get; init; }

        public string? AsOf { get; init; }

        public string? Waivers { get; init; }

        public required string Format { get; init; }

        public string? Output { get; init; }

        public required string FailOn { get; init; }

        public required string Language { get; init; }

        public bool Explain { get; init; }

        public bool Verbose { get; init; }

        public string? Baseline { get; init; }

        public bool FailOnNew { get; init; }

        public string? History { get; init; }
    }
}
