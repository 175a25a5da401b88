using System.Collections.Immutable;
using Deeg.Policy.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Deeg.Policy.Core;

namespace Deeg.Policy.Tests.Language;

/// <summary>A generated well-typed expression with generated values for the aliases and parameters it may use.</summary>
public sealed record GeneratedCase(string Expression, IReadOnlyDictionary<string, object?> Values)
{
    public override string ToString() =>
        Expression + "   with " + string.Join(", ", Values.Select(v => $"{v.Key}={Harness.Show(v.Value)}"));
}

/// <summary>Generators of well-typed expressions over numbers, strings, bools, dates, datetimes, durations, lists and facts.</summary>
public static class ExpressionGenerators
{
    internal enum T
    {
        Num,
        Str,
        Bool,
        Date,
        DateTime,
        Dur,
        NumList,
        StrList,
    }

    internal static PolicyType TypeOf(T t) => t switch
    {
        T.Num => PolicyType.Number,
        T.Str => PolicyType.String,
        T.Bool => PolicyType.Bool,
        T.Date => PolicyType.Date,
        T.DateTime => PolicyType.DateTime,
        T.Dur => PolicyType.Duration,
        T.NumList => new PolicyType.ListType(PolicyType.Number),
        _ => new PolicyType.ListType(PolicyType.String),
    };

    /// <summary>The aliases and parameters of generated expressions, with their types.</summary>
    internal static readonly (string Name, T Type)[] Aliases =
    [
        ("n1", T.Num), ("n2", T.Num), ("nn", T.Num), ("s1", T.Str), ("s2", T.Str), ("b1", T.Bool), ("b2", T.Bool),
        ("d1", T.Date), ("d2", T.Date), ("t1", T.DateTime), ("u1", T.Dur), ("xs", T.NumList), ("ys", T.NumList), ("ss", T.StrList),
    ];

    internal static readonly (string Name, T Type)[] Parameters = [("p", T.Num), ("ps", T.StrList), ("pat", T.Str)];

    private static readonly decimal?[] Numbers = [null, 0m, 1m, -1m, 2.5m, 0.1m, 3m, 7m, -0.5m, 79228162514264337593543950335m, 0.0000000000000000000000000001m];
    private static readonly string?[] Strings = [null, string.Empty, "a", "Ab", " x ", "abc", "A", "ab", "LinkedIn", "x"];
    private static readonly bool?[] Bools = [null, true, false];
    private static readonly DateOnly?[] Dates = [null, new DateOnly(2024, 1, 31), new DateOnly(2024, 6, 15), new DateOnly(2024, 2, 29), DateOnly.MinValue, DateOnly.MaxValue];
    private static readonly DateTimeOffset?[] DateTimes =
    [
        null, new DateTimeOffset(2024, 6, 14, 18, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 15, 1, 30, 0, TimeSpan.FromHours(2)),
        new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(9999, 12, 31, 23, 0, 0, TimeSpan.Zero),
    ];

    private static readonly TimeSpan?[] Durations = [null, TimeSpan.FromDays(1), TimeSpan.FromHours(-12), TimeSpan.Zero, TimeSpan.FromMinutes(30), TimeSpan.MaxValue, TimeSpan.MinValue];
    private static readonly decimal?[]?[] NumberLists = [null, [], [1m, 2m, 3m], [null, 2.5m], [79228162514264337593543950335m, 1m], [0m]];
    private static readonly string?[]?[] StringLists = [null, [], ["a", null, "Ab"], ["abc"], ["A", "a"], ["X", "linkedin"]];
    private static readonly string?[] Patterns = ["a", "(?i)^a", "(bad", "^$", null];

    private static readonly Channel[] Channels =
    [
        new() { Id = "c1", Platform = Platform.Linkedin, Scope = ChannelScope.External, Followers = 440, Handle = "@a", Mfa = true, LastPostAt = new DateTimeOffset(2024, 6, 10, 22, 30, 0, TimeSpan.FromHours(-4)) },
        new() { Id = "c2", Platform = Platform.X, Scope = ChannelScope.Internal, Followers = null, Handle = null, Mfa = false, LastPostAt = null },
    ];

    public static Arbitrary<GeneratedCase> Cases() => Arb.From(CaseGen());

