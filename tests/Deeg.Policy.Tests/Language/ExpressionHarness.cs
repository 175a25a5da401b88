using System.Collections;
using System.Linq.Expressions;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Binding.Functions;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Model;
using PolicyFact = Deeg.Policy.Model.Policy;
using Deeg.Policy.Core;

namespace Deeg.Policy.Tests.Language;

/// <summary>A lowering environment backed by constant values.</summary>
internal sealed class TestEnvironment(
    IReadOnlyDictionary<string, (PolicyType Type, object? Value)> aliases,
    IReadOnlyDictionary<string, (PolicyType Type, object? Value)> parameters,
    DateOnly asOf,
    bool parametersAsConstants = false,
    string language = "en",
    IFactLookup? facts = null) : ILoweringEnvironment
{
    public Expression AsOf => Expression.Constant(asOf);

    public Expression Language => Expression.Constant(language);

    public Expression Facts => Expression.Constant(facts ?? DisplayNames.NoFacts, typeof(IFactLookup));

    public Expression Alias(string name) => Expression.Constant(aliases[name].Value, aliases[name].Type.ClrType);

    // Like the rule compiler: a parameter is read from a context at run time, so it is no constant.
    public Expression Parameter(string name) => parametersAsConstants
        ? Expression.Constant(parameters[name].Value, parameters[name].Type.ClrType)
        : Expression.Convert(Expression.Constant(parameters[name].Value, typeof(object)), parameters[name].Type.ClrType);
}

/// <summary>Finds nodes the lowering must not produce: blocks, assignments, loops, jumps, try.</summary>
internal sealed class ForbiddenNodes : ExpressionVisitor
{
    public static void Check(Expression e) => new ForbiddenNodes().Visit(e);

    public override Expression? Visit(Expression? node)
    {
        if (node is BlockExpression or LoopExpression or GotoExpression or TryExpression or LabelExpression or SwitchExpression
            || node is BinaryExpression { NodeType: ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign }
            || node is UnaryExpression { NodeType: ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign or ExpressionType.Throw })
            Assert.Fail($"the lowering produced a {node.NodeType} node: {node}");
        return base.Visit(node);
    }
}

/// <summary>Parses, binds, lowers, compiles and interprets expressions over a fixed set of aliases and parameters.</summary>
internal static class Harness
{
    public static readonly SourceLocation Loc = new("rules/acme.rules.json", 22, 20);
    public static readonly DateOnly AsOf = new(2024, 6, 15);
    public static readonly FactTypeRegistry Registry = BuiltInFactTypes.CreateRegistry();

    public static PolicyType TypeOf<T>() => Registry.MapClrType(typeof(T))!;

    public static readonly Channel Channel = new()
    {
        Id = "ch-1", Platform = Platform.Linkedin, Scope = ChannelScope.External, Handle = "@acme", Status = ChannelStatus.Active,
        LastPostAt = new DateTimeOffset(2024, 6, 10, 22, 30, 0, TimeSpan.FromHours(-4)), Followers = 440, ImpressumLabel = "Impressum",
        Mfa = false, Credentials = Credentials.SharedDocument, MessageRetentionDays = null,
    };

    public static readonly Organisation Organisation = new()
    {
        Id = "org", Name = "ACME", Jurisdictions = ["DE", "EU"], StatedExcuses = [Excuse.B2bNoEndCustomers], Employees = 120,
        GovernanceBody = ["Marketing", "IT"],
    };

    public static readonly PolicyFact Policy = new()
    {
        Id = "pol-1", Kind = PolicyKind.CrisisPlan, ApprovedOn = new DateOnly(2023, 1, 10),
        Clauses = [new Clause { Type = ClauseType.Retention, Value = 30m, Tone = ClauseTone.Restricting }, new Clause { Type = ClauseType.Experimentation, Tone = ClauseTone.Enabling }],
        Tiers = [new CrisisTier { Level = 1, Approver = "p1", HoldingStatement = true }, new CrisisTier { Level = 2, Approver = null }],
    };

