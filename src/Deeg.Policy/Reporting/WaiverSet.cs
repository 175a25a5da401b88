using System.Globalization;
using Deeg.Policy.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy;

/// <summary>
/// The waivers of a waiver file (docs/report-format.md, "Waivers"): accepted exceptions to rules, each for one
/// subject or for all subjects of a rule, until an expiry date. Loading never throws for bad
/// content: every problem of the file is a <see cref="Diagnostic"/> with file, line and column.
/// </summary>
/// <example>
/// <code>
/// WaiverSet waivers = WaiverSet.Load("waivers.json");
/// if (!waivers.Succeeded) { foreach (Diagnostic d in waivers.Diagnostics) Console.Error.WriteLine(d); }
/// var options = new EvaluationOptions { Waivers = waivers.Waivers };
/// </code>
/// </example>
public sealed class WaiverSet
{
    internal static readonly string[] DocumentProperties = ["$schema", "waivers"];
    internal static readonly string[] WaiverProperties = ["rule", "subject", "justification", "approvedBy", "expires"];

    private WaiverSet(IReadOnlyList<Waiver> waivers, IReadOnlyList<Diagnostic> diagnostics)
    {
        Diagnostics = diagnostics;
        Succeeded = !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        Waivers = Succeeded ? waivers : [];
    }

    /// <summary>An empty waiver set.</summary>
    public static WaiverSet Empty { get; } = new([], []);

    /// <summary>The waivers in file order; empty when the file has errors (see <see cref="Succeeded"/>).</summary>
    public IReadOnlyList<Waiver> Waivers { get; }

    /// <summary>Every problem found in the file, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the file has no error.</summary>
    public bool Succeeded { get; }

    /// <summary>Loads a waiver file. A missing or unreadable file is a diagnostic, not an exception.</summary>
    /// <param name="path">The file; diagnostics name it as given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static WaiverSet Load(string path) => Load(path, PolicyLimits.Default);

    /// <summary>Loads a waiver file within <paramref name="limits"/> (document size, JSON depth).</summary>
    /// <param name="path">The file; diagnostics name it as given.</param>
    /// <param name="limits">The limits.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="limits"/> is null.</exception>
    public static WaiverSet Load(string path, PolicyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        var diagnostics = new DiagnosticBag();
        return Read(JsonSource.ReadFile(path, diagnostics, limits), diagnostics);
    }

    /// <summary>Parses a waiver document.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">The name used in diagnostics; default <c>&lt;waivers&gt;</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static WaiverSet Parse(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var diagnostics = new DiagnosticBag();
        return Read(JsonSource.Parse(json, sourceName ?? "<waivers>", diagnostics), diagnostics);
    }

    private static WaiverSet Read(JsonSource source, DiagnosticBag diagnostics)
    {
        var waivers = new List<Waiver>();

        // Malformed JSON or an unreadable file: JsonSource has said so already.
        if (source.Root is null) return new WaiverSet(waivers, diagnostics.ToSortedList());

        if (source.Root is not JObject document)
        {
            diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(source.Root), "a waiver file must be a JSON object with a 'waivers' array");
            return new WaiverSet(waivers, diagnostics.ToSortedList());
        }

        source.CheckProperties(document, DocumentProperties, "in the waiver file", DiagnosticCodes.WaiverUnknownProperty, diagnostics);

        if (document["waivers"] is not JArray array)
        {
            var waiversToken = document["waivers"];
            diagnostics.Error(
                DiagnosticCodes.WrongDocumentShape,
                source.Locate(waiversToken ?? document),
                waiversToken is null ? "a waiver file must be a JSON object with a 'waivers' array" : "'waivers' must be an array of waivers");
            return new WaiverSet(waivers, diagnostics.ToSortedList());
        }

        var index = 0;
        foreach (var item in array)
        {
            index++;
            var waiver = ReadWaiver(source, diagnostics, item, index);
            if (waiver is not null) waivers.Add(waiver);
        }

        return new WaiverSet(waivers, diagnostics.ToSortedList());
    }

    private static Waiver? ReadWaiver(JsonSource source, DiagnosticBag diagnostics, JToken item, int index)
    {
        if (item is not JObject obj)
        {
            diagnostics.Error(DiagnosticCodes.WaiverInvalid, source.Locate(item), $"waiver {index} must be an object with 'rule', 'justification' and 'expires'");
            return null;
        }

        var ok = source.CheckProperties(obj, WaiverProperties, $"on waiver {index}", DiagnosticCodes.WaiverUnknownProperty, diagnostics);

        var rule = RequiredString(source, diagnostics, obj, "rule", index, ref ok);
        var justification = RequiredString(source, diagnostics, obj, "justification", index, ref ok);
        var approvedBy = OptionalString(source, diagnostics, obj, "approvedBy", index, ref ok);

        var subject = OptionalString(source, diagnostics, obj, "subject", index, ref ok);
        if (subject is not null && SubjectRef.TryParse(subject) is not { Id.Length: > 0 })
        {
            diagnostics.Error(DiagnosticCodes.WaiverInvalid, source.Locate(obj["subject"]), $"invalid subject '{subject}' on waiver {index}: write it as Type/id, e.g. Channel/xing-main");
            ok = false;
        }

        DateOnly expires = default;
        var expiresText = RequiredString(source, diagnostics, obj, "expires", index, ref ok);
        if (expiresText is not null && !DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expires))
        {
            diagnostics.Error(DiagnosticCodes.WaiverInvalid, source.Locate(obj["expires"]), $"invalid date '{expiresText}' for 'expires' on waiver {index}: use YYYY-MM-DD");
            ok = false;
        }

        if (!ok || rule is null || justification is null) return null;
        return new Waiver { Rule = rule, Subject = subject, Justification = justification, ApprovedBy = approvedBy, Expires = expires };
    }

    private static string? RequiredString(JsonSource source, DiagnosticBag diagnostics, JObject obj, string name, int index, ref bool ok)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            diagnostics.Error(DiagnosticCodes.WaiverInvalid, source.Locate(token ?? obj), $"waiver {index} has no '{name}'");
            ok = false;
            return null;
        }

        var value = OptionalString(source, diagnostics, obj, name, index, ref ok);
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            diagnostics.Error(DiagnosticCodes.WaiverInvalid, source.Locate(token), $"'{name}' on waiver {index} must not be empty");
            ok = false;
            return null;
        }

        return value;
    }

    private static string? OptionalString(JsonSource source, DiagnosticBag diagnostics, JObject obj, string name, int index, ref bool ok)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null) return null;
        if (token.Type == JTokenType.String) return (string?)token;
        diagnostics.Error(DiagnosticCodes.WaiverInvalid, source.Locate(token), $"'{name}' on waiver {index} must be a string");
        ok = false;
        return null;
    }
}
