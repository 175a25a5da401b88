// The fact types of the organisation model: each record is one fact in the rules engine, its
// identity (type, Id) as IFact says. Each property is one field of the facts document: the JSON
// name is its camelCase, the default its initialiser, it is required when C# `required` (an id
// unless the type derives it), and the attributes say what else the loader checks and what the
// field means. The loader's tables, the JSON schema, the facts writer and docs/model.md are all
// derived from these declarations, so a field is described here and nowhere else.
using System.ComponentModel;

namespace Deeg.Policy.Model;

/// <summary>A fact with an identity: unique <see cref="Id"/> within its fact type.</summary>
public interface IFact
{
    /// <summary>The fact's id, unique within its type.</summary>
    string Id { get; }
}

/// <summary>The organisation the model describes (exactly one per model).</summary>
[Description("The organisation the model describes (exactly one per model).")]
public sealed record Organisation : IFact
{
    /// <summary>The organisation's id, used in subject references (Organisation/ID).</summary>
    [Description("The organisation's id, used in subject references (Organisation/ID).")]
    public required string Id { get; init; }

    /// <summary>The organisation's name.</summary>
    [Description("The organisation's name.")]
    public required string Name { get; init; }

    /// <summary>The sector it works in.</summary>
    [Description("The sector it works in.")]
    public Sector Sector { get; init; } = Sector.Other;

    /// <summary>Legal areas it is subject to, e.g. DE, EU, US.</summary>
    [Description("Legal areas it is subject to, e.g. DE, EU, US.")]
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];

    /// <summary>Head count.</summary>
    [NonNegative, Description("Head count.")]
    public int? Employees { get; init; }

    /// <summary>Sector regulation it is subject to, e.g. finra.</summary>
    [Description("Sector regulation it is subject to, e.g. finra.")]
    public IReadOnlyList<string> Regulations { get; init; } = [];

    /// <summary>It is a public authority.</summary>
    [Description("It is a public authority.")]
    public bool PublicAuthority { get; init; }

    /// <summary>Has a works council (Betriebsrat / Personalrat).</summary>
    [Description("Has a works council (Betriebsrat / Personalrat).")]
    public bool WorksCouncil { get; init; }

    /// <summary>Reasons it gives for staying away from social media.</summary>
    [Description("Reasons it gives for staying away from social media.")]
    public IReadOnlyList<Excuse> StatedExcuses { get; init; } = [];

    /// <summary>Reference to a documented, reasoned decision about its presence.</summary>
    [Description("Reference to a documented, reasoned decision about its presence.")]
    public string? PresenceDecisionRef { get; init; }

    /// <summary>It monitors what is said about it.</summary>
    [Description("It monitors what is said about it.")]
    public bool SocialListening { get; init; }

    /// <summary>Promised first-response time to mentions, in hours.</summary>
    [NonNegative, Description("Promised first-response time to mentions, in hours.")]
    public int ResponseSlaHours { get; init; } = 24;

    /// <summary>What drove its social media introduction.</summary>
    [Description("What drove its social media introduction.")]
    public IntroductionDriver IntroductionDriver { get; init; } = IntroductionDriver.Unknown;

    /// <summary>Last time it reviewed how social media changed its way of working.</summary>
    [Description("Last time it reviewed how social media changed its way of working.")]
    public DateOnly? LastCultureRetrospective { get; init; }

    /// <summary>Departments represented in its social media governance body.</summary>
    [Description("Departments represented in its social media governance body.")]
    public IReadOnlyList<string> GovernanceBody { get; init; } = [];
}

/// <summary>A social media presence, internal network or messaging channel.</summary>
[Description("A social media presence, internal network or messaging channel.")]
public sealed record Channel : IFact
{
    /// <summary>The channel's id, unique among channels.</summary>
    [Description("The channel's id, unique among channels.")]
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    [Description("Display name.")]
    public string? Name { get; init; }

    /// <summary>The platform the channel is on.</summary>
    [Description("The platform the channel is on.")]
    public required Platform Platform { get; init; }