    public static readonly UseCase UseCase = new() { Id = "uc-1", Area = UseCaseArea.KnowledgeManagement, Members = 60, OpenShare = 0.375m };

    public static Dictionary<string, (PolicyType Type, object? Value)> Aliases() => new(StringComparer.Ordinal)
    {
        ["c"] = (TypeOf<Channel>(), Channel),
        ["nc"] = (TypeOf<Channel>(), null),
        ["org"] = (TypeOf<Organisation>(), Organisation),
        ["norg"] = (TypeOf<Organisation>(), null),
        ["pol"] = (TypeOf<PolicyFact>(), Policy),
        ["uc"] = (TypeOf<UseCase>(), UseCase),
        ["n"] = (PolicyType.Number, 5m),
        ["nn"] = (PolicyType.Number, null),
        ["s"] = (PolicyType.String, "abc"),
        ["ns"] = (PolicyType.String, null),
        ["b"] = (PolicyType.Bool, true),
        ["nb"] = (PolicyType.Bool, null),
        ["d"] = (PolicyType.Date, new DateOnly(2024, 3, 1)),
        ["nd"] = (PolicyType.Date, null),
        ["dt"] = (PolicyType.DateTime, new DateTimeOffset(2024, 6, 14, 18, 0, 0, TimeSpan.Zero)),
        ["ndt"] = (PolicyType.DateTime, null),
        ["xs"] = (new PolicyType.ListType(PolicyType.Number), new decimal?[] { 1m, 2m, 3m }),
        ["nxs"] = (new PolicyType.ListType(PolicyType.Number), null),
        ["ss"] = (new PolicyType.ListType(PolicyType.String), new string?[] { "linkedin", "x", null }),
        ["roles"] = (new PolicyType.ListType(new PolicyType.EnumType(typeof(Role))), new Role?[] { Role.Editor, Role.ChannelAdmin }),
        ["platform"] = (new PolicyType.EnumType(typeof(Platform)), Platform.Xing),
    };

    public static Dictionary<string, (PolicyType Type, object? Value)> Parameters() => new(StringComparer.Ordinal)
    {
        ["dormantDays"] = (PolicyType.Number, 180m),
        ["minAdmins"] = (PolicyType.Number, 2m),
        ["platforms"] = (new PolicyType.ListType(PolicyType.String), new string?[] { "LinkedIn", "youtube" }),
        ["requiredRoles"] = (new PolicyType.ListType(PolicyType.String), new string?[] { "editor", "spokesperson" }),
        ["impressumLabelPattern"] = (PolicyType.String, "(?i)impressum|imprint|anbieterkennzeichnung"),
        ["platformName"] = (PolicyType.String, "linkedin"),
        ["badPattern"] = (PolicyType.String, "(unclosed"),
    };

    public static ExpressionScope Scope(IReadOnlyDictionary<string, (PolicyType Type, object? Value)>? aliases = null) =>
        new(Registry, Parameters().ToDictionary(p => p.Key, p => p.Value.Type), (aliases ?? Aliases()).Select(a => KeyValuePair.Create(a.Key, a.Value.Type)));

    /// <summary>Parses and binds; asserts there are no diagnostics.</summary>
    public static BoundExpression Bind(string text, ExpressionScope? scope = null)
    {
        var bag = new DiagnosticBag();
        var syntax = ExpressionParser.Parse(text, Loc, bag, BuiltInFunctions.Table);
        var bound = syntax is null ? null : ExpressionBinder.Bind(syntax, scope ?? Scope(), Loc, bag);
        Assert.True(bag.Items.Count == 0, $"{text}: " + string.Join("; ", bag.Items.Select(d => d.ToString())));
        Assert.NotNull(bound);
        return bound;
    }

