using System.Collections;
using System.Globalization;
using System.Reflection;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Core;

namespace Deeg.Policy.Model.Loading;

/// <summary>
/// Checks a model built in code with the same tables and codes as loading: required fields and
/// non-empty ids, enum values, ranges, duplicate ids, dangling references, extension types.
/// There are no positions, so every diagnostic points at the model as a whole and its message
/// says where the object is (<c>at channels[2]</c>).
/// </summary>
internal sealed class ModelValidator
{
    private readonly DiagnosticBag _diagnostics;
    private readonly FactIdTable _facts;
    private readonly SourceLocation _at;

    private ModelValidator(DiagnosticBag diagnostics, SourceLocation at)
    {
        _diagnostics = diagnostics;
        _facts = new FactIdTable(diagnostics, reuse: true);
        _at = at;
    }

    public static void Check(PolicyModel model, FactTypeRegistry types, DiagnosticBag diagnostics, PolicyLimits? limits = null)
    {
        var validator = new ModelValidator(diagnostics, SourceLocation.OfFile(model.SourceFile ?? "<model>"));
        var max = (limits ?? PolicyLimits.Default).MaxFacts;
        if (CountFacts(model, max) > max)
        {
            validator.Error(DiagnosticCodes.ModelTooManyFacts, $"the model has more than {max} facts (MaxFacts, --max-facts)");
            return;
        }

        validator.CheckModel(model, types);
        validator._facts.Recycle();
    }

    /// <summary>The number of facts (organisation, lists, extensions), counted up to just past <paramref name="max"/>.</summary>
    internal static long CountFacts(PolicyModel model, int max)
    {
        long count = model.Organisation is null ? 0 : 1;
        foreach (var (_, _, get) in FactSchemas.Lists)
        {
            if (get(model) is { } list) count += list is IReadOnlyCollection<object> c ? c.Count : list.Take(max + 1).LongCount();
            if (count > max) return count;
        }

        foreach (var list in model.Extensions?.Values ?? [])
        {
            if (list is not null) count += list.Count;
            if (count > max) return count;
        }

        return count;
    }

    private void CheckModel(PolicyModel model, FactTypeRegistry types)
    {
        // A code-built model can hold nulls where its declared types do not allow them.
        if (model.Organisation is null) Error(DiagnosticCodes.ModelMissingField, Messages.MissingField("organisation", Messages.TheModel));
        else CheckFact(model.Organisation, FactSchemas.Organisation, "organisation");

        foreach (var (json, schema, get) in FactSchemas.Lists) CheckList(get(model), schema, json);

        if (model.Extensions is null)
        {
            Error(DiagnosticCodes.ModelMissingField, Messages.NotNull(new FieldRef("extensions", Messages.TheModel)));
        }
        else
        {
            foreach (var (name, list) in model.Extensions)
            {
                if (FactSchemas.BuiltInListOf(name) is { } builtIn)
                {
                    Error(DiagnosticCodes.ModelUnregisteredType, Messages.BuiltInExtension(name, builtIn));
                    continue;
                }

                if (!types.TryGetFactType(name, out var info))
                {
                    Error(DiagnosticCodes.ModelUnregisteredType, Messages.UnknownExtension(name, FactSchemas.ExtensionNames(types)));
                    continue;
                }

                CheckList(list, FactSchemas.ForFact(info), $"extensions.{name}");
            }
        }

        _facts.CheckReferences();
    }

    private void CheckList(IEnumerable<object>? list, TypeSchema schema, string path)
    {
        if (list is null)
        {
            Error(DiagnosticCodes.ModelMissingField, Messages.NotNull(new FieldRef(path, Messages.TheModel)));
            return;
        }

        if (list is IReadOnlyCollection<object> { Count: > 0 } sized) _facts.Reserve(schema.Name, sized.Count);
        var i = 0;
        foreach (var item in list)
        {
            var at = new ObjectPath(path, i++);
            if (item is null) Error(DiagnosticCodes.ModelMissingField, Messages.NotNull(new FieldRef(at.ToString(), Messages.TheModel)));
            else if (!schema.ClrType.IsInstanceOfType(item))
                Error(DiagnosticCodes.ModelWrongType, $"{at} must be a {schema.Name}, not a {item.GetType().Name}");
            else CheckFact(item, schema, at);
        }
    }

