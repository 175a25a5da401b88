using System.Reflection;
using Deeg.Policy.Extensions.DependencyInjection;
using Deeg.Policy.History;
using PublicApiGenerator;

namespace Deeg.Policy.Packaging.Tests;

/// <summary>
/// Keeps the public API of the packages: the API of each library is generated from the built
/// assembly and compared with the committed baseline <c>src/&lt;project&gt;/PublicAPI.txt</c>, so an
/// unintended change (a breaking one above all) fails the build. An intended change is accepted by
/// regenerating the baseline (see <see cref="UpdateHint"/>) and reviewing its diff.
/// </summary>
public sealed class PublicApiTests
{
    private const string UpdateVariable = "DEEG_POLICY_UPDATE_PUBLIC_API";

    private const string UpdateHint =
        $"If the change is intended, regenerate the baselines with\n    {UpdateVariable}=1 dotnet test tests/Deeg.Policy.Packaging.Tests --filter Category=PublicApi\n" +
        "and commit src/*/PublicAPI.txt; review the diff — removed or changed lines are breaking changes for users of the package.";

    public static TheoryData<string> Libraries => new() { "Deeg.Policy", "Deeg.Policy.Extensions.DependencyInjection", "Deeg.Policy.History" };

    [Theory]
    [Trait("Category", "PublicApi")]
    [MemberData(nameof(Libraries))]
    public void The_public_API_matches_the_committed_baseline(string library)
    {
        var assembly = library switch
        {
            "Deeg.Policy" => typeof(PolicyEngine).Assembly,
            "Deeg.Policy.History" => typeof(HistoryStore).Assembly,
            _ => typeof(DeegPolicyTelemetry).Assembly,
        };
        var actual = Generate(assembly);
        var baselinePath = Repository.Path("src", library, "PublicAPI.txt");

        if (Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true")
        {
            File.WriteAllText(baselinePath, actual);
            return;
        }

        Assert.True(File.Exists(baselinePath), $"{baselinePath} is missing.\n{UpdateHint}");
        var expected = File.ReadAllText(baselinePath).ReplaceLineEndings("\n");
        if (expected == actual) return;

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var removed = expectedLines.Except(actualLines).Select(l => "- " + l.Trim());
        var added = actualLines.Except(expectedLines).Select(l => "+ " + l.Trim());
        Assert.Fail($"The public API of {library} differs from {baselinePath}:\n{string.Join('\n', removed.Concat(added).Take(60))}\n\n{UpdateHint}");
    }

    [Fact]
    public void Every_public_type_is_documented_in_the_XML_documentation_file()
    {
        foreach (var assembly in new[] { typeof(PolicyEngine).Assembly, typeof(DeegPolicyTelemetry).Assembly, typeof(HistoryStore).Assembly })
        {
            var xml = Path.ChangeExtension(assembly.Location, ".xml");
            Assert.True(File.Exists(xml), xml);
            var documented = File.ReadAllText(xml);
            var undocumented = assembly.GetExportedTypes().Where(t => !documented.Contains($"name=\"T:{t.FullName!.Replace('+', '.')}\"", StringComparison.Ordinal)).Select(t => t.FullName).ToList();
            Assert.True(undocumented.Count == 0, "undocumented: " + string.Join(", ", undocumented));
        }
    }

    internal static string Generate(Assembly assembly) =>
        assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
        }).ReplaceLineEndings("\n").TrimEnd() + "\n";
}
