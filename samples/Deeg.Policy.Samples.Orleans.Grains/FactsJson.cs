using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Deeg.Policy.Model;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>
/// The JSON spelling of facts used by the sample: the field names and enum spellings of the facts
/// document (model.md: camelCase names, camelCase enum members, ISO dates), written with
/// System.Text.Json. Two uses: <see cref="WriteDocument"/> turns a <see cref="PolicyModel"/> back
/// into a facts document that <see cref="PolicyModel.Parse(string, string?)"/> (and the CLI) read again — the form
/// in which a grain persists its organisation — and <see cref="Options"/> is what the Orleans
/// JSON codec uses for fact records that travel as arguments of grain calls.
/// </summary>
public static class FactsJson
{
    /// <summary>
    /// Serializer options for single facts: camelCase properties, enums as camelCase strings,
    /// nulls left out. Read-only, shared.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Record defaults are not always the CLR default (Channel.BusinessUse is true unless
            // said otherwise), so every non-null value is written, defaults included.
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Serializes one fact (or a nested record) with <see cref="Options"/>.</summary>
    public static string WriteFact(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return JsonSerializer.Serialize(fact, fact.GetType(), Options);
    }

    /// <summary>
    /// Writes <paramref name="model"/> as a facts document (schema version 1). Reading the result
    /// with <see cref="PolicyModel.Parse(string, string?)"/> (or an engine's <see cref="PolicyEngine.ParseModel"/>
    /// for host-registered extension types) gives a model with the same facts.
    /// </summary>
    public static string WriteDocument(PolicyModel model, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 1);
            if (model.AsOf is { } asOf) writer.WriteString("asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WritePropertyName("organisation");
            JsonSerializer.Serialize(writer, model.Organisation, Options);
            WriteList(writer, "channels", model.Channels);
            WriteList(writer, "people", model.People);
            WriteList(writer, "roles", model.Roles);
            WriteList(writer, "policies", model.Policies);
            WriteList(writer, "useCases", model.UseCases);
            WriteList(writer, "stakeholders", model.Stakeholders);
            WriteList(writer, "mentions", model.Mentions);
            WriteList(writer, "posts", model.Posts);
            WriteList(writer, "trainings", model.Trainings);
            if (model.Extensions.Count > 0)
            {
                writer.WriteStartObject("extensions");
                foreach (var (typeName, facts) in model.Extensions.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    WriteList(writer, typeName, facts);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteList<T>(Utf8JsonWriter writer, string name, IReadOnlyList<T> facts)
        where T : notnull
    {
        if (facts.Count == 0) return;
        writer.WriteStartArray(name);
        foreach (var fact in facts)
        {
            JsonSerializer.Serialize(writer, fact, fact.GetType(), Options);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// True for the library types that cross grain calls through the Orleans JSON codec: the fact
    /// records and enums of <c>Deeg.Policy.Model</c> and <see cref="Severity"/>.
    /// </summary>
    public static bool IsPolicyValueType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Assembly == typeof(PolicyModel).Assembly
            && (type.Namespace == typeof(Channel).Namespace || type == typeof(Severity));
    }
}
