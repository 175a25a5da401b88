using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using Deeg.Policy.Core;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Model.Loading;
using Newtonsoft.Json;

namespace Deeg.Policy.Model.Writing;

/// <summary>
/// Writes a model as a facts document that the loader reads back into the same facts. The fields
/// come from the schemas the loader reads with (<see cref="FactSchemas"/>), so every type is
/// written as it is read: camelCase names and enum values, dates <c>YYYY-MM-DD</c>, datetimes in
/// UTC with <c>Z</c>. A field that has its default value (the value the loader gives a missing
/// field), is null or an empty list is left out, and so is an id equal to the one derived from
/// its fields; required fields are always written. Two spaces of indentation, <c>\n</c> line ends.
/// </summary>
internal static class FactsDocumentWriter
{
    /// <summary>The document as a string.</summary>
    public static string Write(PolicyModel model)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(model, text);
        return text.ToString();
    }

    /// <summary>The document as UTF-8 without a byte order mark; the stream stays open.</summary>
    public static void Write(PolicyModel model, Stream stream)
    {
        using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        Write(model, text);
    }

    private static void Write(PolicyModel model, TextWriter text)
    {
        using var w = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ', CloseOutput = false };
        w.WriteStartObject();
        w.WritePropertyName("schemaVersion");
        w.WriteValue(DocumentVersion.Current);
        if (model.AsOf is { } asOf)
        {
            w.WritePropertyName("asOf");
            w.WriteValue(IsoDates.Format(asOf));
        }

        if (model.Organisation is not null)
        {
            w.WritePropertyName("organisation");
            WriteObject(w, model.Organisation, FactSchemas.Organisation);
        }

        foreach (var (json, schema, get) in FactSchemas.Lists) WriteList(w, json, get(model), _ => schema);

        if (model.Extensions is { Count: > 0 } extensions)
        {
            w.WritePropertyName("extensions");
            w.WriteStartObject();

            // A host type is written as the loader reads it: by reflection on its class.
            foreach (var (name, facts) in extensions) WriteList(w, name, facts, fact => TypeSchema.Reflect(name, fact.GetType(), isFact: true), always: true);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteList(JsonWriter w, string name, IEnumerable<object>? facts, Func<object, TypeSchema> schemaOf, bool always = false)
    {
        if (facts is null || (!always && !facts.Any())) return;
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var fact in facts)
        {
            if (fact is null) w.WriteNull();
            else WriteObject(w, fact, schemaOf(fact));
        }

        w.WriteEndArray();
    }

    private static void WriteObject(JsonWriter w, object obj, TypeSchema schema)
    {
        var absent = schema.AbsentValues;
        var derivedId = DerivedId(obj, schema);
        w.WriteStartObject();
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            if (field.Getter is not { } getter || field.Type.Kind == FieldKind.Unsupported) continue;
            var value = Read(getter, obj);
            if (value is null) continue;
            if (field.Name == "id" ? derivedId is not null && Equals(value, derivedId) : !field.Required && absent is not null && IsDefault(value, absent[i])) continue;
            w.WritePropertyName(field.Name);
            WriteValue(w, value, field.Type);
        }

        w.WriteEndObject();
    }

    private static void WriteValue(JsonWriter w, object value, FieldType type)
    {
        switch (type.Kind)
        {
            case FieldKind.Integer:
                w.WriteValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case FieldKind.Number when value is decimal d:
                // As given, scale included: 0.50 stays 0.50, 1 stays 1.
                w.WriteRawValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case FieldKind.Date when value is DateOnly date:
                w.WriteValue(IsoDates.Format(date));
                break;
            case FieldKind.DateTime when value is DateTimeOffset at:
                w.WriteValue(IsoDates.Format(at));
                break;
            case FieldKind.DateTime when value is DateTime at:
                w.WriteValue(IsoDates.Format(at.Kind == DateTimeKind.Local ? new DateTimeOffset(at) : new DateTimeOffset(at.Ticks, TimeSpan.Zero)));
                break;
            case FieldKind.Enum when value is Enum e:
                w.WriteValue(Naming.EnumValue(e));
                break;
            case FieldKind.List when value is IEnumerable items:
                w.WriteStartArray();
                foreach (var item in items)
                {
                    if (item is null) w.WriteNull();
                    else WriteValue(w, item, type.Element!);
                }

                w.WriteEndArray();
                break;
            case FieldKind.Object:
                WriteObject(w, value, FactSchemas.ForNested(type.Clr));
                break;
            default:
                w.WriteValue(value);
                break;
        }
    }

    /// <summary>The id the loader would derive from the fact's fields, or null when its type derives none.</summary>
    private static string? DerivedId(object obj, TypeSchema schema)
    {
        if (schema.DerivedIdFrom.Count == 0) return null;
        var parts = new List<string>(schema.DerivedIdFrom.Count);
        foreach (var name in schema.DerivedIdFrom)
        {
            if (!schema.TryGetField(name, out var field) || field.Getter is not { } getter) return null;
            parts.Add(TypeSchema.DerivedIdPart(Read(getter, obj)));
        }

        return string.Join(':', parts);
    }

    /// <summary>The value a missing field takes: equal, or both empty lists.</summary>
    private static bool IsDefault(object value, object? absent) =>
        Equals(value, absent)
        || (value is IEnumerable items and not string && absent is IEnumerable none and not string && !items.Cast<object?>().Any() && !none.Cast<object?>().Any());

    /// <summary>A property's value; a host getter's own exception, not reflection's wrapper, reaches the caller.</summary>
    private static object? Read(Func<object, object?> getter, object obj)
    {
        try
        {
            return getter(obj);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
