// The enum fields of the organisation model. A facts document and the rules write the members in
// camelCase (Platform.WhatsApp is "whatsApp"); reading is case-insensitive. The members' en/de
// labels are in Core/Labels.json; the description of each member is its meaning in the
// model reference (docs/model.md).
using System.ComponentModel;

namespace Deeg.Policy.Model;

/// <summary>The sector an organisation works in (<c>Organisation.sector</c>).</summary>
public enum Sector
{
    /// <summary>Sells to businesses.</summary>
    [Description("Sells to businesses.")]
    B2b,

    /// <summary>Sells to consumers.</summary>
    [Description("Sells to consumers.")]
    B2c,

    /// <summary>The public sector.</summary>
    [Description("The public sector.")]
    Public,

    /// <summary>A non-profit organisation.</summary>
    [Description("A non-profit organisation.")]
    Nonprofit,

    /// <summary>Schools, universities, training.</summary>
    [Description("Schools, universities, training.")]
    Education,

    /// <summary>Arts and culture.</summary>
    [Description("Arts and culture.")]
    Culture,

    /// <summary>Any other sector (the default).</summary>
    [Description("Any other sector (the default).")]
    Other,
}

/// <summary>A reason an organisation gives for staying away from social media (<c>Organisation.statedExcuses</c>).</summary>
public enum Excuse
{
    /// <summary>We sell to businesses and have no end customers.</summary>
    [Description("We sell to businesses and have no end customers.")]
    B2bNoEndCustomers,

    /// <summary>Our audience is not online.</summary>
    [Description("Our audience is not online.")]
    AudienceNotOnline,

    /// <summary>We have done without it so far.</summary>
    [Description("We have done without it so far.")]
    WorkedWithoutSoFar,

    /// <summary>It is only a hype.</summary>
    [Description("It is only a hype.")]
    OnlyAHype,

    /// <summary>It is not our job.</summary>
    [Description("It is not our job.")]
    NotOurJob,
}

/// <summary>What drove an organisation's social media introduction (<c>Organisation.introductionDriver</c>).</summary>
public enum IntroductionDriver
{
    /// <summary>A change of culture and ways of working.</summary>
    [Description("A change of culture and ways of working.")]
    CultureLed,

    /// <summary>A new tool or platform.</summary>
    [Description("A new tool or platform.")]
    TechnologyLed,

    /// <summary>Marketing and reach.</summary>
    [Description("Marketing and reach.")]
    MarketingLed,

    /// <summary>Not known (the default).</summary>
    [Description("Not known (the default).")]
    Unknown,
}

/// <summary>A social media platform (<c>Channel.platform</c>, <c>Stakeholder.platform</c>, <c>Mention.platform</c>).</summary>
public enum Platform
{
    /// <summary>Facebook.</summary>
    [Description("Facebook.")]
    Facebook,

    /// <summary>Instagram.</summary>
    [Description("Instagram.")]
    Instagram,

    /// <summary>LinkedIn.</summary>
    [Description("LinkedIn.")]
    Linkedin,

    /// <summary>XING.</summary>
    [Description("XING.")]
    Xing,

    /// <summary>X (formerly Twitter).</summary>
    [Description("X (formerly Twitter).")]
    X,

    /// <summary>YouTube.</summary>
    [Description("YouTube.")]
    Youtube,

    /// <summary>TikTok.</summary>
    [Description("TikTok.")]
    Tiktok,

    /// <summary>Mastodon (or another Fediverse server).</summary>
    [Description("Mastodon (or another Fediverse server).")]
    Mastodon,

    /// <summary>Bluesky.</summary>
    [Description("Bluesky.")]
    Bluesky,

    /// <summary>Threads.</summary>
    [Description("Threads.")]
    Threads,

    /// <summary>A blog.</summary>
    [Description("A blog.")]
    Blog,

    /// <summary>A podcast.</summary>
    [Description("A podcast.")]
    Podcast,

    /// <summary>Viva Engage (formerly Yammer), an internal network.</summary>
    [Description("Viva Engage (formerly Yammer), an internal network.")]
    VivaEngage,

