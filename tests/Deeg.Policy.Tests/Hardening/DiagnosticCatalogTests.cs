using System.Reflection;
using System.Text.RegularExpressions;
using Deeg.Policy.Diagnostics;

namespace Deeg.Policy.Tests.Hardening;

/// <summary>Every code of <see cref="DiagnosticCodes"/> is documented in docs/diagnostics.md, and every documented code exists.</summary>
public partial class DiagnosticCatalogTests
{
    [GeneratedRegex(@"^\| (DP[0-9]{4}) \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();

    [Fact]
    public void The_codes_and_the_documentation_agree()
    {
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());

        var doc = File.ReadAllText(Path.Combine(Hostile.CorpusDirectory, "..", "..", "..", "..", "docs", "diagnostics.md"));
        var documented = DocumentedCode().Matches(doc).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(documented.Count, documented.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }
}
