// The fact types of model.md. Each record is one fact in the rules engine; its identity is
// (type, Id) — see IFact. Property names are the PascalCase of the JSON fields, defaults are
// those of model.md, and absent fields without a default are null.
#pragma warning disable CS1591 // every property is documented field by field in docs/model.md (the contract's model.md).


namespace Deeg.Policy.Model;

/// <summary>A fact with an identity: unique <see cref="Id"/> within its fact type.</summary>
public interface IFact
{
    /// <summary>The fact's id, unique within its type.</summary>
    string Id { get; }
}

/// <summary>The organisation the model describes (exactly one per model).</summary>
public sealed record Organisation : IFact
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public Sector Sector { get; init; } = Sector.Other;
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];
    public int? Employees { get; init; }
    public IReadOnlyList<string> Regulations { get; init; } = [];
    public bool PublicAuthority { get; init; }
    public bool WorksCouncil { get; init; }
    public IReadOnlyList<Excuse> StatedExcuses { get; init; } = [];
    public string? PresenceDecisionRef { get; init; }
    public bool SocialListening { get; init; }
    public int ResponseSlaHours { get; init; } = 24;
    public IntroductionDriver IntroductionDriver { get; init; } = IntroductionDriver.Unknown;
    public DateOnly? LastCultureRetrospective { get; init; }
    public IReadOnlyList<string> GovernanceBody { get; init; } = [];
}

/// <summary>A social media presence, internal network or messaging channel.</summary>
public sealed record Channel : IFact
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public required Platform Platform { get; init; }
    public required ChannelScope Scope { get; init; }
    public string? Handle { get; init; }
    public string? Url { get; init; }
    public ChannelStatus Status { get; init; } = ChannelStatus.Active;
    public bool BusinessUse { get; init; } = true;
    public Ownership Ownership { get; init; } = Ownership.Unknown;
    public bool InInventory { get; init; } = true;
    public bool Mfa { get; init; }
    public Credentials Credentials { get; init; } = Credentials.Unknown;
    public DateTimeOffset? LastPostAt { get; init; }
    public bool ApprovalRequired { get; init; }
    public bool VisitorPosts { get; init; }
    public bool InsightsOrTargeting { get; init; }
    public bool Listening { get; init; }
    public string? ImpressumUrl { get; init; }
    public string? ImpressumLabel { get; init; }
    public int? ImpressumClicks { get; init; }
    public string? PrivacyNoticeUrl { get; init; }
    public string? JointControllerRef { get; init; }
    public string? RiskAssessmentRef { get; init; }
    public bool InProcessingRecords { get; init; }
    public int? MessageRetentionDays { get; init; }
    public string? WorksAgreementRef { get; init; }
    public bool Archived { get; init; }
    public int? ArchiveRetentionYears { get; init; }
    public int? Followers { get; init; }
}

/// <summary>A person in or formerly in the organisation.</summary>
public sealed record Person : IFact
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Department { get; init; }
    public bool Leadership { get; init; }
    public PersonStatus Status { get; init; } = PersonStatus.Active;
    public DateOnly? InternalActivityOn { get; init; }
    public DateOnly? ExternalActivityOn { get; init; }
}

/// <summary>A role a person holds, organisation-wide or for one channel or use case.</summary>
public sealed record RoleAssignment : IFact
{
    /// <summary>The id; when absent in JSON it is derived as <c>person:role:channel:useCase</c>.</summary>
    public required string Id { get; init; }
    public required string Person { get; init; }
    public required Role Role { get; init; }
    public string? Channel { get; init; }
    public string? UseCase { get; init; }
}

/// <summary>A clause of a policy (nested in <see cref="Policy"/>).</summary>
public sealed record Clause
{
    public required ClauseType Type { get; init; }
    public ClauseTone Tone { get; init; } = ClauseTone.Neutral;
    public string? Text { get; init; }
    public decimal? Value { get; init; }
}

/// <summary>An escalation tier of a crisis plan (nested in <see cref="Policy"/>).</summary>
public sealed record CrisisTier
{
    public required int Level { get; init; }
    public string? Trigger { get; init; }
    public string? Approver { get; init; }
    public string? BackupApprover { get; init; }
    public bool HoldingStatement { get; init; }
    public int? FirstResponseMinutes { get; init; }
}

/// <summary>A policy document: guidelines, governance, crisis plan, …</summary>
public sealed record Policy : IFact
{
    public required string Id { get; init; }
    public required PolicyKind Kind { get; init; }
    public string? Title { get; init; }
    public DateOnly? ApprovedOn { get; init; }
    public string? ApprovedBy { get; init; }
    public DateOnly? LastReviewedOn { get; init; }
    public DateOnly? LastExercisedOn { get; init; }
    public IReadOnlyList<Clause> Clauses { get; init; } = [];
    public IReadOnlyList<CrisisTier> Tiers { get; init; } = [];
}

/// <summary>An internal use of social media.</summary>
public sealed record UseCase : IFact
{
    public required string Id { get; init; }
    public required UseCaseArea Area { get; init; }
    public string? Channel { get; init; }
    public UseCaseStatus Status { get; init; } = UseCaseStatus.Established;
    public int Members { get; init; }
    public decimal OpenShare { get; init; }
    public bool FeedbackChannel { get; init; }
}

/// <summary>Who is active where: a stakeholder group on a platform.</summary>
public sealed record Stakeholder : IFact
{
    /// <summary>The id; when absent in JSON it is derived as <c>group:platform</c>.</summary>
    public required string Id { get; init; }
    public required StakeholderGroup Group { get; init; }
    public required Platform Platform { get; init; }
    public bool Active { get; init; } = true;
    public DateOnly? ObservedOn { get; init; }
    public string? Evidence { get; init; }
}

/// <summary>Something said about the organisation in public.</summary>
public sealed record Mention : IFact
{
    public required string Id { get; init; }
    public required Platform Platform { get; init; }
    public MentionAuthor Author { get; init; } = MentionAuthor.Unknown;
    public required DateTimeOffset At { get; init; }
    public bool RequiresResponse { get; init; }
    public MentionStatus Status { get; init; } = MentionStatus.New;
    public Sentiment? Sentiment { get; init; }
}

/// <summary>A post on a channel.</summary>
public sealed record Post : IFact
{
    public required string Id { get; init; }
    public required string Channel { get; init; }
    public string? Author { get; init; }
    public required DateTimeOffset At { get; init; }
    public bool AboutOwnProducts { get; init; }
    public bool StaticContent { get; init; }
    public bool Compensated { get; init; }
    public bool LabeledAsAd { get; init; }
    public bool EmploymentDisclosed { get; init; }
    public int Images { get; init; }
    public int ImagesWithAltText { get; init; }
    public string? ApprovedBy { get; init; }
}

/// <summary>A completed training.</summary>
public sealed record Training : IFact
{
    /// <summary>The id; when absent in JSON it is derived as <c>person:module:completedOn</c>.</summary>
    public required string Id { get; init; }
    public required string Person { get; init; }
    public required TrainingModule Module { get; init; }
    public required DateOnly CompletedOn { get; init; }
    public DateOnly? ValidUntil { get; init; }
}
