using System.Globalization;

namespace Deeg.Policy;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input cannot be used; nothing is evaluated.</summary>
    Error,

    /// <summary>The input can be used but is probably not what its author meant.</summary>
    Warning,
}

/// <summary>
/// One problem found in an input file (model, rule set, waiver or test file), with a stable
/// <c>DPnnnn</c> code and a 1-based position into the JSON file.
/// </summary>
public sealed class Diagnostic
{
    /// <summary>The longest <see cref="Message"/>, 1,000 characters; a longer one is cut and ends with an ellipsis.</summary>
    public static int MaxMessageLength => 1_000;

    /// <summary>
    /// Creates a diagnostic. The message and the file name are kept to one line of bounded length
    /// whatever input they quote: line breaks and other control characters are escaped
    /// (<c>\n</c>, <c>\u001B</c>) and a message longer than <see cref="MaxMessageLength"/> is cut.
    /// </summary>
    public Diagnostic(string code, DiagnosticSeverity severity, string message, string file, int line, int column)
    {
        Code = code;
        Severity = severity;
        Message = PolicyLimits.Truncate(OneLine(message ?? string.Empty), MaxMessageLength);
        File = OneLine(file ?? string.Empty);
        Line = line;
        Column = column;
    }

    /// <summary>The stable code, <c>DP</c> plus four digits.</summary>
    public string Code { get; }

    /// <summary>Error or warning.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>What is wrong, in English, with a suggestion where one fits.</summary>
    public string Message { get; }

    /// <summary>The file (or source name) the diagnostic points into.</summary>
    public string File { get; }

    /// <summary>1-based line; 0 when the problem concerns the file as a whole.</summary>
    public int Line { get; }

    /// <summary>1-based column; 0 when the problem concerns the file as a whole.</summary>
    public int Column { get; }

    /// <summary>Escapes control characters (and bidirectional controls) so that a text stays on one line and cannot steer a terminal.</summary>
    internal static string OneLine(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                clean = false;
                break;
            }
        }

        if (clean) return text;
        var result = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c)) result.Append(c);
            else if (c == '\n') result.Append("\\n");
            else if (c == '\r') result.Append("\\r");
            else if (c == '\t') result.Append("\\t");
            else result.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }

        return result.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u2028' or '\u2029';

    /// <summary>The line format compilers and CI systems parse: <c>file:line:column: error CODE: message</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{File}:{Math.Max(Line, 1)}:{Math.Max(Column, 1)}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}");
}