    /// <summary>Public presence (external), internal network, or messaging.</summary>
    [Description("Public presence (external), internal network, or messaging.")]
    public required ChannelScope Scope { get; init; }

    /// <summary>The account's handle or user name.</summary>
    [Description("The account's handle or user name.")]
    public string? Handle { get; init; }

    /// <summary>The channel's address.</summary>
    [Description("The channel's address.")]
    public string? Url { get; init; }

    /// <summary>Lifecycle state of the channel.</summary>
    [Description("Lifecycle state of the channel.")]
    public ChannelStatus Status { get; init; } = ChannelStatus.Active;

    /// <summary>Used on behalf of the organisation.</summary>
    [Description("Used on behalf of the organisation.")]
    public bool BusinessUse { get; init; } = true;

    /// <summary>Who legally holds the account.</summary>
    [Description("Who legally holds the account.")]
    public Ownership Ownership { get; init; } = Ownership.Unknown;

    /// <summary>Listed in the official account inventory.</summary>
    [Description("Listed in the official account inventory.")]
    public bool InInventory { get; init; } = true;

    /// <summary>Multi-factor authentication enforced.</summary>
    [Description("Multi-factor authentication enforced.")]
    public bool Mfa { get; init; }

    /// <summary>Where the login lives.</summary>
    [Description("Where the login lives.")]
    public Credentials Credentials { get; init; } = Credentials.Unknown;

    /// <summary>When the channel last posted.</summary>
    [Description("When the channel last posted.")]
    public DateTimeOffset? LastPostAt { get; init; }

    /// <summary>Posts need a second person's approval.</summary>
    [Description("Posts need a second person's approval.")]
    public bool ApprovalRequired { get; init; }

    /// <summary>Visitors can comment, post or send messages.</summary>
    [Description("Visitors can comment, post or send messages.")]
    public bool VisitorPosts { get; init; }

    /// <summary>Uses page insights, tracking or ad targeting.</summary>
    [Description("Uses page insights, tracking or ad targeting.")]
    public bool InsightsOrTargeting { get; init; }

    /// <summary>This channel's conversations are monitored.</summary>
    [Description("This channel's conversations are monitored.")]
    public bool Listening { get; init; }

    /// <summary>Address of the Impressum (legal notice).</summary>
    [Description("Address of the Impressum (legal notice).")]
    public string? ImpressumUrl { get; init; }

    /// <summary>The visible label of the Impressum link.</summary>
    [Description("The visible label of the Impressum link.")]
    public string? ImpressumLabel { get; init; }

    /// <summary>Clicks from the profile to the Impressum.</summary>
    [NonNegative, Description("Clicks from the profile to the Impressum.")]
    public int? ImpressumClicks { get; init; }

    /// <summary>Address of the privacy notice.</summary>
    [Description("Address of the privacy notice.")]
    public string? PrivacyNoticeUrl { get; init; }

    /// <summary>Reference to an Art. 26 GDPR arrangement.</summary>
    [Description("Reference to an Art. 26 GDPR arrangement.")]
    public string? JointControllerRef { get; init; }

    /// <summary>Reference to a documented data-protection risk decision.</summary>
    [Description("Reference to a documented data-protection risk decision.")]
    public string? RiskAssessmentRef { get; init; }

    /// <summary>Listed in the records of processing (Art. 30 GDPR).</summary>
    [Description("Listed in the records of processing (Art. 30 GDPR).")]
    public bool InProcessingRecords { get; init; }

    /// <summary>How long comments and messages are kept, in days.</summary>
    [NonNegative, Description("How long comments and messages are kept, in days.")]
    public int? MessageRetentionDays { get; init; }

    /// <summary>Reference to a works agreement covering this channel.</summary>
    [Description("Reference to a works agreement covering this channel.")]
    public string? WorksAgreementRef { get; init; }

    /// <summary>Content is captured by an archiving system.</summary>
    [Description("Content is captured by an archiving system.")]
    public bool Archived { get; init; }

    /// <summary>How long archived content is kept, in years.</summary>
    [NonNegative, Description("How long archived content is kept, in years.")]
    public int? ArchiveRetentionYears { get; init; }

