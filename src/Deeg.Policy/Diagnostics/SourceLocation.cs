
namespace Deeg.Policy.Diagnostics;

/// <summary>A 1-based position in a source file.</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>The position of the file as a whole (reported as 1:1).</summary>
    public static SourceLocation OfFile(string file) => new(file, 1, 1);

    /// <summary>A position <paramref name="offset"/> characters to the right on the same line.</summary>
    public SourceLocation Shift(int offset) => this with { Column = Column + offset };
}
