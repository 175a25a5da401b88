using System.Collections;
using System.Globalization;
using System.Reflection;
using Deeg.Policy.Model;
using Newtonsoft.Json;
using Deeg.Policy.Core;

namespace Deeg.Policy.Reporting;

/// <summary>
/// Writes the report JSON (docs/report-format.md): camelCase properties in the order of the contract, severities
/// in lower case, dates as <c>YYYY-MM-DD</c>, two-space indentation and <c>\n</c> line ends on every
/// platform. Optional values (<c>remediation</c>, a waiver's <c>subject</c> and <c>approvedBy</c>)
/// are written as <c>null</c> rather than left out, so that every finding has the same shape;
/// <c>waiver</c> appears only on waived findings, <c>baseline</c> (on each finding) and <c>fixed</c>
/// (after <c>findings</c>) only when the report was compared with a baseline, and <c>evidence</c>
/// only when it was asked for; <c>firstSeen</c> and <c>openDays</c> (on each finding) only with a history.
/// </summary>
internal static class ReportJsonWriter
{
    private const int MaxEvidenceDepth = 16;

    /// <summary>One report as an indented JSON object.</summary>
    public static string Write(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Render(writer => WriteReport(writer, report));
    }

    /// <summary>Several reports as an indented JSON array, in the given order.</summary>
    public static string WriteMany(IReadOnlyList<ComplianceReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return Render(writer =>
        {
            writer.WriteStartArray();
            foreach (var report in reports) WriteReport(writer, report);
            writer.WriteEndArray();
        });
    }

    /// <summary>The JSON name of a baseline state: <c>new</c> or <c>unchanged</c>.</summary>
    public static string BaselineName(BaselineState state) => state == BaselineState.New ? "new" : "unchanged";

    /// <summary>A date as <c>YYYY-MM-DD</c>.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Render(Action<JsonTextWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ' })
        {
            write(writer);
        }

