
namespace Deeg.Policy.Diagnostics;

/// <summary>Collects every diagnostic of a stage so that all of them are reported at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    public void Error(string code, SourceLocation at, string message) =>
        _items.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, at.File, at.Line, at.Column));

    public void Warning(string code, SourceLocation at, string message) =>
        _items.Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, at.File, at.Line, at.Column));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>
    /// The diagnostics ordered by file, line and column (stable for equal positions), each once: the
    /// same file read twice (a rule set named twice) reports its problems once.
    /// </summary>
    public IReadOnlyList<Diagnostic> ToSortedList() =>
        _items.DistinctBy(d => (d.Code, d.Severity, d.Message, d.File, d.Line, d.Column))
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToList();
}
