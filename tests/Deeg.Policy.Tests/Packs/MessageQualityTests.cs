using System.Text.RegularExpressions;
using Deeg.Policy.Core;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Model;
using Deeg.Policy.Tests.Generators;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Packs;

/// <summary>
/// Every built-in rule's message and remediation, rendered in English and German on the sample
/// models, on generated organisations and on every model of the packs' test files, reads like
/// text written for people: no plural stubs, no brackets around lists, no holes that left a gap,
/// and in German no English enum value and no camelCase identifier.
/// </summary>
public class MessageQualityTests
{
    private static readonly Lazy<PolicyEngine> Engine = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build());

    /// <summary>One engine per pack for the models of its test file: a fifth of the rules, a fifth of the time.</summary>
    private static readonly Lazy<Dictionary<string, PolicyEngine>> PackEngines = new(() =>
        PolicyEngine.BuiltInRuleSetNames.ToDictionary(p => p, p => PolicyEngine.CreateBuilder().AddBuiltInRuleSet(p).Build()));

    /// <summary>Seeds and sizes of the generated organisations: small enough for the inner loop, varied enough to reach odd corners.</summary>
    private static readonly (int Seed, int Facts)[] Generated = [(1, 200), (3, 400), (8, 800), (21, 250), (34, 500)];

    /// <summary>A model to evaluate, with the pack to evaluate it with (null: all five).</summary>
    private sealed record Input(string Name, PolicyModel Model, DateOnly? AsOf, IReadOnlyDictionary<string, object?> Parameters, string? Pack = null);

    /// <summary>The patterns no message may contain in any language, with what they mean.</summary>
    private static readonly (Regex Pattern, string Problem)[] Everywhere =
    [
        (new(@"\w\((s|e|n|en|r|er|es|in|innen)\)"), "a plural or gender stub like (s)"),
        (new(@"/-"), "a slash plural like /-fälle"),
        (new(@"[\[\]]"), "brackets"),
        (new(@"[{}]"), "an unrendered brace"),
        (new(@"\s{2,}"), "two spaces in a row"),
        (new(@"''|""\s*""|„\s*“|“\s*”|‘\s*’|'\s+'"), "an empty quoted value"),
        (new(@",\s*[.,;:)]"), "a dangling separator after a comma"),
        (new(@"\(\s*[.,;:)]|\(\s"), "an empty or dangling opening parenthesis"),
        (new(@"\s\)"), "a gap before a closing parenthesis"),
        (new(@":\s*[.,;:)]"), "a dangling separator after a colon"),
        (new(@"\s[.,;:](\s|$)"), "a space before a punctuation mark"),
        (new(@"(^\s)|([\s,:;]$)"), "a leading blank or a trailing separator"),
        (new(@"\bnull\b"), "the word null"),
        (new(@"(?<![\d.,])1 (days|hours|years|members|mentions|channels|people|posts|clauses|areas|departments|reasons|use cases|observations|stakeholders)\b"), "a plural after 1"),
        (new(@"(?<![\d.,])1 (Tage|Tagen|Stunden|Jahre|Jahren|Mitglieder|Mitgliedern|Erwähnungen|Kanäle|Kanälen|Personen|Beiträge|Klauseln|Bereiche|Bereichen|Gründe|Anwendungsfälle|Anwendungsfällen|Beobachtungen)\b"), "a plural after 1"),
    ];

    /// <summary>The patterns no German message may contain.</summary>
    private static readonly (Regex Pattern, string Problem)[] InGerman =
    [
        (new(@"(?<!\w)'[^']*'(?!\w)"), "English quotation marks (German uses „…“)"),
        (new(@"\b(true|false|yes|no)\b"), "an English truth value"),
        (new(@"\bAccount"), "'Account' (the German term is Kanal)"),
        (new(@"Reichweite"), "'Reichweite' for the scope (the German terms are extern/intern)"),
    ];

    /// <summary>Words that are English enum values and German words at once.</summary>
    private static readonly HashSet<string> AlsoGerman = new(StringComparer.Ordinal) { "negative", "positive", "neutral" };

    /// <summary>A capitalised word with a capital letter inside that abbreviates a German statute or a company form (BetrVG, UrhG, GmbH).</summary>
    private static readonly Regex Abbreviation = new(@"^[A-ZÄÖÜ][a-zäöüß]{1,5}[A-Z]{1,3}$");

    private static readonly Regex CamelCase = new(@"\p{Ll}\p{Lu}");

    private static readonly Regex Word = new(@"[\p{L}\p{N}]+");

    private static readonly Lazy<Vocabulary> Words = new(() => new Vocabulary());

    [Fact]
    public void Every_message_of_every_built_in_rule_reads_well_in_English_and_German()
    {
        var engine = Engine.Value;
        var fired = new HashSet<string>(StringComparer.Ordinal);
        var problems = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var evaluations = 0;

        foreach (var input in Inputs())
        {
            var data = DataWords(input.Model);
            var scanned = new HashSet<string>(StringComparer.Ordinal);
            foreach (var language in Labels.Languages)
            {
                var options = new EvaluationOptions { AsOf = input.AsOf, Language = language };
                foreach (var (name, value) in input.Parameters) options.Parameters[name] = value;
                var report = (input.Pack is null ? engine : PackEngines.Value[input.Pack]).Evaluate(input.Model, options);
                evaluations++;
                foreach (var error in report.Errors)
                    problems.TryAdd($"{error.RuleId} [{language}] fails at evaluation time", $"{input.Name}: {error.Message}");
                foreach (var finding in report.Findings)
                {
                    fired.Add(finding.RuleId);
                    foreach (var (part, text) in new[] { ("message", finding.Message), ("remediation", finding.Remediation) })
                    {
                        if (text is null || !scanned.Add(language + text)) continue;
                        foreach (var problem in Problems(text, language, data))
                            problems.TryAdd($"{finding.RuleId} [{language}] {part}: {problem}", $"{input.Name}: «{text}»");
                    }
                }
            }
        }

        Assert.True(evaluations > 100, $"only {evaluations} evaluations: the inputs were not found");
        Assert.True(problems.Count == 0,
            $"{problems.Count} problems in the built-in packs' messages:{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => $"{p.Key}{Environment.NewLine}    {p.Value}")));

        // A rule that never fired has messages nobody looked at: the scan above proves nothing for it.
        var neverFired = engine.Rules.Select(r => r.Id).Where(id => !fired.Contains(id)).ToList();
        Assert.True(neverFired.Count == 0, "rules that fired on none of the inputs: " + string.Join(", ", neverFired));
    }

    [Theory]
    [InlineData("Nur 3 von 5 Kanälen (60 %).", "en", new string[0])]
    [InlineData("Kanal(e) ohne Admin", "de", new[] { "a plural or gender stub like (s)" })]
    [InlineData("3 Anwendungsfall/-fälle", "de", new[] { "a slash plural like /-fälle" })]
    [InlineData("2 Beitrag/Beiträge", "de", new[] { "a slash plural like Kanal/Kanäle" })]
    [InlineData("Betriebs-/Personalrat, der/des Beauftragten, und/oder", "de", new string[0])]
    [InlineData("1 Grund/Gründe", "de", new[] { "a slash plural like Kanal/Kanäle" })]
    [InlineData("der LinkedIn-Kanal", "de", new string[0])]
    [InlineData("groups [a, b] on", "en", new[] { "brackets" })]
    [InlineData("the page  has", "en", new[] { "two spaces in a row" })]
    [InlineData("named '' has", "en", new[] { "an empty quoted value" })]
    [InlineData("Not visible: .", "en", new[] { "a dangling separator after a colon", "a space before a punctuation mark" })]
    [InlineData("in (, X)", "en", new[] { "an empty or dangling opening parenthesis" })]
    [InlineData("Missing: a, ", "en", new[] { "a leading blank or a trailing separator" })]
    [InlineData("1 days ago", "en", new[] { "a plural after 1" })]
    [InlineData("Rolle channelAdmin für LinkedIn", "de", new[] { "the English enum value channelAdmin" })]
    [InlineData("presenceDecisionRef ist leer", "de", new[] { "the camelCase identifier presenceDecisionRef" })]
    [InlineData("Der Kanal ist planned.", "de", new[] { "the English enum value planned" })]
    [InlineData("Der Kanal ist geplant, negative Erwähnungen auf LinkedIn und bei der Muster GmbH nach BetrVG.", "de", new string[0])]
    [InlineData("p-brandtX hat die Rolle", "de", new string[0])]
    [InlineData("die Seite 'Karriere' ist false", "de", new[] { "English quotation marks (German uses „…“)", "an English truth value" })]
    public void The_scan_finds_what_it_should_and_nothing_else(string text, string language, string[] expected)
    {
        var data = WordsOf(["p-brandtX", "Muster GmbH"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Problems(text, language, data).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Problems(string text, string language, IReadOnlySet<string> data)
    {
        foreach (var (pattern, problem) in Everywhere)
            if (pattern.IsMatch(text)) yield return problem;
        if (SlashWords.Matches(text).Any(m => CommonPrefix(Fold(m.Groups[1].Value), Fold(m.Groups[2].Value)) >= 3)) yield return "a slash plural like Kanal/Kanäle";
        if (Labels.LanguageOf(language) != Labels.German) yield break;
        foreach (var (pattern, problem) in InGerman)
            if (pattern.IsMatch(text)) yield return problem;

        // Names and ids of the model are the organisation's words, and labels are the product's: neither counts.
        var words = Words.Value;
        foreach (Match phrase in words.EnglishPhrases.Matches(text)) yield return "the English enum value " + phrase.Value;
        foreach (Match match in Word.Matches(text))
        {
            var word = match.Value;
            if (data.Contains(word) || words.GermanLabelWords.Contains(word)) continue;
            if (words.EnglishWords.Contains(word)) yield return "the English enum value " + word;
            else if (CamelCase.IsMatch(word) && !Abbreviation.IsMatch(word)) yield return "the camelCase identifier " + word;
        }
    }

    private static readonly Regex SlashWords = new(@"(?<![\w-])(\w+)/(\w+)");

    /// <summary>A word in lower case without umlauts, so that Grund/Gründe share their stem.</summary>
    private static string Fold(string word) =>
        word.ToLowerInvariant().Replace('ä', 'a').Replace('ö', 'o').Replace('ü', 'u');

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    private static HashSet<string> WordsOf(IEnumerable<string> texts) =>
        texts.SelectMany(t => Word.Matches(t).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The English words a German message must not contain: every model enum's members (camelCase) and
    /// every English label that differs from its German one, except words German shares; and the words
    /// of the German labels, which may be spelled in camelCase themselves (LinkedIn, YouTube).
    /// </summary>
    private sealed class Vocabulary
    {
        public Vocabulary()
        {
            var english = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in typeof(PolicyModel).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic && t.Namespace == typeof(Role).Namespace))
                english.UnionWith(Naming.EnumValues(type));
            english.UnionWith(Naming.EnumValues(typeof(Severity)));
            foreach (var (enumType, members) in Labels.EnumTypes)
            {
                foreach (var member in members)
                {
                    english.Add(member);
                    var label = Labels.Find(enumType, member)!;
                    if (label.En != label.De) english.Add(label.En);
                }
            }

            foreach (var category in Labels.CategoryNames)
            {
                var (en, de) = (Labels.Category(category, Labels.English), Labels.Category(category, Labels.German));
                if (en != de) english.Add(en);
            }

            english.ExceptWith(AlsoGerman);
            EnumValues = english.ToHashSet(StringComparer.OrdinalIgnoreCase);
            EnglishWords = english.Where(w => Word.Match(w).Value == w).ToHashSet(StringComparer.Ordinal);
            var phrases = english.Where(w => !EnglishWords.Contains(w)).OrderByDescending(w => w.Length).Select(Regex.Escape);
            EnglishPhrases = new Regex(@"(?<![\w-])(?:" + string.Join("|", phrases) + @")(?![\w-])");
            GermanLabelWords = WordsOf(Labels.EnumTypes.SelectMany(e => e.Members.Select(m => Labels.Find(e.Enum, m)!.De))
                .Concat(Labels.FactTypeNames.Select(n => Labels.FactType(n, Labels.German))));
        }

        /// <summary>English words of one word each.</summary>
        public HashSet<string> EnglishWords { get; }

        /// <summary>English labels of several words ("social media lead").</summary>
        public Regex EnglishPhrases { get; }

        /// <summary>The words of the German labels.</summary>
        public HashSet<string> GermanLabelWords { get; }

        /// <summary>Every enum value and English label, in any case: what a model string is when it is not data.</summary>
        public HashSet<string> EnumValues { get; }
    }

    /// <summary>The words of every string of the model that is not an enum value (ids, names, handles, titles, references); an id always counts.</summary>
    private static HashSet<string> DataWords(PolicyModel model)
    {
        var enumValues = Words.Value.EnumValues;
        return WordsOf(JToken.Parse(model.ToJson()).SelectTokens("$..*").OfType<JValue>()
            .Where(v => v.Type == JTokenType.String && !string.IsNullOrWhiteSpace((string?)v))
            .Where(v => v.Parent is JProperty { Name: "id" } || !enumValues.Contains((string)v!))
            .Select(v => (string)v!));
    }

    private static IEnumerable<Input> Inputs()
    {
        var root = Path.GetDirectoryName(PackTests.PacksFolder())!;
        var samples = Path.GetFullPath(Path.Combine(root, "..", "..", "samples", "models"));
        var none = new Dictionary<string, object?>();
        foreach (var file in Directory.GetFiles(samples, "*.json").Order(StringComparer.Ordinal))
        {
            var loaded = PolicyModel.Load(file);
            Assert.True(loaded.Succeeded, file + ": " + string.Join("; ", loaded.Diagnostics));
            yield return new Input(Path.GetFileName(file), loaded.Model!, loaded.Model!.AsOf, none);
        }

        foreach (var (seed, facts) in Generated)
            yield return new Input($"generated organisation (seed {seed}, {facts} facts)", OrganisationGenerator.Generate(seed, facts), OrganisationGenerator.AsOf, none);

        foreach (var pack in PolicyEngine.BuiltInRuleSetNames)
        {
            var folder = PackTests.PacksFolder();
            var tests = JObject.Parse(File.ReadAllText(Path.Combine(folder, pack + ".tests.json")));
            foreach (var testCase in tests["cases"]!.OfType<JObject>())
            {
                var name = $"{pack}.tests.json case \"{testCase["name"]}\"";
                var loaded = testCase["model"] is { } inline
                    ? PolicyModel.Parse(inline.ToString(), name)
                    : PolicyModel.Load(Path.Combine(folder, (string)testCase["modelFile"]!));
                Assert.True(loaded.Succeeded, name + ": " + string.Join("; ", loaded.Diagnostics));
                var asOf = testCase["asOf"] is { Type: JTokenType.String } a ? DateOnly.Parse((string)a!, System.Globalization.CultureInfo.InvariantCulture) : loaded.Model!.AsOf;
                var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (testCase["params"] is JObject overrides)
                    foreach (var property in overrides.Properties()) parameters[property.Name] = RuleSetReader.ParameterValue(property.Value);
                yield return new Input(name, loaded.Model!, asOf, parameters, pack);
            }
        }
    }
}
