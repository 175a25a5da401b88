using System.Reflection;

namespace Deeg.Policy.Core;

/// <summary>Delegates that read a property without reflection on each call.</summary>
internal static class PropertyGetter
{
    private static readonly MethodInfo TypedMethod = typeof(PropertyGetter).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A getter with <see cref="PropertyInfo.GetValue(object)"/>'s behaviour, including its exceptions.</summary>
    public static Func<object, object?> For(PropertyInfo property)
    {
        var type = property.PropertyType;
        if (property.GetMethod is { IsPublic: true, IsStatic: false } getter && property.DeclaringType is { IsValueType: false, ContainsGenericParameters: false } owner
            && !(type.IsByRef || type.IsByRefLike || type.IsPointer || type.IsFunctionPointer))
        {
            try
            {
                return (Func<object, object?>)TypedMethod.MakeGenericMethod(owner, type).Invoke(null, [getter])!;
            }
            catch (Exception ex) when (ex is ArgumentException or TargetInvocationException or NotSupportedException)
            {
                // A getter that cannot be bound to a typed delegate: reflection it is.
            }
        }

        return property.GetValue;
    }

    private static Func<object, object?> Typed<TOwner, TValue>(MethodInfo getter)
        where TOwner : class
    {
        var read = getter.CreateDelegate<Func<TOwner, TValue>>();
        return obj =>
        {
            try
            {
                return read((TOwner)obj);
            }
            catch (Exception ex)
            {
                // As reflection reports it, so callers see the same exception either way.
                throw new TargetInvocationException(ex);
            }
        };
    }
}
