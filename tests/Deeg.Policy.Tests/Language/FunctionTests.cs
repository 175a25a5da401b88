using System.Globalization;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Model;
using Deeg.Policy.Runtime;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;

namespace Deeg.Policy.Tests.Language;

/// <summary>
/// The functions for messages (if, text, plural, join, map, name, label) and min/max of dates:
/// each value is computed by the compiled lowering and by the reference evaluator, which must agree.
/// </summary>
public class FunctionTests
{
    // ---------------------------------------------------------------- if

    [Theory]
    [InlineData("if(b, 1, 2)", 1)]
    [InlineData("if(not b, 1, 2)", 2)]
    [InlineData("if(nb, 1, 2)", 2)]
    [InlineData("if(null, 1, 2)", 2)]
    [InlineData("if(n > 3, n, null)", 5)]
    public void If_gives_a_when_the_condition_is_true_else_b_also_for_null(string text, int expected) =>
        Assert.Equal((decimal)expected, Harness.Eval(text));

    [Fact]
    public void If_unifies_its_branches_like_the_coalesce_operator()
    {
        Assert.Equal("number", Harness.Bind("if(b, null, 2)").Type.DisplayName);
        Assert.Equal("datetime", Harness.Bind("if(b, d, dt)").Type.DisplayName);
        Assert.Equal("enum ChannelScope", Harness.Bind("if(b, c.scope, 'internal')").Type.DisplayName);
        Assert.Equal("x", Harness.Eval("if(nb, 'a', 'x')"));
        Assert.Null(Harness.Eval("if(b, nn, 1)"));
    }

    // ---------------------------------------------------------------- plural

    [Theory]
    [InlineData("plural(1, 'day', 'days')", "day")]
    [InlineData("plural(1.0, 'day', 'days')", "day")]
    [InlineData("plural(2, 'day', 'days')", "days")]
    [InlineData("plural(0, 'day', 'days')", "days")]
    [InlineData("plural(-1, 'day', 'days')", "days")]
    [InlineData("plural(nn, 'day', 'days')", "days")]
    [InlineData("plural(n - 4, 'Tag', 'Tage')", "Tag")]
    public void Plural_gives_one_for_exactly_one_else_other_also_for_null(string text, string expected) =>
        Assert.Equal(expected, Harness.Eval(text));

    // ---------------------------------------------------------------- join and map

    [Theory]
    [InlineData("join(xs, '-')", "1-2-3")]
    [InlineData("join(ss, ', ')", "linkedin, x")]
    [InlineData("join([], ', ')", "")]
    [InlineData("join([null, null], ', ')", "")]
    [InlineData("join([0.5, null, 2], ' / ')", "0.5 / 2")]
    [InlineData("join(roles, ' und ')", "editor und channel admin")]
    [InlineData("join(org.jurisdictions, null)", "DEEU")]
    public void Join_renders_the_non_null_elements_and_joins_them(string text, string expected) =>
        Assert.Equal(expected, Harness.Eval(text));

    [Fact]
    public void Join_of_null_is_null_and_renders_in_the_evaluations_language()
    {
        Assert.Null(Harness.Eval("join(nxs, ', ')"));
        Assert.Null(Harness.Eval("join(null, ', ')"));
        Assert.Equal("Redaktion, Kanal-Admin", Harness.Eval("join(roles, ', ')", "de"));
        Assert.Equal("0,5; 01.03.2024", Harness.Eval("join([text(0.5), text(d)], '; ')", "de"));
    }

