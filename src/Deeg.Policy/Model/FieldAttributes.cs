namespace Deeg.Policy.Model;

// What a facts document's loader checks beyond a field's CLR type. The fact records of this
// namespace carry them, and so may the types a host registers with AddFactType: the loader, the
// validation of code-built models, the JSON schema and the model reference all read them.
// A field is required when its property is C# `required` (an id always, unless the type derives
// it), its default is the property's initialiser, and its meaning is a DescriptionAttribute.

/// <summary>
/// The field holds the id of a fact of another type. A facts document (and a model built in code)
/// must name an existing fact: a dangling reference is an error.
/// </summary>
/// <example><c>[References("Person")] public string? ApprovedBy { get; init; }</c></example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = true)]
public sealed class ReferencesAttribute : Attribute
{
    /// <summary>Marks a field that refers to a fact of <paramref name="factType"/>.</summary>
    /// <param name="factType">The fact type's name as rules write it, e.g. <c>Person</c>.</param>
    public ReferencesAttribute(string factType) => FactType = factType;

    /// <summary>The fact type's name as rules write it, e.g. <c>Person</c>.</summary>
    public string FactType { get; }
}

/// <summary>A count or duration: the value must be 0 or more.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = true)]
public sealed class NonNegativeAttribute : Attribute
{
}

/// <summary>A share: the value must be between 0 and 1.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = true)]
public sealed class FractionAttribute : Attribute
{
}

/// <summary>
/// The fact's id may be left out of a facts document: it is then the values of the named fields
/// joined with <c>:</c> (absent ones empty, enum values camelCase, dates <c>YYYY-MM-DD</c>). An
/// explicit id always wins.
/// </summary>
/// <example><c>[DerivedId("person", "module", "completedOn")]</c> gives <c>p7:guidelines:2026-03-01</c>.</example>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DerivedIdAttribute : Attribute
{
    /// <summary>Derives a missing id from <paramref name="fields"/>.</summary>
    /// <param name="fields">The JSON (camelCase) names of the fields, in order.</param>
    public DerivedIdAttribute(params string[] fields) => Fields = fields;

    /// <summary>The JSON (camelCase) names of the fields the id is joined from, in order.</summary>
    public IReadOnlyList<string> Fields { get; }
}
