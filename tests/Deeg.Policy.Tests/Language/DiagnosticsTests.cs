using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Syntax;

namespace Deeg.Policy.Tests.Language;

/// <summary>Every load-time error of the expression language, with code, position and message.</summary>
public class DiagnosticsTests
{
    private const string Functions = "daysSince, daysBetween, hoursSince, date, len, lower, upper, trim, isBlank, coalesce, min, max, abs, round, if, text, plural, join, name, label, exists, all, none, count, sum, filter, map";

    [Fact]
    public void UnknownMemberMatchesTheCliExample()
    {
        var d = Harness.Single("c.hanlde", DiagnosticCodes.ExprUnknownMember, "unknown member 'hanlde' on Channel (column 3 of the expression); did you mean 'handle'?");
        Assert.Equal("rules/acme.rules.json:22:20: error DP4002: unknown member 'hanlde' on Channel (column 3 of the expression); did you mean 'handle'?", d.ToString());
    }

    [Theory]
    [InlineData("(c.followers > 3", "syntax error: expected ')' but found the end of the expression (column 17 of the expression)")]
    [InlineData("c.followers > ", "syntax error: expected a value but found the end of the expression (column 15 of the expression)")]
    [InlineData("a = b", "syntax error: unexpected character '='; use '==' to compare (column 3 of the expression)")]
    [InlineData("a && b", "syntax error: unexpected character '&'; use 'and' (column 3 of the expression)")]
    [InlineData("!a", "syntax error: unexpected character '!'; use 'not' or '!=' (column 1 of the expression)")]
    [InlineData("1 < 2 < 3", "syntax error: comparisons cannot be chained; use parentheses or 'and' before '<' (column 7 of the expression)")]
    [InlineData("c.handle == 'abc", "syntax error: unterminated string (column 13 of the expression)")]
    [InlineData("exists(x in xs x > 1)", "syntax error: expected ':' (write exists(x in LIST: condition)) but found 'x' (column 16 of the expression)")]
    [InlineData("exists(asOf in xs: true)", "syntax error: 'asOf' is reserved and cannot name a variable (column 8 of the expression)")]
    [InlineData("count(len in xs: true)", "syntax error: 'len' is reserved and cannot name a variable (column 7 of the expression)")]
    [InlineData("12x > 1", "syntax error: invalid number '12x' (durations are written 90d, 12h or 30m) (column 1 of the expression)")]
    [InlineData("", "syntax error: empty expression (column 1 of the expression)")]
    [InlineData("   ", "syntax error: empty expression (column 1 of the expression)")]
    [InlineData("c.", "syntax error: expected a member name after '.' but found the end of the expression (column 3 of the expression)")]
    [InlineData("min(1,)", "syntax error: expected a value but found ')' (column 7 of the expression)")]
    [InlineData("[1, 2", "syntax error: expected ',' or ']' but found the end of the expression (column 6 of the expression)")]
    [InlineData("len(s s)", "syntax error: expected ',' or ')' but found 's' (column 7 of the expression)")]
    [InlineData("c.mfa c.handle", "syntax error: unexpected 'c'; expected an operator or the end of the expression (column 7 of the expression)")]
    [InlineData("1 + $x", "syntax error: unexpected character '$' (column 5 of the expression)")]
    [InlineData("a ? b", "syntax error: unexpected character '?'; use '??' to give a default (column 3 of the expression)")]
    [InlineData("not", "syntax error: expected a value but found the end of the expression (column 4 of the expression)")]
    public void SyntaxErrors(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprSyntax, message);

