
namespace Deeg.Policy.Engine;

/// <summary>Where a rule set comes from: a built-in pack, a file, or JSON text.</summary>
internal sealed record RuleSetSource(string? BuiltInName, string? Path, string? Text, string Name)
{
    public static RuleSetSource BuiltIn(string name) => new(name, null, null, "builtin:" + name);

    public static RuleSetSource File(string path) => new(null, path, null, path);

    public static RuleSetSource Json(string text, string name) => new(null, null, text, name);
}