    /// <summary>Number of followers.</summary>
    [NonNegative, Description("Number of followers.")]
    public int? Followers { get; init; }
}

/// <summary>A person in or formerly in the organisation.</summary>
[Description("A person in or formerly in the organisation.")]
public sealed record Person : IFact
{
    /// <summary>The person's id, unique among people.</summary>
    [Description("The person's id, unique among people.")]
    public required string Id { get; init; }

    /// <summary>The person's name.</summary>
    [Description("The person's name.")]
    public string? Name { get; init; }

    /// <summary>The department the person works in.</summary>
    [Description("The department the person works in.")]
    public string? Department { get; init; }

    /// <summary>Member of the leadership.</summary>
    [Description("Member of the leadership.")]
    public bool Leadership { get; init; }

    /// <summary>Still with the organisation, or left.</summary>
    [Description("Still with the organisation, or left.")]
    public PersonStatus Status { get; init; } = PersonStatus.Active;

    /// <summary>Last day the person posted or commented on an internal channel.</summary>
    [Description("Last day the person posted or commented on an internal channel.")]
    public DateOnly? InternalActivityOn { get; init; }

    /// <summary>Last day the person posted or commented on an external channel for the organisation.</summary>
    [Description("Last day the person posted or commented on an external channel for the organisation.")]
    public DateOnly? ExternalActivityOn { get; init; }
}

/// <summary>A role a person holds, organisation-wide or for one channel or use case.</summary>
[Description("A role a person holds, organisation-wide or for one channel or use case.")]
[DerivedId("person", "role", "channel", "useCase")]
public sealed record RoleAssignment : IFact
{
    /// <summary>The assignment's id.</summary>
    /// <remarks>May be left out of a facts document: it is then <c>person:role:channel:useCase</c> (absent parts empty).</remarks>
    [Description("The assignment's id.")]
    public required string Id { get; init; }

    /// <summary>The person who holds the role.</summary>
    [References("Person"), Description("The person who holds the role.")]
    public required string Person { get; init; }

    /// <summary>The role.</summary>
    [Description("The role.")]
    public required Role Role { get; init; }

    /// <summary>The channel the role is held for; absent = organisation-wide.</summary>
    [References("Channel"), Description("The channel the role is held for; absent = organisation-wide.")]
    public string? Channel { get; init; }

    /// <summary>The internal use case the role is held for.</summary>
    [References("UseCase"), Description("The internal use case the role is held for.")]
    public string? UseCase { get; init; }
}

/// <summary>A clause of a policy.</summary>
[Description("A clause of a policy.")]
public sealed record Clause
{
    /// <summary>What the clause is about.</summary>
    [Description("What the clause is about.")]
    public required ClauseType Type { get; init; }

    /// <summary>Whether it enables, restricts or is neutral.</summary>
    [Description("Whether it enables, restricts or is neutral.")]
    public ClauseTone Tone { get; init; } = ClauseTone.Neutral;

    /// <summary>The clause's text.</summary>
    [Description("The clause's text.")]
    public string? Text { get; init; }

    /// <summary>A number; for retention: the maximum days.</summary>
    [Description("A number; for retention: the maximum days.")]
    public decimal? Value { get; init; }
}

/// <summary>An escalation tier of a crisis plan.</summary>
[Description("An escalation tier of a crisis plan.")]
public sealed record CrisisTier
{
    /// <summary>Escalation level.</summary>
    [NonNegative, Description("Escalation level.")]
    public required int Level { get; init; }

    /// <summary>What triggers this tier.</summary>
    [Description("What triggers this tier.")]
    public string? Trigger { get; init; }

    /// <summary>Who approves statements at this tier.</summary>
    [References("Person"), Description("Who approves statements at this tier.")]
    public string? Approver { get; init; }

    /// <summary>Who approves when the approver is unavailable.</summary>
    [References("Person"), Description("Who approves when the approver is unavailable.")]
    public string? BackupApprover { get; init; }

    /// <summary>A pre-approved holding statement exists.</summary>
    [Description("A pre-approved holding statement exists.")]
    public bool HoldingStatement { get; init; }