    [Fact]
    public void DeepNestingIsASyntaxErrorNotACrash()
    {
        var deep = new string('(', 5000) + "1" + new string(')', 5000);
        var d = Assert.Single(Harness.Diagnose(deep));
        Assert.Equal(DiagnosticCodes.ExprSyntax, d.Code);
        Assert.Contains("nested too deeply", d.Message, StringComparison.Ordinal);

        var longChain = "1" + string.Concat(Enumerable.Repeat(" + 1", 5000));
        Assert.Equal(DiagnosticCodes.ExprSyntax, Assert.Single(Harness.Diagnose(longChain)).Code);

        var nots = string.Concat(Enumerable.Repeat("not ", 5000)) + "true";
        Assert.Equal(DiagnosticCodes.ExprSyntax, Assert.Single(Harness.Diagnose(nots)).Code);

        var moderate = "1" + string.Concat(Enumerable.Repeat(" + 1", 150));
        Assert.Equal(151m, Harness.Eval(moderate));
    }

    [Theory]
    [InlineData("orgg.name", "unknown name 'orgg' (column 1 of the expression); did you mean 'org'?")]
    [InlineData("c.mfa and zzz", "unknown name 'zzz' (column 11 of the expression)")]
    [InlineData("len", "'len' is a function; call it as len(…) (column 1 of the expression)")]
    [InlineData("exists(x in xs: y > 1)", "unknown name 'y' (column 17 of the expression); did you mean 'x'?")]
    [InlineData("exists(x in xs: x > 1) and x > 1", "unknown name 'x' (column 28 of the expression); did you mean 'xs'?")]
    public void UnknownNames(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprUnknownName, message);

    [Theory]
    [InlineData("pol.clauses.type", "unknown member 'type' on list of Clause (column 13 of the expression); a list has no members: use len(…) or a quantifier such as exists(x in LIST: x.type …)")]
    [InlineData("asOf.year", "unknown member 'year' on date (column 6 of the expression); only facts and objects have members")]
    [InlineData("c.Handle", "unknown member 'Handle' on Channel (column 3 of the expression); did you mean 'handle'?")]
    [InlineData("c.equalityContract", "unknown member 'equalityContract' on Channel (column 3 of the expression)")]
    [InlineData("exists(t in pol.tiers: t.aprover == null)", "unknown member 'aprover' on CrisisTier (column 26 of the expression); did you mean 'approver'?")]
    [InlineData("c.handle.length", "unknown member 'length' on string (column 10 of the expression); only facts and objects have members")]
    public void UnknownMembers(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprUnknownMember, message);

    [Theory]
    [InlineData("daysince(d)", "unknown function 'daysince' (column 1 of the expression); the functions are " + Functions + "; did you mean 'daysSince'?")]
    [InlineData("GetType(c)", "unknown function 'GetType' (column 1 of the expression); the functions are " + Functions)]
    [InlineData("c.GetType()", "unknown function 'c.GetType' (column 1 of the expression); only the built-in functions can be called: " + Functions)]
    [InlineData("c.handle.ToString() == 'x'", "unknown function 'c.handle.ToString' (column 1 of the expression); only the built-in functions can be called: " + Functions)]
    [InlineData("System.IO.File.Exists('x')", "unknown function 'System.IO.File.Exists' (column 1 of the expression); only the built-in functions can be called: " + Functions)]
    [InlineData("c.mfa and (c)(1)", "unknown function 'c' (column 12 of the expression); only the built-in functions can be called: " + Functions)]
    public void UnknownFunctions(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprUnknownFunction, message);

