using System.CommandLine;
using Deeg.Policy.History;

namespace Deeg.Policy.Cli;

/// <summary>
/// <c>deeg-policy history &lt;target&gt; [--org ID] [--format text|json|html] [--lang en|de]</c>: the runs of each
/// organisation in time order, the longest-open findings and the last run's changes.
/// </summary>
internal static class HistoryCommand
{
    /// <summary>Every value of <c>--format</c>.</summary>
    internal static readonly string[] Formats = ["text", "json", "html"];

    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("target") { Description = "The history: a SQLite file (check --history team.db) or a PostgreSQL connection string (Host=…;Database=…;Username=…)" };
        var org = new Option<string>("--org") { Description = "Only this organisation", HelpName = "ID" };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text, json, or html (one self-contained page with the trend as a chart)",
            HelpName = "text|json|html",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var lang = new Option<string>("--lang") { Description = "Language of the text and HTML output", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong(CheckCommand.Languages);
        var output = new Option<string>("--output") { Description = "Write to this file instead of standard output", HelpName = "file" };

        var command = new Command("history", "Findings over time: score, findings by severity, new and fixed per run, and the longest-open findings")
        {
            target,
            org,
            format,
            lang,
            output,
        };
        command.SetAction(parseResult => Execute(
            context,
            parseResult.GetValue(target)!,
            parseResult.GetValue(org),
            parseResult.GetValue(format) ?? "text",
            parseResult.GetValue(lang) ?? "en",
            parseResult.GetValue(output)));
        return command;
    }

    private static int Execute(CliContext context, string target, string? organisation, string format, string language, string? output)
    {
        if (output is not null && Directory.Exists(output)) throw new CliUsageException($"--output '{output}' is a directory");
        HistoryReport report;
        try
        {
            using var store = HistoryStore.Open(target, readOnly: true);
            report = HistoryReport.Read(store, organisation);
            if (organisation is not null && report.Organisations.Count == 0)
            {
                var known = store.Organisations().Select(o => o.Id).ToList();
                context.Error($"the history '{store.Target}' has no runs of organisation '{organisation}'" +
                    (known.Count == 0 ? string.Empty : "; it has " + string.Join(", ", known)));
                return ExitCodes.InvalidInput;
            }
        }
        catch (HistoryException ex)
        {
            context.Error(ex.Message);
            return ExitCodes.InvalidInput;
        }

        var text = format switch
        {
            "json" => report.ToJson(),
            "html" => report.ToHtml(language, CliApp.Name),
            _ => report.ToText(language),
        };
        if (output is null)
        {
            context.Stdout.Write(text);
        }
        else
        {
            File.WriteAllText(output, text);
            context.Stderr.WriteLine($"wrote {output}: {report.Organisations.Sum(o => o.Runs.Count)} runs of {report.Organisations.Count} {(report.Organisations.Count == 1 ? "organisation" : "organisations")}");
        }

        return ExitCodes.Ok;
    }
}
