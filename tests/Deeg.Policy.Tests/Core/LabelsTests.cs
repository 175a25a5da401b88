using Deeg.Policy.Core;

namespace Deeg.Policy.Tests.Core;

/// <summary>The label table: every key in both languages, the language rule and composite formats.</summary>
public class LabelsTests
{
    [Fact]
    public void Every_key_has_an_English_and_a_German_label()
    {
        Assert.NotEmpty(Labels.Keys);
        foreach (var key in Labels.Keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(Labels.Get(key, "en")), key);
            Assert.False(string.IsNullOrWhiteSpace(Labels.Get(key, "de")), key);
            Assert.Equal(Labels.Get(key, "en").Count(c => c == '{'), Labels.Get(key, "de").Count(c => c == '{'));
        }
    }

    [Theory]
    [InlineData(Severity.Critical, "critical", "kritisch")]
    [InlineData(Severity.High, "high", "hoch")]
    [InlineData(Severity.Medium, "medium", "mittel")]
    [InlineData(Severity.Low, "low", "niedrig")]
    [InlineData(Severity.Info, "info", "Hinweis")]
    public void Severities(Severity severity, string en, string de)
    {
        Assert.Equal(en, Labels.Severity(severity, "en"));
        Assert.Equal(de, Labels.Severity(severity, "de"));
    }

    [Theory]
    [InlineData("de", "de")]
    [InlineData("DE", "de")]
    [InlineData("en", "en")]
    [InlineData("fr", "en")]
    [InlineData(null, "en")]
    public void German_for_de_English_for_anything_else(string? language, string expected)
    {
        Assert.Equal(expected, Labels.LanguageOf(language));
        Assert.Equal(expected == "de" ? "Stand" : "As of", Labels.Get("report.asOf", language));
    }

    [Fact]
    public void Formats_fill_the_holes_in_the_invariant_culture()
    {
        Assert.Equal("3 of 1000 rules passed", Labels.Format("report.rulesPassed", "en", 3, 1000));
        Assert.Equal("3 von 1000 Regeln erfüllt", Labels.Format("report.rulesPassed", "de", 3, 1000));
    }

    [Fact]
    public void An_unknown_key_is_a_programming_error()
    {
        Assert.Throws<KeyNotFoundException>(() => Labels.Get("no.such.label", "en"));
        Assert.False(Labels.TryGet("no.such.label", "en", out var none));
        Assert.Equal(string.Empty, none);
        Assert.True(Labels.TryGet("word.yes", "de", out var ja));
        Assert.Equal("ja", ja);
    }
}