    /// <summary>Microsoft Teams.</summary>
    [Description("Microsoft Teams.")]
    Teams,

    /// <summary>Slack.</summary>
    [Description("Slack.")]
    Slack,

    /// <summary>WhatsApp.</summary>
    [Description("WhatsApp.")]
    WhatsApp,

    /// <summary>Any other platform.</summary>
    [Description("Any other platform.")]
    Other,
}

/// <summary>Whom a channel addresses (<c>Channel.scope</c>).</summary>
public enum ChannelScope
{
    /// <summary>A public presence.</summary>
    [Description("A public presence.")]
    External,

    /// <summary>An internal network for staff.</summary>
    [Description("An internal network for staff.")]
    Internal,

    /// <summary>A messaging channel.</summary>
    [Description("A messaging channel.")]
    Messaging,
}

/// <summary>Where a channel is in its lifecycle (<c>Channel.status</c>).</summary>
public enum ChannelStatus
{
    /// <summary>In use (the default).</summary>
    [Description("In use (the default).")]
    Active,

    /// <summary>Still open, but no longer looked after.</summary>
    [Description("Still open, but no longer looked after.")]
    Dormant,

    /// <summary>Not opened yet.</summary>
    [Description("Not opened yet.")]
    Planned,

    /// <summary>Shut down.</summary>
    [Description("Shut down.")]
    Closed,
}

/// <summary>Who legally holds a channel's account (<c>Channel.ownership</c>).</summary>
public enum Ownership
{
    /// <summary>The organisation itself.</summary>
    [Description("The organisation itself.")]
    Organisation,

    /// <summary>An employee, personally.</summary>
    [Description("An employee, personally.")]
    Employee,

    /// <summary>An agency working for the organisation.</summary>
    [Description("An agency working for the organisation.")]
    Agency,

    /// <summary>Not known (the default).</summary>
    [Description("Not known (the default).")]
    Unknown,
}

/// <summary>Where a channel's login lives (<c>Channel.credentials</c>).</summary>
public enum Credentials
{
    /// <summary>Single sign-on through the organisation's identity provider.</summary>
    [Description("Single sign-on through the organisation's identity provider.")]
    Sso,

    /// <summary>A password vault.</summary>
    [Description("A password vault.")]
    Vault,

    /// <summary>A shared document or spreadsheet.</summary>
    [Description("A shared document or spreadsheet.")]
    SharedDocument,

    /// <summary>With one person only.</summary>
    [Description("With one person only.")]
    Personal,

    /// <summary>Not known (the default).</summary>
    [Description("Not known (the default).")]
    Unknown,
}

/// <summary>Whether a person is still with the organisation (<c>Person.status</c>).</summary>
public enum PersonStatus
{
    /// <summary>With the organisation (the default).</summary>
    [Description("With the organisation (the default).")]
    Active,

    /// <summary>Has left the organisation.</summary>
    [Description("Has left the organisation.")]
    Left,
}

/// <summary>A role in social media work (<c>RoleAssignment.role</c>).</summary>
public enum Role
{
    /// <summary>Responsible for social media as a whole, or for one channel.</summary>
    [Description("Responsible for social media as a whole, or for one channel.")]
    SocialMediaLead,

    /// <summary>Administers a channel's account.</summary>
    [Description("Administers a channel's account.")]
    ChannelAdmin,

    /// <summary>Writes and publishes content.</summary>
    [Description("Writes and publishes content.")]
    Editor,

    /// <summary>Answers and moderates the community.</summary>
    [Description("Answers and moderates the community.")]
    CommunityManager,

    /// <summary>Speaks for the organisation in public.</summary>
    [Description("Speaks for the organisation in public.")]
    Spokesperson,

    /// <summary>Reviews content and practice for legal issues.</summary>
    [Description("Reviews content and practice for legal issues.")]
    LegalReviewer,

    /// <summary>The data protection officer.</summary>
    [Description("The data protection officer.")]
    DataProtectionOfficer,

    /// <summary>A member of the leadership who sponsors social media.</summary>
    [Description("A member of the leadership who sponsors social media.")]
    ExecutiveSponsor,

