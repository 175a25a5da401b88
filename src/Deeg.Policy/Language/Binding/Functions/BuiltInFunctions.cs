using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using Deeg.Policy.Core;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Runtime;
using static Deeg.Policy.Language.Binding.Expressions.ReferenceValues;
using static Deeg.Policy.Language.Binding.Functions.ExpressionTrees;

namespace Deeg.Policy.Language.Binding.Functions;

/// <summary>
/// The functions of the language, in the order of the documentation; anything else is an error.
/// A new function is one more entry here. Each entry's <c>Evaluate</c> is the reference semantics
/// (plain C# over boxed values, which the property tests compare the compiled conditions with),
/// its <c>Lower</c> the expression tree the rules run (calls of <see cref="PolicyFunctions"/>);
/// the two share no code on purpose.
/// </summary>
internal sealed class BuiltInFunctions : IFunctionNames
{
    /// <summary>The table.</summary>
    public static BuiltInFunctions Table { get; } = new(
    [
        new CallFunction
        {
            Name = "daysSince", Signature = "daysSince(d)", Example = "daysSince(c.lastPostAt) > 180",
            Summary = "calendar days from the (UTC) date of date/datetime `d` to `asOf` (negative in the future); `null` for `null`",
            Parameters = [ParameterKind.DateOrDateTime], Returns = PolicyType.Number, ReadsAsOf = true,
            Evaluate = (a, x) => a[0] is null ? null : (decimal)(x.AsOf.DayNumber - UtcDay(a[0]!).DayNumber),
            Lower = c => Function(nameof(PolicyFunctions.DaysSince), AsDate(c.Arguments[0]), c.AsOf),
        },
        new CallFunction
        {
            Name = "daysBetween", Signature = "daysBetween(a, b)", Example = "daysBetween(p.approvedOn, p.lastReviewedOn) > 365",
            Summary = "calendar days from the (UTC) date of `a` to that of `b`; `null` when either is `null`",
            Parameters = [ParameterKind.DateOrDateTime], MinArguments = 2, MaxArguments = 2, Returns = PolicyType.Number,
            Evaluate = (a, _) => a[0] is null || a[1] is null ? null : (decimal)(UtcDay(a[1]!).DayNumber - UtcDay(a[0]!).DayNumber),
            Lower = c => Function(nameof(PolicyFunctions.DaysBetween), AsDate(c.Arguments[0]), AsDate(c.Arguments[1])),
        },
        new CallFunction
        {
            Name = "hoursSince", Signature = "hoursSince(t)", Example = "hoursSince(m.at) > org.responseSlaHours",
            Summary = "whole hours (truncated) from date/datetime `t` to the start (00:00 UTC) of `asOf`",
            Parameters = [ParameterKind.DateOrDateTime], Returns = PolicyType.Number, ReadsAsOf = true,
            Evaluate = (a, x) => a[0] is null ? null
                : decimal.Truncate((decimal)(Midnight(x.AsOf) - (a[0] is DateOnly d ? Midnight(d) : (DateTimeOffset)a[0]!)).Ticks / TimeSpan.TicksPerHour),
            Lower = c => Function(nameof(PolicyFunctions.HoursSince), AsDateTime(c.Arguments[0]), c.AsOf),
        },
        new ConstantFunction
        {
            Name = "date", Signature = "date('YYYY-MM-DD')", Example = "p.approvedOn < date('2024-01-01')",
            Summary = "a date constant; the argument is a string literal",
            Returns = PolicyType.Date, Argument = "a string literal 'YYYY-MM-DD'", Expected = "an existing date written YYYY-MM-DD",
            Parse = text => DateOnly.TryParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
        },
        new CallFunction
        {
            Name = "len", Signature = "len(x)", Example = "len(c.handle) > 30",
            Summary = "the length of a string (UTF-16 code units) or a list; `null` for `null`",
            Parameters = [ParameterKind.StringOrList], Returns = PolicyType.Number, Nullability = ResultNullability.OnlyForNullArguments,
            Evaluate = (a, _) => a[0] switch
            {
                null => null,
                string s => (decimal)s.Length,
                var list => (decimal)((IEnumerable)list).Cast<object?>().Count(),
            },
            Lower = c => c.Arguments[0].Type == typeof(string)
                ? Function(nameof(PolicyFunctions.Len), c.Arguments[0])
                : Generic(typeof(PolicyFunctions), nameof(PolicyFunctions.Len), [((PolicyType.ListType)c.Bound[0].Type).ElementClrType], c.Arguments[0]),
        },
        StringFunction("lower", nameof(PolicyFunctions.Lower), "lower(c.handle) == '@acme'", "`s` in lower case (invariant culture); `null` for `null`", s => s.ToLowerInvariant()),
        StringFunction("upper", nameof(PolicyFunctions.Upper), "upper(s.evidence) == 'YES'", "`s` in upper case (invariant culture); `null` for `null`", s => s.ToUpperInvariant()),
        StringFunction("trim", nameof(PolicyFunctions.Trim), "trim(c.handle) != c.handle", "`s` without leading and trailing white space; `null` for `null`", s => s.Trim()),
        new CallFunction
        {
            Name = "isBlank", Signature = "isBlank(s)", Example = "isBlank(c.impressumUrl)",
            Summary = "`s` is `null`, empty or white space",
            Parameters = [ParameterKind.String], Returns = PolicyType.Bool, Nullability = ResultNullability.Never,
            Evaluate = (a, _) => a[0] is not string text || text.All(char.IsWhiteSpace),
            Lower = c => Function(nameof(PolicyFunctions.IsBlank), [.. c.Arguments]),
        },
        new CallFunction
        {
            Name = "coalesce", Signature = "coalesce(a, b, …)", Example = "coalesce(c.name, c.handle, c.id)",
            Summary = "the first argument that is not `null`; at least two, of one type",
            Parameters = [ParameterKind.Common], MinArguments = 2, MaxArguments = int.MaxValue, Returns = null,
            Evaluate = (a, _) => a.FirstOrDefault(x => x is not null),
            Lower = c => c.Arguments.Reverse().Aggregate((result, argument) => Expression.Coalesce(argument, result)),
        },
        new CallFunction
        {
            Name = "min", Signature = "min(a, b)", Example = "min(c.followers, 1000)",
            Summary = "the smaller of two numbers, the earlier of two dates or datetimes; `null` when either is `null`",
            Parameters = [ParameterKind.Ordered], MinArguments = 2, MaxArguments = 2, Returns = null,
            Evaluate = (a, _) => a[0] is null || a[1] is null ? null : Compare(a[0]!, a[1]!) <= 0 ? a[0] : a[1],
            Lower = c => Function(nameof(PolicyFunctions.Min), [.. c.Arguments]),
        },
        new CallFunction
        {
            Name = "max", Signature = "max(a, b)", Example = "max(p.approvedOn, p.lastReviewedOn) < date('2025-01-01')",
            Summary = "the larger of two numbers, the later of two dates or datetimes; `null` when either is `null`",
            Parameters = [ParameterKind.Ordered], MinArguments = 2, MaxArguments = 2, Returns = null,
            Evaluate = (a, _) => a[0] is null || a[1] is null ? null : Compare(a[0]!, a[1]!) >= 0 ? a[0] : a[1],
            Lower = c => Function(nameof(PolicyFunctions.Max), [.. c.Arguments]),
        },
        NumberFunction("abs", nameof(PolicyFunctions.Abs), 1, "abs(c.followers - 100) < 10", "the absolute value of a number", a => (decimal)a[0]! < 0 ? -(decimal)a[0]! : a[0]),
        NumberFunction("round", nameof(PolicyFunctions.Round), 1, "round(u.openShare * 100) >= 50", "a number rounded to a whole number, halves away from zero",
            a => decimal.Round((decimal)a[0]!, 0, MidpointRounding.AwayFromZero)),
        new CallFunction
        {
            Name = "if", Signature = "if(c, a, b)", Example = "if(c.mfa, 'on', 'off') == 'off'",
            Summary = "`a` when the bool `c` is true, else `b` (also when `c` is `null`); `a` and `b` of one type, as for `??`",
            Parameters = [ParameterKind.Bool, ParameterKind.Common], MinArguments = 3, MaxArguments = 3, Returns = null,
            Evaluate = (a, _) => a[0] is true ? a[1] : a[2],
            Lower = c => Expression.Condition(IsTrue(c.Arguments[0]), c.Arguments[1], c.Arguments[2]),
        },
        new CallFunction
        {
            Name = "text", Signature = "text(x[, f])", Example = "text(p.approvedOn, 'MMMM yyyy') != ''",
            Summary = "`x` rendered as a message hole renders it, in the evaluation's language; with `f`, a string literal, a number, date or datetime formatted "
                + "with the .NET format pattern `f` in the language's culture (`en`: invariant, `de`: de-DE; datetimes in UTC); `null` for `null`",
            Parameters = [ParameterKind.Any, ParameterKind.FormatPattern], MinArguments = 1, MaxArguments = 2, Returns = PolicyType.String,
            ReadsLanguage = true, Nullability = ResultNullability.OnlyForNullArguments,
            Evaluate = (a, x) => a.Count == 1 ? ReferenceText.Of(a[0], x) : ReferenceText.Formatted(a[0], (string)a[1]!, x),
            Lower = c => c.Arguments.Count == 1
                ? Function(nameof(PolicyFunctions.Text), Expression.Convert(c.Arguments[0], typeof(object)), c.Language, c.Facts)
                : Function(nameof(PolicyFunctions.Text), c.Arguments[0], c.Arguments[1], c.Language),
        },
        new CallFunction
        {
            Name = "plural", Signature = "plural(n, one, other)", Example = "plural(c.followers, 'follower', 'followers') == 'followers'",
            Summary = "`one` when the number `n` equals 1, else `other` (also for `null`); `one` and `other` of one type",
            Parameters = [ParameterKind.Number, ParameterKind.Common], MinArguments = 3, MaxArguments = 3, Returns = null,
            Evaluate = (a, _) => a[0] is decimal n && n == 1m ? a[1] : a[2],
            Lower = c => Expression.Condition(Function(nameof(PolicyFunctions.IsOne), c.Arguments[0]), c.Arguments[1], c.Arguments[2]),
        },
        new CallFunction
        {
            Name = "join", Signature = "join(list, sep)", Example = "join(org.jurisdictions, ', ') == 'DE, EU'",
            Summary = "the non-null elements of the list rendered as by `text`, joined by the string `sep`; `''` for an empty list, `null` for `null`",
            Parameters = [ParameterKind.List, ParameterKind.String], MinArguments = 2, MaxArguments = 2, Returns = PolicyType.String,
            ReadsLanguage = true, Nullability = ResultNullability.OnlyForNullArguments,
            Evaluate = (a, x) => a[0] is null ? null
                : string.Join((string?)a[1], ((IEnumerable)a[0]!).Cast<object?>().Where(e => e is not null).Select(e => ReferenceText.Of(e, x))),
            Lower = c => Generic(typeof(PolicyFunctions), nameof(PolicyFunctions.Join), [((PolicyType.ListType)c.Bound[0].Type).ElementClrType], c.Arguments[0], c.Arguments[1], c.Language, c.Facts),
        },
        new CallFunction
        {
            Name = "name", Signature = "name(x)", Example = "name(c) != c.id",
            Summary = "the display name of the fact `x` (a channel's name, a person's name, …) in the evaluation's language; `null` for `null`",
            Parameters = [ParameterKind.Fact], Returns = PolicyType.String, ReadsLanguage = true, Nullability = ResultNullability.OnlyForNullArguments,
            Evaluate = (a, x) => a[0] is null ? null : Deeg.Policy.Model.DisplayNames.Of(a[0]!, x.Facts, x.Language),
            Lower = c => c.Bound[0].Type == PolicyType.Null
                ? Expression.Constant(null, typeof(string))
                : Function(nameof(PolicyFunctions.Name), Expression.Convert(c.Arguments[0], typeof(object)), c.Language, c.Facts),
        },
        new CallFunction
        {
            Name = "label", Signature = "label(e)", Example = "label(c.platform) == 'LinkedIn'",
            Summary = "the label of the enum value `e` in the evaluation's language (`planned`, `geplant`); `null` for `null`",
            Parameters = [ParameterKind.Enum], Returns = PolicyType.String, ReadsLanguage = true, Nullability = ResultNullability.OnlyForNullArguments,
            Evaluate = (a, x) => a[0] is null ? null : Labels.For((Enum)a[0]!, x.Language),
            Lower = c => c.Bound[0].Type is PolicyType.EnumType e
                ? Generic(typeof(PolicyFunctions), nameof(PolicyFunctions.Label), [e.EnumClrType], c.Arguments[0], c.Language)
                : Expression.Constant(null, typeof(string)),
        },
        Quantifier("exists", "exists(x in org.jurisdictions: x == 'DE')", "true when `cond` holds for some element", QuantifierBody.Condition, PolicyType.Bool,
            (items, body, _) => items.Any(x => body(x) is true), q => q.Enumerable(nameof(Enumerable.Any), q.Predicate)),
        Quantifier("all", "all(t in p.tiers: t.approver != null)", "true when `cond` holds for every element (true for an empty list)", QuantifierBody.Condition, PolicyType.Bool,
            (items, body, _) => items.All(x => body(x) is true), q => q.Enumerable(nameof(Enumerable.All), q.Predicate)),
        Quantifier("none", "none(x in org.statedExcuses: x == 'onlyAHype')", "true when `cond` holds for no element", QuantifierBody.Condition, PolicyType.Bool,
            (items, body, _) => !items.Any(x => body(x) is true), q => Expression.Not(q.Enumerable(nameof(Enumerable.Any), q.Predicate))),
        Quantifier("count", "count(t in p.tiers: t.holdingStatement) < 2", "the number of elements for which `cond` holds", QuantifierBody.Condition, PolicyType.Number,
            (items, body, _) => (decimal)items.Count(x => body(x) is true), q => Expression.Convert(q.Enumerable(nameof(Enumerable.Count), q.Predicate), typeof(decimal))),
        Quantifier("sum", "sum(t in p.tiers: t.firstResponseMinutes) > 120", "the sum of the non-null values of the number `value` (0 for an empty list)", QuantifierBody.Number, PolicyType.Number,
            (items, body, _) => Sum(items.Select(body)),
            q => Function(nameof(PolicyFunctions.Sum), Generic(typeof(Enumerable), nameof(Enumerable.Select), [q.ElementType, typeof(decimal?)], q.List, q.Selector))),
        Quantifier("filter", "len(filter(x in org.jurisdictions: x != 'EU')) > 0", "the elements for which `cond` holds, in order", QuantifierBody.Condition, null,
            (items, body, type) => MakeList(((PolicyType.ListType)type).ElementClrType, items.Where(x => body(x) is true)),
            q => Generic(typeof(PolicyFunctions), nameof(PolicyFunctions.ToList), [q.ElementType], q.Enumerable(nameof(Enumerable.Where), q.Predicate))),
        Quantifier("map", "join(map(x in p.clauses: x.type), ', ') != ''", "the list of `value` for each element, in order", QuantifierBody.Value, null,
            (items, body, type) => MakeList(((PolicyType.ListType)type).ElementClrType, items.Select(body)),
            q => Generic(typeof(PolicyFunctions), nameof(PolicyFunctions.ToList), [q.BodyType],
                Generic(typeof(Enumerable), nameof(Enumerable.Select), [q.ElementType, q.BodyType], q.List, q.Mapper))),
    ]);

