using System.CommandLine;
using Deeg.Policy.SchemaGeneration;

namespace Deeg.Policy.Cli;

/// <summary>
/// <c>deeg-policy schema ruleset|model|waivers|tests</c>: prints the JSON Schema of a document kind
/// (<see cref="JsonSchemas"/>) to standard output. An unknown kind is a parse error (exit 2).
/// </summary>
internal static class SchemaCommand
{
    /// <summary>The kinds by their command-line names.</summary>
    internal static readonly IReadOnlyDictionary<string, SchemaKind> Kinds =
        System.Enum.GetValues<SchemaKind>().ToDictionary(JsonSchemas.NameOf, StringComparer.Ordinal);

    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("kind") { Description = "The document kind: " + string.Join(", ", Kinds.Keys) };
        kind.AcceptOnlyFromAmong([.. Kinds.Keys]);
        var command = new Command("schema", "Print the JSON Schema of a document kind (ruleset, model, waivers, tests)") { kind };
        command.SetAction(parseResult =>
        {
            context.Stdout.Write(JsonSchemas.Get(Kinds[parseResult.GetValue(kind)!]) + "\n");
            return ExitCodes.Ok;
        });
        return command;
    }
}
