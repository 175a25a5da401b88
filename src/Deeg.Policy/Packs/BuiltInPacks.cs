using System.Reflection;

namespace Deeg.Policy.Packs;

/// <summary>The built-in rule packs, shipped as embedded <c>*.rules.json</c> resources of this assembly.</summary>
internal static class BuiltInPacks
{
    private const string Prefix = "Deeg.Policy.Packs.";
    private const string Suffix = ".rules.json";

    /// <summary>The names of the packs present in the assembly, in a fixed order.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(BuiltInPacks).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Suffix.Length])
        .OrderBy(n => Order(n)).ThenBy(n => n, StringComparer.Ordinal)
        .ToList();

    /// <summary>The JSON text of a pack, or null when there is no such pack.</summary>
    public static string? Read(string name)
    {
        using var stream = typeof(BuiltInPacks).Assembly.GetManifestResourceStream(Prefix + name + Suffix);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The file name shown in diagnostics and reports for a pack.</summary>
    public static string SourceName(string name) => "builtin:" + name;

    // deeg-baseline first: it is the argument the other packs build on.
    private static int Order(string name) => name switch
    {
        "deeg-baseline" => 0,
        "culture" => 1,
        "governance" => 2,
        "gdpr-de" => 3,
        "finance-records" => 4,
        _ => 5,
    };

    internal static Assembly Assembly => typeof(BuiltInPacks).Assembly;
}
