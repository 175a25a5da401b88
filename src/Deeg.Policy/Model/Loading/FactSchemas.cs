using Deeg.Policy.Core;

namespace Deeg.Policy.Model.Loading;

/// <summary>
/// The schemas of the model's types, read from the fact records (their properties, initialisers
/// and attributes) once, and the facts document's top level: where each fact type is listed.
/// </summary>
internal static class FactSchemas
{
    public static readonly TypeSchema Organisation = BuiltInSchema(typeof(Organisation), isFact: true);
    public static readonly TypeSchema Channel = BuiltInSchema(typeof(Channel), isFact: true);
    public static readonly TypeSchema Person = BuiltInSchema(typeof(Person), isFact: true);
    public static readonly TypeSchema RoleAssignment = BuiltInSchema(typeof(RoleAssignment), isFact: true);
    public static readonly TypeSchema Clause = BuiltInSchema(typeof(Clause), isFact: false);
    public static readonly TypeSchema CrisisTier = BuiltInSchema(typeof(CrisisTier), isFact: false);
    public static readonly TypeSchema Policy = BuiltInSchema(typeof(Policy), isFact: true);
    public static readonly TypeSchema UseCase = BuiltInSchema(typeof(UseCase), isFact: true);
    public static readonly TypeSchema Stakeholder = BuiltInSchema(typeof(Stakeholder), isFact: true);
    public static readonly TypeSchema Mention = BuiltInSchema(typeof(Mention), isFact: true);
    public static readonly TypeSchema Post = BuiltInSchema(typeof(Post), isFact: true);
    public static readonly TypeSchema Training = BuiltInSchema(typeof(Training), isFact: true);

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

    /// <summary>A built-in type's schema; a record the loader could not build is a bug, found on first use.</summary>
    private static TypeSchema BuiltInSchema(Type type, bool isFact)
    {
        var schema = TypeSchema.Reflect(type.Name, type, isFact);
        if (schema.CannotCreate is not null) throw new InvalidOperationException($"the model type {type.Name} cannot be read: {schema.CannotCreate}");
        return schema;
    }
}
