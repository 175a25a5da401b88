using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>The name of the grain storage the policy grains use.</summary>
public static class PolicyStorage
{
    /// <summary>
    /// <c>policy</c>: register a storage provider under this name — <c>AddMemoryGrainStorage("policy")</c>
    /// in the sample, ADO.NET, Azure, Redis, … in production.
    /// </summary>
    public const string Name = "policy";
}

/// <summary>Registration of the policy grains on silos and of their types on clients.</summary>
public static class PolicyHosting
{
    /// <summary>
    /// Adds what the policy grains need on a silo: the silo's one <see cref="PolicyEngine"/> (a
    /// singleton shared by every grain; built with <paramref name="configureEngine"/>, by default
    /// from the built-in rule sets, unless the host registered a <see cref="PolicyEngine"/> itself)
    /// and the serialization of the library types (<see cref="AddPolicyTypes(ISerializerBuilder)"/>). The host adds a
    /// grain storage named <see cref="PolicyStorage.Name"/>.
    /// </summary>
    public static ISiloBuilder AddPolicyGrains(this ISiloBuilder silo, Action<PolicyEngineBuilder>? configureEngine = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton(_ =>
        {
            var builder = PolicyEngine.CreateBuilder();
            if (configureEngine is null) builder.AddBuiltInRuleSets();
            else configureEngine(builder);
            return builder.Build();
        });
        silo.Services.AddSerializer(serializer => serializer.AddPolicyTypes());
        return silo;
    }

    /// <summary>Adds the serialization of the library types to an Orleans client (see <see cref="AddPolicyTypes(ISerializerBuilder)"/>).</summary>
    public static IClientBuilder AddPolicyTypes(this IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.AddSerializer(serializer => serializer.AddPolicyTypes());
        return client;
    }

    /// <summary>
    /// The fact records of <c>Deeg.Policy.Model</c> (and <see cref="Severity"/>) are plain records of
    /// a library that knows nothing of Orleans, so they carry no <c>[GenerateSerializer]</c>. They
    /// cross grain calls through Orleans' System.Text.Json codec with <see cref="FactsJson.Options"/>
    /// — the same spelling as a facts document. The codec writes the runtime type, so a parameter
    /// typed <c>IFact</c> takes any fact record.
    /// </summary>
    public static ISerializerBuilder AddPolicyTypes(this ISerializerBuilder serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        return serializer.AddJsonSerializer(isSupported: FactsJson.IsPolicyValueType, FactsJson.Options);
    }
}