    private readonly Dictionary<string, BuiltInFunction> _byName;

    private BuiltInFunctions(IReadOnlyList<BuiltInFunction> functions)
    {
        All = functions;
        Names = functions.Select(f => f.Name).ToList();
        _byName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>Every function, in the order of the documentation.</summary>
    public IReadOnlyList<BuiltInFunction> All { get; }

    /// <summary>Their names, in the same order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The function named <paramref name="name"/>, or null.</summary>
    public BuiltInFunction? Find(string name) => _byName.GetValueOrDefault(name);

    /// <inheritdoc />
    public bool IsFunction(string name) => _byName.ContainsKey(name);

    /// <inheritdoc />
    public bool IsQuantifier(string name) => Find(name) is QuantifierFunction;

    private static CallFunction StringFunction(string name, string method, string example, string summary, Func<string, string> apply) => new()
    {
        Name = name, Signature = name + "(s)", Example = example, Summary = summary,
        Parameters = [ParameterKind.String], Returns = PolicyType.String,
        Evaluate = (a, _) => a[0] is string s ? apply(s) : null,
        Lower = c => Function(method, [.. c.Arguments]),
    };

    private static CallFunction NumberFunction(string name, string method, int arguments, string example, string summary, Func<IReadOnlyList<object?>, object?> apply) => new()
    {
        Name = name, Signature = name + (arguments == 1 ? "(x)" : "(a, b)"), Example = example, Summary = summary,
        Parameters = [ParameterKind.Number], MinArguments = arguments, MaxArguments = arguments, Returns = PolicyType.Number,
        Evaluate = (a, _) => a.Any(x => x is null) ? null : apply(a),
        Lower = c => Function(method, [.. c.Arguments]),
    };

    private static QuantifierFunction Quantifier(string name, string example, string summary, QuantifierBody body, PolicyType? returns,
        Func<IReadOnlyList<object?>, Func<object?, object?>, PolicyType, object?> evaluate, Func<LoweredQuantifier, Expression> lower) => new()
    {
        Name = name, Signature = $"{name}(x in LIST: {(body == QuantifierBody.Condition ? "cond" : "value")})", Example = example, Summary = summary,
        Body = body, Returns = returns, Evaluate = evaluate, Lower = lower,
    };

    /// <summary>The order of two numbers, dates or datetimes of one type.</summary>
    private static int Compare(object a, object b) => a switch
    {
        decimal x => x.CompareTo((decimal)b),
        DateOnly x => x.DayNumber.CompareTo(((DateOnly)b).DayNumber),
        _ => ((DateTimeOffset)a).UtcTicks.CompareTo(((DateTimeOffset)b).UtcTicks),
    };

    /// <summary>A date or datetime as the UTC date.</summary>
    private static Expression AsDate(Expression value) =>
        value.Type == typeof(DateOnly?) ? value : Function(nameof(PolicyFunctions.UtcDate), value);

    /// <summary>A date or datetime as a datetime (a date is midnight UTC).</summary>
    private static Expression AsDateTime(Expression value) =>
        value.Type == typeof(DateTimeOffset?) ? value : Operator(nameof(PolicyOperators.ToDateTime), value);

    /// <summary>The sum of the numbers among <paramref name="values"/>; null on overflow.</summary>
    private static object? Sum(IEnumerable<object?> values)
    {
        var sum = 0m;
        foreach (var value in values)
        {
            if (value is not decimal number) continue;
            try
            {
                sum += number;
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return sum;
    }
}