    [Fact]
    public void Map_gives_the_values_in_the_order_of_the_list()
    {
        Assert.Equal(new decimal?[] { 2m, 4m, 6m }, Harness.Eval("map(x in xs: x * 2)"));
        Assert.Equal(new decimal?[] { 3m, 2m, 1m }, Harness.Eval("map(x in [3, 2, 1]: x)"));
        Assert.Equal(new string?[] { "p1", null }, Harness.Eval("map(t in pol.tiers: t.approver)"));
        Assert.Equal(Array.Empty<decimal?>(), Harness.Eval("map(x in nxs: x + 1)"));
        Assert.Equal("list of enum ClauseType", Harness.Bind("map(k in pol.clauses: k.type)").Type.DisplayName);
        Assert.Equal("retention, experimentation", Harness.Eval("join(map(k in pol.clauses: k.type), ', ')"));
        Assert.Equal("Aufbewahrung, Experimentieren", Harness.Eval("join(map(k in pol.clauses: k.type), ', ')", "de"));
        Assert.True((bool?)Harness.Eval("len(map(x in xs: null)) == 3"));
    }

    // ---------------------------------------------------------------- name and label

    [Fact]
    public void Name_gives_the_display_name_of_a_fact_and_null_for_null()
    {
        Assert.Equal("@acme", Harness.Eval("name(c)"));
        Assert.Equal("ACME", Harness.Eval("name(org)"));
        Assert.Equal("knowledge management", Harness.Eval("name(uc)"));
        Assert.Equal("Wissensmanagement", Harness.Eval("name(uc)", "de"));
        Assert.Null(Harness.Eval("name(nc)"));
        Assert.Null(Harness.Eval("name(null)"));
        Assert.True((bool?)Harness.Eval("name(coalesce(nc, c)) == '@acme'"));
    }

    [Fact]
    public void Label_gives_an_enum_values_label_in_the_language_and_null_for_null()
    {
        Assert.Equal("XING", Harness.Eval("label(platform)"));
        Assert.Equal("active", Harness.Eval("label(c.status)"));
        Assert.Equal("aktiv", Harness.Eval("label(c.status)", "de"));
        Assert.Equal("aktiv", Harness.Eval("label(coalesce(nc.status, 'active'))", "de"));
        Assert.Null(Harness.Eval("label(nc.platform)"));
        Assert.Null(Harness.Eval("label(null)"));
    }

    // ---------------------------------------------------------------- text

    [Theory]
    [InlineData("text(1500)", "1500", "1500")]
    [InlineData("text(0.375)", "0.375", "0,375")]
    [InlineData("text(-2.50)", "-2.5", "-2,5")]
    [InlineData("text(1000000.5)", "1000000.5", "1000000,5")]
    [InlineData("text('it is')", "it is", "it is")]
    [InlineData("text(d)", "2024-03-01", "01.03.2024")]
    [InlineData("text(dt)", "2024-06-14 18:00 UTC", "14.06.2024 18:00 UTC")]
    [InlineData("text(c.lastPostAt)", "2024-06-11 02:30 UTC", "11.06.2024 02:30 UTC")]
    [InlineData("text(22d)", "22 days", "22 Tage")]
    [InlineData("text(1d)", "1 day", "1 Tag")]
    [InlineData("text(36h)", "1 day", "1 Tag")]
    [InlineData("text(5h)", "5 hours", "5 Stunden")]
    [InlineData("text(1h)", "1 hour", "1 Stunde")]
    [InlineData("text(30m)", "0 hours", "0 Stunden")]
    [InlineData("text(-2d)", "-2 days", "-2 Tage")]
    [InlineData("text(asOf - d)", "106 days", "106 Tage")]
    [InlineData("text(b)", "yes", "ja")]
    [InlineData("text(not b)", "no", "nein")]
    [InlineData("text(platform)", "XING", "XING")]
    [InlineData("text(c.status)", "active", "aktiv")]
    [InlineData("text(c)", "@acme", "@acme")]
    [InlineData("text(uc)", "knowledge management", "Wissensmanagement")]
    [InlineData("text(xs)", "1, 2, 3", "1, 2, 3")]
    [InlineData("text([0.5, 1.25])", "0.5, 1.25", "0,5, 1,25")]
    [InlineData("text(roles)", "editor, channel admin", "Redaktion, Kanal-Admin")]
    [InlineData("text([])", "", "")]
    public void Text_renders_every_kind_of_value_in_the_evaluations_language(string text, string en, string de)
    {
        Assert.Equal(en, Harness.Eval(text, "en"));
        Assert.Equal(de, Harness.Eval(text, "de"));
        Assert.Equal(de, Harness.Eval(text, "de-AT"));
    }

