using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Deeg.Policy.Testing;

/// <summary>
/// Writes the results of rule-set tests (<see cref="RuleSetTestFile.Run"/>) as <c>deeg-policy test</c>
/// prints them: plain text (each failed case with what was expected and what was found, then the
/// totals and the rule coverage) or JUnit XML for CI systems (one test suite per test file, one test
/// case per case). Line breaks are <c>\n</c>; every output ends with one.
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

    private static string Summary(IReadOnlyList<RuleSetTestRun> runs)
    {
        var rules = runs.SelectMany(r => r.Rules).Distinct(StringComparer.Ordinal).ToList();
        var fired = runs.SelectMany(r => r.RulesFired).ToHashSet(StringComparer.Ordinal);
        var never = rules.Where(r => !fired.Contains(r)).Order(StringComparer.Ordinal).ToList();
        var coverage = string.Create(CultureInfo.InvariantCulture, $"rules fired in at least one case: {rules.Count - never.Count} of {rules.Count}");
        if (never.Count > 0) coverage += " (never fired: " + string.Join(", ", never) + ")";
        return string.Create(CultureInfo.InvariantCulture, $"{runs.Sum(r => r.Passed)} passed, {runs.Sum(r => r.Failed)} failed\n{coverage}\n");
    }
}
