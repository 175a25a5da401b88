using System.Text;
using Newtonsoft.Json;

namespace Deeg.Policy.Reporting;

/// <summary>
/// Writes a <see cref="RuleExplanation"/> as <c>deeg-policy explain</c> prints it: plain text (one
/// line per candidate, the values it saw below a candidate that does not fire) or indented JSON.
/// Both end with a line break.
/// </summary>
internal static class ExplanationWriter
{
    public static string Text(RuleExplanation explanation)
    {
        var text = new StringBuilder();
        text.Append(explanation.RuleId).Append(' ').Append(explanation.Title).Append(" (subjects: ").Append(explanation.SubjectType).Append(")\n");
        if (explanation.Candidates.Count == 0) text.Append("  the model has no ").Append(explanation.SubjectType).Append(" facts\n");
        foreach (var candidate in explanation.Candidates)
        {
            text.Append("  ").Append(candidate.Subject);
            if (candidate.Fires)
            {
                text.Append(": fires\n");
                continue;
            }

            text.Append(": does not fire at ").Append(candidate.FailedElement).Append(": ").Append(candidate.Reason).Append('\n');
            foreach (var (name, value) in candidate.Values) text.Append("      ").Append(name).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    public static string Json(RuleExplanation explanation)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var w = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            w.WriteStartObject();
            w.WritePropertyName("ruleId");
            w.WriteValue(explanation.RuleId);
            w.WritePropertyName("title");
            w.WriteValue(explanation.Title);
            w.WritePropertyName("subjectType");
            w.WriteValue(explanation.SubjectType);
            w.WritePropertyName("candidates");
            w.WriteStartArray();
            foreach (var candidate in explanation.Candidates)
            {
                w.WriteStartObject();
                w.WritePropertyName("subject");
                w.WriteValue(candidate.Subject.ToString());
                w.WritePropertyName("fires");
                w.WriteValue(candidate.Fires);
                if (!candidate.Fires)
                {
                    w.WritePropertyName("failedElement");
                    w.WriteValue(candidate.FailedElement);
                    w.WritePropertyName("reason");
                    w.WriteValue(candidate.Reason);
                    w.WritePropertyName("values");
                    w.WriteStartObject();
                    foreach (var (name, value) in candidate.Values)
                    {
                        w.WritePropertyName(name);
                        w.WriteValue(value?.ToString());
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return text + "\n";
    }
}
