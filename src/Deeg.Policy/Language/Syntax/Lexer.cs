using System.Text;

namespace Deeg.Policy.Language.Syntax;

/// <summary>The kinds of token of the expression language.</summary>
internal enum TokenKind
{
    End,
    Identifier,
    Number,
    Duration,
    String,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Colon,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    EqualEqual,
    BangEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    QuestionQuestion,
    And,
    Or,
    Not,
    In,
    Contains,
    StartsWith,
    EndsWith,
    Matches,
    True,
    False,
    Null,
}

/// <summary>A token; <see cref="Text"/> is the identifier, the number as written or the unescaped string.</summary>
internal readonly record struct Token(TokenKind Kind, int Offset, string Text);

/// <summary>Thrown inside the parser only, caught by it: a syntax error at an offset.</summary>
internal sealed class SyntaxErrorException(int offset, string message) : Exception(message)
{
    public int Offset { get; } = offset;
}

/// <summary>
/// Splits expression text into tokens. Strings are in single or double quotes with the escapes
/// <c>\'</c>, <c>\"</c> and <c>\\</c>; any other backslash is kept as written, so regular
/// expressions such as <c>'^\d+$'</c> need no doubling.
/// </summary>
internal static class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["in"] = TokenKind.In,
        ["contains"] = TokenKind.Contains,
        ["startsWith"] = TokenKind.StartsWith,
        ["endsWith"] = TokenKind.EndsWith,
        ["matches"] = TokenKind.Matches,
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
        ["null"] = TokenKind.Null,
    };

    /// <summary>The keywords (not usable as names).</summary>
    public static IEnumerable<string> KeywordNames => Keywords.Keys;

    /// <summary>Tokenizes <paramref name="text"/>[start..end); throws <see cref="SyntaxErrorException"/>.</summary>
    public static List<Token> Tokenize(string text, int start, int end)
    {
        var tokens = new List<Token>();
        var i = start;
        while (true)
        {
            while (i < end && char.IsWhiteSpace(text[i])) i++;
            if (i >= end)
            {
                tokens.Add(new Token(TokenKind.End, end, string.Empty));
                return tokens;
            }

            var c = text[i];
            var at = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < end && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                var word = text[at..i];
                tokens.Add(new Token(Keywords.TryGetValue(word, out var keyword) ? keyword : TokenKind.Identifier, at, word));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                while (i < end && char.IsAsciiDigit(text[i])) i++;
                if (i + 1 < end && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < end && char.IsAsciiDigit(text[i])) i++;
                }

                var kind = TokenKind.Number;
                if (i < end && text[i] is 'd' or 'h' or 'm' && !(i + 1 < end && IsWordChar(text[i + 1])))
                {
                    i++;
                    kind = TokenKind.Duration;
                }
                else if (i < end && IsWordChar(text[i]))
                {
                    throw new SyntaxErrorException(at, $"invalid number '{text[at..(i + 1)]}' (durations are written 90d, 12h or 30m)");
                }

                tokens.Add(new Token(kind, at, text[at..i]));
                continue;
            }

            if (c is '\'' or '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= end) throw new SyntaxErrorException(at, "unterminated string");
                    var ch = text[i];
                    if (ch == c)
                    {
                        i++;
                        break;
                    }

                    if (ch == '\\' && i + 1 < end && text[i + 1] is '\'' or '"' or '\\')
                    {
                        value.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }

                    value.Append(ch);
                    i++;
                }

                tokens.Add(new Token(TokenKind.String, at, value.ToString()));
                continue;
            }

            var next = i + 1 < end ? text[i + 1] : '\0';
            (TokenKind Kind, int Length) op = c switch
            {
                '(' => (TokenKind.LeftParen, 1),
                ')' => (TokenKind.RightParen, 1),
                '[' => (TokenKind.LeftBracket, 1),
                ']' => (TokenKind.RightBracket, 1),
                ',' => (TokenKind.Comma, 1),
                '.' => (TokenKind.Dot, 1),
                ':' => (TokenKind.Colon, 1),
                '+' => (TokenKind.Plus, 1),
                '-' => (TokenKind.Minus, 1),
                '*' => (TokenKind.Star, 1),
                '/' => (TokenKind.Slash, 1),
                '%' => (TokenKind.Percent, 1),
                '=' when next == '=' => (TokenKind.EqualEqual, 2),
                '!' when next == '=' => (TokenKind.BangEqual, 2),
                '<' when next == '=' => (TokenKind.LessOrEqual, 2),
                '<' => (TokenKind.Less, 1),
                '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
                '>' => (TokenKind.Greater, 1),
                '?' when next == '?' => (TokenKind.QuestionQuestion, 2),
                _ => (TokenKind.End, 0),
            };
            if (op.Length == 0)
            {
                var hint = c switch
                {
                    '=' => "; use '==' to compare",
                    '!' => "; use 'not' or '!='",
                    '&' when next == '&' => "; use 'and'",
                    '|' when next == '|' => "; use 'or'",
                    '?' => "; use '??' to give a default",
                    _ => string.Empty,
                };
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
                throw new SyntaxErrorException(at, $"unexpected character '{shown}'{hint}");
            }

            tokens.Add(new Token(op.Kind, at, text.Substring(at, op.Length)));
            i += op.Length;
        }
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
