using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Diagnostics;

/// <summary>
/// A JSON document read with line information, so that every diagnostic can point at the
/// start of the token it is about. Reading never throws: malformed JSON, too deep nesting,
/// duplicate property names, an unreadable, oversized or non-UTF-8 file become diagnostics.
/// Files are decoded strictly as UTF-8 and checked against the JSON grammar by
/// <see cref="StrictJsonScanner"/> before Newtonsoft reads them.
/// </summary>
internal sealed class JsonSource
{
    /// <summary>Default maximum nesting depth of a document.</summary>
    public const int DefaultMaxDepth = PolicyLimits.DefaultMaxJsonDepth;

    // Where each line starts and ends in Text (no copies of the lines: documents may be large).
    private readonly (int Start, int Length)[] _lines;

    private JsonSource(string file, string text, JToken? root)
    {
        File = file;
        Text = text;
        Root = root;
        _lines = SplitLines(text);
    }

    /// <summary>The file name used in diagnostics.</summary>
    public string File { get; }

    /// <summary>The raw text.</summary>
    public string Text { get; }

    /// <summary>The parsed document, or null when it could not be parsed.</summary>
    public JToken? Root { get; }

    /// <summary>
    /// Reads a file as UTF-8 (a byte order mark is skipped). A missing or unreadable file
    /// (DP1001), one larger than <see cref="PolicyLimits.MaxDocumentSize"/> (DP1006, never read past
    /// the limit) and one that is not UTF-8 (DP1007, at the first byte that cannot be decoded) are
    /// diagnostics.
    /// </summary>
    public static JsonSource ReadFile(string path, DiagnosticBag diagnostics, PolicyLimits? limits = null)
    {
        limits ??= PolicyLimits.Default;
        byte[] bytes;
        try
        {
            bytes = ReadBounded(path, limits.MaxDocumentSize, out var tooLarge);
            if (tooLarge)
            {
                diagnostics.Error(DiagnosticCodes.DocumentTooLarge, SourceLocation.OfFile(path),
                    string.Create(CultureInfo.InvariantCulture, $"the file is larger than the limit of {limits.MaxDocumentSize} bytes (MaxDocumentSize, --max-document-size); it was not read"));
                return new JsonSource(path, string.Empty, null);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot read the file: " + ex.Message;
            diagnostics.Error(DiagnosticCodes.FileNotReadable, SourceLocation.OfFile(path), reason);
            return new JsonSource(path, string.Empty, null);
        }

        var text = Decode(bytes, path, diagnostics);
        return text is null ? new JsonSource(path, string.Empty, null) : ParseText(text, path, diagnostics, limits);
    }

    /// <summary>
    /// Parses text; a document larger than <see cref="PolicyLimits.MaxDocumentSize"/> in UTF-8 is DP1006,
    /// malformed JSON a diagnostic with its position.
    /// </summary>
    public static JsonSource Parse(string text, string file, DiagnosticBag diagnostics, PolicyLimits? limits = null)
    {
        limits ??= PolicyLimits.Default;

        // A string of n characters takes at least n bytes in UTF-8; count the bytes only when that is not decisive.
        if (text.Length > limits.MaxDocumentSize || Encoding.UTF8.GetByteCount(text) > limits.MaxDocumentSize)
        {
            diagnostics.Error(DiagnosticCodes.DocumentTooLarge, SourceLocation.OfFile(file),
                string.Create(CultureInfo.InvariantCulture, $"the document is larger than the limit of {limits.MaxDocumentSize} bytes (MaxDocumentSize, --max-document-size); it was not read"));
            return new JsonSource(file, string.Empty, null);
        }

        return ParseText(text, file, diagnostics, limits);
    }

    private static JsonSource ParseText(string text, string file, DiagnosticBag diagnostics, PolicyLimits limits)
    {
        // A byte order mark is not part of the document.
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];

        // The grammar, depth, numbers, duplicate names and control characters, with exact positions.
        if (!StrictJsonScanner.Scan(text, file, diagnostics, limits.MaxJsonDepth)) return new JsonSource(file, text, null);
        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = limits.MaxJsonDepth + 1,
            };