    [Fact]
    public void NothingOutsideTheLanguageIsReachable()
    {
        string[] attempts =
        [
            "c.GetType()", "GetType(c)", "System.IO.File.Exists('x')", "c.GetType().Assembly", "typeof(c)", "nameof(c)",
            "new(c)", "Activator.CreateInstance('x')", "c.handle.Length", "c.EqualityContract", "c.ToString()", "Environment.Exit(1)",
        ];
        foreach (var attempt in attempts)
        {
            var diagnostics = Harness.Diagnose(attempt);
            Assert.NotEmpty(diagnostics);
            Assert.All(diagnostics, d => Assert.StartsWith("DP4", d.Code, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("c.followers == 'x'", "cannot compare number with string: 'c.followers' is a number, 'x' is not a number (column 16 of the expression)")]
    [InlineData("c.followers > '100'", "cannot compare number with string: 'c.followers' is a number; write 100 without quotes (column 15 of the expression)")]
    [InlineData("'-2.5' <= c.followers * 2", "cannot compare string with number: the right operand is a number; write -2.5 without quotes (column 1 of the expression)")]
    [InlineData("params.minAdmins != '2'", "cannot compare number with string: 'params.minAdmins' is a number; write 2 without quotes (column 21 of the expression)")]
    [InlineData("s == 1", "cannot compare string with number (column 3 of the expression)")]
    [InlineData("'a' + 1", "cannot apply '+' to string and number (column 5 of the expression)")]
    [InlineData("d + d", "cannot apply '+' to date and date (column 3 of the expression)")]
    [InlineData("d * 2", "cannot apply '*' to date and number (column 3 of the expression)")]
    [InlineData("1d / 2", "cannot apply '/' to duration and number (column 4 of the expression)")]
    [InlineData("c.mfa < true", "cannot order values of type bool with '<'; only numbers, strings, dates, datetimes and durations have an order (column 7 of the expression)")]
    [InlineData("c.scope < 'internal'", "cannot order values of type enum ChannelScope with '<'; only numbers, strings, dates, datetimes and durations have an order (column 9 of the expression)")]
    [InlineData("1 in 2", "'in' needs a list on the right, not number (column 3 of the expression)")]
    [InlineData("1 not in 'abc'", "'not in' needs a list on the right, not string (column 3 of the expression)")]
    [InlineData("'a' in xs", "cannot look for string in list of number (column 5 of the expression)")]
    [InlineData("1 contains 2", "'contains' needs strings (or a list on the left), not number and number (column 3 of the expression)")]
    [InlineData("s startsWith 1", "'startsWith' needs strings, not string and number (column 3 of the expression)")]
    [InlineData("[1, 'a']", "the elements of a list must have one type, not number, string (column 1 of the expression)")]
    [InlineData("coalesce(n, s)", "the arguments of 'coalesce' must have one type, not number, string (column 1 of the expression)")]
    [InlineData("n ?? s", "'??' needs operands of one type, not number and string (column 3 of the expression)")]
    [InlineData("daysSince(1)", "'daysSince' needs a date or datetime, not number (column 11 of the expression)")]
    [InlineData("daysBetween(d, 's')", "'daysBetween' needs a date or datetime, not string (column 16 of the expression)")]
    [InlineData("len(5)", "'len' needs a string or a list, not number (column 5 of the expression)")]
    [InlineData("lower(c.platform)", "'lower' needs a string, not enum Platform (column 7 of the expression)")]
    [InlineData("abs('x')", "'abs' needs a number, not string (column 5 of the expression)")]
    [InlineData("c.platform == c.scope", "cannot compare enum Platform with enum ChannelScope (column 12 of the expression)")]
    [InlineData("c == org", "cannot compare Channel with Organisation (column 3 of the expression)")]
    [InlineData("sum(x in xs: 'a')", "'sum' needs a number after ':', not string (column 14 of the expression)")]
    [InlineData("exists(x in 5: true)", "'exists' needs a list after 'in', not number (column 13 of the expression)")]
    [InlineData("-'a'", "cannot negate string (column 1 of the expression)")]
    [InlineData("1 matches 'a'", "'matches' needs a string on the left, not number (column 3 of the expression)")]
    public void TypeMismatches(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprTypeMismatch, message);

    [Theory]
    [InlineData("c.scope == 'extrenal'", "unknown value 'extrenal' for ChannelScope (column 12 of the expression); allowed values: external, internal, messaging; did you mean 'external'?")]
    [InlineData("'extrenal' != c.scope", "unknown value 'extrenal' for ChannelScope (column 1 of the expression); allowed values: external, internal, messaging; did you mean 'external'?")]
    [InlineData("c.credentials in ['sso', 'vualt']", "unknown value 'vualt' for Credentials (column 26 of the expression); allowed values: sso, vault, sharedDocument, personal, unknown; did you mean 'vault'?")]
    [InlineData("org.statedExcuses contains 'hype'", "unknown value 'hype' for Excuse (column 28 of the expression); allowed values: b2bNoEndCustomers, audienceNotOnline, workedWithoutSoFar, onlyAHype, notOurJob")]
    [InlineData("c.status ?? 'gone'", "unknown value 'gone' for ChannelStatus (column 13 of the expression); allowed values: active, dormant, planned, closed")]
    public void UnknownEnumValues(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprUnknownEnumValue, message);

    [Theory]
    [InlineData("len(s, s)", "'len' takes 1 argument, not 2 (column 1 of the expression)")]
    [InlineData("min(1)", "'min' takes 2 arguments, not 1 (column 1 of the expression)")]
    [InlineData("daysBetween(d)", "'daysBetween' takes 2 arguments, not 1 (column 1 of the expression)")]
    [InlineData("coalesce(n)", "'coalesce' takes at least 2 arguments, not 1 (column 1 of the expression)")]
    [InlineData("date()", "'date' takes 1 argument, not 0 (column 1 of the expression)")]
    [InlineData("round()", "'round' takes 1 argument, not 0 (column 1 of the expression)")]
    [InlineData("count(xs)", "'count' is written count(x in LIST: condition) (column 1 of the expression)")]
    [InlineData("sum(xs)", "'sum' is written sum(x in LIST: number) (column 1 of the expression)")]
    public void ArgumentCounts(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprArgumentCount, message);

    [Theory]
    [InlineData("n > params.dormantDay", "unknown parameter 'dormantDay' (column 12 of the expression); did you mean 'dormantDays'?")]
    [InlineData("params.zzz", "unknown parameter 'zzz' (column 8 of the expression)")]
    [InlineData("params", "'params' needs a parameter name, as in params.NAME (column 1 of the expression)")]
    public void UnknownParameters(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprUnknownParameter, message);

    [Fact]
    public void UnknownParameterWithoutParameters()
    {
        var scope = new Deeg.Policy.Language.Binding.Expressions.ExpressionScope(Harness.Registry);
        var d = Assert.Single(Harness.Diagnose("params.x > 1", scope: scope));
        Assert.Equal("unknown parameter 'x' (column 8 of the expression); the rule set has no parameters", d.Message);
    }

    [Theory]
    [InlineData("s matches '(unclosed'", 11)]
    [InlineData("s matches '(a)\\1'", 11)]
    [InlineData("s matches '(?<=a)b'", 11)]
    [InlineData("s matches s", 11)]
    [InlineData("s matches 'a' + 'b'", 11)]
    [InlineData("s matches params.dormantDays", 11)]
    [InlineData("c.handle matches 1", 18)]
    public void InvalidRegexes(string text, int column)
    {
        var d = Assert.Single(Harness.Diagnose(text));
        Assert.Equal(DiagnosticCodes.ExprInvalidRegex, d.Code);
        Assert.Contains($"(column {column} of the expression)", d.Message, StringComparison.Ordinal);
        Assert.Equal((Harness.Loc.Line, Harness.Loc.Column), (d.Line, d.Column));
    }

    [Fact]
    public void InvalidRegexLiteralMessage()
    {
        var d = Assert.Single(Harness.Diagnose("s matches '(unclosed'"));
        Assert.StartsWith("invalid regular expression '(unclosed': ", d.Message, StringComparison.Ordinal);
        d = Assert.Single(Harness.Diagnose("s matches s"));
        Assert.Equal("the pattern of 'matches' must be a string literal or a string params value (column 11 of the expression)", d.Message);
    }

    [Theory]
    [InlineData("c.followers", "expected a bool, not number (column 1 of the expression)")]
    [InlineData("c.mfa and c.followers", "expected a bool, not number (column 11 of the expression)")]
    [InlineData("not s", "expected a bool, not string (column 5 of the expression)")]
    [InlineData("exists(x in xs: x)", "expected a bool, not number (column 17 of the expression)")]
    [InlineData("filter(x in xs: x + 1)", "expected a bool, not number (column 17 of the expression)")]
    [InlineData("d", "expected a bool, not date (column 1 of the expression)")]
    public void NotBoolean(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprNotBoolean, message, condition: true);

    [Fact]
    public void NullIsAcceptedAsACondition() => Assert.Empty(Harness.Diagnose("null", condition: true));

    [Theory]
    [InlineData("date('2024-13-01')", "invalid date '2024-13-01': expected an existing date written YYYY-MM-DD (column 6 of the expression)")]
    [InlineData("date('2023-02-29')", "invalid date '2023-02-29': expected an existing date written YYYY-MM-DD (column 6 of the expression)")]
    [InlineData("date('1.1.2024')", "invalid date '1.1.2024': expected an existing date written YYYY-MM-DD (column 6 of the expression)")]
    [InlineData("date(s)", "date(…) takes a string literal 'YYYY-MM-DD' (column 6 of the expression)")]
    [InlineData("n > 99999999999999999999999999999999", "the number 99999999999999999999999999999999 is out of range (column 5 of the expression)")]
    [InlineData("d + 1.5d", "invalid duration '1.5d': write a whole number of days, hours or minutes (column 5 of the expression)")]
    [InlineData("d + 99999999999d", "the duration 99999999999d is out of range (column 5 of the expression)")]
    public void InvalidLiterals(string text, string message) => Harness.Single(text, DiagnosticCodes.ExprInvalidLiteral, message);

    [Fact]
    public void AllErrorsOfAnExpressionAreReportedOnce()
    {
        var diagnostics = Harness.Diagnose("c.hanlde == 1 and params.dormantDay > 0 and foo(zzz) and c.scope == 'extrenal' and len(1) > 0");
        Assert.Equal(
            [DiagnosticCodes.ExprUnknownMember, DiagnosticCodes.ExprUnknownParameter, DiagnosticCodes.ExprUnknownName, DiagnosticCodes.ExprUnknownFunction, DiagnosticCodes.ExprUnknownEnumValue, DiagnosticCodes.ExprTypeMismatch],
            diagnostics.Select(d => d.Code));
        Assert.Contains("(column 3 of the expression)", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("(column 26 of the expression)", diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("(column 49 of the expression)", diagnostics[2].Message, StringComparison.Ordinal);
        Assert.Contains("(column 45 of the expression)", diagnostics[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsDoNotCascade()
    {
        Assert.Single(Harness.Diagnose("c.hanlde + 1 > 2 and c.hanlde.x == 'y'", condition: true), d => d.Message.Contains("column 3 ", StringComparison.Ordinal));
        Assert.Equal(2, Harness.Diagnose("c.hanlde + 1 > 2 and c.hanlde.x == 'y'", condition: true).Count);
        Assert.Single(Harness.Diagnose("exists(x in c.hanlde: x.y > 1)"));
        Assert.Single(Harness.Diagnose("not zzz"));
        Assert.Single(Harness.Diagnose("len(zzz) + daysSince(zzz2) > 1 and false"), d => d.Code == DiagnosticCodes.ExprUnknownName && d.Message.Contains("zzz'", StringComparison.Ordinal));
    }

    [Fact]
    public void SyntaxErrorStopsBinding()
    {
        var bag = new DiagnosticBag();
        Assert.Null(ExpressionParser.Parse("c.hanlde ==", Harness.Loc, bag, Deeg.Policy.Language.Binding.Functions.BuiltInFunctions.Table));
        Assert.Single(bag.Items);
    }
}
