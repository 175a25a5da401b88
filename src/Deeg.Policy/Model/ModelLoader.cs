using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding;

namespace Deeg.Policy.Model;

/// <summary>Reads facts documents (model.md) into <see cref="PolicyModel"/>s, or diagnostics.</summary>
internal static class ModelLoader
{
    public static ModelLoadResult LoadFile(string path, FactTypeRegistry types)
    {
        var diagnostics = new DiagnosticBag();
        var source = JsonSource.ReadFile(path, diagnostics);
        return Load(source, types, diagnostics);
    }

    public static ModelLoadResult Parse(string json, string sourceName, FactTypeRegistry types)
    {
        var diagnostics = new DiagnosticBag();
        var source = JsonSource.Parse(json, sourceName, diagnostics);
        return Load(source, types, diagnostics);
    }

    public static ModelLoadResult Validate(PolicyModel model, FactTypeRegistry types)
    {
        _ = types;
        return new ModelLoadResult(model, []);
    }

    private static ModelLoadResult Load(JsonSource source, FactTypeRegistry types, DiagnosticBag diagnostics)
    {
        _ = types;
        _ = source;
        return new ModelLoadResult(null, diagnostics.ToSortedList());
    }
}
