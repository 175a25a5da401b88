using System.Linq.Expressions;
using Deeg.Policy.Language.Lowering.Expressions;
using Deeg.Policy.Runtime;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// The join indexes the lowering asked for while compiling all rules: one per (fact type,
/// member), shared by every rule that joins on it. Each session builds its
/// <see cref="JoinIndex"/> from these specs.
/// </summary>
internal sealed class IndexCatalog
{
    private readonly Dictionary<(Type, string), IndexSpec> _specs = [];

    public IReadOnlyList<IndexSpec> Specs => _specs.Values.OrderBy(s => s.Slot).ToList();

    /// <summary>The slot of the index on <c>type.member</c>, created on first use.</summary>
    public int Slot(FactTypeInfo type, FactMember member)
    {
        if (_specs.TryGetValue((type.ClrType, member.Name), out var spec)) return spec.Slot;

        // The key is read with the language's own member access, so it has the canonical type
        // the compared expression has (int fields as decimal?, enums as nullable enums).
        var fact = Expression.Parameter(typeof(object), "fact");
        var environment = new KeyEnvironment(Expression.Convert(fact, type.ClrType));
        var read = ExpressionLowerer.LowerBoxed(
            new Binding.Expressions.BoundMemberExpression(0, new Binding.Expressions.BoundAliasExpression(new PolicyType.ObjectType(type), 0, "it"), member),
            environment);
        spec = new IndexSpec(_specs.Count, type.ClrType, Expression.Lambda<Func<object, object?>>(read, fact).Compile(), type.Name + "." + member.Name);
        _specs[(type.ClrType, member.Name)] = spec;
        return spec.Slot;
    }

    private sealed class KeyEnvironment(Expression fact) : ILoweringEnvironment
    {
        public Expression AsOf => throw new InvalidOperationException("a key does not depend on the date");

        public Expression Alias(string name) => fact;

        public Expression Parameter(string name) => throw new InvalidOperationException("a key does not depend on parameters");

        public Expression Language => throw new InvalidOperationException("a key does not depend on the language");

        public Expression Facts => throw new InvalidOperationException("a key does not depend on other facts");
    }
}
