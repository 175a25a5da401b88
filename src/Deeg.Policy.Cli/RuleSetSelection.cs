using System.CommandLine;

namespace Deeg.Policy.Cli;

/// <summary>The <c>--rules</c> and <c>--builtin</c> options shared by <c>check</c> and <c>rules</c>, and the engine they build.</summary>
internal sealed class RuleSetSelection
{
    private RuleSetSelection(Option<string[]> rules, Option<string[]> builtin)
    {
        Rules = rules;
        Builtin = builtin;
    }

    /// <summary>The limit options (<c>--max-document-size</c>, <c>--max-depth</c>, <c>--max-facts</c>, <c>--max-rules</c>) of the engine and the models it loads.</summary>
    public LimitOptions Limits { get; } = LimitOptions.Create();

    /// <summary><c>--rules &lt;file|dir&gt;</c>, repeatable.</summary>
    public Option<string[]> Rules { get; }

    /// <summary><c>--builtin &lt;name,…|all|none&gt;</c>.</summary>
    public Option<string[]> Builtin { get; }

    /// <summary>Creates the two options.</summary>
    public static RuleSetSelection Create() => new(
        new Option<string[]>("--rules")
        {
            Description = "A rule-set file, or a directory whose *.rules.json files are loaded (repeatable)",
            HelpName = "file|dir",
            Arity = ArgumentArity.OneOrMore,
        },
        new Option<string[]>("--builtin")
        {
            Description = "Built-in packs to load: comma-separated names, 'all' or 'none' (default: all without --rules, none with --rules)",
            HelpName = "name,...|all|none",
            Arity = ArgumentArity.OneOrMore,
        });

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Add(Rules);
        command.Add(Builtin);
        Limits.AddTo(command);
    }

    /// <summary>
    /// Compiles the selected rule sets. Usage problems (a directory without rule sets, <c>none</c>
    /// combined with names) throw <see cref="CliUsageException"/>; problems of the rule sets are
    /// diagnostics, and the engine is null when there is an error.
    /// </summary>
    public (PolicyEngine? Engine, IReadOnlyList<Diagnostic> Diagnostics) Build(ParseResult parseResult)
    {
        var rulePaths = parseResult.GetValue(Rules) ?? [];
        var builder = PolicyEngine.CreateBuilder().WithLimits(Limits.Read(parseResult));
        foreach (var name in BuiltInNames(parseResult.GetValue(Builtin), rulePaths.Length > 0)) builder.AddBuiltInRuleSet(name);
        foreach (var file in RuleSetFiles(rulePaths)) builder.AddRuleSetFile(file);
        var result = builder.TryBuild();
        return (result.Engine, result.Diagnostics);
    }

    /// <summary>The built-in packs to load, in the library's order for <c>all</c>, else in the order given.</summary>
    internal static IReadOnlyList<string> BuiltInNames(string[]? values, bool hasRuleFiles)
    {
        var names = (values ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (names.Count == 0)
        {
            if (values is { Length: > 0 }) throw new CliUsageException("--builtin needs a pack name, 'all' or 'none'");
            return hasRuleFiles ? [] : PolicyEngine.BuiltInRuleSetNames;
        }

        var none = names.Exists(n => string.Equals(n, "none", StringComparison.OrdinalIgnoreCase));
        var all = names.Exists(n => string.Equals(n, "all", StringComparison.OrdinalIgnoreCase));
        if (none && names.Count > 1) throw new CliUsageException("--builtin none cannot be combined with other packs");
        if (none) return [];
        if (all) return PolicyEngine.BuiltInRuleSetNames;

        // Unknown names are reported by the engine builder as diagnostics (DP3016) with a suggestion.
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The rule-set files: a file as given, a directory as its <c>*.rules.json</c> files in name order.</summary>
    internal static IReadOnlyList<string> RuleSetFiles(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.rules.json").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new CliUsageException($"no *.rules.json files in directory '{path}'");
                files.AddRange(found);
            }
            else
            {
                // A missing file is reported by the engine builder as a diagnostic (DP1001).
                files.Add(path);
            }
        }

        return files;
    }
}
