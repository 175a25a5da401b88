using System.Linq.Expressions;
using Deeg.Policy.Language.Binding.Expressions;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Model;
using Deeg.Policy.Core;

namespace Deeg.Policy.Tests.Language;

public class BoundTreeTests
{
    [Theory]
    [InlineData("c.mfa and org.socialListening", "c,org", false)]
    [InlineData("exists(x in xs: x > n)", "n,xs", false)]
    [InlineData("exists(c in pol.clauses: c.value > 1)", "pol", false)]
    [InlineData("count(x in xs: exists(y in xs: x == y)) > 0", "xs", false)]
    [InlineData("daysSince(c.lastPostAt) > 3", "c", true)]
    [InlineData("hoursSince(d) > 3", "d", true)]
    [InlineData("d < asOf", "d", true)]
    [InlineData("n > params.dormantDays", "n", true)]
    [InlineData("daysBetween(d, d) > 1", "d", false)]
    [InlineData("1 + 1 == 2", "", false)]
    public void FreeAliasesAndContext(string text, string aliases, bool usesContext)
    {
        var bound = Harness.Bind(text);
        Assert.Equal(aliases.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), bound.FreeAliases.Order(StringComparer.Ordinal));
        Assert.Equal(usesContext, bound.UsesContext);
    }

    [Fact]
    public void PatternParameters()
    {
        Assert.Equal(["impressumLabelPattern"], Harness.Bind("c.handle matches params.impressumLabelPattern or s matches 'a'").PatternParameters);
        Assert.Empty(Harness.Bind("s matches 'a'").PatternParameters);
    }

    [Fact]
    public void EqualityJoinsAreRecognisable()
    {
        // The rule compiler classifies `x.k == e` conditions as keyed lookups (KeyedJoin).
        var scope = new ExpressionScope(Harness.Registry).WithAlias("p", Harness.TypeOf<Person>()).WithAlias("r", Harness.TypeOf<RoleAssignment>());
        var bound = Harness.Bind("r.person == p.id", scope);
        var equal = Assert.IsType<BoundBinaryExpression>(bound);
        Assert.Equal(BoundBinaryKind.Equal, equal.Kind);
        var left = Assert.IsType<BoundMemberExpression>(equal.Left);
        Assert.Equal("person", left.Member.Name);
        Assert.Equal("r", Assert.IsType<BoundAliasExpression>(left.Target).Name);
        Assert.Equal(["p"], equal.Right.FreeAliases);
    }

    [Fact]
    public void ScopeLookupAndShadowing()
    {
        var scope = new ExpressionScope(Harness.Registry, null, [KeyValuePair.Create("a", PolicyType.Number)]);
        var inner = scope.WithAlias("a", PolicyType.String).WithAlias("b", PolicyType.Bool);
        Assert.True(inner.TryLookup("a", out var type, out var isVariable));
        Assert.Equal(PolicyType.String, type);
        Assert.False(isVariable);
        Assert.True(scope.TryLookup("a", out type, out _));
        Assert.Equal(PolicyType.Number, type);
        Assert.False(scope.TryLookup("b", out _, out _));
        Assert.Equal(["b", "a", "a", "asOf", "params"], inner.VisibleNames);
        Assert.Equal(PolicyType.String, Harness.Bind("a", inner).Type);
        Assert.Equal(PolicyType.Date, Harness.Bind("asOf", new ExpressionScope(Harness.Registry)).Type);
    }

    [Theory]
    [InlineData("c.followers", "number")]
    [InlineData("c.platform", "enum Platform")]
    [InlineData("org.statedExcuses", "list of enum Excuse")]
    [InlineData("pol.clauses", "list of Clause")]
    [InlineData("[]", "list of null")]
    [InlineData("[1, null]", "list of number")]
    [InlineData("[d, dt]", "list of datetime")]
    [InlineData("filter(x in xs: true)", "list of number")]
    [InlineData("asOf - d", "duration")]
    [InlineData("null", "null")]
    [InlineData("c.scope ?? 'internal'", "enum ChannelScope")]
    [InlineData("c.scope ?? s", "string")]
    public void Types(string text, string type) => Assert.Equal(type, Harness.Bind(text).Type.DisplayName);

    private sealed class DeclarationEnvironment(Dictionary<string, ParameterExpression> declarations, ParameterExpression asOf) : ILoweringEnvironment
    {
        public Expression AsOf => asOf;

        public Expression Alias(string name) => declarations[name];

        public Expression Parameter(string name) => throw new InvalidOperationException();

        public Expression Language => throw new InvalidOperationException();

        public Expression Facts => throw new InvalidOperationException();
    }

    [Fact]
    public void LowersToALambdaOverDeclarations()
    {
        var scope = new ExpressionScope(Harness.Registry).WithAlias("c", Harness.TypeOf<Channel>()).WithAlias("org", Harness.TypeOf<Organisation>());
        var bound = Harness.Bind("c.scope == 'external' and 'DE' in org.jurisdictions and (c.lastPostAt == null or daysSince(c.lastPostAt) > 3)", scope);
        var c = Expression.Parameter(typeof(Channel), "c");
        var org = Expression.Parameter(typeof(Organisation), "org");
        var asOf = Expression.Parameter(typeof(DateOnly), "asOf");
        var body = ExpressionLowerer.LowerCondition(bound, new DeclarationEnvironment(new() { ["c"] = c, ["org"] = org }, asOf));
        ForbiddenNodes.Check(body);
        var f = Expression.Lambda<Func<Channel, Organisation, DateOnly, bool>>(body, c, org, asOf).Compile();
        Assert.True(f(Harness.Channel, Harness.Organisation, Harness.AsOf));
        Assert.False(f(Harness.Channel, Harness.Organisation, new DateOnly(2024, 6, 12)));
        Assert.False(f(Harness.Channel with { Scope = ChannelScope.Internal }, Harness.Organisation, Harness.AsOf));
        Assert.True(f(Harness.Channel with { LastPostAt = null }, Harness.Organisation, Harness.AsOf));
        Assert.False(f(Harness.Channel, null!, Harness.AsOf));
        Assert.False(f(null!, Harness.Organisation, Harness.AsOf));
    }

    [Fact]
    public void MemberAccessOnAnExpensiveTargetEvaluatesItOnce()
    {
        var bound = Harness.Bind("coalesce(nc, c).handle");
        Assert.Equal("@acme", Harness.Eval("coalesce(nc, c).handle"));
        var lowered = ExpressionLowerer.Lower(bound, new TestEnvironment(Harness.Aliases(), Harness.Parameters(), Harness.AsOf));
        Assert.Equal(ExpressionType.Invoke, lowered.NodeType);
        Assert.Null(Harness.Eval("coalesce(nc, nc).handle"));
    }
}
