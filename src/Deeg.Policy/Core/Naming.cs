namespace Deeg.Policy.Core;

/// <summary>Naming conventions between JSON/rules (camelCase) and CLR (PascalCase).</summary>
internal static class Naming
{
    public static string CamelCase(string pascal) =>
        string.IsNullOrEmpty(pascal) ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];

    public static string PascalCase(string camel) =>
        string.IsNullOrEmpty(camel) ? camel : char.ToUpperInvariant(camel[0]) + camel[1..];
}
