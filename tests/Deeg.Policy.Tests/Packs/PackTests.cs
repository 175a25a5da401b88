using Deeg.Policy.Testing;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Tests.Packs;

/// <summary>
/// Runs each built-in pack's <c>*.tests.json</c> through the same code path as
/// <c>deeg-policy test</c>, and checks that every rule fires in a case and stays silent in a near miss.
/// </summary>
public class PackTests
{
    public static TheoryData<string> Packs()
    {
        var data = new TheoryData<string>();
        foreach (var name in PolicyEngine.BuiltInRuleSetNames) data.Add(name);
        return data;
    }

    internal static string PacksFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Deeg.Policy.sln"))) directory = directory.Parent;
        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "src", "Deeg.Policy", "Packs");
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void The_pack_test_file_passes_and_every_rule_fires(string pack)
    {
        var file = RuleSetTestFile.Load(Path.Combine(PacksFolder(), pack + ".tests.json"));
        Assert.True(file.Succeeded, string.Join(Environment.NewLine, file.Diagnostics));
        var run = file.Run();
        Assert.All(run.Cases, c => Assert.True(c.Passed, c.Name + ": " + string.Join("; ", c.Failures)));
        Assert.Empty(run.RulesNeverFired);
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void Every_rule_has_a_firing_case_and_a_near_miss(string pack)
    {
        var tests = JObject.Parse(File.ReadAllText(Path.Combine(PacksFolder(), pack + ".tests.json")));
        var rules = JObject.Parse(File.ReadAllText(Path.Combine(PacksFolder(), pack + ".rules.json")))["rules"]!.Select(r => (string)r["id"]!).ToList();
        var cases = tests["cases"]!.ToList();
        foreach (var rule in rules)
        {
            Assert.Contains(cases, c => c["expect"]?.Any(e => (string?)e["rule"] == rule) == true);
            Assert.Contains(cases, c => c["expectNot"]?.Any(e => (string?)e["rule"] == rule) == true);
        }
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void The_plain_file_is_the_embedded_pack(string pack)
    {
        var engine = PolicyEngine.CreateBuilder().AddRuleSetFile(Path.Combine(PacksFolder(), pack + ".rules.json")).Build();
        var builtIn = PolicyEngine.CreateBuilder().AddBuiltInRuleSet(pack).Build();
        Assert.Equal(engine.Rules.Select(r => r.Id), builtIn.Rules.Select(r => r.Id));
        Assert.Empty(builtIn.Warnings);
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void Every_rule_has_English_and_German_texts(string pack)
    {
        var rules = JObject.Parse(File.ReadAllText(Path.Combine(PacksFolder(), pack + ".rules.json")))["rules"]!;
        foreach (var rule in rules)
        {
            foreach (var text in new[] { rule["title"], rule["finding"]!["message"], rule["finding"]!["remediation"] })
            {
                Assert.NotNull(text);
                Assert.False(string.IsNullOrWhiteSpace((string?)text!["en"]), $"{rule["id"]}: English text missing");
                Assert.False(string.IsNullOrWhiteSpace((string?)text!["de"]), $"{rule["id"]}: German text missing");
            }
        }
    }
}