            // Duplicate names were reported by the scanner; the first value counts, so that the
            // rest of the document is still checked and every problem is reported at once.
            var root = JToken.ReadFrom(reader, new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Ignore,
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
            // The scanner accepts only what this reader reads; this is a safety net.
            var code = ex.Message.Contains("MaxDepth", StringComparison.Ordinal) ? DiagnosticCodes.TooDeep : DiagnosticCodes.MalformedJson;
            var message = code == DiagnosticCodes.TooDeep
                ? $"the JSON document is nested deeper than {limits.MaxJsonDepth} levels"
                : "malformed JSON: " + StripPosition(ex.Message);
            diagnostics.Error(code, new SourceLocation(file, Math.Max(ex.LineNumber, 1), Math.Max(ex.LinePosition, 1)), message);
            return new JsonSource(file, text, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or OverflowException or FormatException or ArgumentException)
        {
            diagnostics.Error(DiagnosticCodes.MalformedJson, SourceLocation.OfFile(file), "malformed JSON: " + ex.Message);
            return new JsonSource(file, text, null);
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; <paramref name="tooLarge"/> when there is more (also for devices and pipes that report no length).</summary>
    private static byte[] ReadBounded(string path, long limit, out bool tooLarge)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        tooLarge = false;
        if (stream.CanSeek && stream.Length > limit)
        {
            tooLarge = true;
            return [];
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var want = (int)Math.Min(chunk.Length, limit + 1 - buffer.Length);
            var read = stream.Read(chunk, 0, want);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                tooLarge = true;
                return [];
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Strict UTF-8: a byte order mark is skipped; UTF-16 and UTF-32 (told by their byte order
    /// mark, or by the zero bytes around the first character) and byte sequences that are not
    /// UTF-8 (Latin-1, Windows-1252, truncated characters) are DP1007 at the first bad byte.
    /// </summary>
    internal static string? Decode(ReadOnlySpan<byte> bytes, string file, DiagnosticBag diagnostics)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        string? other = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) other = "UTF-32";
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) other = "UTF-16";
        else if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] != 0) other = "UTF-32";
        else if (bytes.Length >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0) other = "UTF-32";
        else if (bytes.Length >= 2 && (bytes[0] == 0) != (bytes[1] == 0)) other = "UTF-16";
        if (other is not null)
        {
            diagnostics.Error(DiagnosticCodes.NotUtf8, SourceLocation.OfFile(file), $"the file is encoded as {other}; JSON documents must be UTF-8: save it as UTF-8");
            return null;
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
        if (status == OperationStatus.Done) return new string(chars, 0, charsWritten);

        // Where the bad byte is: count lines and columns in what was decoded before it.
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < charsWritten; i++)
        {
            if (chars[i] == '\n' || (chars[i] == '\r' && (i + 1 >= charsWritten || chars[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        var bad = bytesRead < bytes.Length ? bytes[bytesRead] : (byte)0;
        diagnostics.Error(DiagnosticCodes.NotUtf8, new SourceLocation(file, line, charsWritten - lineStart + 1),
            string.Create(CultureInfo.InvariantCulture, $"the file is not valid UTF-8: the byte 0x{bad:X2} (byte offset {bytesRead}) starts no UTF-8 character; save the file as UTF-8 (it may be Latin-1 or Windows-1252)"));
        return null;
    }

    /// <summary>The 1-based position of the first character of <paramref name="token"/>.</summary>
    public SourceLocation Locate(JToken? token)
    {
        if (token is not IJsonLineInfo info || !info.HasLineInfo()) return SourceLocation.OfFile(File);
        var line = info.LineNumber;
        var column = info.LinePosition;
        if (line < 1 || line > _lines.Length) return new SourceLocation(File, Math.Max(line, 1), Math.Max(column, 1));
        var (start, length) = _lines[line - 1];
        var text = Text.AsSpan(start, length);
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

    /// <summary>
    /// Reports every property of <paramref name="obj"/> that is not <paramref name="allowed"/>, at the
    /// property, as <paramref name="code"/>: <c>unknown property 'x' {where}; did you mean 'y'?</c>
    /// (<c>$schema</c>, allowed in every document, is never suggested).
    /// </summary>
    /// <returns>True when every property is allowed.</returns>
    public bool CheckProperties(JObject obj, IReadOnlyCollection<string> allowed, string where, string code, DiagnosticBag diagnostics)
    {
        var ok = true;
        foreach (var property in obj.Properties())
        {
            if (allowed.Contains(property.Name, StringComparer.Ordinal)) continue;
            diagnostics.Error(code, Locate(property), Suggestions.Unknown("property", property.Name, where, allowed.Where(a => a != "$schema")));
            ok = false;
        }

        return ok;
    }

    /// <summary>The location of a property's value, or of the property itself when the value is missing.</summary>
    public SourceLocation LocateValue(JProperty property) => Locate(property.Value);

    /// <summary>The lines as Newtonsoft counts them: CR LF, CR and LF each end a line.</summary>
    private static (int Start, int Length)[] SplitLines(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\n' or '\r')) continue;
            lines.Add((start, i - start));
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }

        lines.Add((start, text.Length - start));
        return lines.ToArray();
    }

    private static int OpeningQuote(ReadOnlySpan<char> text, int closing)
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
