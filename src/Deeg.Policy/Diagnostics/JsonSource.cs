using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Diagnostics;

/// <summary>
/// A JSON document read with line information, so that every diagnostic can point at the
/// start of the token it is about. Reading never throws: malformed JSON, too deep nesting,
/// duplicate property names or an unreadable file become diagnostics.
/// </summary>
internal sealed class JsonSource
{
    /// <summary>Default maximum nesting depth of a document.</summary>
    public const int DefaultMaxDepth = 64;

    private readonly string[] _lines;

    private JsonSource(string file, string text, JToken? root)
    {
        File = file;
        Text = text;
        Root = root;
        _lines = text.Split('\n');
    }

    /// <summary>The file name used in diagnostics.</summary>
    public string File { get; }

    /// <summary>The raw text.</summary>
    public string Text { get; }

    /// <summary>The parsed document, or null when it could not be parsed.</summary>
    public JToken? Root { get; }

    /// <summary>Reads a file; a missing or unreadable file is a diagnostic.</summary>
    public static JsonSource ReadFile(string path, DiagnosticBag diagnostics, int maxDepth = DefaultMaxDepth)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot read the file: " + ex.Message;
            diagnostics.Error(DiagnosticCodes.FileNotReadable, SourceLocation.OfFile(path), reason);
            return new JsonSource(path, string.Empty, null);
        }

        return Parse(text, path, diagnostics, maxDepth);
    }

    /// <summary>Parses text; malformed JSON is a diagnostic with the reader's position.</summary>
    public static JsonSource Parse(string text, string file, DiagnosticBag diagnostics, int maxDepth = DefaultMaxDepth)
    {
        // A byte order mark is not part of the document.
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = maxDepth,
            };
            var root = JToken.ReadFrom(reader, new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
                CommentHandling = CommentHandling.Ignore,
            });

            // Anything after the document (other than white space) is malformed too.
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    diagnostics.Error(DiagnosticCodes.MalformedJson, new SourceLocation(file, reader.LineNumber, reader.LinePosition), "unexpected content after the end of the JSON document");
                    break;
                }
            }

            return new JsonSource(file, text, root);
        }
        catch (JsonReaderException ex)
        {
            var code = ex.Message.Contains("MaxDepth", StringComparison.Ordinal) ? DiagnosticCodes.TooDeep
                : ex.Message.Contains("Duplicate property", StringComparison.Ordinal) ? DiagnosticCodes.DuplicateProperty
                : DiagnosticCodes.MalformedJson;
            var message = code == DiagnosticCodes.TooDeep
                ? $"the JSON document is nested deeper than {maxDepth} levels"
                : "malformed JSON: " + StripPosition(ex.Message);
            diagnostics.Error(code, new SourceLocation(file, Math.Max(ex.LineNumber, 1), Math.Max(ex.LinePosition, 1)), message);
            return new JsonSource(file, text, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or OverflowException or FormatException)
        {
            diagnostics.Error(DiagnosticCodes.MalformedJson, SourceLocation.OfFile(file), "malformed JSON: " + ex.Message);
            return new JsonSource(file, text, null);
        }
    }

    /// <summary>The 1-based position of the first character of <paramref name="token"/>.</summary>
    public SourceLocation Locate(JToken? token)
    {
        if (token is not IJsonLineInfo info || !info.HasLineInfo()) return SourceLocation.OfFile(File);
        var line = info.LineNumber;
        var column = info.LinePosition;
        if (line < 1 || line > _lines.Length) return new SourceLocation(File, Math.Max(line, 1), Math.Max(column, 1));
        var text = _lines[line - 1];
        var index = Math.Min(column - 1, text.Length - 1);
        if (index < 0) return new SourceLocation(File, line, 1);

        switch (token.Type)
        {
            case JTokenType.Object or JTokenType.Array:
                return new SourceLocation(File, line, column);
            case JTokenType.Property:
                // Newtonsoft points at the colon after the name: walk back to the name's opening quote.
                while (index > 0 && text[index] != '"') index--;
                return new SourceLocation(File, line, OpeningQuote(text, index) + 1);
            case JTokenType.String:
                return new SourceLocation(File, line, OpeningQuote(text, index) + 1);
            default:
                while (index > 0 && IsLiteralChar(text[index - 1])) index--;
                return new SourceLocation(File, line, index + 1);
        }
    }

    /// <summary>The location of a property's value, or of the property itself when the value is missing.</summary>
    public SourceLocation LocateValue(JProperty property) => Locate(property.Value);

    private static int OpeningQuote(string text, int closing)
    {
        for (var i = closing - 1; i >= 0; i--)
        {
            if (text[i] != '"') continue;
            var backslashes = 0;
            for (var j = i - 1; j >= 0 && text[j] == '\\'; j--) backslashes++;
            if (backslashes % 2 == 0) return i;
        }

        return Math.Max(closing, 0);
    }

    private static bool IsLiteralChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '-' or '+';

    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" Path '", StringComparison.Ordinal);
        if (at < 0) at = message.IndexOf(", line ", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).TrimEnd('.', ' ') ;
    }
}
