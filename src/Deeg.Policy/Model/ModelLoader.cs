using Deeg.Policy.Diagnostics;
using Deeg.Policy.Model.Loading;
using Newtonsoft.Json.Linq;
using Deeg.Policy.Core;

namespace Deeg.Policy.Model;

/// <summary>
/// Reads facts documents (docs/model.md) into <see cref="PolicyModel"/>s, or diagnostics. The
/// top level is handled here; the fields of each type come from the schemas in
/// <see cref="FactSchemas"/> and are read by <see cref="JsonFactReader"/>. Never throws on input:
/// every problem is a diagnostic, and all of them are reported.
/// </summary>
internal static class ModelLoader
{
    private static readonly FieldType DateType = FieldType.Of(typeof(DateOnly));

    public static ModelLoadResult LoadFile(string path, FactTypeRegistry types, PolicyLimits? limits = null)
    {
        limits ??= PolicyLimits.Default;
        var diagnostics = new DiagnosticBag();
        var source = JsonSource.ReadFile(path, diagnostics, limits);
        return Load(source, source.Root, types, diagnostics, limits);
    }

    public static ModelLoadResult Parse(string json, string sourceName, FactTypeRegistry types, PolicyLimits? limits = null)
    {
        limits ??= PolicyLimits.Default;
        var diagnostics = new DiagnosticBag();
        var source = JsonSource.Parse(json, sourceName, diagnostics, limits);
        return Load(source, source.Root, types, diagnostics, limits);
    }

    public static ModelLoadResult Validate(PolicyModel model, FactTypeRegistry types, PolicyLimits? limits = null)
    {
        var diagnostics = new DiagnosticBag();
        ModelValidator.Check(model, types, diagnostics, limits ?? PolicyLimits.Default);
        return new ModelLoadResult(model, diagnostics.ToSortedList());
    }

    /// <summary>Loads a model embedded in another document (a rule-set test case), with positions in that document.</summary>
    public static ModelLoadResult LoadEmbedded(JsonSource source, JToken model, FactTypeRegistry types, PolicyLimits? limits = null) =>
        Load(source, model, types, new DiagnosticBag(), limits ?? PolicyLimits.Default);

    private static ModelLoadResult Load(JsonSource source, JToken? document, FactTypeRegistry types, DiagnosticBag diagnostics, PolicyLimits limits)
    {
        // Unreadable or malformed JSON was reported by JsonSource.
        if (document is null) return new ModelLoadResult(null, diagnostics.ToSortedList());
        if (document is not JObject root)
        {
            diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(document), Messages.DocumentNotObject(Messages.JsonType(document)));
            return new ModelLoadResult(null, diagnostics.ToSortedList());
        }

        var facts = new FactIdTable(diagnostics);
        var reader = new JsonFactReader(source, diagnostics, facts);
        var budget = new FactBudget(limits.MaxFacts, source, diagnostics);
        Organisation? organisation = null;
        DateOnly? asOf = null;
        var lists = FactSchemas.Lists.ToDictionary(l => l.Json, _ => new List<object>(), StringComparer.Ordinal);
        var extensions = new Dictionary<string, IReadOnlyList<object>>(StringComparer.Ordinal);

