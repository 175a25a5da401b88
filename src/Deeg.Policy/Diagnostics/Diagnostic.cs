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
    /// <summary>Creates a diagnostic.</summary>
    public Diagnostic(string code, DiagnosticSeverity severity, string message, string file, int line, int column)
    {
        Code = code;
        Severity = severity;
        Message = message;
        File = file;
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

    /// <summary>The line format compilers and CI systems parse: <c>file:line:column: error CODE: message</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{File}:{Math.Max(Line, 1)}:{Math.Max(Column, 1)}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}");
}
