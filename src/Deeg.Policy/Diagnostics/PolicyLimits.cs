using System.Globalization;

namespace Deeg.Policy;

/// <summary>
/// Upper bounds on what the library reads and produces, so that a hostile or broken input costs
/// bounded time and memory and is reported as a diagnostic instead of exhausting the process.
/// Every limit has a safe default (<see cref="Default"/>); derive changed limits with
/// <c>with</c>: <c>PolicyLimits.Default with { MaxFacts = 10_000 }</c>. An instance is immutable
/// and may be shared. docs/limits.md lists the limits, their diagnostics and the command-line options.
/// </summary>
/// <example>
/// <code>
/// var engine = PolicyEngine.CreateBuilder()
///     .WithLimits(PolicyLimits.Default with { MaxDocumentSize = 8 * 1024 * 1024, MaxFacts = 50_000 })
///     .AddBuiltInRuleSets()
///     .Build();
/// ModelLoadResult loaded = engine.LoadModel("upload.json");   // checked against the engine's limits
/// </code>
/// </example>
public sealed record PolicyLimits
{
    /// <summary>The default <see cref="MaxDocumentSize"/>: 64 MiB.</summary>
    internal const long DefaultMaxDocumentSize = 64L * 1024 * 1024;

    /// <summary>The default <see cref="MaxJsonDepth"/>: 64 levels.</summary>
    internal const int DefaultMaxJsonDepth = 64;

    private const int HighestJsonDepth = 256;

    /// <summary>The default <see cref="MaxExpressionLength"/>: 10,000 characters.</summary>
    internal const int DefaultMaxExpressionLength = 10_000;

    /// <summary>The default and largest allowed <see cref="MaxExpressionDepth"/>: 200 levels.</summary>
    internal const int DefaultMaxExpressionDepth = 200;

    /// <summary>The default <see cref="MaxFacts"/>: 1,000,000 facts.</summary>
    internal const int DefaultMaxFacts = 1_000_000;

    /// <summary>The default <see cref="MaxRules"/>: 10,000 rules.</summary>
    internal const int DefaultMaxRules = 10_000;

    /// <summary>The default <see cref="MaxMessageLength"/>: 4,000 characters.</summary>
    internal const int DefaultMaxMessageLength = 4_000;

    private readonly long _maxDocumentSize = DefaultMaxDocumentSize;
    private readonly int _maxJsonDepth = DefaultMaxJsonDepth;
    private readonly int _maxExpressionLength = DefaultMaxExpressionLength;
    private readonly int _maxExpressionDepth = DefaultMaxExpressionDepth;
    private readonly int _maxFacts = DefaultMaxFacts;
    private readonly int _maxRules = DefaultMaxRules;
    private readonly int _maxMessageLength = DefaultMaxMessageLength;

    /// <summary>
    /// The defaults: 64 MiB documents, JSON depth 64, expressions of 10,000 characters and depth
    /// 200, 1,000,000 facts, 10,000 rules, messages of 4,000 characters. Read a default from it,
    /// e.g. <c>PolicyLimits.Default.MaxFacts</c>.
    /// </summary>
    public static PolicyLimits Default { get; } = new();

    /// <summary>The largest allowed <see cref="MaxJsonDepth"/>: 256 levels.</summary>
    public static int HighestMaxJsonDepth => HighestJsonDepth;

    /// <summary>
    /// The largest document read, in bytes (of a file, or of a string's UTF-8 encoding); larger
    /// ones are DP1006 and are not read. A file is never read past this size, so a device or a
    /// pipe that never ends cannot exhaust memory. Default 64 MiB; at least 1, at most 2 GiB.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1 or more than 2 GiB (<see cref="int.MaxValue"/> bytes).</exception>
    public long MaxDocumentSize
    {
        get => _maxDocumentSize;
        init => _maxDocumentSize = InRange(value, 1, int.MaxValue, nameof(MaxDocumentSize));
    }

    /// <summary>The deepest nesting of JSON objects and arrays (DP1003). Default 64; 1 to 256.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1 or more than <see cref="HighestMaxJsonDepth"/>.</exception>
    public int MaxJsonDepth
    {
        get => _maxJsonDepth;
        init => _maxJsonDepth = (int)InRange(value, 1, HighestJsonDepth, nameof(MaxJsonDepth));
    }

    /// <summary>The longest expression in a rule set, in characters: a <c>where</c>, <c>test</c>, <c>require</c>, <c>of</c> or <c>value</c> string, or one <c>{hole}</c> of a message (DP4012). Default 10,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1.</exception>
    public int MaxExpressionLength
    {
        get => _maxExpressionLength;
        init => _maxExpressionLength = (int)InRange(value, 1, int.MaxValue, nameof(MaxExpressionLength));
    }

    /// <summary>
    /// The deepest expression tree (parentheses, operators, calls), reported as the syntax error
    /// DP4001 "nested too deeply". Default 200, which is also the largest allowed value: the
    /// compilers behind the parser recurse over the tree.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1 or more than 200.</exception>
    public int MaxExpressionDepth
    {
        get => _maxExpressionDepth;
        init => _maxExpressionDepth = (int)InRange(value, 1, DefaultMaxExpressionDepth, nameof(MaxExpressionDepth));
    }

    /// <summary>The most facts in one model: the organisation, every entry of the fact lists and of <c>extensions</c> (DP2012). Default 1,000,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1.</exception>
    public int MaxFacts
    {
        get => _maxFacts;
        init => _maxFacts = (int)InRange(value, 1, int.MaxValue, nameof(MaxFacts));
    }

    /// <summary>The most rules over all rule sets of one engine, enabled or not (DP3017). Default 10,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1.</exception>
    public int MaxRules
    {
        get => _maxRules;
        init => _maxRules = (int)InRange(value, 1, int.MaxValue, nameof(MaxRules));
    }

    /// <summary>
    /// The longest rendered finding message or remediation, in characters; a longer one is cut
    /// and ends with an ellipsis (<c>…</c>). Default 4,000; at least 16.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 16.</exception>
    public int MaxMessageLength
    {
        get => _maxMessageLength;
        init => _maxMessageLength = (int)InRange(value, 16, int.MaxValue, nameof(MaxMessageLength));
    }

    /// <summary><paramref name="text"/> cut to at most <paramref name="maxLength"/> characters, ending with <c>…</c> when cut (never splitting a surrogate pair).</summary>
    internal static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var keep = Math.Max(0, maxLength - 1);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep), "\u2026");
    }

    private static long InRange(long value, long min, long max, string name) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}"));
}
