using System.CommandLine;
using System.Globalization;
using System.Xml.Linq;
using Deeg.Policy.Testing;

namespace Deeg.Policy.Cli;

/// <summary>
/// <c>deeg-policy test &lt;file|dir&gt;... [--format text|junit] [--output file]</c>: runs rule-set test
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
        format.AcceptOnlyFromAmong("text", "junit");
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
        var text = format == "junit" ? JUnit(runs) : Text(runs);
        if (output is null)
        {
            context.Stdout.Write(text);
        }
        else
        {
            File.WriteAllText(output, text);
            if (format == "junit") context.Stdout.Write(Summary(runs));
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

    /// <summary>The failures, then the totals and the coverage line.</summary>
    internal static string Text(IReadOnlyList<RuleSetTestRun> runs)
    {
        var text = new System.Text.StringBuilder();
        foreach (var run in runs)
        {
            foreach (var failed in run.Cases.Where(c => !c.Passed))
            {
                text.Append("FAIL ").Append(run.File).Append(": ").Append(failed.Name).Append('\n');
                foreach (var failure in failed.Failures) text.Append("  ").Append(failure).Append('\n');
            }
        }

        if (text.Length > 0) text.Append('\n');
        return text.Append(Summary(runs)).ToString();
    }

    private static string Summary(IReadOnlyList<RuleSetTestRun> runs)
    {
        var rules = runs.SelectMany(r => r.Rules).Distinct(StringComparer.Ordinal).ToList();
        var fired = runs.SelectMany(r => r.RulesFired).ToHashSet(StringComparer.Ordinal);
        var never = rules.Where(r => !fired.Contains(r)).Order(StringComparer.Ordinal).ToList();
        var coverage = string.Create(CultureInfo.InvariantCulture, $"rules fired in at least one case: {rules.Count - never.Count} of {rules.Count}");
        if (never.Count > 0) coverage += " (never fired: " + string.Join(", ", never) + ")";
        return string.Create(CultureInfo.InvariantCulture, $"{runs.Sum(r => r.Passed)} passed, {runs.Sum(r => r.Failed)} failed\n{coverage}\n");
    }

    /// <summary>JUnit XML: one test suite per test file, one test case per case, failures with their messages.</summary>
    internal static string JUnit(IReadOnlyList<RuleSetTestRun> runs)
    {
        var suites = new XElement("testsuites",
            new XAttribute("name", "deeg-policy test"),
            new XAttribute("tests", runs.Sum(r => r.Cases.Count)),
            new XAttribute("failures", runs.Sum(r => r.Failed)),
            runs.Select(run => new XElement("testsuite",
                new XAttribute("name", run.File),
                new XAttribute("tests", run.Cases.Count),
                new XAttribute("failures", run.Failed),
                new XAttribute("errors", 0),
                run.Cases.Select(c => new XElement("testcase",
                    new XAttribute("classname", Path.GetFileName(run.File)),
                    new XAttribute("name", c.Name),
                    c.Passed ? null : new XElement("failure",
                        new XAttribute("message", c.Failures[0]),
                        string.Join("\n", c.Failures)))))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).Declaration + "\n" + suites + "\n";
    }
}
