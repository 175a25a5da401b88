namespace Deeg.Policy.Reporting;

/// <summary>How an <see cref="IReportWriter"/> writes: the language of its own words, colour, the tool's name and how model files are read.</summary>
public sealed class ReportWriterOptions
{
    private string _toolName = DefaultToolName;

    /// <summary>The tool name written when <see cref="ToolName"/> is not set: <c>deeg-policy</c>.</summary>
    public const string DefaultToolName = "deeg-policy";

    /// <summary>
    /// The language of the format's own words (headings, severity names, counts): <c>en</c> or
    /// <c>de</c>; any other tag gets English. Null, the default, takes the language the first report
    /// was evaluated in (<see cref="ComplianceReport.Language"/>). Titles and messages of findings are
    /// already in the report's language and are written as they are. The machine formats (json, sarif)
    /// have no words of their own.
    /// </summary>
    public string? Language { get; set; }

    /// <summary>
    /// ANSI colours and bold in the <c>text</c> format, for a terminal; the other formats ignore it.
    /// Off by default: a file or a pipe gets plain text.
    /// </summary>
    public bool Colour { get; set; }

    /// <summary>
    /// Everything in the human formats (<c>text</c>, <c>markdown</c>, <c>html</c>, <c>junit</c>): the
    /// remediation with each finding instead of once per rule, the subject's reference and the
    /// fingerprint. Off by default: a compact report (one line per finding plus its message in <c>text</c>).
    /// The machine formats (json, sarif) always have everything.
    /// </summary>
    public bool Verbose { get; set; }

    /// <summary>
    /// The tool named as the generator in <c>html</c>, <c>markdown</c>, <c>junit</c> (the name of
    /// <c>testsuites</c>) and <c>sarif</c> (<c>tool.driver.name</c>); <see cref="DefaultToolName"/>
    /// when not set. The JSON report names the tool of the report itself (<see cref="ComplianceReport.Tool"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Set to null, an empty or a blank name.</exception>
    public string ToolName
    {
        get => _toolName;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _toolName = value;
        }
    }

    /// <summary>
    /// Reads the JSON text of a report's model file (<see cref="ComplianceReport.ModelFile"/>) so that
    /// SARIF results point at the line of their subject. Null, the default, reads the file from disk.
    /// A host whose models do not come from files (an HTTP request body, a database) returns the text
    /// it parsed, or null: results then point at line 1. Returning null for every name keeps the
    /// writer off the file system. Exceptions propagate to the caller of
    /// <see cref="IReportWriter.Write"/>.
    /// </summary>
    public Func<string, string?>? ReadModelFile { get; set; }
}
