using Newtonsoft.Json;

namespace Deeg.Policy.Reporting.Sarif;

// A typed subset of the SARIF 2.1.0 object model (OASIS standard, errata 01): only the objects and
// properties that deeg-policy writes. The official Sarif.Sdk does not restore in this build
// environment; this model is validated against the official JSON schema in the tests
// (tests/Deeg.Policy.Cli.Tests/SarifOutputTests.cs). Property names follow the schema exactly;
// null values are left out when serialising.

/// <summary>The root object of a SARIF file (§3.13).</summary>
internal sealed class SarifLog
{
    /// <summary>The URI of the SARIF 2.1.0 schema.</summary>
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    [JsonProperty("$schema", Order = 0)]
    public string Schema { get; init; } = SchemaUri;

    [JsonProperty("version", Order = 1)]
    public string Version { get; init; } = "2.1.0";

    [JsonProperty("runs", Order = 2)]
    public required IReadOnlyList<SarifRun> Runs { get; init; }
}

/// <summary>One invocation of one tool (§3.14).</summary>
internal sealed class SarifRun
{
    [JsonProperty("tool", Order = 0)]
    public required SarifTool Tool { get; init; }

    [JsonProperty("invocations", Order = 1)]
    public IReadOnlyList<SarifInvocation>? Invocations { get; init; }

    [JsonProperty("language", Order = 2)]
    public string? Language { get; init; }

    [JsonProperty("columnKind", Order = 3)]
    public string? ColumnKind { get; init; }

    [JsonProperty("artifacts", Order = 4)]
    public IReadOnlyList<SarifArtifact>? Artifacts { get; init; }

    [JsonProperty("results", Order = 5)]
    public required IReadOnlyList<SarifResult> Results { get; init; }

    [JsonProperty("properties", Order = 6)]
    public IDictionary<string, object?>? Properties { get; init; }
}

/// <summary>The analysis tool (§3.18).</summary>
internal sealed class SarifTool
{
    [JsonProperty("driver")]
    public required SarifToolComponent Driver { get; init; }
}

/// <summary>The tool's driver (§3.19).</summary>
internal sealed class SarifToolComponent
{
    [JsonProperty("name", Order = 0)]
    public required string Name { get; init; }

    [JsonProperty("fullName", Order = 1)]
    public string? FullName { get; init; }

    [JsonProperty("version", Order = 2)]
    public string? Version { get; init; }

    [JsonProperty("semanticVersion", Order = 3)]
    public string? SemanticVersion { get; init; }

    [JsonProperty("informationUri", Order = 4)]
    public string? InformationUri { get; init; }

    [JsonProperty("language", Order = 5)]
    public string? Language { get; init; }

    [JsonProperty("rules", Order = 6)]
    public IReadOnlyList<SarifReportingDescriptor>? Rules { get; init; }
}

/// <summary>A rule's metadata (§3.49).</summary>
internal sealed class SarifReportingDescriptor
{
    [JsonProperty("id", Order = 0)]
    public required string Id { get; init; }

    [JsonProperty("name", Order = 1)]
    public string? Name { get; init; }

    [JsonProperty("shortDescription", Order = 2)]
    public SarifMultiformatMessageString? ShortDescription { get; init; }

    [JsonProperty("fullDescription", Order = 3)]
    public SarifMultiformatMessageString? FullDescription { get; init; }

    [JsonProperty("help", Order = 4)]
    public SarifMultiformatMessageString? Help { get; init; }

    [JsonProperty("helpUri", Order = 5)]
    public string? HelpUri { get; init; }

    [JsonProperty("defaultConfiguration", Order = 6)]
    public SarifReportingConfiguration? DefaultConfiguration { get; init; }

    [JsonProperty("properties", Order = 7)]
    public IDictionary<string, object?>? Properties { get; init; }
}

/// <summary>A text with an optional Markdown rendering (§3.12).</summary>
internal sealed class SarifMultiformatMessageString
{
    [JsonProperty("text", Order = 0)]
    public required string Text { get; init; }

    [JsonProperty("markdown", Order = 1)]
    public string? Markdown { get; init; }
}

/// <summary>A rule's default configuration (§3.50).</summary>
internal sealed class SarifReportingConfiguration
{
    [JsonProperty("level")]
    public required string Level { get; init; }
}

/// <summary>A message (§3.11).</summary>
internal sealed class SarifMessage
{
    [JsonProperty("text", Order = 0)]
    public required string Text { get; init; }

    [JsonProperty("markdown", Order = 1)]
    public string? Markdown { get; init; }
}

/// <summary>One finding (§3.27).</summary>
internal sealed class SarifResult
{
    [JsonProperty("ruleId", Order = 0)]
    public required string RuleId { get; init; }

    [JsonProperty("ruleIndex", Order = 1)]
    public int? RuleIndex { get; init; }