    private static Gen<GeneratedCase> CaseGen() =>
        from type in Gen.Elements(T.Num, T.Str, T.Bool, T.Bool, T.Date, T.DateTime, T.Dur, T.NumList, T.StrList)
        from depth in Gen.Choose(1, 4)
        from expression in Expr(type, depth, [])
        from values in ValuesGen()
        select new GeneratedCase(expression, values);

    private static Gen<IReadOnlyDictionary<string, object?>> ValuesGen()
    {
        var gens = Aliases.Concat(Parameters).Select(a => ValueGen(a.Name, a.Type).Select(v => KeyValuePair.Create(a.Name, v))).ToList();
        gens.Add(Gen.Elements<Channel?>(Channels[0], Channels[1], null).Select(c => KeyValuePair.Create("c", (object?)c)));
        return Gen.CollectToList(gens).Select(list => (IReadOnlyDictionary<string, object?>)list.ToDictionary(p => p.Key, p => p.Value));
    }

    private static Gen<object?> ValueGen(string name, T type) => type switch
    {
        T.Num => Gen.Elements(Numbers).Select(v => (object?)v),
        T.Str when name == "pat" => Gen.Elements(Patterns).Select(v => (object?)v),
        T.Str => Gen.Elements(Strings).Select(v => (object?)v),
        T.Bool => Gen.Elements(Bools).Select(v => (object?)v),
        T.Date => Gen.Elements(Dates).Select(v => (object?)v),
        T.DateTime => Gen.Elements(DateTimes).Select(v => (object?)v),
        T.Dur => Gen.Elements(Durations).Select(v => (object?)v),
        T.NumList => Gen.Elements(NumberLists).Select(v => (object?)v),
        _ => Gen.Elements(StringLists).Select(v => (object?)v),
    };

    private static Gen<string> Leaf(T type, ImmutableList<(string Name, T Type)> variables)
    {
        var names = Aliases.Where(a => a.Type == type).Select(a => a.Name)
            .Concat(Parameters.Where(p => p.Type == type && p.Name != "pat").Select(p => "params." + p.Name))
            .Concat(variables.Where(v => v.Type == type).Select(v => v.Name));
        var literals = type switch
        {
            T.Num => ["0", "1", "2.5", "0.1", "3", "0.2", "79228162514264337593543950335", "null", "c.followers"],
            T.Str => ["'a'", "''", "'Ab'", "' x '", @"'it\'s'", "c.handle", "'abc'"],
            T.Bool => ["true", "false", "null", "c.mfa"],
            T.Date => ["date('2024-01-31')", "asOf", "date('9999-12-31')", "date('0001-01-01')"],
            T.DateTime => ["c.lastPostAt"],
            T.Dur => ["1d", "12h", "30m", "0d"],
            T.NumList => ["[1, 2]", "[]", "[null, 0.5]", "[3]"],
            _ => new[] { "['a', 'Ab']", "[]", "['abc', null]" },
        };
        return Gen.Elements(names.Concat(literals).ToArray());
    }

