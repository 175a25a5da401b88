using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Model;
using Deeg.Policy.Runtime;

namespace Deeg.Policy.Tests.Language;

public class TemplateTests
{
    private static (TemplateSyntax Template, IReadOnlyList<Diagnostic> Diagnostics) Parse(string text)
    {
        var bag = new DiagnosticBag();
        var template = TemplateParser.Parse(text, Harness.Loc, bag, BuiltInFunctions.Table);
        return (template, bag.Items);
    }

    private static string Render(string text, string language = "en")
    {
        var (template, diagnostics) = Parse(text);
        Assert.Empty(diagnostics);
        var bag = new DiagnosticBag();
        var result = string.Concat(template.Parts.Select(p =>
        {
            if (p.Expression is null) return p.Literal;
            var bound = ExpressionBinder.Bind(p.Expression, Harness.Scope(), Harness.Loc, bag);
            Assert.NotNull(bound);
            return ValueFormatter.Format(Harness.Eval(bound, Harness.Aliases(), Harness.Parameters(), p.Source!, language), language, DisplayNames.NoFacts);
        }));
        Assert.Empty(bag.Items);
        return result;
    }

    [Fact]
    public void PartsAndOffsets()
    {
        var (template, diagnostics) = Parse("{c.platform} account {c.handle} has not posted for {daysSince(c.lastPostAt)} days.");
        Assert.Empty(diagnostics);
        Assert.False(template.HasErrors);
        Assert.Equal(6, template.Parts.Count);
        Assert.Equal("c.platform", template.Parts[0].Source);
        Assert.Equal(0, template.Parts[0].Offset);
        Assert.Equal(1, template.Parts[0].Expression!.Offset);
        Assert.Equal(" account ", template.Parts[1].Literal);
        Assert.Equal(12, template.Parts[1].Offset);
        Assert.Equal(22, template.Parts[2].Expression!.Offset);
        Assert.Equal(" days.", template.Parts[5].Literal);
    }

    [Fact]
    public void RendersValues()
    {
        Assert.Equal("LinkedIn account @acme has not posted for 4 days.", Render("{c.platform} account {c.handle} has not posted for {daysSince(c.lastPostAt)} days."));
        Assert.Equal("Der LinkedIn-Account @acme", Render("Der {c.platform}-Account {c.handle}", "de"));
        Assert.Equal("{literal} and } {", Render("{{literal}} and }} {{"));
        Assert.Equal("} 440", Render("{'}'} {c.followers}"));
        Assert.Equal("DE, EU / keine Privatkundschaft (B2B) / 0,375 / 10.01.2023 / ja / ", Render("{org.jurisdictions} / {org.statedExcuses} / {uc.openShare} / {pol.approvedOn} / {c.mfa == false} / {nc.handle}", "de"));
        Assert.Equal("DE, EU / no end customers (B2B) / 0.375 / 2023-01-10 / yes / ", Render("{org.jurisdictions} / {org.statedExcuses} / {uc.openShare} / {pol.approvedOn} / {c.mfa == false} / {nc.handle}"));
        Assert.Equal("spokesperson", Render("{filter(r in params.requiredRoles: not (r in roles))}"));
        Assert.Equal("no holes", Render("no holes"));
        Assert.Equal(string.Empty, Render(string.Empty));
    }

    [Theory]
    [InlineData("{c.handle", "unclosed '{' in the template (column 1 of the text); write '{{' for a literal brace")]
    [InlineData("abc {c.handle + '}' ", "unclosed '{' in the template (column 5 of the text); write '{{' for a literal brace")]
    [InlineData("a } b", "unmatched '}' in the template (column 3 of the text); write '}}' for a literal brace")]
    [InlineData("a { } b", "empty '{}' in the template (column 3 of the text); write '{{' for a literal brace")]
    public void InvalidTemplates(string text, string message)
    {
        var (template, diagnostics) = Parse(text);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.RuleSetInvalidTemplate, d.Code);
        Assert.Equal(message, d.Message);
        Assert.Equal((Harness.Loc.Line, Harness.Loc.Column), (d.Line, d.Column));
        Assert.True(template.HasErrors);
    }

    [Fact]
    public void ErrorsInHolesNameTheColumnInTheText()
    {
        var (_, diagnostics) = Parse("Hi {c.handle +}");
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.ExprSyntax, d.Code);
        Assert.Equal("syntax error: expected a value but found the end of the expression (column 15 of the expression)", d.Message);

        var (template, none) = Parse("Hi {c.hanlde} and {zzz} {c.handle}");
        Assert.Empty(none);
        var bag = new DiagnosticBag();
        foreach (var part in template.Parts.Where(p => p.Expression is not null))
            ExpressionBinder.Bind(part.Expression!, Harness.Scope(), Harness.Loc, bag);
        Assert.Equal(
            ["unknown member 'hanlde' on Channel (column 7 of the expression); did you mean 'handle'?", "unknown name 'zzz' (column 20 of the expression)"],
            bag.Items.Select(x => x.Message));
    }

    [Fact]
    public void EveryBadHoleIsReported()
    {
        var (template, diagnostics) = Parse("{c.} and {1 +} and {ok} and }");
        Assert.Equal([DiagnosticCodes.ExprSyntax, DiagnosticCodes.ExprSyntax, DiagnosticCodes.RuleSetInvalidTemplate], diagnostics.Select(d => d.Code));
        Assert.Single(template.Parts, p => p.Expression is not null);
    }
}

