namespace Deeg.Policy.Core;

/// <summary>Naming conventions between JSON/rules (camelCase) and CLR (PascalCase).</summary>
internal static class Naming
{
    public static string CamelCase(string pascal) =>
        string.IsNullOrEmpty(pascal) ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];

    public static string PascalCase(string camel) =>
        string.IsNullOrEmpty(camel) ? camel : char.ToUpperInvariant(camel[0]) + camel[1..];

    /// <summary>An enum value as documents and rules write it: the member's name in camelCase (<c>whatsApp</c>).</summary>
    public static string EnumValue(Enum value) => CamelCase(value.ToString());

    /// <summary>The values of an enum type as documents and rules write them, in declaration order.</summary>
    public static IReadOnlyList<string> EnumValues(Type enumType) => Enum.GetNames(enumType).Select(CamelCase).ToList();
}
