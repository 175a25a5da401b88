using System.Reflection;
using System.Text.RegularExpressions;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Testing;

namespace Deeg.Policy.JsonSchemaGeneration;

/// <summary>
/// The property lists and id patterns the document readers check documents against (rule sets,
/// waiver files, test files), read from the readers themselves so that the schemas list exactly the properties
/// the readers accept. They are private members of their readers; reading them by name
/// fails fast (and so fails the schema tests) if one is renamed.
/// </summary>
internal static class CodeTables
{
    /// <summary>Top-level properties of a rule set.</summary>
    public static IReadOnlyList<string> RuleSetDocument => Read(typeof(RuleSetReader), "DocumentProperties");

    /// <summary>Properties of a rule.</summary>
    public static IReadOnlyList<string> Rule => Read(typeof(RuleSetReader), "RuleProperties");

    /// <summary>Properties of a rule's finding.</summary>
    public static IReadOnlyList<string> Finding => Read(typeof(RuleSetReader), "FindingProperties");

    /// <summary>Properties of a fact pattern.</summary>
    public static IReadOnlyList<string> FactPattern => Read(typeof(RuleSetReader), "FactProperties");

    /// <summary>The keys that tell the kinds of <c>when</c> elements apart.</summary>
    public static IReadOnlyList<string> ElementKeys => Read(typeof(RuleSetReader), "ElementKeys");

    /// <summary>Top-level properties of a waiver file.</summary>
    public static IReadOnlyList<string> WaiverDocument => Read(typeof(WaiverSet), "DocumentProperties");

    /// <summary>Properties of a waiver.</summary>
    public static IReadOnlyList<string> Waiver => Read(typeof(WaiverSet), "WaiverProperties");

    /// <summary>Top-level properties of a test file.</summary>
    public static IReadOnlyList<string> TestDocument => Read(typeof(RuleSetTestFile), "FileProperties");

    /// <summary>Properties of a test case.</summary>
    public static IReadOnlyList<string> TestCase => Read(typeof(RuleSetTestFile), "CaseProperties");

    /// <summary>Properties of an <c>expect</c> / <c>expectNot</c> entry.</summary>
    public static IReadOnlyList<string> Expectation => Read(typeof(RuleSetTestFile), "ExpectationProperties");

    /// <summary>The rule-set id pattern (<c>[a-z0-9][a-z0-9-]*</c>).</summary>
    public static string RuleSetIdPattern => Pattern(typeof(RuleSetReader), "RuleSetIdPattern");

    /// <summary>The rule id pattern (<c>[A-Z][A-Z0-9]*-[0-9]{3,}</c>).</summary>
    public static string RuleIdPattern => Pattern(typeof(RuleSetReader), "RuleIdPattern");

    /// <summary>The semantic version pattern of a rule set's <c>version</c>.</summary>
    public static string SemVerPattern => Pattern(typeof(RuleSetReader), "SemVerPattern");

    /// <summary>The alias pattern (<c>[a-z][A-Za-z0-9_]*</c>).</summary>
    public static string AliasPattern => Pattern(typeof(RuleSetReader), "AliasPattern");

    /// <summary>The parameter name pattern.</summary>
    public static string ParameterNamePattern => Pattern(typeof(RuleSetReader), "ParameterNamePattern");

    private static string Pattern(Type reader, string method) =>
        (reader.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static, Type.EmptyTypes)?.Invoke(null, null) as Regex)?.ToString()
        ?? throw new InvalidOperationException($"{reader.Name}.{method}() (a pattern the JSON Schemas are generated from) was not found");

    private static string[] Read(Type reader, string field) =>
        reader.GetField(field, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as string[]
        ?? throw new InvalidOperationException($"{reader.Name}.{field} (the property list the JSON Schemas are generated from) was not found");
}
