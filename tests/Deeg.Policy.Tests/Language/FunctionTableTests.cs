using System.Text;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Model;
using Deeg.Policy.Tests.Hardening;
using PolicyFact = Deeg.Policy.Model.Policy;

namespace Deeg.Policy.Tests.Language;

/// <summary>
/// The function table is the one description of the functions: docs/rule-language.md shows
/// exactly its entries (the section between the markers is generated from it; set
/// DEEG_UPDATE_DOCS=1 to rewrite it), and every documented example type-checks.
/// </summary>
public class FunctionTableTests
{
    private const string Begin = "<!-- functions: generated from BuiltInFunctions.Table; FunctionTableTests checks it (DEEG_UPDATE_DOCS=1 rewrites it) -->";
    private const string End = "<!-- end of functions -->";

    private static string DocumentPath => Path.Combine(Hostile.CorpusDirectory, "..", "..", "..", "..", "docs", "rule-language.md");

    /// <summary>The documentation's table of the functions.</summary>
    internal static string Section()
    {
        var text = new StringBuilder();
        text.Append(Begin).Append('\n');
        text.Append("| function | result | example |\n| --- | --- | --- |\n");
        foreach (var function in BuiltInFunctions.Table.All)
            text.Append($"| `{function.Signature}` | {function.Summary} | `{function.Example}` |\n");
        text.Append(End);
        return text.ToString();
    }

    [Fact]
    public void The_documentation_shows_exactly_the_functions_of_the_table()
    {
        var document = File.ReadAllText(DocumentPath).ReplaceLineEndings("\n");
        var start = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/rule-language.md has no generated function section");
        var documented = document[start..(end + End.Length)];
        if (documented != Section() && Environment.GetEnvironmentVariable("DEEG_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocumentPath, document[..start] + Section() + document[(end + End.Length)..]);
            return;
        }

        Assert.Equal(Section(), documented);
    }

    [Fact]
    public void The_names_are_unique_and_the_parser_sees_them()
    {
        var names = BuiltInFunctions.Table.Names;
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var function in BuiltInFunctions.Table.All)
        {
            Assert.True(LanguageNames.IsReserved(function.Name, BuiltInFunctions.Table));
            Assert.Equal(function is QuantifierFunction, BuiltInFunctions.Table.IsQuantifier(function.Name));
            Assert.StartsWith(function.Name + "(", function.Signature, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> Examples() => [.. BuiltInFunctions.Table.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_type_checks(string name)
    {
        var function = BuiltInFunctions.Table.Find(name)!;
        var scope = new ExpressionScope(Harness.Registry)
            .WithAlias("c", Harness.TypeOf<Channel>())
            .WithAlias("org", Harness.TypeOf<Organisation>())
            .WithAlias("p", Harness.TypeOf<PolicyFact>())
            .WithAlias("u", Harness.TypeOf<UseCase>())
            .WithAlias("m", Harness.TypeOf<Mention>())
            .WithAlias("s", Harness.TypeOf<Stakeholder>());
        var bag = new DiagnosticBag();
        var syntax = ExpressionParser.Parse(function.Example, Harness.Loc, bag, BuiltInFunctions.Table);
        Assert.NotNull(syntax);
        var bound = ExpressionBinder.Bind(syntax, scope, Harness.Loc, bag);
        Assert.True(bound is not null, string.Join("; ", bag.Items));
        Assert.Contains(bound.DescendantsAndSelf(), e => e is BoundCallExpression { Function.Name: var n } && n == name
            || e is BoundQuantifierExpression { Function.Name: var q } && q == name
            || (function is ConstantFunction && e is BoundLiteralExpression));
    }
}
