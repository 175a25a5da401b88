using Deeg.Policy.Testing;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>
/// Every file of the hostile corpus (Corpus/corpus.json) through the public API of its kind: the
/// errors are exactly the expected ones (code, line, column), every diagnostic is well-formed, and
/// nothing throws or hangs.
/// </summary>
public class CorpusTests
{
    public static TheoryData<string> Files() => [.. Hostile.Entries.Select(e => e.File)];

    /// <summary>Loads a corpus file with the API of its kind.</summary>
    internal static IReadOnlyList<Diagnostic> Load(Hostile.Entry entry) => entry.Kind switch
    {
        "model" => PolicyModel.Load(entry.Path).Diagnostics,
        "ruleSet" => PolicyEngine.CreateBuilder().AddRuleSetFile(entry.Path).TryBuild().Diagnostics,
        "waivers" => WaiverSet.Load(entry.Path).Diagnostics,
        "tests" => RuleSetTestFile.Load(entry.Path).Diagnostics,
        _ => throw new InvalidOperationException($"unknown kind '{entry.Kind}' in corpus.json"),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_file_gives_exactly_its_expected_errors(string file)
    {
        var entry = Hostile.Entries.Single(e => e.File == file);
        var diagnostics = Hostile.Bounded(() => Load(entry), file);

        Assert.All(diagnostics, d => Assert.True(Hostile.WellFormed(d), $"malformed diagnostic: {d}"));
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var actual = errors.Select(d => (d.Code, d.Line, d.Column)).ToList();
        Assert.True(entry.Expect.SequenceEqual(actual),
            $"{file} ({entry.What})\nexpected: {string.Join(", ", entry.Expect)}\nactual:   {string.Join(Environment.NewLine + "          ", errors)}");

        // Diagnostics name the file as given, wherever they come from (a test file's own rule sets aside).
        if (entry.Kind != "tests") Assert.All(errors, d => Assert.Equal(entry.Path, d.File));
    }

    [Fact]
    public void The_manifest_lists_every_corpus_file_once()
    {
        var listed = Hostile.Entries.Select(e => e.File).ToList();
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        var present = Directory.GetFiles(Hostile.CorpusDirectory, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Hostile.CorpusDirectory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != "corpus.json")
            .Order(StringComparer.Ordinal);
        Assert.Equal(present, listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_corpus_covers_every_kind_of_damage_the_issue_names()
    {
        var codes = Hostile.Entries.SelectMany(e => e.Expect.Select(x => x.Code)).ToHashSet();
        foreach (var code in new[] { "DP1002", "DP1003", "DP1004", "DP1005", "DP1007", "DP1008", "DP1009", "DP2003", "DP2006", "DP2011", "DP3009", "DP4001", "DP4002", "DP4004", "DP4009", "DP4012" })
            Assert.Contains(code, codes);
        Assert.Contains(Hostile.Entries, e => e.Expect.Count == 0 && e.File.Contains("bom", StringComparison.Ordinal));
        Assert.Contains(Hostile.Entries, e => e.Expect.Count == 0 && e.File.Contains("cyclic", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_corpus_models_evaluate_against_every_built_in_pack()
    {
        var engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();
        foreach (var entry in Hostile.Entries.Where(e => e.Kind == "model" && e.Expect.Count == 0))
        {
            var model = engine.LoadModel(entry.Path).Model!;
            var report = Hostile.Bounded(() => engine.Evaluate(model), entry.File);
            Assert.Empty(report.Errors);
        }
    }
}
