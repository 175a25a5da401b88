using System.Text;

namespace Deeg.Policy.Cli;

/// <summary>The JSON output of <c>check</c> for several models: an array of report objects in argument order.</summary>
internal static class ReportJson
{
    /// <summary>
    /// An indented JSON array of the reports' JSON (<see cref="ComplianceReport.ToJson"/>). Each report's
    /// text is indented by two more spaces; JSON strings never contain raw line breaks, so this is
    /// exactly what the library's own writer produces for an array.
    /// </summary>
    public static string WriteMany(IReadOnlyList<ComplianceReport> reports)
    {
        if (reports.Count == 0) return "[]";
        var text = new StringBuilder("[\n");
        for (var i = 0; i < reports.Count; i++)
        {
            var lines = reports[i].ToJson().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var j = 0; j < lines.Length; j++)
            {
                text.Append("  ").Append(lines[j]);
                if (j < lines.Length - 1) text.Append('\n');
            }

            text.Append(i < reports.Count - 1 ? ",\n" : "\n");
        }

        return text.Append(']').ToString();
    }
}
