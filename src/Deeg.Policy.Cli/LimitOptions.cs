using System.CommandLine;
using System.Globalization;

namespace Deeg.Policy.Cli;

/// <summary>
/// The limit options (docs/limits.md) of the commands that read rule sets and models:
/// <c>--max-document-size</c>, <c>--max-depth</c>, <c>--max-facts</c>, <c>--max-rules</c>. Unset
/// options keep the library's defaults (<see cref="PolicyLimits.Default"/>).
/// </summary>
internal sealed class LimitOptions
{
    private LimitOptions()
    {
    }

    /// <summary><c>--max-document-size &lt;size&gt;</c>: bytes, or with a unit (<c>KiB</c>, <c>MiB</c>, <c>GiB</c>, also <c>KB</c>/<c>MB</c>/<c>GB</c> as powers of 1024).</summary>
    public Option<string> MaxDocumentSize { get; } = new("--max-document-size")
    {
        Description = "Largest file read, e.g. 8MiB or 1048576 (default 64MiB)",
        HelpName = "size",
    };

    /// <summary><c>--max-depth &lt;n&gt;</c>: the deepest JSON nesting.</summary>
    public Option<string> MaxDepth { get; } = new("--max-depth")
    {
        Description = "Deepest nesting of JSON objects and arrays, 1 to 256 (default 64)",
        HelpName = "n",
    };

    /// <summary><c>--max-facts &lt;n&gt;</c>: the most facts in one model.</summary>
    public Option<string> MaxFacts { get; } = new("--max-facts")
    {
        Description = "Most facts in one model (default 1000000)",
        HelpName = "n",
    };

    /// <summary><c>--max-rules &lt;n&gt;</c>: the most rules over all rule sets.</summary>
    public Option<string> MaxRules { get; } = new("--max-rules")
    {
        Description = "Most rules over all loaded rule sets (default 10000)",
        HelpName = "n",
    };

    /// <summary>Creates the options.</summary>
    public static LimitOptions Create() => new();

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Add(MaxDocumentSize);
        command.Add(MaxDepth);
        command.Add(MaxFacts);
        command.Add(MaxRules);
    }

    /// <summary>The limits given on the command line; a bad value is a usage error (exit 2).</summary>
    public PolicyLimits Read(ParseResult parseResult)
    {
        var limits = PolicyLimits.Default;
        if (parseResult.GetValue(MaxDocumentSize) is { } size) limits = limits with { MaxDocumentSize = Size(size) };
        if (parseResult.GetValue(MaxDepth) is { } depth) limits = limits with { MaxJsonDepth = (int)Number("--max-depth", depth, 1, PolicyLimits.HighestMaxJsonDepth) };
        if (parseResult.GetValue(MaxFacts) is { } facts) limits = limits with { MaxFacts = (int)Number("--max-facts", facts, 1, int.MaxValue) };
        if (parseResult.GetValue(MaxRules) is { } rules) limits = limits with { MaxRules = (int)Number("--max-rules", rules, 1, int.MaxValue) };
        return limits;
    }

    /// <summary>Parses a size such as <c>1048576</c>, <c>512KiB</c>, <c>8MiB</c>, <c>1GiB</c> (KB, MB, GB are read as powers of 1024 too).</summary>
    internal static long Size(string text)
    {
        var value = text.Trim();
        long unit = 1;
        foreach (var (suffix, factor) in new (string, long)[] { ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("B", 1) })
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                unit = factor;
                value = value[..^suffix.Length].TrimEnd();
                break;
            }
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > int.MaxValue / unit)
            throw new CliUsageException($"invalid --max-document-size '{text}': give a size from 1 to 2147483647 bytes, e.g. 1048576, 512KiB or 8MiB");
        return number * unit;
    }

    private static long Number(string option, string text, long min, long max)
    {
        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"invalid {option} '{text}': give a whole number from {min} to {max}"));
        return number;
    }
}
