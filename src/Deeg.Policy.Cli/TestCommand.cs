using System.CommandLine;
using Deeg.Policy.Testing;

namespace Deeg.Policy.Cli;

/// <summary>
/// <c>deeg-policy test &lt;file|dir&gt;... [--format text|json|junit] [--output file]</c>: runs rule-set test
/// files (schema docs/schemas/tests.schema.json). Prints each failed case with what was expected and what was
/// found, then <c>N passed, N failed</c> and the rule coverage line. Exit 0 all passed, 1 a case
/// failed, 2 a test file, rule set or model has errors (then nothing runs).
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("file|dir") { Description = "Test files (*.tests.json), or directories whose *.tests.json files are run", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "junit");
        var output = new Option<string?>("--output") { Description = "Write the output to this file instead of standard output", HelpName = "file" };
        var command = new Command("test", "Run rule-set tests (*.tests.json)") { paths, format, output };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(paths) ?? [], parseResult.GetValue(format) ?? "text", parseResult.GetValue(output)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, string format, string? output)
    {
        var files = TestFiles(paths, context);
        if (files is null) return ExitCodes.InvalidInput;

        // Load everything first: any problem in any file means nothing runs.
        var loaded = files.Select(RuleSetTestFile.Load).ToList();
        var diagnostics = loaded.SelectMany(f => f.Diagnostics).ToList();
        context.WriteDiagnostics(diagnostics);
        if (loaded.Any(f => !f.Succeeded))
        {
            if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) context.Error("the test files could not be loaded");
            return ExitCodes.InvalidInput;
        }

        context.EvaluationStarted = true;
        var runs = loaded.Select(f => f.Run()).ToList();
        Action<IReadOnlyList<RuleSetTestRun>, TextWriter> write = format switch
        {
            "junit" => RuleSetTestReport.WriteJUnit,
            "json" => RuleSetTestReport.WriteJson,
            _ => RuleSetTestReport.WriteText,
        };
        if (output is null)
        {
            write(runs, context.Stdout);
        }
        else
        {
            using (var file = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(false)))
            {
                write(runs, file);
            }

            if (format != "text") RuleSetTestReport.WriteSummary(runs, context.Stdout);
        }

        return runs.Any(r => r.Failed > 0) ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>The files to run: each file as given, each directory's <c>*.tests.json</c> in name order.</summary>
    private static List<string>? TestFiles(string[] paths, CliContext context)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.tests.json").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    context.Error($"no *.tests.json files in '{path}'");
                    return null;
                }

                files.AddRange(found);
            }
            else
            {
                // A missing file is reported by the loader as a diagnostic (DP1001).
                files.Add(path);
            }
        }

        return files;
    }
}
