using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Binding;
using Deeg.Policy.Runtime;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;

namespace Deeg.Policy.Engine;

/// <summary>The options of one evaluation or session, checked and resolved.</summary>
/// <param name="Context">The evaluation date and the parameter values by slot.</param>
/// <param name="Language">The language of titles and messages.</param>
/// <param name="Explain">Whether findings carry their evidence.</param>
/// <param name="Waivers">The waivers to apply.</param>
internal sealed record ResolvedOptions(EvaluationContext Context, string Language, bool Explain, IReadOnlyList<Waiver> Waivers);

/// <summary>
/// Checks <see cref="EvaluationOptions"/> against the compiled rule sets: every parameter
/// override names a parameter and has its type, an override of a parameter that a rule uses as
/// a <c>matches</c> pattern is a valid regular expression, and the language is a language tag.
/// </summary>
internal sealed class OptionChecks
{
    private const string OptionsFile = "<options>";

    private readonly IReadOnlyList<ParameterSymbol> _parameters;
    private readonly Dictionary<string, ParameterSymbol> _byName;
    private readonly HashSet<string> _patternParameters;

    public OptionChecks(IReadOnlyList<ParameterSymbol> parameters, IEnumerable<BoundRule> enabledRules)
    {
        _parameters = parameters;
        _byName = parameters.ToDictionary(p => p.QualifiedName, StringComparer.Ordinal);
        _patternParameters = enabledRules
            .SelectMany(r => BoundRuleWalker.Expressions(r).SelectMany(e => e.PatternParameters).Select(p => r.Info.RuleSet + "." + p))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Checks the options; on success returns the parameter values by slot.</summary>
    public (DiagnosticBag Diagnostics, object?[] Parameters) Validate(EvaluationOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var values = _parameters.Select(p => p.DefaultValue).ToArray();
        foreach (var (name, value) in options.Parameters)
        {
            if (!_byName.TryGetValue(name, out var parameter))
            {
                var hint = name.Contains('.', StringComparison.Ordinal) ? string.Empty : "; write it as <ruleSet>.<name>";
                diagnostics.Error(OptionUnknownParameter, SourceLocation.OfFile(OptionsFile),
                    $"unknown parameter '{name}'{hint}{Suggestions.DidYouMean(name, _byName.Keys)}");
                continue;
            }

            if (!ParameterTypes.TryConvert(value, parameter.Type, out var canonical))
            {
                diagnostics.Error(OptionParameterType, SourceLocation.OfFile(OptionsFile),
                    $"parameter '{name}' is a {parameter.Type} and cannot take the value '{value}'");
                continue;
            }

            if (_patternParameters.Contains(parameter.QualifiedName) && canonical is string pattern && !PolicyFunctions.TryCreateRegex(pattern, out _, out var error))
            {
                diagnostics.Error(OptionInvalidRegex, SourceLocation.OfFile(OptionsFile),
                    $"parameter '{name}' is used as a regular expression, but '{pattern}' is not a valid one: {error}");
                continue;
            }

            values[parameter.Slot] = canonical;
        }

        if (!string.IsNullOrEmpty(options.Language) && !System.Text.RegularExpressions.Regex.IsMatch(options.Language, "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"))
            diagnostics.Error(OptionInvalidValue, SourceLocation.OfFile(OptionsFile), $"invalid language tag '{options.Language}'");

        return (diagnostics, values);
    }

    /// <summary>
    /// Checks the options (<see cref="EvaluationOptionsException"/> when they are invalid) and
    /// resolves the evaluation date: options, then the model, then today (UTC).
    /// </summary>
    public ResolvedOptions Resolve(PolicyModel model, EvaluationOptions options)
    {
        var (optionDiagnostics, parameters) = Validate(options);
        if (optionDiagnostics.HasErrors) throw new EvaluationOptionsException(optionDiagnostics.ToSortedList());
        var asOf = options.AsOf ?? model.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var language = string.IsNullOrEmpty(options.Language) ? "en" : options.Language;
        return new ResolvedOptions(new EvaluationContext(asOf, parameters, language, model.Lookup), language, options.Explain, options.Waivers ?? []);
    }
}
