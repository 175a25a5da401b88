using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Deeg.Policy.Cli;

/// <summary>
/// The <c>deeg-policy</c> command line (docs/cli.md), written against <see cref="TextWriter"/>s so that
/// tests run it in-process. Exit codes: 0 ok, 1 findings at or above <c>--fail-on</c>, 2 bad usage or
/// invalid input (nothing evaluated), 3 a rule failed at evaluation time.
/// </summary>
internal static class CliApp
{
    /// <summary>The command name used in messages.</summary>
    public const string Name = "deeg-policy";

    /// <summary>The tool version: the library's informational version without the <c>+commit</c> suffix.</summary>
    public static string Version => PolicyEngine.Version;

    /// <summary>Runs the command line; never throws and never prints a stack trace.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="stdout">Standard output (reports, listings, help).</param>
    /// <param name="stderr">Standard error (diagnostics, errors, progress).</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CancellationToken.None);

    /// <summary>Runs the command line; <paramref name="cancellation"/> stops long-running commands (<c>watch</c>).</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="cancellation">Set by Ctrl+C in the real program.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var context = new CliContext(stdout, stderr) { Cancellation = cancellation };
        try
        {
            var root = BuildCommands(context);
            var parseResult = root.Parse(args);
            if (parseResult.Action is ParseErrorAction || UnknownOption(parseResult) is not null)
                return ParseError(parseResult, context);

            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (CliUsageException ex)
        {
            context.Error(ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex)
        {
            var inner = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;
            context.Error(inner.Message);
            return context.EvaluationStarted ? ExitCodes.EvaluationError : ExitCodes.InvalidInput;
        }
    }

    /// <summary>The command tree: <c>check</c>, <c>validate</c>, <c>rules</c>, plus <c>--version</c> and <c>--help</c>.</summary>
    internal static RootCommand BuildCommands(CliContext context)
    {
        var root = new RootCommand("Evaluates organisation models against social media policy rule sets (governance, data protection, culture).");
        root.Add(CheckCommand.Create(context));
        root.Add(ValidateCommand.Create(context));
        root.Add(RulesCommand.Create(context));
        root.Add(TestCommand.Create(context));
        root.Add(SchemaCommand.Create(context));
        root.Add(InitCommand.Create(context));
        root.Add(ExplainCommand.Create(context));
        root.Add(WatchCommand.Create(context));
        root.Add(HistoryCommand.Create(context));
        foreach (var option in root.Options)
        {
            if (option is VersionOption version) version.Action = new PrintVersionAction();
        }

        return root;
    }

    private static int ParseError(ParseResult parseResult, CliContext context)
    {
        var unknown = UnknownOption(parseResult);
        if (unknown is not null) context.Error($"unknown option '{unknown}'");
        foreach (var error in parseResult.Errors) context.Error(error.Message.Replace(Environment.NewLine, " ", StringComparison.Ordinal).Replace('\t', ' ').Replace("  ", " ", StringComparison.Ordinal));
        var command = parseResult.CommandResult.Command;
        var path = command is RootCommand ? Name : Name + " " + command.Name;
        context.Stderr.WriteLine($"Run '{path} --help' for usage.");
        return ExitCodes.InvalidInput;
    }

    /// <summary>
    /// An argument that looks like an option but is none (<c>--bogus</c>): System.CommandLine would take it
    /// as a file name. After <c>--</c> every token is an argument.
    /// </summary>
    private static string? UnknownOption(ParseResult parseResult)
    {
        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) return null;
            if (token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-' && !IsNumber(token.Value)) return token.Value;
        }

        return null;
    }

    private static bool IsNumber(string text) => decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);


    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Ok;
        }
    }
}

/// <summary>The exit codes (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Evaluation succeeded and nothing is at or above <c>--fail-on</c>.</summary>
    public const int Ok = 0;

    /// <summary>At least one unwaived finding at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or invalid input; nothing was evaluated.</summary>
    public const int InvalidInput = 2;

    /// <summary>A rule failed at evaluation time; the report was still written.</summary>
    public const int EvaluationError = 3;
}

/// <summary>A usage problem found by a command (a bad option value); printed as <c>deeg-policy: error: …</c>, exit 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>The writers of one run and what the run has done so far.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr)
{
    /// <summary>Standard output.</summary>
    public TextWriter Stdout { get; } = stdout;

    /// <summary>Standard error.</summary>
    public TextWriter Stderr { get; } = stderr;

    /// <summary>Stops long-running commands (<c>watch</c>): Ctrl+C in the real program, the test in tests.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Set once models are being evaluated: a failure from then on exits with 3, not 2.</summary>
    public bool EvaluationStarted { get; set; }

    /// <summary>Colour only on a real terminal: stdout is the console, not redirected, and <c>NO_COLOR</c> is not set.</summary>
    public bool StdoutIsColourTerminal =>
        ReferenceEquals(Stdout, Console.Out) && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Progress goes to standard error only when it is the console's and a terminal.</summary>
    public bool StderrIsTerminal => ReferenceEquals(Stderr, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Writes <c>deeg-policy: error: message</c> to standard error.</summary>
    public void Error(string message) => Stderr.WriteLine($"{CliApp.Name}: error: {message}");

    /// <summary>
    /// Writes each diagnostic on its own line to standard error, each line once (an input given
    /// twice, or a rule set that two test files name, has its problems printed once).
    /// </summary>
    public void WriteDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var line in diagnostics.Select(d => d.ToString()).Distinct(StringComparer.Ordinal)) Stderr.WriteLine(line);
    }
}
