using System.Text.RegularExpressions;
using System.Xml.Linq;
using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Writers;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.Tests.Reporting.Writers.ReportSamples;

namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>
/// The human formats name subjects and owners by display name (with the fact type's label, the id only
/// where two subjects read the same), show the remediation once per rule, and everything with verbose.
/// </summary>
public class DisplayNameFormatTests
{
    private static readonly SubjectRef Brandt = new("Person", "p-brandt");

    /// <summary>Two channels both called "ACME" (a, b), one called "Careers" (c); GOV-003 twice with one remediation; an owner on two findings.</summary>
    private static ComplianceReport Named(string language = "en") => Report(
    [
        Named(Finding("GOV-003", Severity.High, "Channel/a"), "ACME", Brandt, "Petra Brandt"),
        Named(Finding("GOV-003", Severity.High, "Channel/b"), "ACME", null, null),
        Named(Finding("GOV-006", Severity.Medium, "Channel/c", category: "data-protection"), "Careers", Brandt, "Petra Brandt"),
    ], language: language);

    private static Finding Named(Finding f, string name, SubjectRef? owner, string? ownerName) => new()
    {
        RuleId = f.RuleId,
        RuleSet = f.RuleSet,
        Severity = f.Severity,
        Category = f.Category,
        Title = f.Title,
        Message = f.Message,
        Remediation = f.Remediation,
        Subject = f.Subject,
        Facts = f.Facts,
        Fingerprint = f.Fingerprint,
        SubjectName = name,
        Owner = owner,
        OwnerName = ownerName,
    };