    /// <summary>Target time to the first response, in minutes.</summary>
    [NonNegative, Description("Target time to the first response, in minutes.")]
    public int? FirstResponseMinutes { get; init; }
}

/// <summary>A policy document: guidelines, governance, crisis plan, ...</summary>
[Description("A policy document: guidelines, governance, crisis plan, ...")]
public sealed record Policy : IFact
{
    /// <summary>The policy's id, unique among policies.</summary>
    [Description("The policy's id, unique among policies.")]
    public required string Id { get; init; }

    /// <summary>What kind of policy it is.</summary>
    [Description("What kind of policy it is.")]
    public required PolicyKind Kind { get; init; }

    /// <summary>The policy's title.</summary>
    [Description("The policy's title.")]
    public string? Title { get; init; }

    /// <summary>When it was approved.</summary>
    [Description("When it was approved.")]
    public DateOnly? ApprovedOn { get; init; }

    /// <summary>Who approved it.</summary>
    [References("Person"), Description("Who approved it.")]
    public string? ApprovedBy { get; init; }

    /// <summary>When it was last reviewed.</summary>
    [Description("When it was last reviewed.")]
    public DateOnly? LastReviewedOn { get; init; }

    /// <summary>Crisis plans: last drill.</summary>
    [Description("Crisis plans: last drill.")]
    public DateOnly? LastExercisedOn { get; init; }

    /// <summary>The policy's clauses.</summary>
    [Description("The policy's clauses.")]
    public IReadOnlyList<Clause> Clauses { get; init; } = [];

    /// <summary>Crisis plans: escalation tiers.</summary>
    [Description("Crisis plans: escalation tiers.")]
    public IReadOnlyList<CrisisTier> Tiers { get; init; } = [];
}

/// <summary>An internal use of social media.</summary>
[Description("An internal use of social media.")]
public sealed record UseCase : IFact
{
    /// <summary>The use case's id, unique among use cases.</summary>
    [Description("The use case's id, unique among use cases.")]
    public required string Id { get; init; }

    /// <summary>The area of internal use.</summary>
    [Description("The area of internal use.")]
    public required UseCaseArea Area { get; init; }

    /// <summary>The channel the use case runs on.</summary>
    [References("Channel"), Description("The channel the use case runs on.")]
    public string? Channel { get; init; }

    /// <summary>Lifecycle state of the use case.</summary>
    [Description("Lifecycle state of the use case.")]
    public UseCaseStatus Status { get; init; } = UseCaseStatus.Established;

    /// <summary>Number of members.</summary>
    [NonNegative, Description("Number of members.")]
    public int Members { get; init; }

    /// <summary>Share of spaces open to all staff.</summary>
    [Fraction, Description("Share of spaces open to all staff.")]
    public decimal OpenShare { get; init; }

    /// <summary>Users have a way to give feedback on the use case.</summary>
    [Description("Users have a way to give feedback on the use case.")]
    public bool FeedbackChannel { get; init; }
}

/// <summary>Who is active where: a stakeholder group on a platform.</summary>
[Description("Who is active where: a stakeholder group on a platform.")]
[DerivedId("group", "platform")]
public sealed record Stakeholder : IFact
{
    /// <summary>The entry's id.</summary>
    /// <remarks>May be left out of a facts document: it is then <c>group:platform</c> (absent parts empty).</remarks>
    [Description("The entry's id.")]
    public required string Id { get; init; }

    /// <summary>The stakeholder group.</summary>
    [Description("The stakeholder group.")]
    public required StakeholderGroup Group { get; init; }

    /// <summary>The platform the group is (or is not) active on.</summary>
    [Description("The platform the group is (or is not) active on.")]
    public required Platform Platform { get; init; }

    /// <summary>The group is active on that platform.</summary>
    [Description("The group is active on that platform.")]
    public bool Active { get; init; } = true;

    /// <summary>When this was observed.</summary>
    [Description("When this was observed.")]
    public DateOnly? ObservedOn { get; init; }

    /// <summary>URL or reference.</summary>
    [Description("URL or reference.")]
    public string? Evidence { get; init; }
}

