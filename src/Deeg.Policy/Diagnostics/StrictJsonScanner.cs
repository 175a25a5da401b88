using System.Globalization;
using System.Text;

namespace Deeg.Policy.Diagnostics;

/// <summary>
/// Checks a document against the JSON grammar (RFC 8259) before Newtonsoft reads it, because
/// Newtonsoft is lenient in ways that silently change data (<c>010</c> is octal 8, <c>0x10</c> is 16)
/// or hide mistakes (single quotes, unquoted names, trailing commas, <c>NaN</c>, <c>undefined</c>,
/// raw control characters in strings). Comments (<c>//</c> and <c>/* */</c>) stay allowed, as before.
/// Also checks, with exact positions: the nesting depth (DP1003), duplicate property names
/// (DP1005, every one of them), numbers beyond the decimal range the loaders read (DP1008) and
/// invisible or terminal-controlling characters in strings (DP1009). Iterative: no input can
/// exhaust the stack.
/// </summary>
internal sealed class StrictJsonScanner
{
    private readonly string _text;
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly int _maxDepth;
    private readonly StringBuilder _key = new();
    private readonly Stack<NameSet> _pool = new();
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private StrictJsonScanner(string text, string file, DiagnosticBag diagnostics, int maxDepth)
    {
        _text = text;
        _file = file;
        _diagnostics = diagnostics;
        _maxDepth = maxDepth;
    }

    private enum State
    {
        KeyOrEnd,
        Key,
        Colon,
        Value,
        ValueOrEnd,
        CommaOrEnd,
    }

    /// <summary>
    /// Scans <paramref name="text"/> (without a byte order mark). Returns false after a fatal
    /// problem (malformed JSON, too deep, a number out of range), which is reported; duplicate
    /// names and control characters are reported too but do not stop the document being read.
    /// </summary>
    public static bool Scan(string text, string file, DiagnosticBag diagnostics, int maxDepth)
    {
        try
        {
            new StrictJsonScanner(text, file, diagnostics, maxDepth).ScanDocument();
            return true;
        }
        catch (FatalException)
        {
            return false;
        }
    }

    private SourceLocation Here => new(_file, _line, _pos - _lineStart + 1);

    private void ScanDocument()
    {
        SkipTrivia();
        if (_pos >= _text.Length) Fatal(DiagnosticCodes.MalformedJson, Here, "malformed JSON: the document is empty");

        // Each frame: is it an object, its state, and (objects) the names seen so far.
        var kinds = new List<bool>();
        var states = new List<State>();
        var names = new List<NameSet?>();
        var pendingValue = true;

        while (true)
        {
            SkipTrivia();
            if (pendingValue)
            {
                pendingValue = false;
                if (ScanValue(kinds, states, names)) continue; // a container was opened
            }
            else if (kinds.Count == 0)
            {
                if (_pos < _text.Length)
                    Fatal(DiagnosticCodes.MalformedJson, Here, "unexpected content after the end of the JSON document");
                return;
            }
            else
            {
                var top = kinds.Count - 1;
                var isObject = kinds[top];
                if (_pos >= _text.Length)
                    Fatal(DiagnosticCodes.MalformedJson, Here, $"malformed JSON: the document ends inside an {(isObject ? "object" : "array")}");
                var c = _text[_pos];
                switch (states[top])
                {
                    case State.KeyOrEnd when c == '}':
                    case State.CommaOrEnd when isObject && c == '}':
                    case State.ValueOrEnd when c == ']':
                    case State.CommaOrEnd when !isObject && c == ']':
                        Advance();
                        kinds.RemoveAt(top);
                        states.RemoveAt(top);
                        if (names[top] is { } done)
                        {
                            done.Clear();
                            _pool.Push(done);
                        }

                        names.RemoveAt(top);
                        break;
                    case State.KeyOrEnd or State.Key when c == '"':
                        ScanName(names[top]!);
                        states[top] = State.Colon;
                        break;
                    case State.Key when c == '}':
                        Fatal(DiagnosticCodes.MalformedJson, Here, "malformed JSON: a comma before '}' (trailing commas are not JSON)");
                        break;
                    case State.KeyOrEnd or State.Key:
                        Fatal(DiagnosticCodes.MalformedJson, Here, $"malformed JSON: expected a property name in double quotes but found {Describe(c)}"
                            + (c == '\'' || char.IsLetter(c) ? "; property names need double quotes" : string.Empty));
                        break;
                    case State.Colon when c == ':':
                        Advance();
                        states[top] = State.CommaOrEnd;
                        pendingValue = true;
                        break;
                    case State.Colon:
                        Fatal(DiagnosticCodes.MalformedJson, Here, $"malformed JSON: expected ':' after the property name but found {Describe(c)}");
                        break;
                    case State.Value when c == ']':
                        Fatal(DiagnosticCodes.MalformedJson, Here, "malformed JSON: a comma before ']' (trailing commas are not JSON)");
                        break;
                    case State.Value or State.ValueOrEnd:
                        states[top] = State.CommaOrEnd;
                        pendingValue = true;
                        break;
                    case State.CommaOrEnd when c == ',':
                        Advance();
                        states[top] = isObject ? State.Key : State.Value;
                        break;
                    default:
                        Fatal(DiagnosticCodes.MalformedJson, Here, $"malformed JSON: expected ',' or '{(isObject ? '}' : ']')}' but found {Describe(c)}");
                        break;
                }
            }
        }
    }

