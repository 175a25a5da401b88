using System.Net;
using System.Text.RegularExpressions;
using Deeg.Policy.Core;
using Deeg.Policy.Reporting;

namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>
/// German text, Markdown and HTML reports of the sample models contain no English enum value,
/// category, severity or fact-type word and no camelCase identifier outside ids shown as ids. The
/// forbidden words come from the label table: every label whose English differs from its German.
/// </summary>
/// <remarks>
/// The rules' own texts (titles, messages, remediations) are the rule sets' words, not the formats':
/// they are taken out before the check (the built-in packs' messages are checked on their own).
/// </remarks>
public partial class GermanReportTests
{
    private static readonly Lazy<PolicyEngine> Engine = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build());

    // Each sample model is evaluated once for the three formats.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ModelLoadResult Loaded, ComplianceReport Report)> Evaluated = new();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in Directory.GetFiles(Repository.Path("samples", "models"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            foreach (var format in new[] { "text", "markdown", "html" }) data.Add(model!, format);
        }

        return data;
    }

    /// <summary>English words the German output must not have: (word, where it comes from).</summary>
    internal static List<(string Word, string Source)> ForbiddenWords()
    {
        var words = new List<(string, string)>();
        void Add(string source, string member, Labels.Label label)
        {
            if (string.Equals(label.En, label.De, StringComparison.OrdinalIgnoreCase)) return;
            words.Add((label.En, source));
            if (member != label.En && !string.Equals(member, label.De, StringComparison.OrdinalIgnoreCase)) words.Add((member, source));
        }

        foreach (var (enumType, members) in Labels.EnumTypes)
        {
            foreach (var member in members) Add(enumType, member, Labels.Find(enumType, member)!);
        }

        foreach (var factType in Labels.FactTypeNames) Add("fact type", factType, Labels.FindFactType(factType)!);
        foreach (var category in Labels.CategoryNames.Append("general"))
        {
            var en = category == "general" ? Labels.Get("report.category.general", "en") : Labels.Category(category, "en");
            var de = category == "general" ? Labels.Get("report.category.general", "de") : Labels.Category(category, "de");
            Add("category", category, new Labels.Label(en, de));
        }

        return words;
    }

    [Fact]
    public void The_forbidden_words_cover_severities_categories_enum_values_and_fact_types()
    {
        var words = ForbiddenWords().Select(w => w.Word).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "critical", "high", "medium", "low", "info", "dormant", "channelAdmin", "social media lead", "Channel", "Policy", "culture", "data protection", "general" }, words);
        Assert.DoesNotContain("LinkedIn", words); // the same in both languages
        Assert.DoesNotContain("Person", words);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void German_reports_have_no_english_words_and_no_camel_case(string model, string format)
    {
        var (loaded, report) = Evaluated.GetOrAdd(model, m =>
        {
            var result = Engine.Value.LoadModel(Repository.Path("samples", "models", m));
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            return (result, Engine.Value.Evaluate(result.Model!, new EvaluationOptions { Language = "de" }));
        });
        Assert.NotEmpty(report.Findings);

        foreach (var verbose in new[] { false, true })
        {
            var output = ReportWriters.Get(format).WriteToString([report], new ReportWriterOptions { Verbose = verbose });
            var text = Readable(output, format);

            // What the rule sets wrote, and ids shown as ids, are not the format's words.
            foreach (var f in report.Findings)
            {
                foreach (var ruleText in new[] { f.Message, f.Remediation, f.Title })
                {
                    if (!string.IsNullOrEmpty(ruleText)) text = text.Replace(ruleText, " ", StringComparison.Ordinal);
                }
            }

            text = RemoveIds(text, report, loaded.Model!).Replace(report.Organisation.Name, " ", StringComparison.Ordinal); // the name as the model has it ("gGmbH")

            var found = ForbiddenWords().Where(w => Regex.IsMatch(text, @"(?<![\p{L}\p{N}_/-])" + Regex.Escape(w.Word) + @"(?![\p{L}\p{N}_/-])")).ToList();
            Assert.True(found.Count == 0, $"{model} {format} (verbose: {verbose}) has English words: {string.Join(", ", found.Select(w => $"'{w.Word}' ({w.Source})"))}\n{Context(text, found.Select(w => w.Word).FirstOrDefault())}");
            var camel = CamelCase().Matches(text).Select(m => m.Value).Distinct().ToList();
            Assert.True(camel.Count == 0, $"{model} {format} (verbose: {verbose}) has camelCase identifiers: {string.Join(", ", camel)}\n{Context(text, camel.FirstOrDefault())}");
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("html")]
    public void The_check_finds_the_english_words_of_an_english_report(string format)
    {
        var loaded = Engine.Value.LoadModel(Repository.Path("samples", "models", "hahn-antriebstechnik.json"));
        var report = Engine.Value.Evaluate(loaded.Model!, new EvaluationOptions { Language = "en" });
        var text = Readable(ReportWriters.Get(format).WriteToString([report]), format);
        var found = ForbiddenWords().Where(w => Regex.IsMatch(text, @"(?<![\p{L}\p{N}_/-])" + Regex.Escape(w.Word) + @"(?![\p{L}\p{N}_/-])")).Select(w => w.Word).ToList();
        Assert.Contains("high", found);
        Assert.Contains("Channel", found);
    }

    /// <summary>The text a reader sees: for HTML and Markdown without the markup, style sheet and entities.</summary>
    private static string Readable(string output, string format)
    {
        if (format == "text") return output;
        var text = Regex.Replace(output, "<style>.*?</style>", " ", RegexOptions.Singleline);
        text = Regex.Replace(text, "<[^>]+>", " ");
        return WebUtility.HtmlDecode(format == "markdown" ? text.Replace("\\", string.Empty, StringComparison.Ordinal) : text);
    }

    /// <summary>Takes out the ids a report shows as ids: organisation, facts, rules, rule sets, fingerprints, the model file.</summary>
    private static string RemoveIds(string text, ComplianceReport report, PolicyModel model)
    {
        var ids = new List<string> { report.Organisation.Id, report.ModelFile ?? string.Empty };
        ids.AddRange(model.AllFacts().Select(f => f is Deeg.Policy.Model.IFact fact ? fact.Id : null).OfType<string>());
        ids.AddRange(report.Findings.SelectMany(f => new[] { f.RuleId, f.RuleSet, f.Fingerprint, f.Subject.ToString(), f.Owner?.ToString() ?? string.Empty }));
        ids.AddRange(report.RuleSets.Select(r => r.Id));
        foreach (var id in ids.Where(i => i.Length > 0).Distinct().OrderByDescending(i => i.Length))
            text = Regex.Replace(text, @"(?<![\p{L}\p{N}_-])" + Regex.Escape(id) + @"(?![\p{L}\p{N}_-])", " ");
        return text;
    }

    private static string Context(string text, string? word)
    {
        if (word is null) return string.Empty;
        var at = text.IndexOf(word, StringComparison.Ordinal);
        return at < 0 ? string.Empty : "…" + text[Math.Max(0, at - 120)..Math.Min(text.Length, at + 120)] + "…";
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}_-])[a-z]+[A-Z][A-Za-z0-9]*(?![\p{L}\p{N}_-])")]
    private static partial Regex CamelCase();
}
