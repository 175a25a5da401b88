using Deeg.Policy.Core;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Language.Syntax;

namespace Deeg.Policy.Tests.Language;

/// <summary>
/// No diagnostic shows an internal type name: every operator and function applied to operands of
/// every type, and every aggregate over values of every type, name types as the language does
/// (<c>number</c>, <c>date</c>, <c>list of string</c>, <c>enum Platform</c>, <c>Channel</c>).
/// </summary>
public class TypeNamesInDiagnosticsTests
{
    private static readonly string[] Internal = ["System.", "ClrType", "PrimitiveType", "EnumType", "ListType", "ObjectType", "`1", "Nullable", "{ "];

    /// <summary>One operand of each type (and literals of each kind), from the harness's aliases.</summary>
    private static readonly string[] Operands =
    [
        "n", "s", "b", "d", "dt", "3d", "platform", "xs", "ss", "roles", "c", "org", "pol.clauses", "pol.tiers",
        "null", "[]", "'linkedin'", "'12'", "1", "true", "date('2024-01-01')", "c.lastPostAt", "params.platforms",
    ];

    private static readonly string[] BinaryOperators =
        ["or", "and", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "startsWith", "endsWith", "matches", "??", "+", "-", "*", "/", "%"];

    private static void AssertLanguageNames(string input, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            foreach (var word in Internal)
                Assert.False(d.Message.Contains(word, StringComparison.Ordinal), $"{input}: {d.Message}");
        }
    }

    [Fact]
    public void Types_print_as_the_language_names_them()
    {
        Assert.Equal("number", PolicyType.Number.ToString());
        Assert.Equal("datetime", $"{PolicyType.DateTime}");
        Assert.Equal("list of Channel", Harness.Scope().TryLookup("c", out var channel, out _) ? $"{new PolicyType.ListType(channel)}" : null);
        Assert.Equal("enum Platform", $"{new PolicyType.EnumType(typeof(Deeg.Policy.Model.Platform))}");
        Assert.Equal("list of list of number", new PolicyType.ListType(new PolicyType.ListType(PolicyType.Number)).ToString());
    }

    [Fact]
    public void Operators_on_operands_of_every_type()
    {
        var count = 0;
        foreach (var left in Operands)
        {
            AssertLanguageNames("-" + left, Harness.Diagnose("-" + left));
            AssertLanguageNames("not " + left, Harness.Diagnose("not " + left, condition: true));
            foreach (var op in BinaryOperators)
            {
                foreach (var right in Operands)
                {
                    var text = $"{left} {op} {right}";
                    var diagnostics = Harness.Diagnose(text, condition: true);
                    count += diagnostics.Count;
                    AssertLanguageNames(text, diagnostics);
                }
            }
        }

        Assert.True(count > 1000, $"only {count} diagnostics: the operands no longer meet wrong types");
    }

    [Fact]
    public void Functions_on_arguments_of_every_type()
    {
        var count = 0;
        foreach (var function in BuiltInFunctions.Table.All)
        {
            foreach (var text in Calls(function))
            {
                var diagnostics = Harness.Diagnose(text);
                count += diagnostics.Count;
                AssertLanguageNames(text, diagnostics);
            }
        }

        Assert.True(count > 1000, $"only {count} diagnostics: the arguments no longer meet wrong types");
    }

    private static IEnumerable<string> Calls(BuiltInFunction function)
    {
        if (function is QuantifierFunction)
        {
            foreach (var list in Operands)
            {
                foreach (var body in Operands.Append("x").Append("x.type"))
                    yield return $"{function.Name}(x in {list}: {body})";
            }

            yield break;
        }

        // Calls: from one argument too few to one too many (at most 3); other forms (date('…')): 0 to 2.
        var (min, max) = function is CallFunction call ? (call.MinArguments, call.MaxArguments) : (1, 1);
        var few = Operands.Where((_, i) => i % 3 == 0).ToArray();
        for (var arity = Math.Max(0, min - 1); arity <= Math.Min(max + 1, 3); arity++)
        {
            var pool = arity <= 2 ? Operands : few;
            IEnumerable<string> arguments = [string.Empty];
            for (var i = 0; i < arity; i++)
                arguments = arguments.SelectMany(prefix => pool.Select(a => prefix.Length == 0 ? a : prefix + ", " + a)).ToList();
            foreach (var a in arguments) yield return $"{function.Name}({a})";
        }
    }

    [Fact]
    public void Aggregates_over_values_of_every_type()
    {
        string[] values = ["x.followers", "x.lastPostAt", "x.handle", "x.platform", "x.mfa", "x", "x.scope", "date('2024-01-01')", "3d", "[1]", "null"];
        var rules = new List<string>();
        foreach (var kind in Enum.GetNames<AggregateKind>().Select(k => k.ToLowerInvariant()))
        {
            foreach (var of in values)
            {
                rules.Add($$"""
                    { "id": "A-{{rules.Count + 1:000}}", "title": "t", "severity": "low",
                      "when": [ { "fact": "Channel", "as": "c" },
                                { "{{kind}}": { "fact": "Channel", "as": "x" }, "of": "{{of}}", "as": "v" },
                                { "test": "v == c" } ],
                      "finding": { "message": "{v}" } }
                    """);
            }
        }

        var json = $$"""{ "ruleSet": "agg", "version": "1.0.0", "rules": [ {{string.Join(",\n", rules)}} ] }""";
        var diagnostics = PolicyEngine.CreateBuilder().AddRuleSetJson(json, "agg.rules.json").TryBuild().Diagnostics;
        Assert.True(diagnostics.Count >= rules.Count, string.Join("\n", diagnostics));
        AssertLanguageNames("aggregates", diagnostics);
    }

    [Fact]
    public void A_date_aggregated_by_sum_names_its_type()
    {
        var json = """
            { "ruleSet": "agg", "version": "1.0.0", "rules": [
              { "id": "A-001", "title": "t", "severity": "low",
                "when": [ { "fact": "Channel", "as": "c" },
                          { "sum": { "fact": "Policy", "as": "p" }, "of": "p.approvedOn", "as": "v" } ],
                "finding": { "message": "{v}" } } ] }
            """;
        var d = Assert.Single(PolicyEngine.CreateBuilder().AddRuleSetJson(json, "agg.rules.json").TryBuild().Diagnostics);
        Assert.Equal((DiagnosticCodes.ExprTypeMismatch, 4, 63), (d.Code, d.Line, d.Column));
        Assert.Equal("'sum' needs a number to aggregate, but 'of' is date", d.Message);
    }
}