    /// <summary>Scans one value at the current position; true when it opened a container (pushed on the stacks).</summary>
    private bool ScanValue(List<bool> kinds, List<State> states, List<NameSet?> names)
    {
        if (_pos >= _text.Length) Fatal(DiagnosticCodes.MalformedJson, Here, "malformed JSON: the document ends where a value was expected");
        var c = _text[_pos];
        switch (c)
        {
            case '{' or '[':
                if (kinds.Count + 1 > _maxDepth)
                    Fatal(DiagnosticCodes.TooDeep, Here, $"the JSON document is nested deeper than {_maxDepth} levels");
                Advance();
                kinds.Add(c == '{');
                states.Add(c == '{' ? State.KeyOrEnd : State.ValueOrEnd);
                names.Add(c == '{' ? (_pool.Count > 0 ? _pool.Pop() : new NameSet()) : null);
                return true;
            case '"':
                ScanString(null);
                return false;
            case '-' or (>= '0' and <= '9'):
                ScanNumber();
                return false;
            case 't':
                ScanLiteral("true");
                return false;
            case 'f':
                ScanLiteral("false");
                return false;
            case 'n':
                ScanLiteral("null");
                return false;
            default:
                Fatal(DiagnosticCodes.MalformedJson, Here, "malformed JSON: expected a value but found " + Describe(c) + Hint(c));
                return false;
        }
    }

    private static string Hint(char c) => c switch
    {
        '\'' => "; strings need double quotes",
        'N' or 'I' => "; NaN and Infinity are not JSON numbers",
        'u' => "; undefined is not JSON (use null)",
        '+' or '.' => "; a JSON number starts with a digit or '-'",
        ']' or '}' or ',' => string.Empty,
        _ when char.IsLetter(c) => "; text must be a string in double quotes",
        _ => string.Empty,
    };

    private void ScanName(NameSet seen)
    {
        var at = Here;
        var (start, line, lineStart) = (_pos, _line, _lineStart);
        if (ScanString(null))
        {
            // Escapes: decode the name (rare), by scanning it once more.
            (_pos, _line, _lineStart) = (start, line, lineStart);
            _key.Clear();
            ScanString(_key, report: false);
            var decoded = _key.ToString();
            if (!seen.Add(_text, 0, 0, decoded))
                _diagnostics.Error(DiagnosticCodes.DuplicateProperty, at, $"the property '{Shorten(decoded)}' occurs twice in this object");
        }
        else if (!seen.Add(_text, start + 1, _pos - start - 2, null))
        {
            _diagnostics.Error(DiagnosticCodes.DuplicateProperty, at, $"the property '{Shorten(_text.Substring(start + 1, _pos - start - 2))}' occurs twice in this object");
        }
    }

