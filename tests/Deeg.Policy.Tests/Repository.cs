namespace Deeg.Policy.Tests;

/// <summary>Files of the repository the tests run in (the folder with Deeg.Policy.sln above the test output).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Deeg.Policy.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Deeg.Policy.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository's root folder.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>A path below the root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