    private static Gen<string> Expr(T type, int depth, ImmutableList<(string Name, T Type)> vars)
    {
        if (depth <= 0) return Leaf(type, vars);
        var d = depth - 1;
        // Sub-generators are built lazily: building all of them eagerly is exponential in the depth.
        Gen<string> E(T t) => Gen.Constant(t).SelectMany(x => Expr(x, d, vars));
        Gen<string> Bin(T a, string op, T b) => from x in E(a) from y in E(b) select $"({x} {op} {y})";
        Gen<string> Fn(string f, params T[] args) => Gen.CollectToList(args.Select(E)).Select(xs => $"{f}({string.Join(", ", xs)})");
        Gen<string> Q(string f, T list, T element, T body)
        {
            var v = "v" + vars.Count;
            return from l in E(list) from b in Gen.Constant(body).SelectMany(x => Expr(x, d, vars.Add((v, element)))) select $"{f}({v} in {l}: {b})";
        }

        var options = type switch
        {
            T.Num => new[]
            {
                Bin(T.Num, "+", T.Num), Bin(T.Num, "-", T.Num), Bin(T.Num, "*", T.Num), Bin(T.Num, "/", T.Num), Bin(T.Num, "%", T.Num),
                E(T.Num).Select(x => $"-{x}"), Bin(T.Num, "??", T.Num), Fn("len", T.Str), Fn("len", T.NumList), Fn("len", T.StrList),
                Fn("daysSince", T.Date), Fn("daysSince", T.DateTime), Fn("daysBetween", T.Date, T.DateTime), Fn("hoursSince", T.DateTime), Fn("hoursSince", T.Date),
                Fn("abs", T.Num), Fn("round", T.Num), Fn("min", T.Num, T.Num), Fn("max", T.Num, T.Num), Fn("coalesce", T.Num, T.Num, T.Num),
                Q("count", T.NumList, T.Num, T.Bool), Q("sum", T.NumList, T.Num, T.Num), Q("count", T.StrList, T.Str, T.Bool),
                Fn("if", T.Bool, T.Num, T.Num), Fn("plural", T.Num, T.Num, T.Num), E(T.Bool).Select(x => $"len(text({x}))"),
            },
            T.Str => new[]
            {
                Bin(T.Str, "+", T.Str), Fn("lower", T.Str), Fn("upper", T.Str), Fn("trim", T.Str), Bin(T.Str, "??", T.Str), Fn("coalesce", T.Str, T.Str),

                // rendering in the evaluation's language
                Fn("if", T.Bool, T.Str, T.Str), Fn("plural", T.Num, T.Str, T.Str), Fn("join", T.NumList, T.Str), Fn("join", T.StrList, T.Str),
                Fn("text", T.Num), Fn("text", T.Str), Fn("text", T.Bool), Fn("text", T.Date), Fn("text", T.DateTime), Fn("text", T.Dur), Fn("text", T.NumList), Fn("text", T.StrList),
                E(T.Num).Select(x => $"text({x}, '0.00')"), E(T.Num).Select(x => $"text({x}, '#,##0.###')"),
                E(T.Date).Select(x => $"text({x}, 'dd MMMM yyyy')"), E(T.DateTime).Select(x => $"text({x}, 'ddd yyyy-MM-dd HH:mm zzz')"),
                Gen.Elements("text(c)", "name(c)", "label(c.platform)", "label(c.scope)", "text(c.platform)", "join(map(x in [c, null]: x.platform), ' ')"),
            },
            T.Bool => new[]
            {
                Bin(T.Num, "<", T.Num), Bin(T.Num, "<=", T.Num), Bin(T.Num, ">", T.Num), Bin(T.Num, ">=", T.Num), Bin(T.Num, "==", T.Num), Bin(T.Num, "!=", T.Num),
                Bin(T.Str, "==", T.Str), Bin(T.Str, "!=", T.Str), Bin(T.Str, "<", T.Str), Bin(T.Bool, "==", T.Bool), Bin(T.Bool, "!=", T.Bool),
                Bin(T.Date, "<", T.DateTime), Bin(T.DateTime, ">=", T.Date), Bin(T.Date, "==", T.Date), Bin(T.Date, "==", T.DateTime), Bin(T.Dur, ">", T.Dur), Bin(T.Dur, "==", T.Dur),
                Bin(T.Bool, "and", T.Bool), Bin(T.Bool, "or", T.Bool), E(T.Bool).Select(x => $"(not {x})"),
                Bin(T.Num, "in", T.NumList), Bin(T.Num, "not in", T.NumList), Bin(T.Str, "in", T.StrList), Bin(T.Str, "not in", T.StrList),
                Bin(T.NumList, "contains", T.Num), Bin(T.StrList, "contains", T.Str), Bin(T.Str, "contains", T.Str),
                Bin(T.Str, "startsWith", T.Str), Bin(T.Str, "endsWith", T.Str),
                E(T.Str).Select(x => $"({x} matches '(?i)^a')"), E(T.Str).Select(x => $"({x} matches params.pat)"),
                Fn("isBlank", T.Str), E(T.Num).Select(x => $"({x} == null)"), E(T.Str).Select(x => $"({x} != null)"),
                Bin(T.NumList, "==", T.NumList), Bin(T.StrList, "!=", T.StrList), Bin(T.Bool, "??", T.Bool),
                Q("exists", T.NumList, T.Num, T.Bool), Q("all", T.NumList, T.Num, T.Bool), Q("none", T.StrList, T.Str, T.Bool), Q("exists", T.StrList, T.Str, T.Bool),

                // enums: literals checked at load time, run-time strings compared by name ignoring case
                Gen.Elements("(c.platform == 'x')", "(c.scope in ['external', 'messaging'])", "(c.scope != 'internal')", "(c.platform == null)", "(c.platform not in ['linkedin'])"),
                Gen.Elements("s1", "s2", "params.pat").Select(x => $"(c.platform == {x})"),
                Gen.Elements("s1", "s2").Select(x => $"({x} != c.platform)"),
                Gen.Elements("ss", "params.ps").Select(x => $"(c.platform in {x})"),
                Gen.Elements("ss", "params.ps").Select(x => $"(c.platform not in {x})"),
                Gen.Elements("s1", "s2").Select(x => $"(coalesce(c.platform, {x}) == 'x')"),
            },
            T.Date => new[] { Bin(T.Date, "+", T.Dur), Bin(T.Date, "-", T.Dur), Bin(T.Dur, "+", T.Date), Bin(T.Date, "??", T.Date), Fn("min", T.Date, T.Date), Fn("max", T.Date, T.Date), Fn("if", T.Bool, T.Date, T.Date) },
            T.DateTime => new[] { Bin(T.DateTime, "+", T.Dur), Bin(T.DateTime, "-", T.Dur), Fn("coalesce", T.DateTime, T.Date), Fn("min", T.DateTime, T.Date), Fn("max", T.Date, T.DateTime) },
            T.Dur => new[]
            {
                Bin(T.Date, "-", T.Date), Bin(T.DateTime, "-", T.DateTime), Bin(T.Date, "-", T.DateTime), Bin(T.Dur, "+", T.Dur), Bin(T.Dur, "-", T.Dur),
                Bin(T.Dur, "*", T.Num), Bin(T.Num, "*", T.Dur), E(T.Dur).Select(x => $"-{x}"),
            },
            T.NumList => new[] { Q("filter", T.NumList, T.Num, T.Bool), Fn("[", T.Num, T.Num).Select(x => "[" + x[2..^1] + "]"), Q("map", T.NumList, T.Num, T.Num), Q("map", T.StrList, T.Str, T.Num) },
            _ => new[] { Q("filter", T.StrList, T.Str, T.Bool), Fn("[", T.Str).Select(x => "[" + x[2..^1] + "]"), Q("map", T.NumList, T.Num, T.Str), Q("map", T.StrList, T.Str, T.Str) },
        };
        return Gen.Frequency((1, Leaf(type, vars)), (3, Gen.OneOf(options)));
    }
}