    [Fact]
    public void Text_one_line_per_finding_plus_its_message_and_the_remediation_once_per_rule()
    {
        var text = TextFormat.Render([Named()], ReportLabels.English, colour: false);
        var lines = text.Split('\n');
        Assert.Contains("    - Channel ACME (a) · Owner: Petra Brandt", lines);
        Assert.Contains("    - Channel ACME (b)", lines);
        Assert.Contains("    - Channel Careers · Owner: Petra Brandt", lines); // unique: no id
        Assert.Equal(1, lines.Count(l => l == "    Remediation: Fix GOV-003"));
        Assert.Equal(1, lines.Count(l => l == "  GOV-003  GOV-003 title"));
        Assert.DoesNotContain("Channel/a", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Fingerprint", text, StringComparison.Ordinal);

        // Each finding: its line, then its message, nothing else.
        var at = Array.IndexOf(lines, "    - Channel ACME (b)");
        Assert.Equal("      GOV-003 message", lines[at + 1]);
        Assert.Equal("    Remediation: Fix GOV-003", lines[at + 2]);
    }

    [Fact]
    public void Text_verbose_has_everything_per_finding()
    {
        var text = TextFormat.Instance.WriteToString([Named()], new ReportWriterOptions { Verbose = true });
        var lines = text.Split('\n');
        Assert.Equal(2, lines.Count(l => l == "      Remediation: Fix GOV-003"));
        Assert.Contains("      Subject: Channel/a", lines);
        Assert.Contains("      Owner: Person/p-brandt", lines);
        Assert.Contains("      Fingerprint: " + Fingerprint("governance", "GOV-003", "Channel/a"), lines);
    }

    [Fact]
    public void German_text_uses_the_labels_of_fact_types()
    {
        var text = TextFormat.Render([Named("de")], ReportLabels.German, colour: false);
        Assert.Contains("    - Kanal ACME (a) · Zuständig: Petra Brandt", text.Split('\n'));
        Assert.DoesNotContain("Channel", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_starts_with_the_tables_by_owner_and_by_channel_then_the_details()
    {
        var md = MarkdownFormat.Render([Named()], ReportLabels.English);
        var byOwner = md.IndexOf("# Findings by owner", StringComparison.Ordinal);
        var byChannel = md.IndexOf("# Findings by channel", StringComparison.Ordinal);
        var findings = md.IndexOf("# Findings\n", StringComparison.Ordinal);
        Assert.True(byOwner > 0 && byOwner < byChannel && byChannel < findings, md);
        Assert.Contains("| Petra Brandt | **2** | 0 | 1 | 1 | 0 | 0 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("| _no owner named_ | **1** | 0 | 1 | 0 | 0 | 0 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("| ACME (a) | **1** |", md, StringComparison.Ordinal);
        Assert.Contains("| Careers | **1** |", md, StringComparison.Ordinal);
        Assert.Contains("| Channel ACME (b) | no owner named |", md, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(md, Regex.Escape("**Remediation:** Fix GOV-003")));
        Assert.Contains("Category: data protection", md, StringComparison.Ordinal); // the category's label
    }

    [Fact]
    public void Html_has_four_views_and_the_remediation_once_per_rule()
    {
        var html = HtmlFormat.Render([Named()], ReportLabels.English);
        foreach (var view in new[] { "severity", "category", "subject", "owner" })
        {
            Assert.Contains($"<input type=\"radio\" class=\"view-{view}\"", html, StringComparison.Ordinal);
            Assert.Contains($"<div class=\"view view-{view}\">", html, StringComparison.Ordinal);
        }

        // Every finding is in each of the four views; the remediation is with its rule, once.
        Assert.Equal(4 * 3, Regex.Count(html, "<article class=\"finding "));
        Assert.Equal(1, Regex.Count(html, Regex.Escape("<strong>Remediation:</strong> Fix GOV-003")));
        Assert.Contains("<span class=\"subject\">Channel ACME (a)</span> · <span class=\"owner\">Owner: Petra Brandt</span>", html, StringComparison.Ordinal);
        Assert.Contains("<h4>Petra Brandt <span class=\"muted\">(2)</span></h4>", html, StringComparison.Ordinal);
        Assert.Contains("<h4>no owner named <span class=\"muted\">(1)</span></h4>", html, StringComparison.Ordinal);
        Assert.Contains("<h4>data protection <span class=\"muted\">(1)</span></h4>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Html_verbose_repeats_the_remediation_and_shows_references()
    {
        var html = HtmlFormat.Instance.WriteToString([Named()], new ReportWriterOptions { Verbose = true });
        Assert.Equal(1 + 4 * 2, Regex.Count(html, Regex.Escape("<strong>Remediation:</strong> Fix GOV-003")));
        Assert.Contains("<code>Person/p-brandt</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_failures_name_subjects_and_owners_by_display_name()
    {
        var xml = XDocument.Parse(JUnitFormat.Render([Named("de")], ReportLabels.German));
        var failure = xml.Descendants("testcase").Single(t => ((string)t.Attribute("name")!).StartsWith("GOV-003", StringComparison.Ordinal)).Element("failure")!;
        Assert.Contains("[hoch] Kanal ACME (a) · Zuständig: Petra Brandt\nGOV-003 message", failure.Value, StringComparison.Ordinal);
        Assert.Contains("[hoch] Kanal ACME (b)\n", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_keeps_ids_as_logical_locations_and_adds_the_display_name()
    {
        var sarif = JObject.Parse(SarifFormat.Instance.WriteToString([Named("de")], new ReportWriterOptions { ReadModelFile = _ => null }));
        var result = sarif["runs"]![0]!["results"]![0]!;
        Assert.Equal("GOV-003 message (Kanal ACME)", (string?)result["message"]!["text"]);
        Assert.Equal("Channel/a", (string?)result["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]);
        Assert.Equal("a", (string?)result["locations"]![0]!["logicalLocations"]![0]!["name"]);
        Assert.Equal("ACME", (string?)result["properties"]!["subjectName"]);
        Assert.Equal("Person/p-brandt", (string?)result["properties"]!["owner"]);
        Assert.Equal("Petra Brandt", (string?)result["properties"]!["ownerName"]);
    }
}
