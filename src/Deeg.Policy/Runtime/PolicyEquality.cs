using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Deeg.Policy.Core;

namespace Deeg.Policy.Runtime;

/// <summary>
/// Equality of the rule language per type: numbers by value (<c>1.0 == 1</c>), strings ordinal
/// (or ordinal ignoring case for an enum name against a run-time string), datetimes by instant,
/// facts by identity (same type and same <c>id</c>), nested objects by reference, lists element
/// by element in order.
/// </summary>
internal static class PolicyEquality
{
    private static readonly ConcurrentDictionary<(PolicyType, bool), object> Cache = new();

    /// <summary>An <c>IEqualityComparer&lt;T&gt;</c> for <c>T = type.ClrType</c>.</summary>
    public static object Comparer(PolicyType type, bool ignoreCase = false) => Cache.GetOrAdd((type, ignoreCase), static key => Create(key.Item1, key.Item2));

    private static object Create(PolicyType type, bool ignoreCase)
    {
        switch (type)
        {
            case PolicyType.PrimitiveType when type == PolicyType.String:
                return ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            case PolicyType.PrimitiveType when type == PolicyType.Null:
                return EqualityComparer<object>.Default;
            case PolicyType.ObjectType objectType:
            {
                var id = objectType.Info.IdProperty;
                var comparerType = id is null
                    ? typeof(ReferenceComparer<>).MakeGenericType(objectType.ClrType)
                    : typeof(FactIdentityComparer<>).MakeGenericType(objectType.ClrType);
                return id is null ? Activator.CreateInstance(comparerType)! : Activator.CreateInstance(comparerType, id)!;
            }

            case PolicyType.ListType list:
            {
                var element = Comparer(list.Element, ignoreCase);
                return Activator.CreateInstance(typeof(ListComparer<>).MakeGenericType(list.ElementClrType), element)!;
            }

            default:
                return typeof(EqualityComparer<>).MakeGenericType(type.ClrType).GetProperty("Default")!.GetValue(null)!;
        }
    }

    /// <summary>Facts compare by id (ordinal).</summary>
    private sealed class FactIdentityComparer<T> : IEqualityComparer<T>
        where T : class
    {
        private readonly Func<T, string?> _id;

        public FactIdentityComparer(PropertyInfo id)
        {
            var p = Expression.Parameter(typeof(T), "fact");
            _id = Expression.Lambda<Func<T, string?>>(Expression.Property(p, id), p).Compile();
        }

        public bool Equals(T? x, T? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(_id(x), _id(y), StringComparison.Ordinal));

        public int GetHashCode(T obj) => _id(obj) is { } id ? StringComparer.Ordinal.GetHashCode(id) : 0;
    }

    /// <summary>Nested objects without an id compare by reference.</summary>
    private sealed class ReferenceComparer<T> : IEqualityComparer<T>
        where T : class
    {
        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    /// <summary>Lists compare element by element; null elements equal each other.</summary>
    private sealed class ListComparer<T>(IEqualityComparer<T> element) : IEqualityComparer<IReadOnlyList<T>>
    {
        public bool Equals(IReadOnlyList<T>? x, IReadOnlyList<T>? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x is null || y is null || x.Count != y.Count) return false;
            for (var i = 0; i < x.Count; i++)
            {
                var a = x[i];
                var b = y[i];
                if (a is null ? b is not null : b is null || !element.Equals(a, b)) return false;
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<T> obj) => obj.Count;
    }
}
