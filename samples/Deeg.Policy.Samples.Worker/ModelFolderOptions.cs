
namespace Deeg.Policy.Samples.Worker;

/// <summary>Where the worker finds models (configuration section <c>Models</c>).</summary>
public sealed class ModelFolderOptions
{
    /// <summary>The folder with one <c>*.json</c> model per organisation; relative to the current directory.</summary>
    public string Folder { get; set; } = Path.Combine("samples", "models");

    /// <summary>How often the folder is checked for new, changed and deleted files.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The language of the finding messages.</summary>
    public string Language { get; set; } = "en";

    /// <summary>
    /// A history to record every evaluation into (<c>Models:History</c>): a SQLite file such as <c>team.db</c> or a
    /// PostgreSQL connection string; none by default. <c>deeg-policy history &lt;target&gt;</c> shows the trend.
    /// </summary>
    public string? History { get; set; }
}
