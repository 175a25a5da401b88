// The enum fields of model.md. JSON spells the members in camelCase; matching is case-insensitive.
#pragma warning disable CS1591 // the members are the values listed in model.md; each enum's summary names its field.


namespace Deeg.Policy.Model;

/// <summary><c>Organisation.sector</c>.</summary>
public enum Sector { B2b, B2c, Public, Nonprofit, Education, Culture, Other }

/// <summary><c>Organisation.statedExcuses</c>: reasons given for staying away from social media.</summary>
public enum Excuse { B2bNoEndCustomers, AudienceNotOnline, WorkedWithoutSoFar, OnlyAHype, NotOurJob }

/// <summary><c>Organisation.introductionDriver</c>.</summary>
public enum IntroductionDriver { CultureLed, TechnologyLed, MarketingLed, Unknown }

/// <summary>A social media platform (<c>Channel.platform</c>, <c>Stakeholder.platform</c>, <c>Mention.platform</c>).</summary>
public enum Platform { Facebook, Instagram, Linkedin, Xing, X, Youtube, Tiktok, Mastodon, Bluesky, Threads, Blog, Podcast, VivaEngage, Teams, Slack, WhatsApp, Other }

/// <summary><c>Channel.scope</c>.</summary>
public enum ChannelScope { External, Internal, Messaging }

/// <summary><c>Channel.status</c>.</summary>
public enum ChannelStatus { Active, Dormant, Planned, Closed }

/// <summary><c>Channel.ownership</c>: who legally holds the account.</summary>
public enum Ownership { Organisation, Employee, Agency, Unknown }

/// <summary><c>Channel.credentials</c>: where the login lives.</summary>
public enum Credentials { Sso, Vault, SharedDocument, Personal, Unknown }

/// <summary><c>Person.status</c>.</summary>
public enum PersonStatus { Active, Left }

/// <summary><c>RoleAssignment.role</c>.</summary>
public enum Role { SocialMediaLead, ChannelAdmin, Editor, CommunityManager, Spokesperson, LegalReviewer, DataProtectionOfficer, ExecutiveSponsor, EmployeeAdvocate, RegisteredPrincipal }

/// <summary><c>Policy.kind</c>.</summary>
public enum PolicyKind { Governance, EmployeeGuidelines, OperationalGuidelines, Retention, CrisisPlan, CommunityRules, Privacy }

/// <summary><c>Clause.type</c>.</summary>
public enum ClauseType { Confidentiality, PersonalVsOfficial, EmploymentDisclosure, AdLabeling, Accessibility, Experimentation, CommunityRules, Escalation, DataProtection, Retention, NonDisparagement, ProtectedActivity }

/// <summary><c>Clause.tone</c>.</summary>
public enum ClauseTone { Enabling, Restricting, Neutral }

/// <summary><c>UseCase.area</c>: the five areas of internal use.</summary>
public enum UseCaseArea { InternalCommunication, WorkOrganisation, KnowledgeManagement, InnovationManagement, OrganisationalDevelopment }

/// <summary><c>UseCase.status</c>.</summary>
public enum UseCaseStatus { Pilot, Established, Retired }

/// <summary><c>Stakeholder.group</c>.</summary>
public enum StakeholderGroup { Employees, Customers, Competitors, Applicants, Partners, Media }

/// <summary><c>Mention.author</c>: a stakeholder group or unknown.</summary>
public enum MentionAuthor { Employees, Customers, Competitors, Applicants, Partners, Media, Unknown }

/// <summary><c>Mention.status</c>.</summary>
public enum MentionStatus { New, Triaged, Responded, Escalated, NoActionNeeded }

/// <summary><c>Mention.sentiment</c>.</summary>
public enum Sentiment { Positive, Neutral, Negative }

/// <summary><c>Training.module</c>.</summary>
public enum TrainingModule { Guidelines, AccountSecurity, DataProtection, Disclosure, CrisisDrill, BusinessVsPersonal }
