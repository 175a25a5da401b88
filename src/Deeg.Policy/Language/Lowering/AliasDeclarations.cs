using System.Linq.Expressions;
using System.Reflection;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Runtime;

namespace Deeg.Policy.Language.Lowering;

/// <summary>
/// How the lowered rules declare an alias and read it back: a fact matched by a pattern is its
/// own declaration; a fact found by a lookup, a <c>let</c> and an aggregate are held by a
/// <see cref="BoundValue"/>; an aggregate computed in a rule of its own is a <see cref="SharedValue"/> fact.
/// </summary>
internal static class AliasDeclarations
{
    /// <summary>The declaration name of the evaluation context in every rule.</summary>
    public const string ContextName = "__ctx";

    public static readonly ConstructorInfo BoundValueConstructor = typeof(BoundValue).GetConstructor([typeof(object)])!;

    public static readonly PropertyInfo BoundValueValue = typeof(BoundValue).GetProperty(nameof(BoundValue.Value))!;

    public static readonly PropertyInfo SharedValueValue = typeof(SharedValue).GetProperty(nameof(SharedValue.Value))!;

    /// <summary>The CLR type of an alias's NRules declaration.</summary>
    public static Type DeclarationType(AliasSymbol alias) =>
        alias.SharedKey is not null ? typeof(SharedValue)
        : alias.Kind == AliasKind.Fact && !alias.Indirect ? alias.Fact!.ClrType
        : typeof(BoundValue);

    /// <summary>
    /// An expression reading alias <paramref name="alias"/> from its declaration parameter, in the
    /// alias's canonical type (value aliases are unwrapped from <see cref="BoundValue"/>).
    /// </summary>
    public static Expression ReadAlias(AliasSymbol alias, Expression declaration) =>
        alias.SharedKey is not null ? Expression.Convert(Expression.Property(declaration, SharedValueValue), alias.Type.ClrType)
        : alias.Kind == AliasKind.Fact && !alias.Indirect ? declaration
        : Expression.Convert(Expression.Property(declaration, BoundValueValue), alias.Type.ClrType);
}