        return text.ToString();
    }

    private static void WriteReport(JsonWriter w, ComplianceReport report)
    {
        w.WriteStartObject();
        w.WritePropertyName("schemaVersion");
        w.WriteValue(report.SchemaVersion);

        w.WritePropertyName("tool");
        w.WriteStartObject();
        Property(w, "name", report.Tool.Name);
        Property(w, "version", report.Tool.Version);
        w.WriteEndObject();

        Property(w, "asOf", FormatDate(report.AsOf));
        Property(w, "language", Labels.LanguageOf(report.Language));

        w.WritePropertyName("organisation");
        w.WriteStartObject();
        Property(w, "id", report.Organisation.Id);
        Property(w, "name", report.Organisation.Name);
        w.WriteEndObject();

        w.WritePropertyName("ruleSets");
        w.WriteStartArray();
        foreach (var ruleSet in report.RuleSets)
        {
            w.WriteStartObject();
            Property(w, "id", ruleSet.Id);
            Property(w, "version", ruleSet.Version);
            w.WritePropertyName("rules");
            w.WriteValue(ruleSet.Rules);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        WriteSummary(w, report.Summary);

        w.WritePropertyName("findings");
        w.WriteStartArray();
        foreach (var finding in report.Findings) WriteFinding(w, finding);
        w.WriteEndArray();

        if (report.Fixed is { } fixedFindings)
        {
            // Only when the report was compared with a baseline (docs/report-format.md, "Baselines").
            w.WritePropertyName("fixed");
            w.WriteStartArray();
            foreach (var f in fixedFindings)
            {
                w.WriteStartObject();
                Property(w, "ruleId", f.RuleId);
                Property(w, "ruleSet", f.RuleSet);
                Property(w, "severity", f.Severity is { } severity ? Severities.Name(severity) : null);
                Property(w, "title", f.Title);
                Property(w, "message", f.Message);
                Property(w, "subject", f.Subject);
                Property(w, "fingerprint", f.Fingerprint);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WritePropertyName("waivers");
        w.WriteStartObject();
        WaiverArray(w, "applied", report.Waivers.Applied);
        WaiverArray(w, "expired", report.Waivers.Expired);
        WaiverArray(w, "unused", report.Waivers.Unused);
        w.WriteEndObject();

        w.WritePropertyName("errors");
        w.WriteStartArray();
        foreach (var error in report.Errors)
        {
            w.WriteStartObject();
            Property(w, "ruleId", error.RuleId);
            Property(w, "message", error.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSummary(JsonWriter w, ReportSummary summary)
    {
        w.WritePropertyName("summary");
        w.WriteStartObject();
        w.WritePropertyName("rulesEvaluated");
        w.WriteValue(summary.RulesEvaluated);
        w.WritePropertyName("rulesPassed");
        w.WriteValue(summary.RulesPassed);
        w.WritePropertyName("findings");
        w.WriteValue(summary.Findings);
        w.WritePropertyName("waived");
        w.WriteValue(summary.Waived);
        w.WritePropertyName("bySeverity");
        w.WriteStartObject();
        foreach (var severity in Severities.MostSevereFirst)
        {
            w.WritePropertyName(Severities.Name(severity));
            w.WriteValue(summary.BySeverity.TryGetValue(severity, out var n) ? n : 0);
        }

        w.WriteEndObject();
        w.WritePropertyName("score");
        w.WriteValue(summary.Score);
        w.WriteEndObject();
    }

    private static void WriteFinding(JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        Property(w, "ruleId", f.RuleId);
        Property(w, "ruleSet", f.RuleSet);
        Property(w, "severity", Severities.Name(f.Severity));
        Property(w, "category", f.Category);
        Property(w, "title", f.Title);
        Property(w, "message", f.Message);
        Property(w, "remediation", f.Remediation);
        Property(w, "subject", f.Subject.ToString());
        Property(w, "subjectName", f.SubjectName ?? f.Subject.Id);
        Property(w, "owner", f.Owner?.ToString());
        Property(w, "ownerName", f.OwnerName);
        w.WritePropertyName("facts");
        w.WriteStartObject();
        foreach (var (alias, fact) in f.Facts) Property(w, alias, fact.ToString());
        w.WriteEndObject();
        Property(w, "fingerprint", f.Fingerprint);
        w.WritePropertyName("waived");
        w.WriteValue(f.Waived);
        if (f.Waiver is not null)
        {
            w.WritePropertyName("waiver");
            WriteWaiver(w, f.Waiver);
        }

        if (f.Baseline is { } state) Property(w, "baseline", BaselineName(state));
        if (f.FirstSeen is { } firstSeen)
        {
            // Only with a history (FindingAges.Apply).
            Property(w, "firstSeen", firstSeen.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WritePropertyName("openDays");
            w.WriteValue(f.OpenDays ?? 0);
        }

        if (f.Evidence is not null)
        {
            w.WritePropertyName("evidence");
            w.WriteStartObject();
            foreach (var (name, value) in f.Evidence)
            {
                w.WritePropertyName(name);
                WriteValue(w, value, 0);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WaiverArray(JsonWriter w, string name, IReadOnlyList<Waiver> waivers)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var waiver in waivers) WriteWaiver(w, waiver);
        w.WriteEndArray();
    }

    private static void WriteWaiver(JsonWriter w, Waiver waiver)
    {
        w.WriteStartObject();
        Property(w, "rule", waiver.Rule);
        Property(w, "subject", waiver.Subject);
        Property(w, "justification", waiver.Justification);
        Property(w, "approvedBy", waiver.ApprovedBy);
        Property(w, "expires", FormatDate(waiver.Expires));
        w.WriteEndObject();
    }

    private static void Property(JsonWriter w, string name, string? value)
    {
        w.WritePropertyName(name);
        if (value is null) w.WriteNull();
        else w.WriteValue(value);
    }

    /// <summary>
    /// An evidence value as JSON: numbers without trailing zeros, strings, booleans, null, lists as
    /// arrays, dates as <c>YYYY-MM-DD</c>, datetimes as <c>YYYY-MM-DDTHH:mm:ssZ</c> (UTC), durations in
    /// the rule language's notation (<c>90d</c>, <c>12h</c>, <c>30m</c>), enums as their camelCase
    /// name, facts as their subject reference <c>Type/id</c>, other objects (Clause, CrisisTier) as
    /// objects of their properties.
    /// </summary>
    internal static void WriteValue(JsonWriter w, object? value, int depth)
    {
        switch (value)
        {
            case null:
                w.WriteNull();
                return;
            case string s:
                w.WriteValue(s);
                return;
            case bool b:
                w.WriteValue(b);
                return;
            case decimal d:
                w.WriteRawValue(FormatNumber(d));
                return;
            case int or long or short or byte or sbyte or uint or ulong or ushort:
                w.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            case double or float:
                var dbl = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(dbl)) w.WriteRawValue(dbl.ToString("R", CultureInfo.InvariantCulture));
                else w.WriteNull();
                return;
            case DateOnly date:
                w.WriteValue(FormatDate(date));
                return;
            case DateTime dt:
                w.WriteValue(FormatDateTime(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt)));
                return;
            case DateTimeOffset dto:
                w.WriteValue(FormatDateTime(dto));
                return;
            case TimeSpan span:
                w.WriteValue(FormatDuration(span));
                return;
            case Enum e:
                w.WriteValue(Naming.CamelCase(e.ToString()));
                return;
            case SubjectRef subject:
                w.WriteValue(subject.ToString());
                return;
            case IFact fact:
                w.WriteValue(fact.GetType().Name + "/" + fact.Id);
                return;
        }

        if (depth >= MaxEvidenceDepth)
        {
            w.WriteValue(value.ToString());
            return;
        }

        switch (value)
        {
            case IDictionary dictionary:
                w.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    w.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteValue(w, entry.Value, depth + 1);
                }

                w.WriteEndObject();
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                w.WriteStartObject();
                foreach (var (key, item) in pairs)
                {
                    w.WritePropertyName(key);
                    WriteValue(w, item, depth + 1);
                }

                w.WriteEndObject();
                return;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list) WriteValue(w, item, depth + 1);
                w.WriteEndArray();
                return;
        }

        // A host fact type: a public string Id makes it a fact, written as its reference.
        var type = value.GetType();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToList();
        if (properties.Find(p => p.Name == "Id" && p.PropertyType == typeof(string)) is { } id)
        {
            w.WriteValue(type.Name + "/" + (string?)id.GetValue(value));
            return;
        }

        // A nested object (Clause, CrisisTier, a host type's nested object): its properties.
        w.WriteStartObject();
        foreach (var property in properties)
        {
            w.WritePropertyName(Naming.CamelCase(property.Name));
            WriteValue(w, property.GetValue(value), depth + 1);
        }

        w.WriteEndObject();
    }

    /// <summary>A number in invariant culture without trailing zeros (<c>440</c>, <c>0.375</c>).</summary>
    internal static string FormatNumber(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    private static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string FormatDuration(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerDay == 0) return ((long)span.TotalDays).ToString(CultureInfo.InvariantCulture) + "d";
        if (span.Ticks % TimeSpan.TicksPerHour == 0) return ((long)span.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        return Math.Round(span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
    }
}
