using System.CommandLine;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Deeg.Policy.Cli;

/// <summary>
/// <c>deeg-policy rules [--rules P]... [--builtin N] [--format text|json] [--lang en|de]</c>: lists the
/// loaded rules, ordered by rule-set id then rule id (docs/cli.md, "rules").
/// </summary>
internal static class RulesCommand
{
    public static Command Create(CliContext context)
    {
        var selection = RuleSetSelection.Create();
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var lang = new Option<string>("--lang") { Description = "Language of the titles and labels", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong(CheckCommand.Languages);
        var command = new Command("rules", "List the loaded rules");
        selection.AddTo(command);
        command.Add(format);
        command.Add(lang);
        command.SetAction(parseResult =>
        {
            var (engine, diagnostics) = selection.Build(parseResult);
            context.WriteDiagnostics(diagnostics);
            if (engine is null)
            {
                if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) context.Error("the rule sets could not be compiled");
                return ExitCodes.InvalidInput;
            }

            var language = parseResult.GetValue(lang) ?? "en";
            var rules = Ordered(engine.Rules);
            context.Stdout.Write(parseResult.GetValue(format) == "json"
                ? Json(rules, language) + "\n"
                : Table(rules, engine.RuleSets.Count, Labels.For(language)));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The rules by rule-set id, then rule id (ordinal).</summary>
    internal static IReadOnlyList<RuleInfo> Ordered(IEnumerable<RuleInfo> rules) =>
        rules.OrderBy(r => r.RuleSet, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>The JSON listing: an array of <c>{"id","ruleSet","severity","category","title","enabled","tags"}</c>.</summary>
    internal static string Json(IReadOnlyList<RuleInfo> rules, string language)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var w = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            w.WriteStartArray();
            foreach (var rule in rules)
            {
                w.WriteStartObject();
                w.WritePropertyName("id");
                w.WriteValue(rule.Id);
                w.WritePropertyName("ruleSet");
                w.WriteValue(rule.RuleSet);
                w.WritePropertyName("severity");
                w.WriteValue(SeverityName(rule.Severity));
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

        return text.ToString();
    }

    /// <summary>A plain table, one rule per line, with a count at the end.</summary>
    internal static string Table(IReadOnlyList<RuleInfo> rules, int ruleSets, Labels labels)
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

    internal static string SeverityName(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        _ => "info",
    };
}