/// <summary>Something said about the organisation in public.</summary>
[Description("Something said about the organisation in public.")]
public sealed record Mention : IFact
{
    /// <summary>The mention's id, unique among mentions.</summary>
    [Description("The mention's id, unique among mentions.")]
    public required string Id { get; init; }

    /// <summary>Where it was said.</summary>
    [Description("Where it was said.")]
    public required Platform Platform { get; init; }

    /// <summary>Who said it: a stakeholder group, or unknown.</summary>
    [Description("Who said it: a stakeholder group, or unknown.")]
    public MentionAuthor Author { get; init; } = MentionAuthor.Unknown;

    /// <summary>When it was said.</summary>
    [Description("When it was said.")]
    public required DateTimeOffset At { get; init; }

    /// <summary>It calls for a response.</summary>
    [Description("It calls for a response.")]
    public bool RequiresResponse { get; init; }

    /// <summary>How far it has been handled.</summary>
    [Description("How far it has been handled.")]
    public MentionStatus Status { get; init; } = MentionStatus.New;

    /// <summary>The tone of the mention.</summary>
    [Description("The tone of the mention.")]
    public Sentiment? Sentiment { get; init; }
}

/// <summary>A post on a channel.</summary>
[Description("A post on a channel.")]
public sealed record Post : IFact
{
    /// <summary>The post's id, unique among posts.</summary>
    [Description("The post's id, unique among posts.")]
    public required string Id { get; init; }

    /// <summary>The channel it was posted on.</summary>
    [References("Channel"), Description("The channel it was posted on.")]
    public required string Channel { get; init; }

    /// <summary>Who wrote it.</summary>
    [References("Person"), Description("Who wrote it.")]
    public string? Author { get; init; }

    /// <summary>When it was posted.</summary>
    [Description("When it was posted.")]
    public required DateTimeOffset At { get; init; }

    /// <summary>It is about the organisation's own products.</summary>
    [Description("It is about the organisation's own products.")]
    public bool AboutOwnProducts { get; init; }

    /// <summary>Profile, bio or pinned content.</summary>
    [Description("Profile, bio or pinned content.")]
    public bool StaticContent { get; init; }

    /// <summary>Paid or otherwise rewarded.</summary>
    [Description("Paid or otherwise rewarded.")]
    public bool Compensated { get; init; }

    /// <summary>Labelled as an advertisement.</summary>
    [Description("Labelled as an advertisement.")]
    public bool LabeledAsAd { get; init; }

    /// <summary>The author discloses working for the organisation.</summary>
    [Description("The author discloses working for the organisation.")]
    public bool EmploymentDisclosed { get; init; }

    /// <summary>Number of images.</summary>
    [NonNegative, Description("Number of images.")]
    public int Images { get; init; }

    /// <summary>Number of images with alternative text.</summary>
    [NonNegative, Description("Number of images with alternative text.")]
    public int ImagesWithAltText { get; init; }

    /// <summary>Who approved it.</summary>
    [References("Person"), Description("Who approved it.")]
    public string? ApprovedBy { get; init; }
}

/// <summary>A completed training.</summary>
[Description("A completed training.")]
[DerivedId("person", "module", "completedOn")]
public sealed record Training : IFact
{
    /// <summary>The training record's id.</summary>
    /// <remarks>May be left out of a facts document: it is then <c>person:module:completedOn</c> (absent parts empty).</remarks>
    [Description("The training record's id.")]
    public required string Id { get; init; }

    /// <summary>Who completed it.</summary>
    [References("Person"), Description("Who completed it.")]
    public required string Person { get; init; }

    /// <summary>The training module.</summary>
    [Description("The training module.")]
    public required TrainingModule Module { get; init; }

    /// <summary>When it was completed.</summary>
    [Description("When it was completed.")]
    public required DateOnly CompletedOn { get; init; }

    /// <summary>Until when it is valid; absent = does not expire.</summary>
    [Description("Until when it is valid; absent = does not expire.")]
    public DateOnly? ValidUntil { get; init; }
}
