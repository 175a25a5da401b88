using System.Text.RegularExpressions;
using Deeg.Policy.TestSupport;

namespace Deeg.Policy.Cli.Tests;

/// <summary>
/// <c>check --format html</c>: one self-contained page (no script, no resource from elsewhere) in both
/// languages — and rendered in headless Chromium, whose screenshots are kept in the test output's
/// <c>artifacts</c> directory (bin/Debug/net10.0/artifacts/report-*.png). The escaping of model and
/// rule texts is tested in the library (HtmlFormatTests).
/// </summary>
public class HtmlOutputTests
{

    /// <summary>Anything that would make a browser fetch something: scripts, links, embedded objects, images, CSS URLs, links off the page.</summary>
    private static readonly Regex ResourceLoad = new(
        @"<script|<link|<iframe|<object|<embed|<img|<video|<audio|<source|\bsrc\s*=|@import|url\(|\bhref\s*=\s*(?![""']?#)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The page's own words the tests look for, in each language (the library's label table has them all).</summary>
    private sealed record PageLabels(string ReportTitle, string Score, string FindingsBySeverity, string FindingsByCategory, string Remediation,
        string AppliedWaivers, string ExpiredWaivers, string UnusedWaivers, string NoErrors)
    {
        public static PageLabels For(string language) => language == "de"
            ? new("Bericht zur Social-Media-Policy", "Score", "Befunde nach Schweregrad", "Befunde nach Kategorie", "Abhilfe",
                "Angewandte Ausnahmen", "Abgelaufene Ausnahmen (nicht mehr angewandt)", "Ungenutzte Ausnahmen (zu keinem Befund passend)",
                "Keine Regel ist bei der Auswertung fehlgeschlagen.")
            : new("Social media policy report", "Score", "Findings by severity", "Findings by category", "Remediation",
                "Applied waivers", "Expired waivers (no longer applied)", "Unused waivers (matched no finding)",
                "No rule failed at evaluation time.");
    }

    /// <summary>Text as the page escapes it (no label has more than these).</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string HtmlOf(string language, string? waivers = null, params string[] models)
    {
        string[] args = ["check", .. models.Length == 0 ? [Cli.Model] : models, "--format", "html", "--lang", language, "--fail-on", "none"];
        if (models.Length == 0) args = [.. args, "--rules", Cli.Rules];
        if (waivers is not null) args = [.. args, "--waivers", waivers];
        var result = Cli.Run(args);
        Assert.True(result.Code == 0, result.ToString());
        return result.Stdout;
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public void Self_contained_page_with_score_charts_findings_waivers_and_rule_sets(string language)
    {
        using var dir = new TempDir();
        var html = HtmlOf(language, ReportFormats.WaiverFile(dir));
        var labels = PageLabels.For(language);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"" + language + "\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ResourceLoad, html);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal); // the example's texts have no URL: nothing of the page's own does either
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);

        // Score ring and the two charts as inline SVG.
        Assert.Contains($"aria-label=\"{labels.Score} 63\"", html, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"{labels.FindingsBySeverity}\"", html, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"{labels.FindingsByCategory}\"", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(html, "<svg ").Count);

        // Findings grouped (in the category view) by the category's label, with message and remediation; the waived one marked.
        Assert.Contains($"<h4>{(language == "de" ? "Kultur" : "culture")} <span class=\"muted\">(1)</span></h4>", html, StringComparison.Ordinal);
        Assert.Contains($"<h4>{(language == "de" ? "allgemein" : "general")} <span class=\"muted\">(1)</span></h4>", html, StringComparison.Ordinal);
        Assert.Contains($"<strong>{labels.Remediation}:</strong> Assign a second administrator.", html, StringComparison.Ordinal);
        Assert.Contains("<article class=\"finding sev-high waived\">", html, StringComparison.Ordinal);
        Assert.Contains(language == "de" ? "Ben Beispiel ist Sponsor für Social Media" : "Ben Beispiel sponsors social media", html, StringComparison.Ordinal);

        // Waivers applied, expired and unused; rule sets; errors.
        Assert.Contains(Escape(labels.AppliedWaivers) + " <span class=\"muted\">(1)</span>", html, StringComparison.Ordinal);
        Assert.Contains(Escape(labels.ExpiredWaivers) + " <span class=\"muted\">(1)</span>", html, StringComparison.Ordinal);
        Assert.Contains(Escape(labels.UnusedWaivers) + " <span class=\"muted\">(1)</span>", html, StringComparison.Ordinal);
        Assert.Contains("<code>GOV-404</code>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td><code>muster-extra</code></td><td>1.0.0</td><td class=\"num\">2</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains(Escape(labels.NoErrors), html, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_models_get_an_overview_with_anchors()
    {
        var html = HtmlOf("en", null, [.. ReportFormats.SampleModels]);
        Assert.DoesNotMatch(ResourceLoad, html);
        var anchors = Regex.Matches(html, "<a href=\"#(report-[0-9]+-[A-Za-z0-9_-]+)\">").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ReportFormats.SampleModels.Count, anchors.Count);
        foreach (var anchor in anchors) Assert.Contains($"<section class=\"report\" id=\"{anchor}\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Slow")]
    [Trait("Kind", "Browser")]
    [InlineData("en")]
    [InlineData("de")]
    public void Renders_in_headless_chromium_without_console_errors(string language)
    {
        HeadlessChromium.Ensure();

        using var dir = new TempDir();
        var artifacts = ReportFormats.ArtifactsDirectory;
        var html = Path.Combine(artifacts, $"report-{language}.html");
        var result = Cli.Run(["check", .. ReportFormats.SampleModels.Take(1), "--waivers", SampleWaivers(dir), "--format", "html", "--lang", language, "--output", html, "--fail-on", "none"]);
        Assert.True(result.Code == 0, result.ToString());

        var png = Path.Combine(artifacts, $"report-{language}.png");
        File.Delete(png);
        var (code, log) = HeadlessChromium.Run(dir.Path, $"--screenshot={png}", "--window-size=1280,2000", new Uri(html).AbsoluteUri);
        Assert.True(code == 0, "chromium failed:\n" + log);
        Assert.True(File.Exists(png), "no screenshot:\n" + log);

        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 50_000, $"the screenshot is suspiciously small ({bytes.Length} bytes): an empty page?");
        Assert.Empty(HeadlessChromium.ConsoleLines(log));

        // The DOM as Chromium built it: the page's own words are there.
        var (domCode, dom) = HeadlessChromium.Run(dir.Path, "--dump-dom", new Uri(html).AbsoluteUri);
        Assert.Equal(0, domCode);
        Assert.Contains("<h1>" + Escape(PageLabels.For(language).ReportTitle) + "</h1>", dom, StringComparison.Ordinal);
        Assert.Contains(Escape(PageLabels.For(language).FindingsByCategory), dom, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Kind", "Browser")]
    public void The_console_check_does_catch_a_broken_page()
    {
        HeadlessChromium.Ensure();
        using var dir = new TempDir();
        var page = dir.File("broken.html", "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction()</script></body></html>");
        var (_, log) = HeadlessChromium.Run(dir.Path, $"--screenshot={dir.Combine("broken.png")}", "--window-size=400,300", new Uri(page).AbsoluteUri);
        Assert.Contains(HeadlessChromium.ConsoleLines(log), l => l.Contains("Uncaught", StringComparison.Ordinal));
    }

    /// <summary>A waiver file for the first sample model (hahn): one applied, one expired, one unused.</summary>
    private static string SampleWaivers(TempDir dir) => dir.File("sample.waivers.json", """
        {
          "waivers": [
            { "rule": "DEEG-003", "subject": "Stakeholder/customers:linkedin", "justification": "Sales covers LinkedIn personally until Q2.",
              "approvedBy": "ciso@hahn.example", "expires": "2027-03-31" },
            { "rule": "DEEG-404", "justification": "Matches nothing.", "expires": "2027-03-31" },
            { "rule": "DEEG-001", "justification": "Expired long ago.", "expires": "2025-01-01" }
          ]
        }
        """);
}