    /// <summary>An employee who speaks about the organisation on their own accounts.</summary>
    [Description("An employee who speaks about the organisation on their own accounts.")]
    EmployeeAdvocate,

    /// <summary>A registered principal who approves communications (financial services).</summary>
    [Description("A registered principal who approves communications (financial services).")]
    RegisteredPrincipal,
}

/// <summary>What kind of document a policy is (<c>Policy.kind</c>).</summary>
public enum PolicyKind
{
    /// <summary>Who decides what about social media.</summary>
    [Description("Who decides what about social media.")]
    Governance,

    /// <summary>Guidelines for employees.</summary>
    [Description("Guidelines for employees.")]
    EmployeeGuidelines,

    /// <summary>Guidelines for running the channels.</summary>
    [Description("Guidelines for running the channels.")]
    OperationalGuidelines,

    /// <summary>How long content and messages are kept.</summary>
    [Description("How long content and messages are kept.")]
    Retention,

    /// <summary>What happens in a crisis.</summary>
    [Description("What happens in a crisis.")]
    CrisisPlan,

    /// <summary>Rules for the community on the channels (netiquette).</summary>
    [Description("Rules for the community on the channels (netiquette).")]
    CommunityRules,

    /// <summary>Data protection on the channels.</summary>
    [Description("Data protection on the channels.")]
    Privacy,
}

/// <summary>What a policy's clause is about (<c>Clause.type</c>).</summary>
public enum ClauseType
{
    /// <summary>What must stay confidential.</summary>
    [Description("What must stay confidential.")]
    Confidentiality,

    /// <summary>Speaking privately versus for the organisation.</summary>
    [Description("Speaking privately versus for the organisation.")]
    PersonalVsOfficial,

    /// <summary>Saying that one works for the organisation.</summary>
    [Description("Saying that one works for the organisation.")]
    EmploymentDisclosure,

    /// <summary>Labelling advertising as such.</summary>
    [Description("Labelling advertising as such.")]
    AdLabeling,

    /// <summary>Accessible content.</summary>
    [Description("Accessible content.")]
    Accessibility,

    /// <summary>Room to try things out.</summary>
    [Description("Room to try things out.")]
    Experimentation,

    /// <summary>Rules for the community.</summary>
    [Description("Rules for the community.")]
    CommunityRules,

    /// <summary>When and how to escalate.</summary>
    [Description("When and how to escalate.")]
    Escalation,

    /// <summary>Data protection.</summary>
    [Description("Data protection.")]
    DataProtection,

    /// <summary>How long content is kept; the clause's value is the maximum days.</summary>
    [Description("How long content is kept; the clause's value is the maximum days.")]
    Retention,

    /// <summary>Not speaking ill of the organisation.</summary>
    [Description("Not speaking ill of the organisation.")]
    NonDisparagement,

    /// <summary>Activity the law protects (e.g. employees discussing working conditions).</summary>
    [Description("Activity the law protects (e.g. employees discussing working conditions).")]
    ProtectedActivity,
}

/// <summary>Whether a clause enables or restricts (<c>Clause.tone</c>).</summary>
public enum ClauseTone
{
    /// <summary>It encourages or allows.</summary>
    [Description("It encourages or allows.")]
    Enabling,

    /// <summary>It forbids or limits.</summary>
    [Description("It forbids or limits.")]
    Restricting,

    /// <summary>Neither (the default).</summary>
    [Description("Neither (the default).")]
    Neutral,
}

/// <summary>The five areas of internal use of social media (<c>UseCase.area</c>).</summary>
public enum UseCaseArea
{
    /// <summary>News and dialogue inside the organisation.</summary>
    [Description("News and dialogue inside the organisation.")]
    InternalCommunication,

    /// <summary>Working together in teams and projects.</summary>
    [Description("Working together in teams and projects.")]
    WorkOrganisation,

    /// <summary>Sharing and finding knowledge.</summary>
    [Description("Sharing and finding knowledge.")]
    KnowledgeManagement,

    /// <summary>Collecting and developing ideas.</summary>
    [Description("Collecting and developing ideas.")]
    InnovationManagement,

