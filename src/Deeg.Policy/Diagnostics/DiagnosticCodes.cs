
namespace Deeg.Policy.Diagnostics;

/// <summary>
/// The stable diagnostic codes. A code never changes meaning once released; new problems get
/// new codes. Families: DP1xxx files and JSON, DP2xxx organisation models, DP3xxx rule-set
/// documents, DP4xxx expressions, DP5xxx waiver and test files, DP6xxx evaluation options,
/// DP7xxx lint warnings (rule sets that load but probably do not do what their author meant).
/// docs/diagnostics.md lists them all.
/// </summary>
internal static class DiagnosticCodes
{
    // DP1xxx — files and JSON
    public const string FileNotReadable = "DP1001";
    public const string MalformedJson = "DP1002";
    public const string TooDeep = "DP1003";
    public const string WrongDocumentShape = "DP1004";
    public const string DuplicateProperty = "DP1005";
    public const string DocumentTooLarge = "DP1006";
    public const string NotUtf8 = "DP1007";
    public const string NumberOutOfRange = "DP1008";
    public const string ControlCharacter = "DP1009";

    // DP2xxx — organisation model
    public const string ModelMissingField = "DP2001";
    public const string ModelWrongType = "DP2002";
    public const string ModelUnknownEnumValue = "DP2003";
    public const string ModelUnknownField = "DP2004";
    public const string ModelDuplicateId = "DP2005";
    public const string ModelDanglingReference = "DP2006";
    public const string ModelInvalidDate = "DP2007";
    public const string ModelSchemaVersion = "DP2008";
    public const string ModelUnregisteredType = "DP2009";
    public const string ModelValueOutOfRange = "DP2010";
    public const string ModelControlCharacterInId = "DP2011";
    public const string ModelTooManyFacts = "DP2012";

    // DP3xxx — rule-set documents
    public const string RuleSetMissingField = "DP3001";
    public const string RuleSetWrongType = "DP3002";
    public const string RuleSetUnknownProperty = "DP3003";
    public const string RuleSetInvalidId = "DP3004";
    public const string RuleSetDuplicateRuleId = "DP3005";
    public const string RuleSetDuplicateRuleSet = "DP3006";
    public const string RuleSetInvalidVersion = "DP3007";
    public const string RuleSetInvalidSeverity = "DP3008";
    public const string RuleSetUnknownFactType = "DP3009";
    public const string RuleSetInvalidAlias = "DP3010";
    public const string RuleSetInvalidSubject = "DP3011";
    public const string RuleSetInvalidElement = "DP3012";
    public const string RuleSetInvalidParameter = "DP3013";
    public const string RuleSetEmpty = "DP3014";
    public const string RuleSetInvalidTemplate = "DP3015";
    public const string RuleSetUnknownBuiltIn = "DP3016";
    public const string RuleSetTooManyRules = "DP3017";

    // DP4xxx — expressions
    public const string ExprSyntax = "DP4001";
    public const string ExprUnknownMember = "DP4002";
    public const string ExprUnknownName = "DP4003";
    public const string ExprUnknownFunction = "DP4004";
    public const string ExprTypeMismatch = "DP4005";
    public const string ExprUnknownEnumValue = "DP4006";
    public const string ExprArgumentCount = "DP4007";
    public const string ExprUnknownParameter = "DP4008";
    public const string ExprInvalidRegex = "DP4009";
    public const string ExprNotBoolean = "DP4010";
    public const string ExprInvalidLiteral = "DP4011";
    public const string ExprTooLong = "DP4012";

    // DP5xxx — waiver and test files
    public const string WaiverInvalid = "DP5001";
    public const string WaiverUnknownProperty = "DP5002";
    public const string TestFileInvalid = "DP5101";
    public const string TestFileUnknownProperty = "DP5102";
    public const string TestFileUnknownRule = "DP5103";

    // DP6xxx — evaluation options
    public const string OptionUnknownParameter = "DP6001";
    public const string OptionParameterType = "DP6002";
    public const string OptionInvalidRegex = "DP6003";
    public const string OptionInvalidValue = "DP6004";

    // DP7xxx — lint warnings (PolicyEngineBuilder.EnableLinting, validate --lint)
    public const string LintCartesianProduct = "DP7001";
    public const string LintAlwaysTrue = "DP7002";
    public const string LintAlwaysFalse = "DP7003";
    public const string LintUnusedParameter = "DP7004";
    public const string LintUnusedAlias = "DP7005";
    public const string LintDuplicateRule = "DP7006";
    public const string LintRuleNeverFires = "DP7007";
}