    [JsonProperty("kind", Order = 2)]
    public string? Kind { get; init; }

    [JsonProperty("level", Order = 3)]
    public string? Level { get; init; }

    [JsonProperty("message", Order = 4)]
    public required SarifMessage Message { get; init; }

    [JsonProperty("locations", Order = 5)]
    public IReadOnlyList<SarifLocation>? Locations { get; init; }

    [JsonProperty("partialFingerprints", Order = 6)]
    public IDictionary<string, string>? PartialFingerprints { get; init; }

    [JsonProperty("suppressions", Order = 7)]
    public IReadOnlyList<SarifSuppression>? Suppressions { get; init; }

    [JsonProperty("baselineState", Order = 8)]
    public string? BaselineState { get; init; }

    [JsonProperty("properties", Order = 9)]
    public IDictionary<string, object?>? Properties { get; init; }
}

/// <summary>Where a result is (§3.28).</summary>
internal sealed class SarifLocation
{
    [JsonProperty("physicalLocation", Order = 0)]
    public SarifPhysicalLocation? PhysicalLocation { get; init; }

    [JsonProperty("logicalLocations", Order = 1)]
    public IReadOnlyList<SarifLogicalLocation>? LogicalLocations { get; init; }
}

/// <summary>A place in a file (§3.29).</summary>
internal sealed class SarifPhysicalLocation
{
    [JsonProperty("artifactLocation", Order = 0)]
    public required SarifArtifactLocation ArtifactLocation { get; init; }

    [JsonProperty("region", Order = 1)]
    public SarifRegion? Region { get; init; }
}

/// <summary>A file reference (§3.4).</summary>
internal sealed class SarifArtifactLocation
{
    [JsonProperty("uri", Order = 0)]
    public required string Uri { get; init; }

    [JsonProperty("index", Order = 1)]
    public int? Index { get; init; }
}

/// <summary>A region of a file (§3.30).</summary>
internal sealed class SarifRegion
{
    [JsonProperty("startLine", Order = 0)]
    public required int StartLine { get; init; }

    [JsonProperty("startColumn", Order = 1)]
    public int? StartColumn { get; init; }
}

/// <summary>A named thing a result is about (§3.33).</summary>
internal sealed class SarifLogicalLocation
{
    [JsonProperty("name", Order = 0)]
    public string? Name { get; init; }

    [JsonProperty("fullyQualifiedName", Order = 1)]
    public string? FullyQualifiedName { get; init; }

    [JsonProperty("kind", Order = 2)]
    public string? Kind { get; init; }
}

/// <summary>Why a result is suppressed (§3.35).</summary>
internal sealed class SarifSuppression
{
    [JsonProperty("kind", Order = 0)]
    public required string Kind { get; init; }

    [JsonProperty("status", Order = 1)]
    public string? Status { get; init; }

    [JsonProperty("justification", Order = 2)]
    public string? Justification { get; init; }

    [JsonProperty("properties", Order = 3)]
    public IDictionary<string, object?>? Properties { get; init; }
}

/// <summary>A file the run analysed (§3.24).</summary>
internal sealed class SarifArtifact
{
    [JsonProperty("location", Order = 0)]
    public required SarifArtifactLocation Location { get; init; }

    [JsonProperty("roles", Order = 1)]
    public IReadOnlyList<string>? Roles { get; init; }

    [JsonProperty("mimeType", Order = 2)]
    public string? MimeType { get; init; }

    [JsonProperty("properties", Order = 3)]
    public IDictionary<string, object?>? Properties { get; init; }
}

/// <summary>How the run went (§3.20).</summary>
internal sealed class SarifInvocation
{
    [JsonProperty("executionSuccessful", Order = 0)]
    public required bool ExecutionSuccessful { get; init; }

    [JsonProperty("toolExecutionNotifications", Order = 1)]
    public IReadOnlyList<SarifNotification>? ToolExecutionNotifications { get; init; }
}

/// <summary>A problem of the tool itself, here a rule that failed at evaluation time (§3.58).</summary>
internal sealed class SarifNotification
{
    [JsonProperty("level", Order = 0)]
    public string? Level { get; init; }

    [JsonProperty("message", Order = 1)]
    public required SarifMessage Message { get; init; }

    [JsonProperty("locations", Order = 2)]
    public IReadOnlyList<SarifLocation>? Locations { get; init; }

    [JsonProperty("associatedRule", Order = 3)]
    public SarifReportingDescriptorReference? AssociatedRule { get; init; }

    [JsonProperty("properties", Order = 4)]
    public IDictionary<string, object?>? Properties { get; init; }
}

/// <summary>A reference to a rule (§3.52).</summary>
internal sealed class SarifReportingDescriptorReference
{
    [JsonProperty("id", Order = 0)]
    public string? Id { get; init; }

    [JsonProperty("index", Order = 1)]
    public int? Index { get; init; }
}