    /// <summary>Changing the organisation itself.</summary>
    [Description("Changing the organisation itself.")]
    OrganisationalDevelopment,
}

/// <summary>Where a use case is in its lifecycle (<c>UseCase.status</c>).</summary>
public enum UseCaseStatus
{
    /// <summary>Being tried out.</summary>
    [Description("Being tried out.")]
    Pilot,

    /// <summary>In regular use (the default).</summary>
    [Description("In regular use (the default).")]
    Established,

    /// <summary>No longer used.</summary>
    [Description("No longer used.")]
    Retired,
}

/// <summary>A group of stakeholders (<c>Stakeholder.group</c>).</summary>
public enum StakeholderGroup
{
    /// <summary>The organisation's employees.</summary>
    [Description("The organisation's employees.")]
    Employees,

    /// <summary>Its customers.</summary>
    [Description("Its customers.")]
    Customers,

    /// <summary>Its competitors.</summary>
    [Description("Its competitors.")]
    Competitors,

    /// <summary>People applying for a job.</summary>
    [Description("People applying for a job.")]
    Applicants,

    /// <summary>Business partners.</summary>
    [Description("Business partners.")]
    Partners,

    /// <summary>Journalists and media.</summary>
    [Description("Journalists and media.")]
    Media,
}

/// <summary>Who said something about the organisation: a stakeholder group, or unknown (<c>Mention.author</c>).</summary>
public enum MentionAuthor
{
    /// <summary>The organisation's employees.</summary>
    [Description("The organisation's employees.")]
    Employees,

    /// <summary>Its customers.</summary>
    [Description("Its customers.")]
    Customers,

    /// <summary>Its competitors.</summary>
    [Description("Its competitors.")]
    Competitors,

    /// <summary>People applying for a job.</summary>
    [Description("People applying for a job.")]
    Applicants,

    /// <summary>Business partners.</summary>
    [Description("Business partners.")]
    Partners,

    /// <summary>Journalists and media.</summary>
    [Description("Journalists and media.")]
    Media,

    /// <summary>Not known (the default).</summary>
    [Description("Not known (the default).")]
    Unknown,
}

/// <summary>How far a mention has been handled (<c>Mention.status</c>).</summary>
public enum MentionStatus
{
    /// <summary>Not looked at yet (the default).</summary>
    [Description("Not looked at yet (the default).")]
    New,

    /// <summary>Looked at and assessed.</summary>
    [Description("Looked at and assessed.")]
    Triaged,

    /// <summary>Answered.</summary>
    [Description("Answered.")]
    Responded,

    /// <summary>Handed on, e.g. to the crisis team.</summary>
    [Description("Handed on, e.g. to the crisis team.")]
    Escalated,

    /// <summary>Looked at; nothing to do.</summary>
    [Description("Looked at; nothing to do.")]
    NoActionNeeded,
}

/// <summary>The tone of a mention (<c>Mention.sentiment</c>).</summary>
public enum Sentiment
{
    /// <summary>Favourable.</summary>
    [Description("Favourable.")]
    Positive,

    /// <summary>Neither favourable nor critical.</summary>
    [Description("Neither favourable nor critical.")]
    Neutral,

    /// <summary>Critical.</summary>
    [Description("Critical.")]
    Negative,
}

/// <summary>A training module (<c>Training.module</c>).</summary>
public enum TrainingModule
{
    /// <summary>The social media guidelines.</summary>
    [Description("The social media guidelines.")]
    Guidelines,

    /// <summary>Securing accounts: passwords, MFA, phishing.</summary>
    [Description("Securing accounts: passwords, MFA, phishing.")]
    AccountSecurity,

    /// <summary>Data protection.</summary>
    [Description("Data protection.")]
    DataProtection,

    /// <summary>Disclosing employment and paid content.</summary>
    [Description("Disclosing employment and paid content.")]
    Disclosure,

    /// <summary>An exercise of the crisis plan.</summary>
    [Description("An exercise of the crisis plan.")]
    CrisisDrill,

    /// <summary>Business versus personal use.</summary>
    [Description("Business versus personal use.")]
    BusinessVsPersonal,
}
