using System.Text.Json;
using System.Text.Json.Serialization;
using Deeg.Policy.Model;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>
/// The JSON spelling of single fact records for the Orleans JSON codec: the field names and enum
/// spellings of the facts document (camelCase names, camelCase enum members, ISO dates; see
/// docs/model.md), written with System.Text.Json, for fact records that travel as arguments of
/// grain calls. Whole models are written as facts documents by the library
/// (<see cref="PolicyModel.ToJson"/>), the form in which a grain persists its organisation.
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
