using Deeg.Policy.TestSupport;
using Deeg.Policy.History.TestWriter;

namespace Deeg.Policy.History.Tests;

/// <summary>The history page renders in headless Chromium (Debian's package, as the report's HTML test): a screenshot, no console message, the chart in the DOM.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Browser")]
public sealed class HistoryHtmlBrowserTests : IDisposable
{

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("en", "Longest-open findings")]
    [InlineData("de", "Am längsten offene Befunde")]
    public void Renders_in_headless_chromium_without_console_messages(string language, string heading)
    {
        HeadlessChromium.Ensure();
        var db = _dir.Combine("team.db");
        using (var store = HistoryStore.Open(db))
        {
            var start = new DateOnly(2026, 1, 5);
            for (var week = 0; week < 12; week++)
            {
                var findings = Enumerable.Range(0, 30 - (week * 2))
                    .Select(i => ($"R-{i % 7:00}", $"Channel/c-{i}", (Severity)(i % 5), i == 3)).ToList();
                store.Record(SyntheticReports.Make("acme", start.AddDays(7 * week), findings, score: 40 + (week * 4)));
            }
        }

        var page = _dir.Combine($"history-{language}.html");
        using (var store = HistoryStore.Open(db, readOnly: true)) File.WriteAllText(page, HistoryReport.Read(store).ToHtml(language));

        var png = _dir.Combine($"history-{language}.png");
        var (code, log) = HeadlessChromium.Run(_dir.Path, $"--screenshot={png}", "--window-size=1280,1800", new Uri(page).AbsoluteUri);
        Assert.True(code == 0, "chromium failed:\n" + log);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 30_000, $"the screenshot is suspiciously small ({bytes.Length} bytes)");
        var console = HeadlessChromium.ConsoleLines(log);
        Assert.True(console.Count == 0, string.Join('\n', console));

        var (domCode, dom) = HeadlessChromium.Run(_dir.Path, "--dump-dom", new Uri(page).AbsoluteUri);
        Assert.Equal(0, domCode);
        Assert.Contains(heading, dom, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"score\"", dom, StringComparison.Ordinal);
        Assert.Equal(12, dom.Split("<g class=\"run\">").Length - 1);
        File.Copy(png, Path.Combine(AppContext.BaseDirectory, $"history-{language}.png"), overwrite: true);
    }
}