    /// <summary>
    /// A string token; <paramref name="value"/> receives the decoded text when given. Returns true
    /// when the string has escapes (its decoded text differs from its raw text).
    /// </summary>
    private bool ScanString(StringBuilder? value, bool report = true)
    {
        var escaped = false;
        var start = Here;
        Advance(); // opening quote
        char? flagged = null;
        while (true)
        {
            if (_pos >= _text.Length) Fatal(DiagnosticCodes.MalformedJson, start, "malformed JSON: unterminated string");
            var c = _text[_pos];

            // The common case first: a plain character (no line ends inside a string, so no line counting).
            if (c >= 0x20 && c != '"' && c != '\\' && c < '\u007F')
            {
                _pos++;
                value?.Append(c);
                continue;
            }

            if (c == '"')
            {
                Advance();
                break;
            }

            if (c < 0x20)
            {
                var escape = c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{(int)c:X4}" };
                Fatal(DiagnosticCodes.MalformedJson, Here, $"malformed JSON: the control character U+{(int)c:X4} must be escaped in a string (write {escape})");
            }

            char decoded;
            if (c == '\\')
            {
                escaped = true;
                var escapeAt = Here;
                Advance();
                if (_pos >= _text.Length) Fatal(DiagnosticCodes.MalformedJson, start, "malformed JSON: unterminated string");
                var e = _text[_pos];
                Advance();
                switch (e)
                {
                    case '"' or '\\' or '/':
                        decoded = e;
                        break;
                    case 'b': decoded = '\b'; break;
                    case 'f': decoded = '\f'; break;
                    case 'n': decoded = '\n'; break;
                    case 'r': decoded = '\r'; break;
                    case 't': decoded = '\t'; break;
                    case 'u':
                        decoded = ReadHex(escapeAt);
                        if (char.IsHighSurrogate(decoded))
                        {
                            if (_pos + 1 < _text.Length && _text[_pos] == '\\' && _text[_pos + 1] == 'u')
                            {
                                var lowAt = Here;
                                Advance();
                                Advance();
                                var low = ReadHex(lowAt);
                                if (!char.IsLowSurrogate(low)) Fatal(DiagnosticCodes.MalformedJson, escapeAt, "malformed JSON: a lone surrogate \\u" + ((int)decoded).ToString("X4", CultureInfo.InvariantCulture) + " is not a character");
                                value?.Append(decoded);
                                decoded = low;
                            }
                            else
                            {
                                Fatal(DiagnosticCodes.MalformedJson, escapeAt, "malformed JSON: a lone surrogate \\u" + ((int)decoded).ToString("X4", CultureInfo.InvariantCulture) + " is not a character");
                            }
                        }
                        else if (char.IsLowSurrogate(decoded))
                        {
                            Fatal(DiagnosticCodes.MalformedJson, escapeAt, "malformed JSON: a lone surrogate \\u" + ((int)decoded).ToString("X4", CultureInfo.InvariantCulture) + " is not a character");
                        }

                        break;
                    default:
                        Fatal(DiagnosticCodes.MalformedJson, escapeAt, $"malformed JSON: invalid escape '\\{(char.IsControl(e) ? "?" : e.ToString())}' in a string");
                        decoded = e;
                        break;
                }
            }
            else
            {
                if (char.IsHighSurrogate(c))
                {
                    if (_pos + 1 >= _text.Length || !char.IsLowSurrogate(_text[_pos + 1]))
                        Fatal(DiagnosticCodes.MalformedJson, Here, $"malformed JSON: a lone surrogate U+{(int)c:X4} is not a character");
                    value?.Append(c);
                    Advance();
                    c = _text[_pos];
                }
                else if (char.IsLowSurrogate(c))
                {
                    Fatal(DiagnosticCodes.MalformedJson, Here, $"malformed JSON: a lone surrogate U+{(int)c:X4} is not a character");
                }

                decoded = c;
                Advance();
            }

            if (flagged is null && IsForbidden(decoded)) flagged = decoded;
            value?.Append(decoded);
        }

        if (flagged is { } bad && report)
        {
            _diagnostics.Error(DiagnosticCodes.ControlCharacter, start,
                $"the string contains the {DescribeForbidden(bad)}, which could hide or garble text where it is shown; remove it");
        }

        return escaped;
    }

    /// <summary>
    /// Characters a value must not hold even escaped: C0 controls other than tab, line feed and
    /// carriage return; DEL and the C1 controls (terminal escape sequences); and the bidirectional
    /// embeddings, overrides and isolates, which make text display differently from what it is.
    /// </summary>
    internal static bool IsForbidden(char c) =>
        (c < 0x20 && c is not ('\t' or '\n' or '\r'))
        || c is >= '\u007F' and <= '\u009F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    private static string DescribeForbidden(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'
            ? $"bidirectional control character U+{(int)c:X4}"
            : $"control character U+{(int)c:X4}";

