
namespace Deeg.Policy.Samples.WebApi;

/// <summary>
/// A fact type of this host, not of Deeg.Policy: a contract with an agency that runs social media
/// channels for the organisation. Registered with <c>AddFactType&lt;AgencyContract&gt;("AgencyContract")</c>,
/// models list it under <c>"extensions": { "AgencyContract": [ … ] }</c> (properties in camelCase) and
/// rules match it like a built-in fact: <c>{ "fact": "AgencyContract", "as": "a" }</c>.
/// </summary>
public sealed record AgencyContract
{
    /// <summary>The contract's id (every fact type needs a string <c>Id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The agency's name.</summary>
    public required string Agency { get; init; }

    /// <summary>Ids of the channels the agency runs.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Whether a data-processing agreement (Art. 28 GDPR) is signed.</summary>
    public bool DataProcessingAgreement { get; init; }

    /// <summary>The last day the contract runs, if it ends.</summary>
    public DateOnly? ValidUntil { get; init; }
}
