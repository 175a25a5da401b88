using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Diagnostics;

/// <summary>The format version that facts documents and JSON reports carry in <c>schemaVersion</c>: only 1 exists.</summary>
internal static class DocumentVersion
{
    /// <summary>The version this library reads and writes.</summary>
    public const int Current = 1;

    /// <summary>True when <paramref name="value"/> is the number 1 (<c>1.0</c> too: the same number in JSON).</summary>
    public static bool IsCurrent(JToken value) => value is JValue { Type: JTokenType.Integer or JTokenType.Float } number && number.Value switch
    {
        long l => l == Current,
        decimal d => d == Current,
        double x => x == Current,
        _ => false,
    };
}
