using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Deeg.Policy.Packaging.Tests;

/// <summary>
/// Proves that what would be published works outside this repository: packs the three packages
/// into a temporary folder feed (with separate build output, so it can run beside the solution's
/// own build), checks their metadata, installs the <c>deeg-policy</c> tool from the feed into a
/// temporary tool path and runs <c>check</c> on a sample model, and builds a small consumer project
/// that references the packages from the feed and evaluates a model through <c>AddDeegPolicy</c>.
/// Takes about a minute; filter it out with <c>--filter Kind!=Packaging</c> (or all slow tests: <c>Category!=Slow</c>).
/// </summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Packaging")]
public sealed class PackageTests : IDisposable
{
    private static readonly string[] Projects =
    [
        Path.Combine("src", "Deeg.Policy", "Deeg.Policy.csproj"),
        Path.Combine("src", "Deeg.Policy.Extensions.DependencyInjection", "Deeg.Policy.Extensions.DependencyInjection.csproj"),
        Path.Combine("src", "Deeg.Policy.History", "Deeg.Policy.History.csproj"),
        Path.Combine("src", "Deeg.Policy.Cli", "Deeg.Policy.Cli.csproj"),
    ];

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "deeg-pack-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ITestOutputHelper _output;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public PackageTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_temp);
    }

    private void Step(string what) => _output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private string Feed => Path.Combine(_temp, "feed");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_temp, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Fact]
    public async Task Packed_packages_install_and_run_outside_the_repository()
    {
        await Pack();
        Step("packed");
        CheckPackages();
        await InstallAndRunTheTool();
        Step("tool installed and run");
        await BuildAndRunAConsumer();
        Step("consumer built and run");
    }

    private async Task Pack()
    {
        // One build of the three projects, from a throw-away solution file; bin/obj go to a temporary artifacts folder.
        var solution = Path.Combine(_temp, "pack.slnx");
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(Projects.Select(p => $"  <Project Path=\"{Repository.Path(p)}\" />\n")) + "</Solution>\n");
        var (exit, output) = await Repository.RunAsync(_temp,
            ["pack", solution, "-c", "Release", "-o", Feed, "--artifacts-path", Path.Combine(_temp, "artifacts"), "-nodeReuse:false", "--disable-build-servers", "-p:UseSharedCompilation=false"]);
        Assert.True(exit == 0, "dotnet pack failed:\n" + output);
    }

    private void CheckPackages()
    {
        var version = Repository.PackageVersion;
        string[] ids = ["Deeg.Policy", "Deeg.Policy.Extensions.DependencyInjection", "Deeg.Policy.History", "deeg-policy"];
        foreach (var id in ids)
        {
            var package = Path.Combine(Feed, $"{id}.{version}.nupkg");
            Assert.True(File.Exists(package), $"{package} missing; the feed has: {string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName))}");
            Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), $"no symbol package for {id}");

            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
            Assert.Equal("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value);
            Assert.Equal("PACKAGE.md", metadata.Element(ns + "readme")?.Value);
            Assert.Contains("PACKAGE.md", entries);
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
            Assert.Equal("git", metadata.Element(ns + "repository")?.Attribute("type")?.Value);
            if (Directory.Exists(Repository.Path(".git")))
                Assert.Matches("^[0-9a-f]{40}$", metadata.Element(ns + "repository")?.Attribute("commit")?.Value ?? "");

            using var symbols = ZipFile.OpenRead(Path.ChangeExtension(package, ".snupkg"));
            Assert.Contains(symbols.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal));

            if (id == "deeg-policy")
            {
                Assert.Equal("DotnetTool", metadata.Element(ns + "packageTypes")?.Element(ns + "packageType")?.Attribute("name")?.Value);
            }
            else
            {
                Assert.Contains($"lib/net10.0/{id}.dll", entries);
                Assert.Contains($"lib/net10.0/{id}.xml", entries);   // XML documentation
            }

            if (id == "Deeg.Policy.Extensions.DependencyInjection")
            {
                var dependency = metadata.Descendants(ns + "dependency").Single(d => d.Attribute("id")?.Value == "Deeg.Policy");
                Assert.Equal(version, dependency.Attribute("version")?.Value);
            }
        }
    }

    private async Task InstallAndRunTheTool()
    {
        // Only the feed as source, and a private packages folder: nothing comes from a cache of an earlier version.
        var config = Path.Combine(_temp, "tool.nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        var tools = Path.Combine(_temp, "tools");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_temp, "tool-packages") };
        var (exit, output) = await Repository.RunAsync(_temp,
            ["tool", "install", "deeg-policy", "--tool-path", tools, "--configfile", config, "--add-source", Feed, "--version", Repository.PackageVersion], environment);
        Assert.True(exit == 0, "dotnet tool install failed:\n" + output);

        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "deeg-policy.exe" : "deeg-policy");
        var model = Repository.Path("samples", "models", "hahn-antriebstechnik.json");
        (exit, output) = await Repository.RunAsync(tool, _temp, ["check", model, "--format", "json", "--fail-on", "none"]);
        Assert.True(exit == 0, "deeg-policy check failed:\n" + output);
        using var report = JsonDocument.Parse(output);
        Assert.Equal("hahn", report.RootElement.GetProperty("organisation").GetProperty("id").GetString());
        Assert.Equal(Repository.PackageVersion, report.RootElement.GetProperty("tool").GetProperty("version").GetString());
        Assert.True(report.RootElement.GetProperty("findings").GetArrayLength() > 0);

        // The default --fail-on low: findings make it exit 1, with the text report.
        (exit, output) = await Repository.RunAsync(tool, _temp, ["check", model]);
        Assert.True(exit == 1, output);
        Assert.Contains("hahn:", output, StringComparison.Ordinal);
    }

    private async Task BuildAndRunAConsumer()
    {
        var consumer = Path.Combine(_temp, "consumer");
        Directory.CreateDirectory(consumer);

        // Deeg.Policy* only from the feed; everything else from the machine's package cache (offline) or nuget.org.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cacheSource = Directory.Exists(cache) ? $"<add key=\"cache\" value=\"{cache}\" />" : "";
        var cacheMapping = Directory.Exists(cache) ? "<packageSource key=\"cache\"><package pattern=\"*\" /></packageSource>" : "";
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_temp, "consumer-packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="feed" value="{Feed}" />
                {cacheSource}
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="feed"><package pattern="Deeg.Policy*" /></packageSource>
                {cacheMapping}
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Deeg.Policy.Extensions.DependencyInjection" Version="{Repository.PackageVersion}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram);
        File.WriteAllText(Path.Combine(consumer, "vendor.rules.json"), ConsumerRules);
        File.WriteAllText(Path.Combine(consumer, "model.json"), ConsumerModel);

        var (exit, output) = await Repository.RunAsync(consumer,
            ["build", "-c", "Release", "-nodeReuse:false", "--disable-build-servers", "-p:UseSharedCompilation=false", "--ignore-failed-sources"]);
        Assert.True(exit == 0, "building the consumer failed:\n" + output);
        Step("consumer built");
        var assets = File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json"));
        Assert.Contains($"\"Deeg.Policy/{Repository.PackageVersion}\"", assets, StringComparison.Ordinal);

        (exit, output) = await Repository.RunAsync(consumer, [Path.Combine("bin", "Release", "net10.0", "Consumer.dll"), "model.json", "vendor.rules.json"]);
        Assert.True(exit == 0, "the consumer failed:\n" + output);
        Assert.Contains("VENDOR-001 Channel/yt: Filmwerk Nord runs yt without a data-processing agreement", output, StringComparison.Ordinal);
        Assert.Contains("generation 1", output, StringComparison.Ordinal);
        Assert.Contains("rule sets: deeg-baseline, culture, governance, gdpr-de, finance-records, vendor", output, StringComparison.Ordinal);
    }

    private const string ConsumerProgram = """
        using Deeg.Policy;
        using Microsoft.Extensions.DependencyInjection;

        var services = new ServiceCollection();
        services.AddDeegPolicy(policy => policy
            .AddBuiltInRuleSets()
            .AddFactType<VendorContract>("VendorContract")
            .AddRuleSetFile(args[1]));
        using var provider = services.BuildServiceProvider();

        var evaluator = provider.GetRequiredService<IPolicyEvaluator>();
        var engines = provider.GetRequiredService<IPolicyEngineProvider>();
        ModelLoadResult loaded = evaluator.LoadModel(args[0]);
        foreach (Diagnostic d in loaded.Diagnostics) Console.Error.WriteLine(d);
        if (!loaded.Succeeded) return 2;

        ComplianceReport report = evaluator.Evaluate(loaded.Model!, new EvaluationOptions { AsOf = new DateOnly(2026, 11, 26) });
        Console.WriteLine($"generation {engines.Generation}; rule sets: {string.Join(", ", report.RuleSets.Select(r => r.Id))}");
        foreach (Finding f in report.Findings) Console.WriteLine($"{f.RuleId} {f.Subject}: {f.Message}");
        return provider.GetRequiredService<PolicyEngine>() == engines.Current ? 0 : 1;

        public sealed record VendorContract(string Id, string Vendor, IReadOnlyList<string> Channels, bool Dpa = false);
        """;

    private const string ConsumerRules = """
        { "ruleSet": "vendor", "version": "1.0.0",
          "rules": [ { "id": "VENDOR-001", "title": "Vendor without DPA", "severity": "high",
                       "when": [ { "fact": "VendorContract", "as": "v", "where": "not v.dpa" },
                                 { "fact": "Channel", "as": "c", "where": "v.channels contains c.id" } ],
                       "finding": { "subject": "c", "message": "{v.vendor} runs {c.id} without a data-processing agreement" } } ] }
        """;

    private const string ConsumerModel = """
        { "organisation": { "id": "kino", "name": "Kino am Hafen" },
          "channels": [ { "id": "yt", "platform": "youtube", "scope": "external", "ownership": "agency" } ],
          "extensions": { "VendorContract": [ { "id": "v1", "vendor": "Filmwerk Nord", "channels": ["yt"] } ] } }
        """;
}
