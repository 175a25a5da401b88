using Newtonsoft.Json.Linq;
using static Deeg.Policy.SchemaGeneration.SchemaNodes;

namespace Deeg.Policy.SchemaGeneration;

/// <summary>The schema of a waiver file (docs/report-format.md, "Waivers"), from <see cref="WaiverSet"/>'s property lists.</summary>
internal static class WaiverSchema
{
    /// <summary>A subject reference <c>Type/id</c>, e.g. <c>Channel/xing-main</c>, or a group's <c>Type.path/key</c>.</summary>
    public const string SubjectPattern = "^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*/.+$";

    /// <summary>The document's keywords.</summary>
    public static JObject Document(string id)
    {
        var shapes = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["$schema"] = SchemaProperty(id),
            ["waivers"] = Array("The waivers.", Ref("waiver")),
        };
        return Obj(
            ("type", "object"),
            ("description", "A waiver file: accepted exceptions to rules, each until an expiry date."),
            ("properties", Properties(CodeTables.WaiverDocument, shapes, "waiver file")),
            ("required", Strings(["waivers"])),
            ("additionalProperties", false));
    }

    /// <summary>The definitions the document refers to.</summary>
    public static IEnumerable<(string Name, JObject Schema)> Definitions()
    {
        var shapes = new Dictionary<string, JObject>(StringComparer.Ordinal)
        {
            ["rule"] = RuleSetSchema.RuleId("The id of the waived rule."),
            ["subject"] = Subject("The subject reference Type/id the waiver is for, e.g. Channel/xing-main; absent: all subjects of the rule."),
            ["justification"] = NonBlank("Why the finding is accepted."),
            ["approvedBy"] = String("Who approved the waiver."),
            ["expires"] = Date("The last day the waiver applies (YYYY-MM-DD); after it the waiver is listed as expired."),
        };
        yield return ("waiver", ClosedObject(
            "An accepted exception to a rule, for one subject or all subjects of the rule, until it expires.",
            Properties(CodeTables.Waiver, shapes, "waiver"),
            ["rule", "justification", "expires"]));
    }

    /// <summary>A subject reference string.</summary>
    public static JObject Subject(string description) => Pattern(description, SubjectPattern, "a subject reference Type/id, e.g. Channel/xing-main");
}
