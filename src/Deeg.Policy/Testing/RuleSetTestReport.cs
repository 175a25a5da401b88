using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Newtonsoft.Json;

namespace Deeg.Policy.Testing;

/// <summary>
/// Writes the results of rule-set tests (<see cref="RuleSetTestFile.Run"/>) as <c>deeg-policy test</c>
/// prints them: plain text (each failed case with what was expected and what was found, then the
/// totals and the rule coverage), JSON for scripts, or JUnit XML for CI systems (one test suite per
/// test file, one test case per case). Line breaks are <c>\n</c>; every output ends with one.
/// </summary>
/// <example>
/// <code>
/// var runs = Directory.GetFiles("tests", "*.tests.json").Select(f => RuleSetTestFile.Load(f).Run()).ToList();
/// RuleSetTestReport.WriteText(runs, Console.Out);
/// </code>
/// </example>
public static class RuleSetTestReport
{
    /// <summary>
    /// Writes each failed case (<c>FAIL file: name</c> and its failures), a blank line when there was
    /// one, then the summary (<see cref="WriteSummary"/>).
    /// </summary>
    /// <param name="runs">The runs, one per test file.</param>
    /// <param name="output">Where the text goes; it is neither flushed nor closed.</param>
    public static void WriteText(IReadOnlyList<RuleSetTestRun> runs, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(output);
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            foreach (var failed in run.Cases.Where(c => !c.Passed))
            {
                text.Append("FAIL ").Append(run.File).Append(": ").Append(failed.Name).Append('\n');
                foreach (var failure in failed.Failures) text.Append("  ").Append(failure).Append('\n');
            }
        }

        if (text.Length > 0) text.Append('\n');
        output.Write(text.Append(Summary(runs)).ToString());
    }

    /// <summary>
    /// Writes two lines: <c>N passed, N failed</c> and the coverage, <c>rules fired in at least one
    /// case: X of Y</c>, naming the rules that never fired.
    /// </summary>
    /// <param name="runs">The runs, one per test file.</param>
    /// <param name="output">Where the text goes; it is neither flushed nor closed.</param>
    public static void WriteSummary(IReadOnlyList<RuleSetTestRun> runs, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Summary(runs));
    }

    /// <summary>
    /// Writes JUnit XML: <c>testsuites</c> with one <c>testsuite</c> per test file and one
    /// <c>testcase</c> per case (<c>classname</c> the test file's name); a failed case has a
    /// <c>failure</c> whose message is its first failure and whose text lists them all.
    /// </summary>
    /// <param name="runs">The runs, one per test file.</param>
    /// <param name="output">Where the XML goes; it is neither flushed nor closed.</param>
    public static void WriteJUnit(IReadOnlyList<RuleSetTestRun> runs, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(output);
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
        output.Write(new XDocument(new XDeclaration("1.0", "utf-8", null), suites).Declaration + "\n" + suites + "\n");
    }

    /// <summary>
    /// Writes one JSON object, <c>{ "passed": N, "failed": N, "cases": [ { "file", "name", "passed",
    /// "failures": [] } ], "coverage": { "fired": [], "neverFired": [] } }</c>: every case in file
    /// order, and the rules that fired in at least one case and those that never fired (rule ids in
    /// ordinal order), followed by a line break.
    /// </summary>
    /// <param name="runs">The runs, one per test file.</param>
    /// <param name="output">Where the JSON goes; it is neither flushed nor closed.</param>
    public static void WriteJson(IReadOnlyList<RuleSetTestRun> runs, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(output);
        var (fired, never) = Coverage(runs);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var w = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            w.WriteStartObject();
            w.WritePropertyName("passed");
            w.WriteValue(runs.Sum(r => r.Passed));
            w.WritePropertyName("failed");
            w.WriteValue(runs.Sum(r => r.Failed));
            w.WritePropertyName("cases");
            w.WriteStartArray();
            foreach (var run in runs)
            {
                foreach (var c in run.Cases)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("file");
                    w.WriteValue(run.File);
                    w.WritePropertyName("name");
                    w.WriteValue(c.Name);
                    w.WritePropertyName("passed");
                    w.WriteValue(c.Passed);
                    w.WritePropertyName("failures");
                    Strings(w, c.Failures);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WritePropertyName("coverage");
            w.WriteStartObject();
            w.WritePropertyName("fired");
            Strings(w, fired);
            w.WritePropertyName("neverFired");
            Strings(w, never);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        output.Write(text.ToString() + "\n");
    }

    private static void Strings(JsonTextWriter w, IEnumerable<string> values)
    {
        w.WriteStartArray();
        foreach (var value in values) w.WriteValue(value);
        w.WriteEndArray();
    }

    /// <summary>The loaded rules that fired in at least one case and those that never did, each in ordinal order.</summary>
    private static (List<string> Fired, List<string> NeverFired) Coverage(IReadOnlyList<RuleSetTestRun> runs)
    {
        var rules = runs.SelectMany(r => r.Rules).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var fired = runs.SelectMany(r => r.RulesFired).ToHashSet(StringComparer.Ordinal);
        return (rules.Where(fired.Contains).ToList(), rules.Where(r => !fired.Contains(r)).ToList());
    }

    private static string Summary(IReadOnlyList<RuleSetTestRun> runs)
    {
        var (fired, never) = Coverage(runs);
        var coverage = string.Create(CultureInfo.InvariantCulture, $"rules fired in at least one case: {fired.Count} of {fired.Count + never.Count}");
        if (never.Count > 0) coverage += " (never fired: " + string.Join(", ", never) + ")";
        return string.Create(CultureInfo.InvariantCulture, $"{runs.Sum(r => r.Passed)} passed, {runs.Sum(r => r.Failed)} failed\n{coverage}\n");
    }
}
