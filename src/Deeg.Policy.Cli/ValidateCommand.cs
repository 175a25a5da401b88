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
/// any file has an error.
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

    private static readonly string[] TestFileProperties = ["$schema", "ruleSets", "cases"];

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("file|dir")
        {
            Description = "Rule-set, model, waiver or test files, or directories of *.json files",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check rule sets, models, waiver and test files without evaluating") { paths };
        command.SetAction(parseResult => Execute(context, parseResult.GetValue(paths) ?? []));
        return command;
    }

    private static int Execute(CliContext context, string[] paths)
    {
        var results = new List<(string Path, IReadOnlyList<Diagnostic> Diagnostics)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0) throw new CliUsageException($"no *.json files in directory '{path}'");
                foreach (var file in files) results.Add((file, ValidateFile(file)));
            }
            else
            {
                results.Add((path, ValidateFile(path)));
            }
        }

        foreach (var (_, diagnostics) in results) context.WriteDiagnostics(diagnostics);
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

    /// <summary>Every diagnostic of one file, whatever its kind.</summary>
    internal static IReadOnlyList<Diagnostic> ValidateFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot read the file: " + ex.Message;
            return [new Diagnostic(Codes.FileNotReadable, DiagnosticSeverity.Error, reason, path, 1, 1)];
        }

        JToken root;
        try
        {
            root = Parse(text);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            // Malformed JSON: every loader reports it the same way (one reader for all document
            // kinds). A waiver set stops right after the JSON reader's diagnostics, so it gives exactly those.
            return WaiverSet.Parse(text, path).Diagnostics;
        }

        var kind = root is JObject obj ? Array.Find(Kinds, k => obj.ContainsKey(k.Property)).Property : null;
        switch (kind)
        {
            case "ruleSet":
                return PolicyEngine.CreateBuilder().AddRuleSetFile(path).TryBuild().Diagnostics;
            case "organisation":
                return PolicyModel.Load(path).Diagnostics;
            case "waivers":
                return WaiverSet.Load(path).Diagnostics;
            case "cases":
                return CheckTestFileShape((JObject)root, text, path);
            default:
                return [new Diagnostic(
                    Codes.WrongDocumentShape,
                    DiagnosticSeverity.Error,
                    "unknown kind of document: expected a JSON object with a top-level 'ruleSet' (rule set), 'organisation' (model), 'waivers' (waiver file) or 'cases' (test file)",
                    path,
                    Position(root, text).Line,
                    Position(root, text).Column)];
        }
    }

    /// <summary>
    /// The top-level shape of a rule-set test file (cli.md "Rule-set tests"): an object with a
    /// <c>cases</c> array of objects and an optional <c>ruleSets</c> array of strings, nothing else.
    /// The cases themselves are checked by <c>deeg-policy test</c>, which comes with a later issue;
    /// until then <c>validate</c> checks well-formedness and this shape only.
    /// </summary>
    internal static IReadOnlyList<Diagnostic> CheckTestFileShape(JObject root, string text, string path)
    {
        var result = new List<Diagnostic>();
        void Error(string code, JToken at, string message)
        {
            var (line, column) = Position(at, text);
            result.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, path, line, column));
        }

        foreach (var property in root.Properties())
        {
            if (!TestFileProperties.Contains(property.Name, StringComparer.Ordinal))
                Error(Codes.TestFileUnknownProperty, property, $"unknown property '{property.Name}' in the test file{DidYouMean(property.Name, TestFileProperties.Skip(1))}");
        }

        var invalid = Codes.TestFileInvalid;
        if (root["ruleSets"] is { } ruleSets && ruleSets.Type != JTokenType.Null)
        {
            if (ruleSets is not JArray list) Error(invalid, ruleSets, "'ruleSets' must be an array of rule-set paths or 'builtin:<name>'");
            else foreach (var item in list.Where(i => i.Type != JTokenType.String)) Error(invalid, item, "each entry of 'ruleSets' must be a string");
        }

        if (root["cases"] is not JArray cases) Error(invalid, root["cases"] ?? root, "'cases' must be an array of test cases");
        else foreach (var item in cases.Where(i => i.Type != JTokenType.Object)) Error(invalid, item, "each test case must be an object");

        return result.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
    }

    /// <summary>The stable codes (docs/diagnostics.md) of the diagnostics this command makes itself.</summary>
    private static class Codes
    {
        public const string FileNotReadable = "DP1001";
        public const string WrongDocumentShape = "DP1004";
        public const string TestFileInvalid = "DP5101";
        public const string TestFileUnknownProperty = "DP5102";
    }

    private static JToken Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        using var reader = new JsonTextReader(new StringReader(text))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = 64,
        };
        var root = JToken.ReadFrom(reader, new JsonLoadSettings
        {
            LineInfoHandling = LineInfoHandling.Load,
            DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
            CommentHandling = CommentHandling.Ignore,
        });
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment) throw new JsonReaderException("unexpected content after the end of the JSON document");
        }

        return root;
    }

    /// <summary>The 1-based position of the first character of a token (Newtonsoft reports the position after a property name's colon or a string's closing quote).</summary>
    private static (int Line, int Column) Position(JToken token, string text)
    {
        if (token is not IJsonLineInfo info || !info.HasLineInfo()) return (1, 1);
        var lines = text.Split('\n');
        var line = info.LineNumber;
        var column = info.LinePosition;
        if (line < 1 || line > lines.Length) return (Math.Max(line, 1), Math.Max(column, 1));
        var current = lines[line - 1];
        var index = Math.Min(column - 1, current.Length - 1);
        if (index < 0) return (line, 1);
        switch (token.Type)
        {
            case JTokenType.Object or JTokenType.Array:
                return (line, column);
            case JTokenType.Property or JTokenType.String:
                if (token.Type == JTokenType.Property)
                {
                    while (index > 0 && current[index] != '"') index--;
                }

                for (var i = index - 1; i >= 0; i--)
                {
                    if (current[i] != '"') continue;
                    var backslashes = 0;
                    for (var j = i - 1; j >= 0 && current[j] == '\\'; j--) backslashes++;
                    if (backslashes % 2 == 0) return (line, i + 1);
                }

                return (line, index + 1);
            default:
                while (index > 0 && (char.IsLetterOrDigit(current[index - 1]) || current[index - 1] is '.' or '-' or '+')) index--;
                return (line, index + 1);
        }
    }

    private static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? $"; did you mean '{best}'?" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
