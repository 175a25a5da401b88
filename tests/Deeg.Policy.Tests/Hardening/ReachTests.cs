using System.Reflection;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>
/// What a rule set can reach: only the public properties of registered fact types that have a
/// type of the language. Properties of other CLR types (types, delegates, streams, assemblies,
/// plain objects), methods, fields, indexers and static members are invisible to rules.
/// </summary>
public class ReachTests
{
    /// <summary>A host type with members a rule must never reach.</summary>
    public sealed class Exposed
    {
        public static string Secret { get; set; } = "s3cr3t";

        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = "n";

#pragma warning disable CA1051 // a public field on purpose: rules must not see it
        public string Field = "f";
#pragma warning restore CA1051

        public Type ClrType { get; set; } = typeof(File);

        public Func<string> Callback { get; set; } = () => "called";

        public object Anything { get; set; } = new();

        public FileInfo File { get; set; } = new("/etc/passwd");

        public Assembly Assembly { get; set; } = typeof(Exposed).Assembly;

        public string this[string key] => key;

        public string ReadSecret() => Secret;
    }

    [Theory]
    [InlineData("e.clrType == null", "DP4002")]
    [InlineData("e.callback == null", "DP4002")]
    [InlineData("e.anything == null", "DP4002")]
    [InlineData("e.file == null", "DP4002")]
    [InlineData("e.assembly == null", "DP4002")]
    [InlineData("e.field == 'f'", "DP4002")]
    [InlineData("e.secret == 's3cr3t'", "DP4002")]
    [InlineData("e.readSecret() == 's3cr3t'", "DP4004")]
    [InlineData("e.ReadSecret() == 's3cr3t'", "DP4004")]
    [InlineData("e['x'] == 'x'", "DP4001")]
    [InlineData("e.name.GetType() == null", "DP4004")]
    [InlineData("e.name.Length > 0", "DP4002")]
    public void Only_properties_of_language_types_are_members(string where, string code)
    {
        var json = "{ \"ruleSet\": \"reach\", \"version\": \"1.0.0\", \"rules\": [ { \"id\": \"R-001\", \"title\": \"t\", \"severity\": \"low\", "
            + "\"when\": [ { \"fact\": \"Exposed\", \"as\": \"e\", \"where\": " + Newtonsoft.Json.JsonConvert.ToString(where) + " } ], \"finding\": { \"message\": \"m\" } } ] }";
        var built = PolicyEngine.CreateBuilder().AddFactType<Exposed>().AddRuleSetJson(json, "r.json").TryBuild();
        Assert.Null(built.Engine);
        var d = Assert.Single(built.Diagnostics);
        Assert.Equal(code, d.Code);
        Assert.Equal((1, json.IndexOf("\"where\": ", StringComparison.Ordinal) + 10), (d.Line, d.Column));
    }

    [Fact]
    public void The_members_a_rule_sees_are_exactly_the_language_typed_properties()
    {
        var json = "{ \"ruleSet\": \"reach\", \"version\": \"1.0.0\", \"rules\": [ { \"id\": \"R-001\", \"title\": \"t\", \"severity\": \"low\", "
            + "\"when\": [ { \"fact\": \"Exposed\", \"as\": \"e\", \"where\": \"e.name == 'n' and e.id != ''\" } ], \"finding\": { \"message\": \"{e.name}\" } } ] }";
        var engine = PolicyEngine.CreateBuilder().AddFactType<Exposed>().AddRuleSetJson(json, "r.json").Build();
        var model = engine.ParseModel("{ \"organisation\": { \"id\": \"o\", \"name\": \"O\" }, \"extensions\": { \"Exposed\": [ { \"id\": \"x\" } ] } }");
        Assert.True(model.Succeeded, string.Join("; ", model.Diagnostics));
        Assert.Equal("n", Assert.Single(engine.Evaluate(model.Model!).Findings).Message);

        // A facts document cannot set what rules cannot see.
        var hostile = engine.ParseModel("{ \"organisation\": { \"id\": \"o\", \"name\": \"O\" }, \"extensions\": { \"Exposed\": [ { \"id\": \"x\", \"file\": \"/etc/shadow\", \"clrType\": \"System.IO.File\" } ] } }");
        Assert.False(hostile.Succeeded);
        Assert.Equal(2, hostile.Diagnostics.Count);
    }
}
