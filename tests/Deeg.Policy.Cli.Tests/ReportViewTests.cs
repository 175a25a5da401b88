using System.Net;
using System.Text.RegularExpressions;
using Deeg.Policy.TestSupport;

namespace Deeg.Policy.Cli.Tests;

/// <summary>
/// The HTML report's four views of the findings (by severity, category, subject, owner), switched by
/// radio buttons and CSS alone, rendered in headless Chromium in both languages: a screenshot of each
/// view (bin/…/artifacts/report-views-*.png) and the text the browser shows, which has the view's
/// group headings and not the other views'. The German page shows none of the English words.
/// </summary>
public class ReportViewTests
{
    private static readonly string[] Views = ["severity", "category", "subject", "owner"];

    /// <summary>Words of the English page (severities, categories, fact types, the page's own words) that the German page must not show.</summary>
    private static readonly string[] EnglishWords =
    [
        "critical", "high", "medium", "low", "info", "culture", "governance", "data protection", "accounts", "roles", "training", "general",
        "Channel", "Policy", "Role assignment", "Use case", "Owner", "no owner named", "Remediation", "Findings", "waived", "by severity", "by owner",
        "dormant", "active", "channelAdmin", "socialMediaLead",
    ];

    /// <summary>A rule that names an owner: each channel's admin.</summary>
    private const string OwnerRules = """
        { "ruleSet": "owners", "version": "1.0.0", "rules": [
          { "id": "OWN-001", "title": { "en": "Channel admin to confirm", "de": "Kanal-Admin soll bestätigen" }, "severity": "low", "category": "roles",
            "when": [ { "fact": "Channel", "as": "c" },
                      { "fact": "RoleAssignment", "as": "r", "where": ["r.channel == c.id", "r.role == 'channelAdmin'"] },
                      { "fact": "Person", "as": "p", "where": "p.id == r.person" } ],
            "finding": { "subject": "c", "owner": "p",
                         "message": { "en": "{p.name} confirms the channel.", "de": "{p.name} bestätigt den Kanal." } } } ] }
        """;

