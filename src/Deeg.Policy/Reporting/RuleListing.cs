using System.Globalization;
using System.Text;
using Deeg.Policy.Reporting.Writers;
using Newtonsoft.Json;
using Deeg.Policy.Core;

namespace Deeg.Policy.Reporting;

/// <summary>
/// Lists rules, as <c>deeg-policy rules</c> prints them: ordered by rule-set id, then rule id
/// (ordinal), as a JSON array or as a table for people.
/// </summary>
/// <example>
/// <code>
/// RuleListing.WriteJson(engine.Rules, Console.Out, "de");
/// RuleListing.WriteText(engine.Rules, engine.RuleSets, Console.Out);
/// </code>
/// </example>
public static class RuleListing
{
    /// <summary>
    /// Writes a JSON array with one object per rule,
    /// <c>{"id", "ruleSet", "severity", "category", "title", "enabled", "tags"}</c>, followed by a line break.
    /// </summary>
    /// <param name="rules">The rules, in any order.</param>
    /// <param name="output">Where the JSON goes; it is neither flushed nor closed.</param>
    /// <param name="language">The language of the titles (<see cref="LocalizedText.Get"/>); null for English.</param>
    public static void WriteJson(IEnumerable<RuleInfo> rules, TextWriter output, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(output);
        language ??= "en";
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var w = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            w.WriteStartArray();
            foreach (var rule in Ordered(rules))
            {
                w.WriteStartObject();
                w.WritePropertyName("id");
                w.WriteValue(rule.Id);
                w.WritePropertyName("ruleSet");
                w.WriteValue(rule.RuleSet);
                w.WritePropertyName("severity");
                w.WriteValue(Severities.Name(rule.Severity));
                w.WritePropertyName("category");
                w.WriteValue(rule.Category);
                w.WritePropertyName("title");
                w.WriteValue(rule.Title.Get(language));
                w.WritePropertyName("enabled");
                w.WriteValue(rule.Enabled);
                w.WritePropertyName("tags");
                w.WriteStartArray();
                foreach (var tag in rule.Tags) w.WriteValue(tag);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        output.Write(text.ToString());
        output.Write('\n');
    }

    /// <summary>
    /// Writes a plain table, one rule per line (rule set, id, severity, category, enabled, title), then
    /// a blank line and the count (<c>14 rules in 2 rule sets</c>); without rules a single line saying so.
    /// </summary>
    /// <param name="rules">The rules, in any order.</param>
    /// <param name="ruleSets">The rule sets the rules come from, for the count.</param>
    /// <param name="output">Where the table goes; it is neither flushed nor closed.</param>
    /// <param name="language">The language of the titles and the table's words, <c>en</c> or <c>de</c>; null for English.</param>
    public static void WriteText(IEnumerable<RuleInfo> rules, IReadOnlyCollection<RuleSetSummary> ruleSets, TextWriter output, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(ruleSets);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Table(Ordered(rules), ruleSets.Count, ReportLabels.For(language)));
    }

    /// <summary>The rules by rule-set id, then rule id (ordinal).</summary>
    internal static List<RuleInfo> Ordered(IEnumerable<RuleInfo> rules) =>
        rules.OrderBy(r => r.RuleSet, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    private static string Table(List<RuleInfo> rules, int ruleSets, ReportLabels labels)
    {
        if (rules.Count == 0) return labels.NoRules + "\n";
        var rows = rules.Select(r => new[]
        {
            r.RuleSet, r.Id, labels.Severities[r.Severity], r.Category, r.Enabled ? labels.Yes : labels.No, r.Title.Get(labels.Language),
        }).ToList();
        var header = labels.RuleColumns.ToArray();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
            }

            text.Append('\n');
        }

        Line(header);
        foreach (var row in rows) Line(row);
        text.Append('\n').Append(labels.RuleCountText(rules.Count, ruleSets)).Append('\n');
        return text.ToString();
    }
}
