using System.Globalization;
using System.Text;
using Deeg.Policy.Diagnostics;

namespace Deeg.Policy.Language.Syntax;

/// <summary>
/// A part of a message template: literal text (<see cref="Literal"/>, with <c>{{</c> and
/// <c>}}</c> already turned into single braces) or an <c>{expression}</c> hole
/// (<see cref="Expression"/>). A hole's node offsets are positions in the whole template text,
/// so diagnostics name the column in the JSON string.
/// </summary>
internal sealed class TemplatePart
{
    private TemplatePart(int offset, string? literal, ExpressionSyntax? expression, string? source)
    {
        Offset = offset;
        Literal = literal;
        Expression = expression;
        Source = source;
    }

    /// <summary>0-based position in the template text (of the text, or of the hole's <c>{</c>).</summary>
    public int Offset { get; }

    /// <summary>The literal text, or null for a hole.</summary>
    public string? Literal { get; }

    /// <summary>The hole's expression, or null for literal text.</summary>
    public ExpressionSyntax? Expression { get; }

    /// <summary>The hole's text between the braces, or null for literal text.</summary>
    public string? Source { get; }

    public static TemplatePart Text(int offset, string text) => new(offset, text, null, null);

    public static TemplatePart Hole(int offset, string source, ExpressionSyntax expression) => new(offset, null, expression, source);
}

/// <summary>A parsed message template.</summary>
internal sealed class TemplateSyntax(string text, IReadOnlyList<TemplatePart> parts, bool hasErrors)
{
    /// <summary>The template as written.</summary>
    public string Text { get; } = text;

    /// <summary>The parts in order; holes that failed to parse are left out.</summary>
    public IReadOnlyList<TemplatePart> Parts { get; } = parts;

    /// <summary>True when a diagnostic was reported for the template.</summary>
    public bool HasErrors { get; } = hasErrors;
}

/// <summary>
/// Parses message templates: text with <c>{expression}</c> holes; <c>{{</c> and <c>}}</c> are
/// literal braces. An unclosed <c>{</c>, a lone <c>}</c> or an empty hole is DP3015; a syntax
/// error inside a hole is DP4001. Every hole is parsed, so all errors are reported.
/// </summary>
internal static class TemplateParser
{
    /// <summary>Parses <paramref name="text"/>; never returns null.</summary>
    /// <param name="text">The template.</param>
    /// <param name="loc">The position of the JSON string.</param>
    /// <param name="d">Receives the diagnostics.</param>
    /// <param name="functions">The names of the functions.</param>
    /// <param name="maxHoleLength">The longest hole (<see cref="PolicyLimits.MaxExpressionLength"/>); a longer one is DP4012.</param>
    /// <param name="maxDepth">The deepest expression tree of a hole (<see cref="PolicyLimits.MaxExpressionDepth"/>).</param>
    public static TemplateSyntax Parse(string text, SourceLocation loc, DiagnosticBag d, IFunctionNames functions, int maxHoleLength = int.MaxValue, int maxDepth = ExpressionParser.MaxDepth)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var literalStart = 0;
        var hasErrors = false;
        var i = 0;

        void FlushLiteral(int next)
        {
            if (literal.Length > 0) parts.Add(TemplatePart.Text(literalStart, literal.ToString()));
            literal.Clear();
            literalStart = next;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                if (literal.Length == 0) literalStart = i;
                literal.Append('{');
                i += 2;
                continue;
            }

            if (c == '}')
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    if (literal.Length == 0) literalStart = i;
                    literal.Append('}');
                    i += 2;
                    continue;
                }

                d.Error(DiagnosticCodes.RuleSetInvalidTemplate, loc, Column($"unmatched '}}' in the template", i) + "; write '}}' for a literal brace");
                hasErrors = true;
                i++;
                continue;
            }

            if (c != '{')
            {
                if (literal.Length == 0) literalStart = i;
                literal.Append(c);
                i++;
                continue;
            }

            var close = FindClose(text, i + 1);
            if (close < 0)
            {
                d.Error(DiagnosticCodes.RuleSetInvalidTemplate, loc, Column("unclosed '{' in the template", i) + "; write '{{' for a literal brace");
                hasErrors = true;
                break;
            }

            FlushLiteral(close + 1);
            var source = text[(i + 1)..close];
            if (string.IsNullOrWhiteSpace(source))
            {
                d.Error(DiagnosticCodes.RuleSetInvalidTemplate, loc, Column("empty '{}' in the template", i) + "; write '{{' for a literal brace");
                hasErrors = true;
            }
            else if (source.Length > maxHoleLength)
            {
                d.Error(DiagnosticCodes.ExprTooLong, loc,
                    Column($"the expression in '{{…}}' is {source.Length} characters long, more than the limit of {maxHoleLength} (MaxExpressionLength)", i));
                hasErrors = true;
            }
            else
            {
                var expression = ExpressionParser.Parse(text, i + 1, close, loc, d, functions, maxDepth);
                if (expression is null) hasErrors = true;
                else parts.Add(TemplatePart.Hole(i, source, expression));
            }

            i = close + 1;
        }

        FlushLiteral(text.Length);
        return new TemplateSyntax(text, parts, hasErrors);
    }

    private static string Column(string message, int offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{message} (column {offset + 1} of the text)");

    /// <summary>The index of the <c>}</c> closing a hole that starts at <paramref name="start"/>, skipping quoted strings; -1 if none.</summary>
    private static int FindClose(string text, int start)
    {
        var quote = '\0';
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\' && i + 1 < text.Length) i++;
                else if (c == quote) quote = '\0';
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}')
            {
                return i;
            }
        }

        return -1;
    }
}
