using Deeg.Policy.Core;

namespace Deeg.Policy.Model.Loading;

/// <summary>
/// The field tables of model.md, one per type, in the document's order. A row names the JSON
/// field, its checks and the fact type it refers to. Kinds come from the CLR property types in
/// Facts.cs and defaults from their initialisers there (absent fields are simply not set), so each
/// rule lives in one place; <see cref="TypeSchema.Define{T}"/> fails fast if a table and its
/// record drift apart.
/// </summary>
internal static class FactSchemas
{
    private const FieldRules Req = FieldRules.Required;
    private const FieldRules Count = FieldRules.NonNegative;
    private const FieldRules Share = FieldRules.Fraction;
    private const FieldRules None = FieldRules.None;

    public static readonly TypeSchema Organisation = TypeSchema.Define<Organisation>("Organisation", [],
        F("id", Req), F("name", Req), F("sector"), F("jurisdictions"), F("employees", Count), F("regulations"),
        F("publicAuthority"), F("worksCouncil"), F("statedExcuses"), F("presenceDecisionRef"), F("socialListening"),
        F("responseSlaHours", Count), F("introductionDriver"), F("lastCultureRetrospective"), F("governanceBody"));

    public static readonly TypeSchema Channel = TypeSchema.Define<Channel>("Channel", [],
        F("id", Req), F("name"), F("platform", Req), F("scope", Req), F("handle"), F("url"), F("status"), F("businessUse"),
        F("ownership"), F("inInventory"), F("mfa"), F("credentials"), F("lastPostAt"), F("approvalRequired"), F("visitorPosts"),
        F("insightsOrTargeting"), F("listening"), F("impressumUrl"), F("impressumLabel"), F("impressumClicks", Count),
        F("privacyNoticeUrl"), F("jointControllerRef"), F("riskAssessmentRef"), F("inProcessingRecords"),
        F("messageRetentionDays", Count), F("worksAgreementRef"), F("archived"), F("archiveRetentionYears", Count), F("followers", Count));

    public static readonly TypeSchema Person = TypeSchema.Define<Person>("Person", [],
        F("id", Req), F("name"), F("department"), F("leadership"), F("status"), F("internalActivityOn"), F("externalActivityOn"));

    public static readonly TypeSchema RoleAssignment = TypeSchema.Define<RoleAssignment>("RoleAssignment", ["person", "role", "channel", "useCase"],
        F("id"), F("person", Req, "Person"), F("role", Req), F("channel", None, "Channel"), F("useCase", None, "UseCase"));

    public static readonly TypeSchema Clause = TypeSchema.Define<Clause>("Clause", [],
        F("type", Req), F("tone"), F("text"), F("value"));

    public static readonly TypeSchema CrisisTier = TypeSchema.Define<CrisisTier>("CrisisTier", [],
        F("level", Req | Count), F("trigger"), F("approver", None, "Person"), F("backupApprover", None, "Person"),
        F("holdingStatement"), F("firstResponseMinutes", Count));

    public static readonly TypeSchema Policy = TypeSchema.Define<Policy>("Policy", [],
        F("id", Req), F("kind", Req), F("title"), F("approvedOn"), F("approvedBy", None, "Person"), F("lastReviewedOn"),
        F("lastExercisedOn"), F("clauses"), F("tiers"));

    public static readonly TypeSchema UseCase = TypeSchema.Define<UseCase>("UseCase", [],
        F("id", Req), F("area", Req), F("channel", None, "Channel"), F("status"), F("members", Count), F("openShare", Share), F("feedbackChannel"));

    public static readonly TypeSchema Stakeholder = TypeSchema.Define<Stakeholder>("Stakeholder", ["group", "platform"],
        F("id"), F("group", Req), F("platform", Req), F("active"), F("observedOn"), F("evidence"));

    public static readonly TypeSchema Mention = TypeSchema.Define<Mention>("Mention", [],
        F("id", Req), F("platform", Req), F("author"), F("at", Req), F("requiresResponse"), F("status"), F("sentiment"));

    public static readonly TypeSchema Post = TypeSchema.Define<Post>("Post", [],
        F("id", Req), F("channel", Req, "Channel"), F("author", None, "Person"), F("at", Req), F("aboutOwnProducts"),
        F("staticContent"), F("compensated"), F("labeledAsAd"), F("employmentDisclosed"), F("images", Count),
        F("imagesWithAltText", Count), F("approvedBy", None, "Person"));

    public static readonly TypeSchema Training = TypeSchema.Define<Training>("Training", ["person", "module", "completedOn"],
        F("id"), F("person", Req, "Person"), F("module", Req), F("completedOn", Req), F("validUntil"));

    /// <summary>The top-level fact lists: JSON name, schema, and the list of a code-built model.</summary>
    public static readonly IReadOnlyList<(string Json, TypeSchema Schema, Func<PolicyModel, IEnumerable<object>?> Get)> Lists =
    [
        ("channels", Channel, m => m.Channels), ("people", Person, m => m.People), ("roles", RoleAssignment, m => m.Roles),
        ("policies", Policy, m => m.Policies), ("useCases", UseCase, m => m.UseCases), ("stakeholders", Stakeholder, m => m.Stakeholders),
        ("mentions", Mention, m => m.Mentions), ("posts", Post, m => m.Posts), ("trainings", Training, m => m.Trainings),
    ];

    /// <summary>The properties a facts document may have at the top level.</summary>
    public static readonly IReadOnlyList<string> TopLevelFields =
        ["$schema", "schemaVersion", "asOf", "organisation", .. Lists.Select(l => l.Json), "extensions"];

    private static readonly Dictionary<Type, TypeSchema> ByClrType = new[]
    {
        Organisation, Channel, Person, RoleAssignment, Clause, CrisisTier, Policy, UseCase, Stakeholder, Mention, Post, Training,
    }.ToDictionary(s => s.ClrType);

    /// <summary>The built-in table of a CLR type (a fact or Clause/CrisisTier), or null for host types.</summary>
    public static TypeSchema? BuiltIn(Type type) => ByClrType.GetValueOrDefault(type);

    /// <summary>Where the facts of a built-in type are listed (<c>channels</c>, …), or null for other names.</summary>
    public static string? BuiltInListOf(string typeName) =>
        typeName == Organisation.Name ? "organisation" : Lists.Where(l => l.Schema.Name == typeName).Select(l => l.Json).FirstOrDefault();

    /// <summary>The registered fact types that are not built in: the valid names under <c>extensions</c>.</summary>
    public static IEnumerable<string> ExtensionNames(FactTypeRegistry types) => types.FactTypeNames.Where(n => BuiltInListOf(n) is null);

    /// <summary>The schema of a nested object type: a built-in table, else reflection.</summary>
    public static TypeSchema ForNested(Type type) => ByClrType.GetValueOrDefault(type) ?? TypeSchema.Reflect(type.Name, type, isFact: false);

    /// <summary>The schema of a registered fact type.</summary>
    public static TypeSchema ForFact(FactTypeInfo info) =>
        ByClrType.TryGetValue(info.ClrType, out var builtIn) && builtIn.Name == info.Name ? builtIn : TypeSchema.Reflect(info.Name, info.ClrType, isFact: true);

    private static (string, FieldRules, string?) F(string name, FieldRules rules = FieldRules.None, string? refersTo = null) => (name, rules, refersTo);
}