    [Theory]
    [Trait("Category", "Slow")]
    [Trait("Kind", "Browser")]
    [InlineData("en")]
    [InlineData("de")]
    public void Each_view_shows_its_groups_in_headless_chromium(string language)
    {
        HeadlessChromium.Ensure();
        using var dir = new TempDir();
        var rules = dir.File("owners.rules.json", OwnerRules);
        var artifacts = ReportFormats.ArtifactsDirectory;
        var page = Path.Combine(artifacts, $"report-views-{language}.html");
        var result = Cli.Run(["check", ReportFormats.SampleModels[0], "--rules", rules, "--builtin", "all", "--format", "html", "--lang", language, "--output", page, "--fail-on", "none"]);
        Assert.True(result.Code == 0, result.ToString());
        var html = File.ReadAllText(page);

        // The rules' own texts and the ids shown as ids are not the page's words: the word check leaves them out.
        var json = Cli.Run(["check", ReportFormats.SampleModels[0], "--rules", rules, "--builtin", "all", "--format", "json", "--lang", language, "--fail-on", "none"]);
        var report = ReportFormats.Parse(json.Stdout);
        var notThePages = report["findings"]!.SelectMany(f => new[] { (string?)f["message"], (string?)f["remediation"], (string?)f["title"] })
            .Concat(report["ruleSets"]!.Select(r => (string?)r["id"])).OfType<string>().Where(t => t.Length > 0).Distinct().OrderByDescending(t => t.Length).ToList();

        var headings = Views.ToDictionary(v => v, v => Headings(html, v));
        Assert.All(headings.Values, h => Assert.NotEmpty(h));
        // Findings without an owner have a group of their own, exactly when there are some.
        var ownerless = report["findings"]!.Count(f => f["owner"]?.Type is null or Newtonsoft.Json.Linq.JTokenType.Null);
        var noOwner = language == "de" ? "niemand benannt (" : "no owner named (";
        if (ownerless > 0) Assert.Contains(headings["owner"], h => h == noOwner + ownerless + ")");
        else Assert.DoesNotContain(headings["owner"], h => h.StartsWith(noOwner, StringComparison.Ordinal));
        Assert.True(headings["owner"].Count >= 2, "some findings have an owner: " + string.Join(" | ", headings["owner"]));

        foreach (var view in Views)
        {
            // The page as a reader leaves it after choosing the view.
            var chosen = Choose(html, view);
            var png = Path.Combine(artifacts, $"report-views-{language}-{view}.png");
            File.Delete(png);
            var shown = dir.File($"{view}.html", chosen);
            var (code, log) = HeadlessChromium.Run(dir.Path, $"--screenshot={png}", "--window-size=1280,2400", new Uri(shown).AbsoluteUri);
            Assert.True(code == 0 && File.Exists(png), "no screenshot:\n" + log);
            Assert.True(new FileInfo(png).Length > 50_000, "the screenshot is suspiciously small: an empty page?");
            Assert.Empty(HeadlessChromium.ConsoleLines(log));

            var visible = VisibleText(dir, view, chosen);
            var lines = visible.Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
            foreach (var heading in headings[view]) Assert.True(lines.Contains(heading), $"{view}: '{heading}' is not shown\n{visible}");
            foreach (var other in Views.Where(v => v != view).SelectMany(v => headings[v]).Except(headings[view]))
                Assert.False(lines.Contains(other), $"{view}: '{other}' of another view is shown");

            if (language == "de")
            {
                var pagesOwn = notThePages.Aggregate(visible, (text, rule) => text.Replace(rule, " ", StringComparison.Ordinal));
                foreach (var word in EnglishWords)
                    Assert.False(Regex.IsMatch(pagesOwn, @"(?<![\p{L}-])" + Regex.Escape(word) + @"(?![\p{L}-])"), $"the German page shows '{word}' in the {view} view");
                Assert.Contains("Zuständig:", visible, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("Owner:", visible, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The group headings of a view as the browser shows them: "title (count)".</summary>
    private static List<string> Headings(string html, string view)
    {
        var start = html.IndexOf($"<div class=\"view view-{view}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {view} view");
        var end = html.IndexOf("</div>", start, StringComparison.Ordinal);
        return Regex.Matches(html[start..end], "<h4>(.*?) <span class=\"muted\">\\((\\d+)\\)</span></h4>")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value) + " (" + m.Groups[2].Value + ")").ToList();
    }

    /// <summary>The page with the radio button of <paramref name="view"/> checked instead of the first.</summary>
    private static string Choose(string html, string view)
    {
        var unchecked_ = Regex.Replace(html, "(<input type=\"radio\"[^>]*) checked>", "$1>");
        Assert.NotEqual(html, unchecked_);
        return Regex.Replace(unchecked_, $"(<input type=\"radio\" class=\"view-{view}\"[^>]*)>", "$1 checked>");
    }

    /// <summary>
    /// What the browser shows of the page (<c>innerText</c> leaves out what CSS hides), read with a
    /// script that only this test copy has (the report itself has none, and its CSP would block it).
    /// </summary>
    private static string VisibleText(TempDir dir, string view, string html)
    {
        var probe = Regex.Replace(html, "<meta http-equiv=\"Content-Security-Policy\"[^>]*>", string.Empty)
            .Replace("</body>", "<script>const t = document.body.innerText; const p = document.createElement('pre'); p.id = 'visible-text'; p.textContent = t; document.body.appendChild(p);</script>\n</body>", StringComparison.Ordinal);
        var file = dir.File($"{view}-probe.html", probe);
        var (code, dom) = HeadlessChromium.Run(dir.Path, "--dump-dom", new Uri(file).AbsoluteUri);
        Assert.Equal(0, code);
        var match = Regex.Match(dom, "<pre id=\"visible-text\">(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(match.Success, "the probe did not run:\n" + dom[..Math.Min(dom.Length, 2000)]);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
