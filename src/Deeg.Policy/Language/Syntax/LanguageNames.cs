namespace Deeg.Policy.Language.Syntax;

/// <summary>
/// What the parser needs to know of the functions: which names are functions, and which of them
/// are written <c>f(x in LIST: body)</c>. The function table lives in the binding layer and is
/// passed in, so the names are written once.
/// </summary>
internal interface IFunctionNames
{
    /// <summary>True for the name of a function.</summary>
    bool IsFunction(string name);

    /// <summary>True for a function written <c>f(x in LIST: body)</c>.</summary>
    bool IsQuantifier(string name);
}

/// <summary>The names the language reserves.</summary>
internal static class LanguageNames
{
    /// <summary><c>params</c>.</summary>
    public const string Params = "params";

    /// <summary><c>asOf</c>.</summary>
    public const string AsOf = "asOf";

    /// <summary>True for names that cannot be an alias or a quantifier variable.</summary>
    public static bool IsReserved(string name, IFunctionNames functions) =>
        name is Params or AsOf || functions.IsFunction(name) || Lexer.KeywordNames.Contains(name);
}