    [Theory]
    [InlineData("text(nn)")]
    [InlineData("text(nd)")]
    [InlineData("text(nb)")]
    [InlineData("text(nc)")]
    [InlineData("text(null)")]
    [InlineData("text(nxs)")]
    [InlineData("text(nd, 'yyyy')")]
    [InlineData("text(nn, '0.00')")]
    [InlineData("text(null, '0.00')")]
    public void Text_of_null_is_null(string text)
    {
        Assert.Null(Harness.Eval(text, "en"));
        Assert.Null(Harness.Eval(text, "de"));
    }

    [Theory]
    [InlineData("text(2.5, '0.00')", "2.50", "2,50")]
    [InlineData("text(1234.5, '#,##0.0')", "1,234.5", "1.234,5")]
    [InlineData("text(0.375, '0%')", "38%", "38%")]
    [InlineData("text(d, 'MMMM yyyy')", "March 2024", "März 2024")]
    [InlineData("text(d, 'dd MMM')", "01 Mar", "01 März")]
    [InlineData("text(d, 'ddd')", "Fri", "Fr")]
    [InlineData("text(c.lastPostAt, 'yyyy-MM-dd HH:mm')", "2024-06-11 02:30", "2024-06-11 02:30")]
    [InlineData("text(c.lastPostAt, 'HH:mm zzz')", "02:30 +00:00", "02:30 +00:00")]
    [InlineData("text(dt, 'dddd')", "Friday", "Freitag")]
    public void Text_with_a_pattern_formats_in_the_languages_culture_and_datetimes_in_utc(string text, string en, string de)
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // The process's culture does not matter: en is the invariant culture, de is de-DE.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            Assert.Equal(en, Harness.Eval(text, "en"));
            Assert.Equal(de, Harness.Eval(text, "de"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Text_and_join_make_a_condition_depend_on_the_evaluation()
    {
        // The linter must not take a language-dependent condition for a constant one.
        Assert.True(Harness.Bind("text(1.5) == '1.5'").UsesContext);
        Assert.True(Harness.Bind("join([1.5], '') == '1.5'").UsesContext);
        Assert.True(Harness.Bind("label(platform) == 'XING'").UsesContext);
        Assert.False(Harness.Bind("if(true, 1, 2) == plural(1, 1, 2)").UsesContext);
    }

    // ---------------------------------------------------------------- min and max of dates

    [Theory]
    [InlineData("min(d, asOf) == d")]
    [InlineData("max(d, asOf) == asOf")]
    [InlineData("min(dt, c.lastPostAt) == c.lastPostAt")]
    [InlineData("max(d, dt) == dt")]
    [InlineData("min(d, nd) == null")]
    [InlineData("max(null, dt) == null")]
    [InlineData("min(3, n) == 3")]
    public void Min_and_max_take_dates_and_datetimes(string text) => Assert.Equal(true, Harness.Eval(text));

    [Fact]
    public void Min_and_max_give_the_type_they_take()
    {
        Assert.Equal("date", Harness.Bind("min(d, asOf)").Type.DisplayName);
        Assert.Equal("datetime", Harness.Bind("max(d, dt)").Type.DisplayName);
        Assert.Equal("number", Harness.Bind("max(null, null)").Type.DisplayName);
    }

    // ---------------------------------------------------------------- diagnostics

    [Theory]
    [InlineData("if(n, 1, 2)", ExprTypeMismatch, "'if' needs a bool, not number (column 4 of the expression)")]
    [InlineData("if(b, 1, 's')", ExprTypeMismatch, "the arguments of 'if' must have one type, not number, string (column 1 of the expression)")]
    [InlineData("if(b, 1)", ExprArgumentCount, "'if' takes 3 arguments, not 2 (column 1 of the expression)")]
    [InlineData("plural(s, 'a', 'b')", ExprTypeMismatch, "'plural' needs a number, not string (column 8 of the expression)")]
    [InlineData("plural(n, 'a')", ExprArgumentCount, "'plural' takes 3 arguments, not 2 (column 1 of the expression)")]
    [InlineData("join(s, ', ')", ExprTypeMismatch, "'join' needs a list, not string (column 6 of the expression)")]
    [InlineData("join(xs, 1)", ExprTypeMismatch, "'join' needs a string, not number (column 10 of the expression)")]
    [InlineData("join(xs)", ExprArgumentCount, "'join' takes 2 arguments, not 1 (column 1 of the expression)")]
    [InlineData("name(n)", ExprTypeMismatch, "'name' needs a fact, not number (column 6 of the expression)")]
    [InlineData("name(pol.clauses)", ExprTypeMismatch, "'name' needs a fact, not list of Clause (column 6 of the expression)")]
    [InlineData("label(s)", ExprTypeMismatch, "'label' needs an enum value, not string (column 7 of the expression)")]
    [InlineData("text()", ExprArgumentCount, "'text' takes at least 1 arguments, not 0 (column 1 of the expression)")]
    [InlineData("min(b, b)", ExprTypeMismatch, "'min' needs numbers, dates or datetimes, not bool (column 1 of the expression)")]
    [InlineData("max(d, 1)", ExprTypeMismatch, "the arguments of 'max' must have one type, not date, number (column 1 of the expression)")]
    [InlineData("map(x in xs: [x])", ExprTypeMismatch, "'map' needs a single value after ':', not list of number (column 14 of the expression)")]
    [InlineData("map(xs, 1)", ExprArgumentCount, "'map' is written map(x in LIST: value) (column 1 of the expression)")]
    public void Wrong_types_and_arity_are_load_time_errors_with_their_column(string text, string code, string message) =>
        Harness.Single(text, code, message);

    [Theory]
    [InlineData("text(s, 'x')", ExprTypeMismatch, "'text' with a format pattern needs a number, date or datetime, not string (column 6 of the expression)")]
    [InlineData("text(c.status, 'x')", ExprTypeMismatch, "'text' with a format pattern needs a number, date or datetime, not enum ChannelStatus (column 6 of the expression)")]
    [InlineData("text(d, s)", ExprInvalidLiteral, "the format pattern of 'text' must be a string literal (column 9 of the expression)")]
    [InlineData("text(d, 'HH:mm')", ExprInvalidLiteral, "invalid format pattern 'HH:mm' for a date: a date has no time of day (column 9 of the expression)")]
    [InlineData("text(dt, '%')", ExprInvalidLiteral, "invalid format pattern '%' for a datetime: it is not a valid .NET format pattern (column 10 of the expression)")]
    [InlineData("text(n, 'Q')", ExprInvalidLiteral, "invalid format pattern 'Q' for a number: it is not a valid .NET format pattern (column 9 of the expression)")]
    public void A_bad_format_pattern_is_a_load_time_error_with_its_column(string text, string code, string message) =>
        Harness.Single(text, code, message);

    [Fact]
    public void Function_names_are_reserved()
    {
        foreach (var name in new[] { "if", "text", "plural", "join", "map", "name", "label" })
            Assert.True(Deeg.Policy.Language.Syntax.LanguageNames.IsReserved(name, Deeg.Policy.Language.Binding.Functions.BuiltInFunctions.Table));
    }
}

/// <summary>How message holes render values: the table of the two languages.</summary>
public class HoleRenderingTests
{
    private static string En(object? value) => ValueFormatter.Format(value, "en", DisplayNames.NoFacts);

    private static string De(object? value) => ValueFormatter.Format(value, "de", DisplayNames.NoFacts);

    [Fact]
    public void Numbers_have_no_trailing_zeros_and_a_decimal_comma_in_german_without_grouping()
    {
        Assert.Equal("1500", En(1500m));
        Assert.Equal("1500", De(1500m));
        Assert.Equal("0.375", En(0.37500m));
        Assert.Equal("0,375", De(0.37500m));
        Assert.Equal("1234567,5", De(1234567.5m));
        Assert.Equal("0", De(decimal.Negate(0.0m)));
    }

    [Fact]
    public void Dates_datetimes_and_durations()
    {
        Assert.Equal("2026-11-26", En(new DateOnly(2026, 11, 26)));
        Assert.Equal("26.11.2026", De(new DateOnly(2026, 11, 26)));
        var at = new DateTimeOffset(2026, 11, 3, 15, 20, 59, TimeSpan.FromHours(1));
        Assert.Equal("2026-11-03 14:20 UTC", En(at));
        Assert.Equal("03.11.2026 14:20 UTC", De(at));
        Assert.Equal("22 days", En(TimeSpan.FromDays(22)));
        Assert.Equal("1 day", En(TimeSpan.FromDays(1)));
        Assert.Equal("5 hours", En(TimeSpan.FromHours(5)));
        Assert.Equal("22 Tage", De(TimeSpan.FromDays(22)));
        Assert.Equal("1 Tag", De(TimeSpan.FromDays(1)));
        Assert.Equal("5 Stunden", De(TimeSpan.FromHours(5)));
    }

    [Fact]
    public void Bools_enums_facts_lists_and_null()
    {
        Assert.Equal("yes", En(true));
        Assert.Equal("no", En(false));
        Assert.Equal("ja", De(true));
        Assert.Equal("nein", De(false));
        Assert.Equal("LinkedIn", En(Platform.Linkedin));
        Assert.Equal("LinkedIn", De(Platform.Linkedin));
        Assert.Equal("planned", En(ChannelStatus.Planned));
        Assert.Equal("geplant", De(ChannelStatus.Planned));
        var channel = new Channel { Id = "ch-9", Name = "LinkedIn Karriere", Platform = Platform.Linkedin, Scope = ChannelScope.External };
        Assert.Equal("LinkedIn Karriere", En(channel));
        Assert.Equal("LinkedIn Karriere", De(channel));
        Assert.Equal("geplant, aktiv", De(new ChannelStatus?[] { ChannelStatus.Planned, ChannelStatus.Active }));
        Assert.Equal("0,5, 2", De(new decimal?[] { 0.5m, 2m }));
        Assert.Equal(string.Empty, En(null));
        Assert.Equal(string.Empty, De(null));
        Assert.Equal("verbatim {x}", De("verbatim {x}"));
    }

    [Fact]
    public void Display_names_use_the_facts_of_the_evaluation()
    {
        var person = new Person { Id = "p-brandt", Name = "Anna Brandt" };
        var channel = new Channel { Id = "li", Name = "LinkedIn Karriere", Platform = Platform.Linkedin, Scope = ChannelScope.External };
        var role = new RoleAssignment { Id = "r1", Person = "p-brandt", Role = Role.ChannelAdmin, Channel = "li" };
        var facts = new Lookup(person, channel);
        Assert.Equal("Anna Brandt, Kanal-Admin (LinkedIn Karriere)", ValueFormatter.Format(role, "de", facts));
        Assert.Equal("Anna Brandt, channel admin (LinkedIn Karriere)", Harness.Eval(
            Harness.Bind("name(r)", Harness.Scope(new Dictionary<string, (Deeg.Policy.Core.PolicyType, object?)> { ["r"] = (Harness.TypeOf<RoleAssignment>(), role) })),
            new Dictionary<string, (Deeg.Policy.Core.PolicyType, object?)> { ["r"] = (Harness.TypeOf<RoleAssignment>(), role) }, Harness.Parameters(), "name(r)", "en", facts));
    }

    private sealed class Lookup(params object[] facts) : IFactLookup
    {
        public object? Find(string factType, string id) =>
            facts.FirstOrDefault(f => f.GetType().Name == factType && ((IFact)f).Id == id);
    }
}
