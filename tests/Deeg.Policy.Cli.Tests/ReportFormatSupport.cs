using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Deeg.Policy.Cli.Tests;

/// <summary>Shared inputs of the report-format tests: sample models, a waived finding, a changed model for baselines.</summary>
internal static class ReportFormats
{
    /// <summary>Every value of <c>--format</c>.</summary>
    public static readonly string[] All = ["text", "json", "sarif", "junit", "markdown", "html"];

    /// <summary>The repository root (the directory with Deeg.Policy.sln), found upwards from the test binaries.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Deeg.Policy.sln"))) return dir.FullName;
            }

            throw new InvalidOperationException("Deeg.Policy.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The sample models of the repository (samples/models/*.json), in name order.</summary>
    public static IReadOnlyList<string> SampleModels =>
        Directory.GetFiles(Path.Combine(RepoRoot, "samples", "models"), "*.json").Order(StringComparer.Ordinal).ToList();

    /// <summary>Where tests keep files worth looking at after a run (screenshots, rendered reports): bin/…/artifacts.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>A waiver file that waives MUSTER-002 for Channel/li-page (the example's high finding).</summary>
    public static string WaiverFile(TempDir dir) => dir.File("waivers.json", """
        {
          "waivers": [
            { "rule": "MUSTER-002", "subject": "Channel/li-page", "justification": "Second admin starts in January.",
              "approvedBy": "ciso@muster.example", "expires": "2027-03-31" },
            { "rule": "GOV-404", "justification": "Matches nothing.", "expires": "2027-03-31" },
            { "rule": "MUSTER-001", "justification": "Expired long ago.", "expires": "2025-01-01" }
          ]
        }
        """);

    /// <summary>
    /// The example model changed: p-cmo was active internally on 2026-11-20 (MUSTER-001 is fixed) and a
    /// new external channel <c>fb-new</c> has no administrator (a new MUSTER-002 finding); the
    /// MUSTER-002 finding of li-page stays.
    /// </summary>
    public static string ChangedModel(TempDir dir)
    {
        var model = JObject.Parse(File.ReadAllText(Cli.Model));
        foreach (var person in (JArray)model["people"]!)
        {
            if ((string?)person["id"] == "p-cmo") person["internalActivityOn"] = "2026-11-20";
        }

        ((JArray)model["channels"]!).Add(JObject.Parse("""{ "id": "fb-new", "platform": "facebook", "scope": "external", "handle": "muster-fb" }"""));
        return dir.File("changed.model.json", model.ToString(Formatting.Indented));
    }

    /// <summary>Parses JSON without turning date strings into dates.</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
