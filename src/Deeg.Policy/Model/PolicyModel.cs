using Deeg.Policy.Model;
using Deeg.Policy.Model.Writing;

namespace Deeg.Policy;

/// <summary>
/// One organisation at one point in time: the facts the rules run over. Load it from a facts
/// document (<see cref="Load(string)"/>, <see cref="Parse(string, string?)"/>) or build it in code
/// and check it with <see cref="Validate"/>.
/// </summary>
public sealed class PolicyModel
{
    /// <summary>The organisation (required).</summary>
    public required Organisation Organisation { get; init; }

    /// <summary>The date the model describes, if it says.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Channels.</summary>
    public IReadOnlyList<Channel> Channels { get; init; } = [];

    /// <summary>People.</summary>
    public IReadOnlyList<Person> People { get; init; } = [];

    /// <summary>Role assignments.</summary>
    public IReadOnlyList<RoleAssignment> Roles { get; init; } = [];

    /// <summary>Policies.</summary>
    public IReadOnlyList<Model.Policy> Policies { get; init; } = [];

    /// <summary>Internal use cases.</summary>
    public IReadOnlyList<UseCase> UseCases { get; init; } = [];

    /// <summary>Stakeholder groups and where they are active.</summary>
    public IReadOnlyList<Stakeholder> Stakeholders { get; init; } = [];

    /// <summary>Mentions of the organisation.</summary>
    public IReadOnlyList<Mention> Mentions { get; init; } = [];

    /// <summary>Posts.</summary>
    public IReadOnlyList<Post> Posts { get; init; } = [];

    /// <summary>Trainings.</summary>
    public IReadOnlyList<Training> Trainings { get; init; } = [];

    /// <summary>Facts of host-registered types, by registered type name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<object>> Extensions { get; init; } = new Dictionary<string, IReadOnlyList<object>>();

    /// <summary>The file the model was loaded from, if any (used as the artifact in reports).</summary>
    public string? SourceFile { get; init; }

    /// <summary>Loads a facts document from a file. Never throws for bad content: see <see cref="ModelLoadResult.Diagnostics"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static ModelLoadResult Load(string path) => Load(path, PolicyLimits.Default);

    /// <summary>Loads a facts document from a file, within <paramref name="limits"/> (size, depth, number of facts). Never throws for bad content.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="limits"/> is null.</exception>
    public static ModelLoadResult Load(string path, PolicyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        return ModelLoader.LoadFile(path, BuiltInFactTypes.CreateRegistry(), limits);
    }

    /// <summary>Parses a facts document from a string. Never throws for bad content.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static ModelLoadResult Parse(string json, string? sourceName = null) => Parse(json, sourceName, PolicyLimits.Default);

    /// <summary>Parses a facts document from a string, within <paramref name="limits"/> (size, depth, number of facts). Never throws for bad content.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="limits"/> is null.</exception>
    public static ModelLoadResult Parse(string json, string? sourceName, PolicyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(limits);
        return ModelLoader.Parse(json, sourceName ?? "<model>", BuiltInFactTypes.CreateRegistry(), limits);
    }

    /// <summary>
    /// Checks a model built in code the same way a loaded one is checked (required fields,
    /// duplicate ids, dangling references); the result carries this model when it is valid.
    /// </summary>
    public ModelLoadResult Validate() => ModelLoader.Validate(this, BuiltInFactTypes.CreateRegistry());

    /// <summary>
    /// The model as a facts document, which <see cref="Parse(string, string?)"/> reads back into the
    /// same facts (an engine's <c>ParseModel</c> for extensions of host-registered types):
    /// <c>schemaVersion</c> 1, <c>asOf</c>, the organisation, the non-empty fact lists, then
    /// <c>extensions</c>. Names and enum values are camelCase, dates <c>YYYY-MM-DD</c>, datetimes in UTC
    /// with <c>Z</c>. Fields with their default value, nulls, empty lists and ids equal to their
    /// derived id are left out; required fields are always written. Indented with two spaces,
    /// <c>\n</c> line ends. The model is written as it is, valid or not: see <see cref="Validate"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// File.WriteAllText("acme.json", model.ToJson());
    /// </code>
    /// </example>
    public string ToJson() => FactsDocumentWriter.Write(this);

    /// <summary>Writes <see cref="ToJson"/>'s document to <paramref name="stream"/> as UTF-8 without a byte order mark; the stream stays open.</summary>
    /// <param name="stream">A writable stream.</param>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FactsDocumentWriter.Write(this, stream);
    }

    /// <summary>The fact lists of the model (without the organisation), in the order of <see cref="AllFacts"/>.</summary>
    internal IEnumerable<IReadOnlyList<object>> FactLists()
    {
        yield return Channels;
        yield return People;
        yield return Roles;
        yield return Policies;
        yield return UseCases;
        yield return Stakeholders;
        yield return Mentions;
        yield return Posts;
        yield return Trainings;
        foreach (var list in Extensions.Values) yield return list;
    }

    /// <summary>The built-in facts of the model by type and id, for display names (built on first use, then kept).</summary>
    internal IFactLookup Lookup => _lookup ??= new BuiltInFactLookup(this);

    private IFactLookup? _lookup;

    /// <summary>Every fact of the model: the organisation, the lists in document order, then extensions.</summary>
    internal IEnumerable<object> AllFacts()
    {
        yield return Organisation;
        foreach (var list in FactLists())
        {
            foreach (var f in list) yield return f;
        }
    }
}

/// <summary>The outcome of loading or validating a model: the model, or the complete list of problems.</summary>
public sealed class ModelLoadResult
{
    internal ModelLoadResult(PolicyModel? model, IReadOnlyList<Diagnostic> diagnostics)
    {
        Diagnostics = diagnostics;
        Model = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : model;
    }

    /// <summary>True when there is no error (warnings may exist).</summary>
    public bool Succeeded => Model is not null;

    /// <summary>The model, when loading succeeded.</summary>
    public PolicyModel? Model { get; }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
