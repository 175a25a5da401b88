using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Testing;

namespace Deeg.Policy.SchemaGeneration;

/// <summary>
/// The property lists and id patterns the document readers check documents against (rule sets,
/// waiver files, test files), taken from the readers themselves so that the schemas list exactly
/// the properties the readers accept.
/// </summary>
internal static class CodeTables
{
    /// <summary>Top-level properties of a rule set.</summary>
    public static IReadOnlyList<string> RuleSetDocument => RuleSetReader.DocumentProperties;

    /// <summary>Properties of a rule.</summary>
    public static IReadOnlyList<string> Rule => RuleSetReader.RuleProperties;

    /// <summary>Properties of a rule's finding.</summary>
    public static IReadOnlyList<string> Finding => RuleSetReader.FindingProperties;

    /// <summary>Properties of a fact pattern.</summary>
    public static IReadOnlyList<string> FactPattern => RuleSetReader.FactProperties;

    /// <summary>The keys that tell the kinds of <c>when</c> elements apart.</summary>
    public static IReadOnlyList<string> ElementKeys => RuleSetReader.ElementKeys;

    /// <summary>Top-level properties of a waiver file.</summary>
    public static IReadOnlyList<string> WaiverDocument => WaiverSet.DocumentProperties;

    /// <summary>Properties of a waiver.</summary>
    public static IReadOnlyList<string> Waiver => WaiverSet.WaiverProperties;

    /// <summary>Top-level properties of a test file.</summary>
    public static IReadOnlyList<string> TestDocument => RuleSetTestFile.FileProperties;

    /// <summary>Properties of a test case.</summary>
    public static IReadOnlyList<string> TestCase => RuleSetTestFile.CaseProperties;

    /// <summary>Properties of an <c>expect</c> / <c>expectNot</c> entry.</summary>
    public static IReadOnlyList<string> Expectation => RuleSetTestFile.ExpectationProperties;

    /// <summary>The rule-set id pattern (<c>[a-z0-9][a-z0-9-]*</c>).</summary>
    public static string RuleSetIdPattern => RuleSetReader.RuleSetIdPattern().ToString();

    /// <summary>The rule id pattern (<c>[A-Z][A-Z0-9]*-[0-9]{3,}</c>).</summary>
    public static string RuleIdPattern => RuleSetReader.RuleIdPattern().ToString();

    /// <summary>The semantic version pattern of a rule set's <c>version</c>.</summary>
    public static string SemVerPattern => RuleSetReader.SemVerPattern().ToString();

    /// <summary>The alias pattern (<c>[a-z][A-Za-z0-9_]*</c>).</summary>
    public static string AliasPattern => RuleSetReader.AliasPattern().ToString();

    /// <summary>The parameter name pattern.</summary>
    public static string ParameterNamePattern => RuleSetReader.ParameterNamePattern().ToString();
}
