using System.CommandLine;

namespace Deeg.Policy.Cli;

/// <summary>
/// <c>deeg-policy explain &lt;model.json&gt; --rule ID [--subject Type/id]</c>: for each candidate
/// subject of a rule, whether it fires and, if not, the first element or condition that failed
/// and the values it saw (<see cref="PolicyEngine.Explain"/>).
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model.json") { Description = "The organisation model" };
        var rule = new Option<string>("--rule") { Description = "The rule to explain", HelpName = "ID", Required = true };
        var subject = new Option<string?>("--subject") { Description = "Only this candidate subject", HelpName = "Type/id" };
        var selection = RuleSetSelection.Create();
        var parameters = new Option<string[]>("--param") { Description = "Override a rule-set parameter: <ruleSet>.<name>=<value> (repeatable)", HelpName = "ruleSet.name=value", Arity = ArgumentArity.OneOrMore };
        var asOf = new Option<string>("--as-of") { Description = "Evaluation date YYYY-MM-DD", HelpName = "YYYY-MM-DD" };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var lang = new Option<string>("--lang") { Description = "Language of the rule title", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong(CheckCommand.Languages);
        var command = new Command("explain", "Explain why a rule does or does not fire on the subjects of a model") { model, rule, subject };
        selection.AddTo(command);
        command.Add(parameters);
        command.Add(asOf);
        command.Add(format);
        command.Add(lang);
        command.SetAction(parseResult =>
        {
            var subjectText = parseResult.GetValue(subject);
            var subjectRef = subjectText is null ? null : SubjectRef.TryParse(subjectText)
                ?? throw new CliUsageException($"invalid --subject '{subjectText}': write Type/id, e.g. Channel/xing-main");
            var (engine, diagnostics) = selection.Build(parseResult);
            context.WriteDiagnostics(diagnostics);
            if (engine is null) return ExitCodes.InvalidInput;
            var loaded = engine.LoadModel(parseResult.GetValue(model)!);
            context.WriteDiagnostics(loaded.Diagnostics);
            if (!loaded.Succeeded) return ExitCodes.InvalidInput;

            var options = new EvaluationOptions { AsOf = CheckCommand.ParseAsOf(parseResult.GetValue(asOf)), Language = parseResult.GetValue(lang) ?? "en" };
            foreach (var (name, value) in CheckCommand.ParseParameters(parseResult.GetValue(parameters) ?? [])) options.Parameters[name] = value;
            var optionErrors = engine.ValidateOptions(options);
            context.WriteDiagnostics(optionErrors);
            if (optionErrors.Count > 0) return ExitCodes.InvalidInput;

            RuleExplanation explanation;
            try
            {
                explanation = engine.Explain(loaded.Model!, parseResult.GetValue(rule)!, subjectRef, options);
            }
            catch (ArgumentException ex)
            {
                throw new CliUsageException(ex.Message.Replace(" (Parameter 'ruleId')", string.Empty, StringComparison.Ordinal));
            }

            if (subjectRef is not null && explanation.Candidates.Count == 0)
                throw new CliUsageException($"the model has no {subjectRef}; the subjects of {explanation.RuleId} are {explanation.SubjectType} facts");
            context.Stdout.Write(parseResult.GetValue(format) == "json" ? explanation.ToJson() : explanation.ToText());
            return ExitCodes.Ok;
        });
        return command;
    }
}