public class ValueFormatterTests
{
    [Fact]
    public void Numbers()
    {
        Assert.Equal("440", ValueFormatter.Format(440m));
        Assert.Equal("440", ValueFormatter.Format(440.00m));
        Assert.Equal("0.375", ValueFormatter.Format(0.375m));
        Assert.Equal("0.375", ValueFormatter.Format(0.37500m));
        Assert.Equal("-1.5", ValueFormatter.Format(-1.50m));
        Assert.Equal("0", ValueFormatter.Format(0.000m));
        Assert.Equal("0", ValueFormatter.Format(decimal.Negate(0.0m)));
        Assert.Equal("0.0000000000000000000000000001", ValueFormatter.Format(0.0000000000000000000000000001m));
        Assert.Equal("79228162514264337593543950335", ValueFormatter.Format(decimal.MaxValue));
        Assert.Equal("1000000", ValueFormatter.Format(1000000m));
        Assert.Equal("5", ValueFormatter.Format(5));
        Assert.Equal("0.1", ValueFormatter.Format(0.1));
        Assert.Equal("3.5", ValueFormatter.Format((decimal?)3.5m));
    }

    [Fact]
    public void InvariantCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("1234.5", ValueFormatter.Format(1234.5m));
            Assert.Equal("2024-03-01", ValueFormatter.Format(new DateOnly(2024, 3, 1)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void OtherValues()
    {
        Assert.Equal(string.Empty, ValueFormatter.Format(null));
        Assert.Equal("verbatim {x}", ValueFormatter.Format("verbatim {x}"));
        Assert.Equal("true", ValueFormatter.Format(true));
        Assert.Equal("false", ValueFormatter.Format((bool?)false));
        Assert.Equal("2024-03-01", ValueFormatter.Format(new DateOnly(2024, 3, 1)));
        Assert.Equal("2024-06-11T02:30:00Z", ValueFormatter.Format(new DateTimeOffset(2024, 6, 10, 22, 30, 0, 500, TimeSpan.FromHours(-4))));
        Assert.Equal("vivaEngage", ValueFormatter.Format(Platform.VivaEngage));
        Assert.Equal("b2bNoEndCustomers", ValueFormatter.Format((Excuse?)Excuse.B2bNoEndCustomers));
        Assert.Equal("DE, EU", ValueFormatter.Format(new[] { "DE", "EU" }));
        Assert.Equal("editor, channelAdmin", ValueFormatter.Format(new Role?[] { Role.Editor, Role.ChannelAdmin }));
        Assert.Equal("1, 2.5", ValueFormatter.Format(new decimal?[] { 1m, 2.50m }));
        Assert.Equal("a, , b", ValueFormatter.Format(new[] { "a", null, "b" }));
        Assert.Equal(string.Empty, ValueFormatter.Format(Array.Empty<string>()));
        Assert.Equal("ch-1", ValueFormatter.Format(Harness.Channel));
        Assert.Equal("Clause", ValueFormatter.Format(Harness.Policy.Clauses[0]));
    }

    [Fact]
    public void Durations()
    {
        Assert.Equal("90d", ValueFormatter.Format(TimeSpan.FromDays(90)));
        Assert.Equal("36h", ValueFormatter.Format(TimeSpan.FromHours(36)));
        Assert.Equal("90m", ValueFormatter.Format(TimeSpan.FromMinutes(90)));
        Assert.Equal("1m", ValueFormatter.Format(TimeSpan.FromSeconds(90)));
        Assert.Equal("-1d", ValueFormatter.Format(TimeSpan.FromDays(-1)));
        Assert.Equal("0d", ValueFormatter.Format(TimeSpan.Zero));
    }
}