    /// <summary>The diagnostics of parsing and binding <paramref name="text"/> as a condition (or any value).</summary>
    public static IReadOnlyList<Diagnostic> Diagnose(string text, bool condition = false, ExpressionScope? scope = null)
    {
        var bag = new DiagnosticBag();
        var syntax = ExpressionParser.Parse(text, Loc, bag, BuiltInFunctions.Table);
        if (syntax is not null)
        {
            var bound = condition
                ? ExpressionBinder.BindCondition(syntax, scope ?? Scope(), Loc, bag)
                : ExpressionBinder.Bind(syntax, scope ?? Scope(), Loc, bag);
            Assert.Equal(bag.HasErrors, bound is null);
        }

        return bag.Items;
    }

    /// <summary>The only diagnostic of <paramref name="text"/>; checks code, file position and message.</summary>
    public static Diagnostic Single(string text, string code, string message, bool condition = false)
    {
        var diagnostics = Diagnose(text, condition);
        var d = Assert.Single(diagnostics);
        Assert.Equal(code, d.Code);
        Assert.Equal(Loc.File, d.File);
        Assert.Equal(Loc.Line, d.Line);
        Assert.Equal(Loc.Column, d.Column);
        Assert.Equal(message, d.Message);
        return d;
    }

    /// <summary>Evaluates through the compiled lowering and the reference evaluator; asserts they agree.</summary>
    public static object? Eval(string text, string language = "en", IFactLookup? facts = null) => Eval(Bind(text), Aliases(), Parameters(), text, language, facts);

    public static object? Eval(BoundExpression bound, IReadOnlyDictionary<string, (PolicyType Type, object? Value)> aliases, IReadOnlyDictionary<string, (PolicyType Type, object? Value)> parameters, string text,
        string language = "en", IFactLookup? facts = null)
    {
        var compiled = Compiled(bound, aliases, parameters, language: language, facts: facts);
        var reference = ReferenceEvaluator.Evaluate(bound, aliases.ToDictionary(a => a.Key, a => a.Value.Value), AsOf, parameters.ToDictionary(p => p.Key, p => p.Value.Value), language, facts);
        Assert.True(Same(compiled, reference), $"{text}: lowering gave {Show(compiled)}, reference evaluator gave {Show(reference)}");
        return compiled;
    }

    public static object? Compiled(BoundExpression bound, IReadOnlyDictionary<string, (PolicyType Type, object? Value)> aliases, IReadOnlyDictionary<string, (PolicyType Type, object? Value)> parameters, bool parametersAsConstants = false,
        string language = "en", IFactLookup? facts = null)
    {
        var env = new TestEnvironment(aliases, parameters, AsOf, parametersAsConstants, language, facts);
        var lowered = ExpressionLowerer.Lower(bound, env);
        Assert.Equal(bound.Type.ClrType, lowered.Type);
        ForbiddenNodes.Check(lowered);
        Assert.Equal(typeof(bool), ExpressionLowerer.LowerCondition(bound, env).Type);
        var value = Expression.Lambda<Func<object?>>(ExpressionLowerer.LowerBoxed(bound, env)).Compile()();
        if (bound.Type == PolicyType.Bool)
        {
            var condition = Expression.Lambda<Func<bool>>(ExpressionLowerer.LowerCondition(bound, env)).Compile()();
            Assert.Equal(value is true, condition);
        }

        return value;
    }

    public static bool Same(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is decimal x && b is decimal y) return x == y;
        if (a is DateTimeOffset t && b is DateTimeOffset u) return t.UtcTicks == u.UtcTicks;
        if (a is IEnumerable e && b is IEnumerable f && a is not string)
        {
            var l = e.Cast<object?>().ToList();
            var m = f.Cast<object?>().ToList();
            return l.Count == m.Count && l.Zip(m).All(p => Same(p.First, p.Second));
        }

        return a.Equals(b);
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]",
        _ => $"{value} ({value.GetType().Name})",
    };
}
