using System.CommandLine;
using Deeg.Policy.Reporting;

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
            if (parseResult.GetValue(format) == "json") RuleListing.WriteJson(engine.Rules, context.Stdout, language);
            else RuleListing.WriteText(engine.Rules, engine.RuleSets, context.Stdout, language);
            return ExitCodes.Ok;
        });
        return command;
    }
}
