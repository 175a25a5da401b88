using System.CommandLine;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Cli;

/// <summary>
/// <c>deeg-policy validate &lt;file|dir&gt;...</c>: checks rule sets, models, waiver and test files
/// without evaluating anything. The kind of each file is told by its top-level property
/// (<c>ruleSet</c>, <c>organisation</c>, <c>waivers</c>, <c>cases</c>); a directory means every
/// <c>*.json</c> file directly in it. Diagnostics go to standard error, then one line per file to
/// standard output (<c>path: ok</c> or <c>path: N error(s), M warning(s)</c>); exit 0, or 2 when
/// any file has an error. <c>--lint</c> adds the lint warnings (DP7xxx) of rule sets; warnings alone
/// keep exit 0. The limit options (docs/limits.md) bound what is read.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>The kinds of document, by their top-level property, in the order they are tried.</summary>
    internal static readonly (string Property, string Kind)[] Kinds =
    [
        ("ruleSet", "rule set"),
        ("organisation", "model"),
        ("waivers", "waiver file"),
        ("cases", "test file"),
    ];


    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("file|dir")
        {
            Description = "Rule-set, model, waiver or test files, or directories of *.json files",
            Arity = ArgumentArity.OneOrMore,
        };
        var lint = new Option<bool>("--lint")
        {
            Description = "Also warn about rule sets that load but probably do not do what was meant (DP7xxx: cartesian products, constant conditions, unused parameters and aliases, duplicate rules, rules that never fire)",
        };
        var limits = LimitOptions.Create();
        var command = new Command("validate", "Check rule sets, models, waiver and test files without evaluating") { paths, lint };
        limits.AddTo(command);
        command.SetAction(parseResult => Execute(context, parseResult.GetValue(paths) ?? [], limits.Read(parseResult), parseResult.GetValue(lint)));
        return command;
    }

    private static int Execute(CliContext context, string[] paths, PolicyLimits limits, bool lint)
    {
        var results = new List<(string Path, IReadOnlyList<Diagnostic> Diagnostics)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0) throw new CliUsageException($"no *.json files in directory '{path}'");
                foreach (var file in files) results.Add((file, ValidateFile(file, limits, lint)));
            }
            else
            {
                results.Add((path, ValidateFile(path, limits, lint)));
            }
        }

        context.WriteDiagnostics(results.SelectMany(r => r.Diagnostics));
        foreach (var (path, diagnostics) in results)
        {
            var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            var warnings = diagnostics.Count - errors;
            context.Stdout.WriteLine(diagnostics.Count == 0
                ? $"{path}: ok"
                : string.Create(CultureInfo.InvariantCulture, $"{path}: {errors} error(s), {warnings} warning(s)"));
        }

        return results.Exists(r => r.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }

    /// <summary>Every diagnostic of one file, whatever its kind, with the default limits and no lint.</summary>
    internal static IReadOnlyList<Diagnostic> ValidateFile(string path) => ValidateFile(path, PolicyLimits.Default, lint: false);

    /// <summary>Every diagnostic of one file, whatever its kind.</summary>
    internal static IReadOnlyList<Diagnostic> ValidateFile(string path, PolicyLimits limits, bool lint)
    {
        // The file as JSON first, the same way for every kind (one reader for all of them): missing,
        // too large, not UTF-8, malformed, too deep. A waiver set stops right after the reader's
        // diagnostics when the document cannot be read, so it gives exactly those.
        var json = WaiverSet.Load(path, limits).Diagnostics;
        if (json.Any(d => Codes.Unreadable.Contains(d.Code))) return json.Where(d => Codes.Unreadable.Contains(d.Code)).ToList();

        string text;
        JToken root;
        try
        {
            text = File.ReadAllText(path, new System.Text.UTF8Encoding(false, true));
            root = Parse(text, limits.MaxJsonDepth);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
            or JsonException or InvalidOperationException or FormatException or OverflowException or System.Text.DecoderFallbackException)
        {
            // The file changed between the two reads, or the reader disagrees: report what the library reader says.
            return json;
        }

        var kind = root is JObject obj ? Array.Find(Kinds, k => obj.ContainsKey(k.Property)).Property : null;
        switch (kind)
        {
            case "ruleSet":
                return PolicyEngine.CreateBuilder().WithLimits(limits).EnableLinting(lint).AddRuleSetFile(path).TryBuild().Diagnostics;
            case "organisation":
                return PolicyModel.Load(path, limits).Diagnostics;
            case "waivers":
                return json;
            case "cases":
                // The test file, its rule sets and its models, checked completely (as `deeg-policy test` loads them).
                return Deeg.Policy.Testing.RuleSetTestFile.Load(path).Diagnostics;
            default:
                return [new Diagnostic(
                    Codes.WrongDocumentShape,
                    DiagnosticSeverity.Error,
                    "unknown kind of document: expected a JSON object with a top-level 'ruleSet' (rule set), 'organisation' (model), 'waivers' (waiver file) or 'cases' (test file)",
                    path,
                    DocumentStart(text).Line,
                    DocumentStart(text).Column)];
        }
    }

    /// <summary>The stable codes (docs/diagnostics.md) of the diagnostics this command makes itself.</summary>
    private static class Codes
    {
        public const string FileNotReadable = "DP1001";
        public const string WrongDocumentShape = "DP1004";

        /// <summary>The document cannot be read at all: missing, malformed, too deep, too large, not UTF-8, a number out of range.</summary>
        public static readonly string[] Unreadable = ["DP1001", "DP1002", "DP1003", "DP1006", "DP1007", "DP1008"];

    }

    private static JToken Parse(string text, int maxDepth)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        using var reader = new JsonTextReader(new StringReader(text))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = maxDepth + 1,
        };
        var root = JToken.ReadFrom(reader, new JsonLoadSettings
        {
            LineInfoHandling = LineInfoHandling.Load,
            DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Ignore,
            CommentHandling = CommentHandling.Ignore,
        });
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment) throw new JsonReaderException("unexpected content after the end of the JSON document");
        }

        return root;
    }

    /// <summary>The 1-based position of the document's first value: its first character that is not white space.</summary>
    private static (int Line, int Column) DocumentStart(string text)
    {
        var (line, column) = (1, 1);
        foreach (var c in text)
        {
            if (c == '\n') (line, column) = (line + 1, 1);
            else if (c is ' ' or '\t' or '\r' or '\uFEFF') column += c == '\uFEFF' ? 0 : 1;
            else break;
        }

        return (line, column);
    }
}