    private void CheckFact(object fact, TypeSchema schema, ObjectPath path)
    {
        if (schema.CannotCreate is not null)
        {
            Error(DiagnosticCodes.ModelUnregisteredType, $"{schema.Name} at {path} cannot be checked: {schema.CannotCreate}");
            return;
        }

        CheckObject(fact, schema, path);
        if (schema.IdFieldCached is { Getter: { } idGetter } && TryGet(idGetter, fact, new FieldRef("id", schema.Name, path), out var id)
            && id is string text && !string.IsNullOrWhiteSpace(text))
            _facts.AddFact(schema.Name, text, _at, path);
    }

    private void CheckObject(object obj, TypeSchema schema, ObjectPath path)
    {
        // Not every field: a constructor parameter without a property of the same name cannot be read
        // back, and of a built-in type only the fields that some value could make invalid are read.
        foreach (var field in schema.CheckedFields)
        {
            var label = new FieldRef(field.Name, schema.Name, path);
            if (!TryGet(field.Getter!, obj, label, out var value)) continue;
            if (value is null)
            {
                if (field.Required || field.Name == "id") Error(DiagnosticCodes.ModelMissingField, Messages.MissingField(field.Name, schema.Name, path.ToString()));
                else if (field.NotNull) Error(DiagnosticCodes.ModelMissingField, Messages.NotNull(label));
                continue;
            }

            if (field.NonEmpty && value is string s && string.IsNullOrWhiteSpace(s))
                Error(DiagnosticCodes.ModelMissingField, Messages.Empty(label));
            else if ((field.Name == "id" || field.RefersTo is not null) && value is string text && HasControlCharacter(text))
                Error(DiagnosticCodes.ModelControlCharacterInId, $"{label} must not contain control characters such as line breaks or tabs");
            else if (field.RangeProblem(value) is { } problem)
                Error(DiagnosticCodes.ModelValueOutOfRange, Messages.OutOfRange(label, Show(value), problem));
            else if (field.RefersTo is { } target && value is string reference)
                _facts.AddReference(target, reference, label, _at);

            // Enum values, nested objects and lists; only the latter two need a path of their own (for their fields' labels).
            if (field.Type.Kind is FieldKind.Object or FieldKind.List) CheckValue(value, field.Type, label, $"{path}.{field.Name}");
            else if (field.Type.Kind == FieldKind.Enum) CheckValue(value, field.Type, label, string.Empty);
        }
    }

    private static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c)) return true;
        }

        return false;
    }

    /// <summary>Enum members that exist, and nested objects and lists element by element.</summary>
    private void CheckValue(object value, FieldType type, FieldRef label, string path)
    {
        switch (type.Kind)
        {
            case FieldKind.Enum when !Enum.IsDefined(type.Clr, value):
                Error(DiagnosticCodes.ModelUnknownEnumValue, Messages.UnknownEnum(label, Show(value), type.Clr));
                break;
            case FieldKind.Object:
                var schema = FactSchemas.ForNested(type.Clr);
                if (schema.CannotCreate is null) CheckObject(value, schema, path);
                break;
            case FieldKind.List when value is IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    var element = label.Element(i);
                    var elementPath = $"{path}[{i++}]";
                    if (item is null) Error(DiagnosticCodes.ModelMissingField, Messages.NotNull(element));
                    else CheckValue(item, type.Element!, element, elementPath);
                }

                break;
        }
    }

    /// <summary>Reads a property; a host getter that throws is reported, not propagated.</summary>
    private bool TryGet(Func<object, object?> getter, object obj, FieldRef label, out object? value)
    {
        try
        {
            value = getter(obj);
            return true;
        }
        catch (TargetInvocationException ex)
        {
            Error(DiagnosticCodes.ModelValueOutOfRange, $"reading {label} failed: {ex.InnerException?.Message ?? ex.Message}");
            value = null;
            return false;
        }
    }

    private static string Show(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private void Error(string code, string message) => _diagnostics.Error(code, _at, message);
}