        foreach (var property in root.Properties())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "$schema":
                    break;
                case "schemaVersion":
                    CheckSchemaVersion(value, source, diagnostics);
                    break;
                case "asOf" when value.Type != JTokenType.Null:
                    if (reader.TryReadValue(value, DateType, new FieldRef("asOf", Messages.TheModel), out var date)) asOf = (DateOnly)date!;
                    break;
                case "asOf":
                    break;
                case "organisation" when value is JObject obj:
                    budget.Take(obj);
                    organisation = reader.ReadFact(obj, FactSchemas.Organisation) as Organisation;
                    break;
                case "organisation" when value.Type != JTokenType.Null:
                    diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(value), Messages.ShapeNotObject("'organisation'", Messages.JsonType(value)));
                    break;
                case "organisation":
                    break; // null: reported as missing below
                case "extensions":
                    ReadExtensions(value, types, source, reader, diagnostics, extensions, budget);
                    break;
                case var name when lists.TryGetValue(name, out var list):
                    var schema = FactSchemas.Lists.First(l => l.Json == name).Schema;
                    foreach (var entry in Entries(value, $"'{name}'", source, diagnostics))
                    {
                        if (!budget.Take(entry)) break;
                        if (reader.ReadFact(entry, schema) is { } fact) list.Add(fact);
                    }

                    break;
                case var name:
                    diagnostics.Error(DiagnosticCodes.ModelUnknownField, source.Locate(property), Messages.UnknownField(name, Messages.TheModel, FactSchemas.TopLevelFields));
                    break;
            }
        }

        // A null organisation is reported as missing, like an absent one.
        if (root["organisation"] is null or { Type: JTokenType.Null })
            diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(root), Messages.NoOrganisation);

        // Past the limit, references to the facts that were not read would only be noise.
        if (!budget.Exceeded) facts.CheckReferences();
        if (diagnostics.HasErrors || organisation is null) return new ModelLoadResult(null, diagnostics.ToSortedList());

        List<T> Facts<T>(string json) => lists[json].Cast<T>().ToList();
        var model = new PolicyModel
        {
            Organisation = organisation,
            AsOf = asOf,
            Channels = Facts<Channel>("channels"),
            People = Facts<Person>("people"),
            Roles = Facts<RoleAssignment>("roles"),
            Policies = Facts<Policy>("policies"),
            UseCases = Facts<UseCase>("useCases"),
            Stakeholders = Facts<Stakeholder>("stakeholders"),
            Mentions = Facts<Mention>("mentions"),
            Posts = Facts<Post>("posts"),
            Trainings = Facts<Training>("trainings"),
            Extensions = extensions,
            SourceFile = source.File,
        };
        return new ModelLoadResult(model, diagnostics.ToSortedList());
    }

    /// <summary>Optional; when given it must be the integer 1.</summary>
    private static void CheckSchemaVersion(JToken value, JsonSource source, DiagnosticBag diagnostics)
    {
        if (value.Type == JTokenType.Null) return;
        if (value.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            diagnostics.Error(DiagnosticCodes.ModelWrongType, source.Locate(value),
                Messages.WrongType(new FieldRef("schemaVersion", Messages.TheModel), "an integer", Messages.JsonType(value)));
            return;
        }

        // Anything but 1 (or 1.0) is a version this loader does not know.
        if (!DocumentVersion.IsCurrent(value)) diagnostics.Error(DiagnosticCodes.ModelSchemaVersion, source.Locate(value), Messages.SchemaVersion(Messages.Raw(value)));
    }

    /// <summary>The objects of a top-level list; an absent or null list is empty, anything else but an array of objects is a shape error.</summary>
    private static IEnumerable<JObject> Entries(JToken value, string what, JsonSource source, DiagnosticBag diagnostics)
    {
        if (value.Type == JTokenType.Null) yield break;
        if (value is not JArray array)
        {
            diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(value), Messages.ShapeNotArray(what, Messages.JsonType(value)));
            yield break;
        }

        foreach (var entry in array)
        {
            if (entry is JObject obj) yield return obj;
            else diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(entry), Messages.ShapeNotObject($"each entry of {what}", Messages.JsonType(entry)));
        }
    }

    /// <summary><c>extensions</c>: registered (non-built-in) fact type name → array of objects.</summary>
    private static void ReadExtensions(JToken value, FactTypeRegistry types, JsonSource source, JsonFactReader reader, DiagnosticBag diagnostics,
        Dictionary<string, IReadOnlyList<object>> extensions, FactBudget budget)
    {
        if (value.Type == JTokenType.Null) return;
        if (value is not JObject obj)
        {
            diagnostics.Error(DiagnosticCodes.WrongDocumentShape, source.Locate(value), Messages.ShapeNotObject("'extensions'", Messages.JsonType(value)));
            return;
        }

        foreach (var property in obj.Properties())
        {
            var name = property.Name;
            if (FactSchemas.BuiltInListOf(name) is { } builtIn)
            {
                diagnostics.Error(DiagnosticCodes.ModelUnregisteredType, source.Locate(property), Messages.BuiltInExtension(name, builtIn));
                continue;
            }

            if (!types.TryGetFactType(name, out var info))
            {
                diagnostics.Error(DiagnosticCodes.ModelUnregisteredType, source.Locate(property), Messages.UnknownExtension(name, FactSchemas.ExtensionNames(types)));
                continue;
            }

            var schema = FactSchemas.ForFact(info);
            if (schema.CannotCreate is not null)
            {
                diagnostics.Error(DiagnosticCodes.ModelUnregisteredType, source.Locate(property), $"extension type '{name}' cannot be read from a facts document: {schema.CannotCreate}");
                continue;
            }

            var list = new List<object>();
            foreach (var entry in Entries(property.Value, $"'extensions.{name}'", source, diagnostics))
            {
                if (!budget.Take(entry)) break;
                if (reader.ReadFact(entry, schema) is { } fact) list.Add(fact);
            }

            extensions[name] = list;
        }
    }

    /// <summary>Counts the facts of a document against <see cref="PolicyLimits.MaxFacts"/>; the first one over the limit is DP2012, the rest are not read.</summary>
    private sealed class FactBudget(int max, JsonSource source, DiagnosticBag diagnostics)
    {
        private int _count;

        public bool Exceeded => _count > max;

        public bool Take(JToken entry)
        {
            _count++;
            if (_count <= max) return true;
            if (_count == max + 1)
            {
                diagnostics.Error(DiagnosticCodes.ModelTooManyFacts, source.Locate(entry),
                    $"the model has more than {max} facts (MaxFacts, --max-facts); this one and the ones after it are not read");
            }

            return false;
        }
    }
}
