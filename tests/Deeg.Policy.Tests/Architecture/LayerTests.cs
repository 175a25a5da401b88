using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Deeg.Policy.Tests.Architecture;

/// <summary>
/// The library's folders are layers, and a folder uses only its own layer and those below it.
/// The check compiles the library's sources with Roslyn (in the tests only: the library itself
/// has no compiler dependency) and follows every name to the file that declares it, so a use
/// through a fully qualified name, an extension method or a type in the front-door namespace
/// counts like one through a <c>using</c>.
/// </summary>
public class LayerTests
{
    /// <summary>The layers, lowest first. A folder belongs to the longest prefix listed here.</summary>
    public static readonly IReadOnlyList<string> Layers =
    [
        "Core",
        "Diagnostics",
        "Model",
        "Runtime",
        "Language/Syntax",
        "Language/Binding",
        "Language/Lowering",
        "Linting",
        "Reporting",
        "Packs",
        "Engine",
        "Testing",
        "SchemaGeneration",
    ];

    private static readonly Lazy<LibrarySource> Source = new(LibrarySource.Compile);

    [Fact]
    public void The_library_compiles_for_the_analysis()
    {
        // Without a clean compilation names would not resolve and uses could be missed.
        Assert.Empty(Source.Value.Errors);
    }

    [Fact]
    public void Every_folder_is_a_layer()
    {
        var unknown = Source.Value.Files.Select(f => f.Folder).Distinct().Where(f => LayerOf(f) < 0).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void No_folder_uses_a_folder_above_it()
    {
        var violations = Source.Value.Uses
            .Where(u => LayerOf(u.To) > LayerOf(u.From))
            .Select(u => $"{u.FromFile} ({u.From}) uses {u.Type} ({u.To})")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(violations.Count == 0, "uses against the layering:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Namespaces_equal_folders_except_the_public_front_door()
    {
        // The product contract places its public entry points in namespace Deeg.Policy; they live
        // in the folder of their layer. Every other type's namespace is its folder.
        var wrong = Source.Value.Types
            .Where(t => !(t.Namespace == "Deeg.Policy" && t.Public) && t.Namespace != "Deeg.Policy." + t.Folder.Replace('/', '.'))
            .Select(t => $"{t.File}: {t.Name} is in namespace {t.Namespace}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_check_sees_a_use_against_the_layering()
    {
        // A mutation of the rule itself: Core using Engine must be reported.
        var uses = Source.Value.UsesIn("Core/Planted.cs", "namespace Deeg.Policy.Core; internal static class Planted { public static object? E => typeof(PolicyEngine); }");
        Assert.Contains(uses, u => u.From == "Core" && u.Type == "Deeg.Policy.PolicyEngine" && u.To == "Engine");
    }

    [Fact]
    public void The_architecture_page_lists_the_layers_in_order_with_what_each_uses()
    {
        var page = File.ReadAllLines(Path.Combine(LibrarySource.RepositoryRoot(), "docs", "architecture.md"));
        var start = Array.IndexOf(page, "## Layers");
        Assert.True(start >= 0, "docs/architecture.md has no '## Layers' section");
        var rows = page.Skip(start)
            .TakeWhile((line, i) => i == 0 || !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\| `([A-Za-z/]+)` \| .* \| ([^|]*) \|$"))
            .Where(m => m.Success)
            .ToList();
        Assert.Equal(Layers, rows.Select(m => m.Groups[1].Value));

        // The "uses" column: every other layer some file of the layer uses, lowest first ("—" for none).
        foreach (var row in rows)
        {
            var layer = LayerOf(row.Groups[1].Value);
            var actual = Source.Value.Uses
                .Where(u => LayerOf(u.From) == layer && LayerOf(u.To) != layer)
                .Select(u => LayerOf(u.To))
                .Distinct()
                .Order()
                .Select(i => Layers[i])
                .ToList();
            var listed = row.Groups[2].Value.Trim() == "—" ? [] : row.Groups[2].Value.Split(',').Select(u => u.Trim()).ToList();
            Assert.True(actual.SequenceEqual(listed), $"docs/architecture.md: '{Layers[layer]}' uses {(actual.Count == 0 ? "—" : string.Join(", ", actual))}, the page says {row.Groups[2].Value.Trim()}");
        }
    }

    internal static int LayerOf(string folder)
    {
        for (var i = Layers.Count - 1; i >= 0; i--)
        {
            if (folder == Layers[i] || folder.StartsWith(Layers[i] + "/", StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    internal sealed record SourceFile(string Path, string Folder);

    internal sealed record Use(string FromFile, string From, string Type, string To);

    internal sealed record DeclaredType(string File, string Folder, string Name, string Namespace, bool Public);

    internal sealed class LibrarySource
    {
        public required IReadOnlyList<SourceFile> Files { get; init; }

        public required IReadOnlyList<Use> Uses { get; init; }

        public required IReadOnlyList<DeclaredType> Types { get; init; }

        public required IReadOnlyList<string> Errors { get; init; }

        public required CSharpCompilation Compilation { get; init; }

        /// <summary>The uses in one more file, compiled together with the library.</summary>
        public IReadOnlyList<Use> UsesIn(string relativePath, string text)
        {
            var tree = CSharpSyntaxTree.ParseText(text, Options, path: relativePath);
            var uses = new ConcurrentBag<Use>();
            Analyse(Compilation.AddSyntaxTrees(tree), tree, uses, new ConcurrentBag<DeclaredType>());
            return uses.ToList();
        }

        private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

        public static LibrarySource Compile()
        {
            var root = Path.Combine(RepositoryRoot(), "src", "Deeg.Policy");
            var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
                .Select(f => (Relative: Path.GetRelativePath(root, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
                .ToList();
            var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, Options, path: s.Relative)).ToList();
            // The SDK's implicit global usings of a class library.
            trees.Add(CSharpSyntaxTree.ParseText(
                "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
                Options, path: "GlobalUsings.g.cs"));
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => !Path.GetFileName(p).StartsWith("Deeg.Policy", StringComparison.Ordinal))
                .Select(p => MetadataReference.CreateFromFile(p));
            var compilation = CSharpCompilation.Create("Deeg.Policy", trees, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var uses = new ConcurrentBag<Use>();
            var types = new ConcurrentBag<DeclaredType>();
            Parallel.ForEach(trees.Where(t => t.FilePath != "GlobalUsings.g.cs"), tree => Analyse(compilation, tree, uses, types));

            return new LibrarySource
            {
                Compilation = compilation,
                Files = sources.Select(s => new SourceFile(s.Relative, FolderOf(s.Relative))).ToList(),
                Uses = uses.ToList(),
                Types = types.ToList(),
                // CS8795: [GeneratedRegex] partial methods, implemented by a source generator the analysis does not run.
                Errors = compilation.GetDiagnostics()
                    .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Id != "CS8795")
                    .Select(d => d.ToString())
                    .ToList(),
            };
        }

        private static void Analyse(CSharpCompilation compilation, SyntaxTree tree, ConcurrentBag<Use> uses, ConcurrentBag<DeclaredType> types)
        {
            var model = compilation.GetSemanticModel(tree);
            var from = FolderOf(tree.FilePath);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                {
                    if (model.GetDeclaredSymbol(node) is INamedTypeSymbol declared && declared.ContainingType is null)
                        types.Add(new DeclaredType(tree.FilePath, from, declared.Name, declared.ContainingNamespace.ToDisplayString(), declared.DeclaredAccessibility == Accessibility.Public));
                    continue;
                }

                if (node is not SimpleNameSyntax name) continue;
                var info = model.GetSymbolInfo(name);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                var type = symbol switch
                {
                    INamedTypeSymbol named => named,
                    IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
                    { ContainingType: { } containing } => containing,
                    _ => null,
                };
                while (type?.ContainingType is { } outer) type = outer;
                var declaration = type?.OriginalDefinition.DeclaringSyntaxReferences.FirstOrDefault();
                if (declaration is null || declaration.SyntaxTree.FilePath == tree.FilePath) continue;
                uses.Add(new Use(tree.FilePath, from, type!.ToDisplayString(), FolderOf(declaration.SyntaxTree.FilePath)));
            }
        }

        private static bool IsBuildOutput(string relative) =>
            relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

        private static string FolderOf(string relative)
        {
            var folder = Path.GetDirectoryName(relative)?.Replace('\\', '/');
            return string.IsNullOrEmpty(folder) ? "." : folder;
        }

        internal static string RepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Deeg.Policy.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }
}