    private char ReadHex(SourceLocation escapeAt)
    {
        var code = (ushort)0;
        if (_pos + 4 > _text.Length || !ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code))
            Fatal(DiagnosticCodes.MalformedJson, escapeAt, "malformed JSON: '\\u' must be followed by four hexadecimal digits");
        for (var i = 0; i < 4; i++) Advance();
        return (char)code;
    }

    private void ScanNumber()
    {
        var at = Here;
        var start = _pos;
        if (Peek() == '-') Advance();
        if (Peek() == '0')
        {
            Advance();
            if (Peek() is >= '0' and <= '9' or 'x' or 'X')
                Fatal(DiagnosticCodes.MalformedJson, at, "malformed JSON: a number must not start with 0 (no octal or hexadecimal numbers in JSON)");
        }
        else if (Peek() is >= '1' and <= '9')
        {
            while (Peek() is >= '0' and <= '9') Advance();
        }
        else
        {
            Fatal(DiagnosticCodes.MalformedJson, at, "malformed JSON: '-' must be followed by digits" + (Peek() == 'I' ? "; Infinity is not a JSON number" : string.Empty));
        }

        if (Peek() == '.')
        {
            Advance();
            if (Peek() is not (>= '0' and <= '9')) Fatal(DiagnosticCodes.MalformedJson, Here, "malformed JSON: digits must follow the decimal point");
            while (Peek() is >= '0' and <= '9') Advance();
        }

        if (Peek() is 'e' or 'E')
        {
            Advance();
            if (Peek() is '+' or '-') Advance();
            if (Peek() is not (>= '0' and <= '9')) Fatal(DiagnosticCodes.MalformedJson, Here, "malformed JSON: digits must follow the exponent");
            while (Peek() is >= '0' and <= '9') Advance();
        }

        if (Peek() is var next && (char.IsAsciiLetterOrDigit(next) || next is '_' or '.'))
            Fatal(DiagnosticCodes.MalformedJson, Here, $"malformed JSON: unexpected {Describe(next)} in a number");

        var token = _text.AsSpan(start, _pos - start);
        if (!decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            Fatal(DiagnosticCodes.NumberOutOfRange, at,
                $"the number {Shorten(token.ToString())} is out of range: numbers must lie between -79228162514264337593543950335 and 79228162514264337593543950335");
        }
    }

    private void ScanLiteral(string word)
    {
        var at = Here;
        var end = _pos;
        while (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')) end++;
        var found = _text.AsSpan(_pos, end - _pos);
        if (!found.SequenceEqual(word))
            Fatal(DiagnosticCodes.MalformedJson, at, $"malformed JSON: expected a value but found '{Shorten(found.ToString())}'; text must be a string in double quotes");
        while (_pos < end) Advance();
    }

    /// <summary>White space (space, tab, line feed, carriage return) and comments.</summary>
    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                Advance();
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
            {
                while (_pos < _text.Length && _text[_pos] is not ('\n' or '\r')) Advance();
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
            {
                var at = Here;
                Advance();
                Advance();
                while (true)
                {
                    if (_pos >= _text.Length) Fatal(DiagnosticCodes.MalformedJson, at, "malformed JSON: unterminated comment");
                    if (_text[_pos] == '*' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
                    {
                        Advance();
                        Advance();
                        break;
                    }

                    Advance();
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    /// <summary>Moves one character on, counting lines the way Newtonsoft does (CR LF, CR and LF each end a line).</summary>
    private void Advance()
    {
        var c = _text[_pos++];
        if (c == '\n' || (c == '\r' && (_pos >= _text.Length || _text[_pos] != '\n')))
        {
            _line++;
            _lineStart = _pos;
        }
    }

    private static string Describe(char c) => c switch
    {
        _ when char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) || c == '\uFEFF' => $"U+{(int)c:X4}",
        '\'' => "a single quote",
        _ => $"'{c}'",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private void Fatal(string code, SourceLocation at, string message)
    {
        _diagnostics.Error(code, at, message);
        throw new FatalException();
    }

    private sealed class FatalException : Exception;

    /// <summary>
    /// The names of one object. Most objects have a few names: they are compared in place, as
    /// ranges of the text, without allocating; an object with many names gets a hash set.
    /// </summary>
    private sealed class NameSet
    {
        private const int SmallLimit = 16;
        private readonly List<(int Start, int Length, string? Decoded)> _small = [];
        private HashSet<string>? _large;

        /// <summary>Adds a name (a range of <paramref name="text"/>, or <paramref name="decoded"/> text); false when it was there.</summary>
        public bool Add(string text, int start, int length, string? decoded)
        {
            if (_large is not null) return _large.Add(decoded ?? text.Substring(start, length));
            var name = decoded is null ? text.AsSpan(start, length) : decoded.AsSpan();
            foreach (var (s, l, d) in _small)
            {
                if ((d is null ? text.AsSpan(s, l) : d.AsSpan()).SequenceEqual(name)) return false;
            }

            if (_small.Count < SmallLimit)
            {
                _small.Add((start, length, decoded));
                return true;
            }

            _large = new HashSet<string>(_small.Select(e => e.Decoded ?? text.Substring(e.Start, e.Length)), StringComparer.Ordinal);
            _small.Clear();
            return _large.Add(decoded ?? text.Substring(start, length));
        }

        public void Clear()
        {
            _small.Clear();
            _large = null;
        }
    }
}
