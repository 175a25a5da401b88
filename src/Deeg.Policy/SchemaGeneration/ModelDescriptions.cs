
namespace Deeg.Policy.SchemaGeneration;

/// <summary>
/// The words of the model schema: what each fact type and field means (the "meaning" column of
/// model.md, and a short phrase where that column is empty). Only descriptions live here; the
/// fields themselves, their types, enums, defaults, ranges and references come from the loader's
/// tables (<see cref="Model.Loading.FactSchemas"/>). A test checks that every field has an entry and
/// every entry names a field.
/// </summary>
internal static class ModelDescriptions
{
    /// <summary>Fact and nested types.</summary>
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Organisation"] = "The organisation the model describes (exactly one per model).",
        ["Channel"] = "A social media presence, internal network or messaging channel.",
        ["Person"] = "A person in or formerly in the organisation.",
        ["RoleAssignment"] = "A role a person holds, organisation-wide or for one channel or use case.",
        ["Policy"] = "A policy document: guidelines, governance, crisis plan, ...",
        ["Clause"] = "A clause of a policy.",
        ["CrisisTier"] = "An escalation tier of a crisis plan.",
        ["UseCase"] = "An internal use of social media.",
        ["Stakeholder"] = "Who is active where: a stakeholder group on a platform.",
        ["Mention"] = "Something said about the organisation in public.",
        ["Post"] = "A post on a channel.",
        ["Training"] = "A completed training.",
    };

    /// <summary>Fields, keyed <c>Type.field</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Organisation.id"] = "The organisation's id, used in subject references (Organisation/ID).",
        ["Organisation.name"] = "The organisation's name.",
        ["Organisation.sector"] = "The sector it works in.",
        ["Organisation.jurisdictions"] = "Legal areas it is subject to, e.g. DE, EU, US.",
        ["Organisation.employees"] = "Head count.",
        ["Organisation.regulations"] = "Sector regulation it is subject to, e.g. finra.",
        ["Organisation.publicAuthority"] = "It is a public authority.",
        ["Organisation.worksCouncil"] = "Has a works council (Betriebsrat / Personalrat).",
        ["Organisation.statedExcuses"] = "Reasons it gives for staying away from social media.",
        ["Organisation.presenceDecisionRef"] = "Reference to a documented, reasoned decision about its presence.",
        ["Organisation.socialListening"] = "It monitors what is said about it.",
        ["Organisation.responseSlaHours"] = "Promised first-response time to mentions, in hours.",
        ["Organisation.introductionDriver"] = "What drove its social media introduction.",
        ["Organisation.lastCultureRetrospective"] = "Last time it reviewed how social media changed its way of working.",
        ["Organisation.governanceBody"] = "Departments represented in its social media governance body.",

        ["Channel.id"] = "The channel's id, unique among channels.",
        ["Channel.name"] = "Display name.",
        ["Channel.platform"] = "The platform the channel is on.",
        ["Channel.scope"] = "Public presence (external), internal network, or messaging.",
        ["Channel.handle"] = "The account's handle or user name.",
        ["Channel.url"] = "The channel's address.",
        ["Channel.status"] = "Lifecycle state of the channel.",
        ["Channel.businessUse"] = "Used on behalf of the organisation.",
        ["Channel.ownership"] = "Who legally holds the account.",
        ["Channel.inInventory"] = "Listed in the official account inventory.",
        ["Channel.mfa"] = "Multi-factor authentication enforced.",
        ["Channel.credentials"] = "Where the login lives.",
        ["Channel.lastPostAt"] = "When the channel last posted.",
        ["Channel.approvalRequired"] = "Posts need a second person's approval.",
        ["Channel.visitorPosts"] = "Visitors can comment, post or send messages.",
        ["Channel.insightsOrTargeting"] = "Uses page insights, tracking or ad targeting.",
        ["Channel.listening"] = "This channel's conversations are monitored.",
        ["Channel.impressumUrl"] = "Address of the Impressum (legal notice).",
        ["Channel.impressumLabel"] = "The visible label of the Impressum link.",
        ["Channel.impressumClicks"] = "Clicks from the profile to the Impressum.",
        ["Channel.privacyNoticeUrl"] = "Address of the privacy notice.",
        ["Channel.jointControllerRef"] = "Reference to an Art. 26 GDPR arrangement.",
        ["Channel.riskAssessmentRef"] = "Reference to a documented data-protection risk decision.",
        ["Channel.inProcessingRecords"] = "Listed in the records of processing (Art. 30 GDPR).",
        ["Channel.messageRetentionDays"] = "How long comments and messages are kept, in days.",
        ["Channel.worksAgreementRef"] = "Reference to a works agreement covering this channel.",
        ["Channel.archived"] = "Content is captured by an archiving system.",
        ["Channel.archiveRetentionYears"] = "How long archived content is kept, in years.",
        ["Channel.followers"] = "Number of followers.",

        ["Person.id"] = "The person's id, unique among people.",
        ["Person.name"] = "Name.",
        ["Person.department"] = "Department.",
        ["Person.leadership"] = "Member of the leadership.",
        ["Person.status"] = "Still with the organisation, or left.",
        ["Person.internalActivityOn"] = "Last day the person posted or commented on an internal channel.",
        ["Person.externalActivityOn"] = "Last day the person posted or commented on an external channel for the organisation.",

        ["RoleAssignment.id"] = "The assignment's id.",
        ["RoleAssignment.person"] = "The person who holds the role.",
        ["RoleAssignment.role"] = "The role.",
        ["RoleAssignment.channel"] = "The channel the role is held for; absent = organisation-wide.",
        ["RoleAssignment.useCase"] = "The internal use case the role is held for.",

        ["Policy.id"] = "The policy's id, unique among policies.",
        ["Policy.kind"] = "What kind of policy it is.",
        ["Policy.title"] = "Title.",
        ["Policy.approvedOn"] = "When it was approved.",
        ["Policy.approvedBy"] = "Who approved it.",
        ["Policy.lastReviewedOn"] = "When it was last reviewed.",
        ["Policy.lastExercisedOn"] = "Crisis plans: last drill.",
        ["Policy.clauses"] = "The policy's clauses.",
        ["Policy.tiers"] = "Crisis plans: escalation tiers.",

        ["Clause.type"] = "What the clause is about.",
        ["Clause.tone"] = "Whether it enables, restricts or is neutral.",
        ["Clause.text"] = "The clause's text.",
        ["Clause.value"] = "A number; for retention: the maximum days.",

        ["CrisisTier.level"] = "Escalation level.",
        ["CrisisTier.trigger"] = "What triggers this tier.",
        ["CrisisTier.approver"] = "Who approves statements at this tier.",
        ["CrisisTier.backupApprover"] = "Who approves when the approver is unavailable.",
        ["CrisisTier.holdingStatement"] = "A pre-approved holding statement exists.",
        ["CrisisTier.firstResponseMinutes"] = "Target time to the first response, in minutes.",

        ["UseCase.id"] = "The use case's id, unique among use cases.",
        ["UseCase.area"] = "The area of internal use.",
        ["UseCase.channel"] = "The channel the use case runs on.",
        ["UseCase.status"] = "Lifecycle state of the use case.",
        ["UseCase.members"] = "Number of members.",
        ["UseCase.openShare"] = "Share of spaces open to all staff (0 to 1).",
        ["UseCase.feedbackChannel"] = "Users have a way to give feedback on the use case.",

        ["Stakeholder.id"] = "The entry's id.",
        ["Stakeholder.group"] = "The stakeholder group.",
        ["Stakeholder.platform"] = "The platform the group is (or is not) active on.",
        ["Stakeholder.active"] = "The group is active on that platform.",
        ["Stakeholder.observedOn"] = "When this was observed.",
        ["Stakeholder.evidence"] = "URL or reference.",

        ["Mention.id"] = "The mention's id, unique among mentions.",
        ["Mention.platform"] = "Where it was said.",
        ["Mention.author"] = "Who said it: a stakeholder group, or unknown.",
        ["Mention.at"] = "When it was said.",
        ["Mention.requiresResponse"] = "It calls for a response.",
        ["Mention.status"] = "How far it has been handled.",
        ["Mention.sentiment"] = "The tone of the mention.",

        ["Post.id"] = "The post's id, unique among posts.",
        ["Post.channel"] = "The channel it was posted on.",
        ["Post.author"] = "Who wrote it.",
        ["Post.at"] = "When it was posted.",
        ["Post.aboutOwnProducts"] = "It is about the organisation's own products.",
        ["Post.staticContent"] = "Profile, bio or pinned content.",
        ["Post.compensated"] = "Paid or otherwise rewarded.",
        ["Post.labeledAsAd"] = "Labelled as an advertisement.",
        ["Post.employmentDisclosed"] = "The author discloses working for the organisation.",
        ["Post.images"] = "Number of images.",
        ["Post.imagesWithAltText"] = "Number of images with alternative text.",
        ["Post.approvedBy"] = "Who approved it.",

        ["Training.id"] = "The training record's id.",
        ["Training.person"] = "Who completed it.",
        ["Training.module"] = "The training module.",
        ["Training.completedOn"] = "When it was completed.",
        ["Training.validUntil"] = "Until when it is valid; absent = does not expire.",
    };
}
