using Deeg.Policy.Testing;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Testing;

/// <summary>
/// The worked examples of docs/writing-rules.md are files a reader can run: every tests file passes,
/// every rule fires, every requirement is one rule whose messages are pinned in English and German,
/// and the page links each file.
/// </summary>
public class WritingRulesExamplesTests
{
    private static string Folder => Repository.Path("docs", "writing-rules");

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repository.Path("docs", "writing-rules"), "*.tests.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void There_are_the_five_worked_examples_and_the_page_links_each()
    {
        var page = File.ReadAllText(Repository.Path("docs", "writing-rules.md"));
        var rules = Directory.GetFiles(Folder, "*.rules.json").Select(Path.GetFileName).ToList();
        Assert.Equal(5, rules.Count);
        Assert.All(rules, r => Assert.Contains("(writing-rules/" + r + ")", page, StringComparison.Ordinal));
        Assert.All(rules, r => Assert.True(File.Exists(Path.Combine(Folder, r!.Replace(".rules.json", ".tests.json", StringComparison.Ordinal))), r));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_passes_with_message_expectations_in_both_languages(string tests)
    {
        var file = RuleSetTestFile.Load(Path.Combine(Folder, tests));
        Assert.True(file.Succeeded, string.Join(Environment.NewLine, file.Diagnostics));
        var run = file.Run();
        Assert.NotEmpty(run.Cases);
        Assert.All(run.Cases, c => Assert.True(c.Passed, c.Name + ": " + string.Join("; ", c.Failures)));
        Assert.Single(run.Rules);
        Assert.Empty(run.RulesNeverFired);

        var cases = JObject.Parse(File.ReadAllText(Path.Combine(Folder, tests)))["cases"]!.ToList();
        bool HasMessage(JToken c) => c["expect"]?.Any(e => e["message"] is not null || e["messageMatches"] is not null) == true;
        Assert.Contains(cases, c => HasMessage(c) && (string?)c["lang"] == "de");
        Assert.Contains(cases, c => HasMessage(c) && (string?)c["lang"] is null or "en");
        Assert.Contains(cases, c => c["expectNot"] is not null);
    }
}
