using System.Text.RegularExpressions;
using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Writers;
using static Deeg.Policy.Tests.Reporting.Writers.ReportSamples;

namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>
/// The <c>html</c> format over reports built in code: escaping and the page's frame. The page as the
/// command line writes it, rendered in headless Chromium, is tested in the CLI tests (HtmlOutputTests).
/// </summary>
public class HtmlFormatTests
{
    [Fact]
    public void Model_and_rule_texts_are_escaped()
    {
        var hostile = "<script>alert('x')</script> & \"quotes\" <img src=https://evil.example/x.png>";
        var report = Report(
            [Finding("GOV-001", Severity.High, "Channel/<b>", message: hostile, category: "<i>cat</i>")],
            [new EvaluationError("GOV-009", "<b>broke</b>")],
            name: hostile);
        var html = HtmlFormat.Render([report], ReportLabels.English);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>broke", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Channel/<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", html, StringComparison.Ordinal);
        Assert.Contains("<code>GOV-009</code>: &lt;b&gt;broke&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Social media policy report", "Findings by category")]
    [InlineData("de", "Bericht zur Social-Media-Policy", "Befunde nach Kategorie")]
    public void One_page_in_the_language_of_the_options(string language, string title, string byCategory)
    {
        var html = HtmlFormat.Instance.WriteToString([Nine()], new ReportWriterOptions { Language = language });
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"" + language + "\">", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Contains("<h1>" + title + "</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"{byCategory}\"", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(html, "<svg ").Count);
        Assert.Contains("<meta name=\"generator\" content=\"deeg-policy 1.0.0\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_language_the_page_takes_the_reports_language()
    {
        var html = HtmlFormat.Instance.WriteToString([Report([], language: "de")]);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"de\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_the_five_characters_of_markup()
    {
        Assert.Equal("&amp;&lt;&gt;&quot;&#39;ä", HtmlFormat.E("&<>\"'ä"));
        Assert.Same("plain", HtmlFormat.E("plain"));
    }
}