public class LoweringPropertyTests
{
    [Property(MaxTest = 800, Arbitrary = [typeof(ExpressionGenerators)])]
    public void CompiledLoweringAgreesWithTheReferenceEvaluator(GeneratedCase c)
    {
        var aliases = ExpressionGenerators.Aliases
            .ToDictionary(a => a.Name, a => (ExpressionGenerators.TypeOf(a.Type), c.Values[a.Name]), StringComparer.Ordinal);
        aliases["c"] = (Harness.TypeOf<Channel>(), c.Values["c"]);
        var parameters = ExpressionGenerators.Parameters
            .ToDictionary(p => p.Name, p => (ExpressionGenerators.TypeOf(p.Type), c.Values[p.Name]), StringComparer.Ordinal);
        var scope = new Deeg.Policy.Language.Binding.Expressions.ExpressionScope(
            Harness.Registry, parameters.ToDictionary(p => p.Key, p => p.Value.Item1), aliases.Select(a => KeyValuePair.Create(a.Key, a.Value.Item1)));

        var bound = Harness.Bind(c.Expression, scope);
        Harness.Eval(bound, aliases, parameters, c.ToString());
        if (bound.DescendantsAndSelf().Any(e => e is Deeg.Policy.Language.Binding.Expressions.BoundCallExpression { Function.ReadsLanguage: true }))
            Harness.Eval(bound, aliases, parameters, c.ToString() + "   in de", "de");

        // The same with parameters as constants (patterns compiled at lowering time).
        var constant = Harness.Compiled(bound, aliases, parameters, parametersAsConstants: true);
        Assert.True(Harness.Same(constant, Harness.Compiled(bound, aliases, parameters)), c.ToString());
    }
}
