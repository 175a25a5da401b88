using System.Text.RegularExpressions;
using Deeg.Policy.Diagnostics;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;
using Deeg.Policy.Core;

namespace Deeg.Policy.Language.Syntax;

/// <summary>
/// Reads a rule-set document (docs/rule-language.md) into <see cref="RuleSetSyntax"/>. Checks the
/// document's shape — required fields, types, unknown properties, id formats — and reports
/// every problem; expressions stay text for the binder.
/// </summary>
internal sealed partial class RuleSetReader
{
    internal static readonly string[] DocumentProperties = ["$schema", "ruleSet", "version", "title", "description", "parameters", "rules"];
    internal static readonly string[] RuleProperties = ["id", "title", "severity", "category", "tags", "references", "enabled", "when", "finding", "description"];
    internal static readonly string[] FindingProperties = ["subject", "message", "remediation", "owner"];
    internal static readonly string[] FactProperties = ["fact", "as", "where"];
    internal static readonly string[] ElementKeys = ["fact", "not", "exists", "anyOf", "forAll", "count", "sum", "min", "max", "avg", "collect", "group", "let", "test"];

    private readonly JsonSource _source;
    private readonly DiagnosticBag _diagnostics;

    private RuleSetReader(JsonSource source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads a parsed document; null when it is not a rule set at all.</summary>
    public static RuleSetSyntax? Read(JsonSource source, DiagnosticBag diagnostics)
    {
        if (source.Root is null) return null;
        return new RuleSetReader(source, diagnostics).ReadDocument(source.Root);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    internal static partial Regex RuleSetIdPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9]*-[0-9]{3,}$")]
    internal static partial Regex RuleIdPattern();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    internal static partial Regex SemVerPattern();

    [GeneratedRegex("^[a-z][A-Za-z0-9_]*$")]
    internal static partial Regex AliasPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    internal static partial Regex ParameterNamePattern();

    private SourceLocation At(JToken? token) => _source.Locate(token);

    /// <summary>The token as an object, or null after reporting <paramref name="message"/> as <paramref name="code"/>.</summary>
    private JObject? AsObject(JToken token, string code, string message)
    {
        if (token is JObject obj) return obj;
        _diagnostics.Error(code, At(token), message);
        return null;
    }

    private RuleSetSyntax? ReadDocument(JToken root)
    {
        if (AsObject(root, WrongDocumentShape, "a rule set must be a JSON object with 'ruleSet', 'version' and 'rules'") is not { } doc) return null;

        CheckProperties(doc, DocumentProperties, "rule set");
        var id = RequiredMatching(doc, "ruleSet", "rule set", RuleSetIdPattern(), RuleSetInvalidId,
            value => $"invalid rule-set id '{value}': use lower-case letters, digits and '-' ([a-z0-9][a-z0-9-]*)");
        var version = RequiredMatching(doc, "version", "rule set", SemVerPattern(), RuleSetInvalidVersion,
            value => $"invalid version '{value}': use a semantic version MAJOR.MINOR.PATCH");
        var title = OptionalText(doc, "title");
        var description = OptionalText(doc, "description");
        var parameters = ReadParameters(doc["parameters"]);

        var rules = new List<RuleSyntax>();
        var rulesToken = doc["rules"];
        if (rulesToken is null)
        {
            _diagnostics.Error(RuleSetMissingField, At(doc), "the rule set has no 'rules'");
        }
        else if (rulesToken is not JArray array)
        {
            _diagnostics.Error(RuleSetWrongType, At(rulesToken), "'rules' must be an array of rules");
        }
        else if (array.Count == 0)
        {
            _diagnostics.Error(RuleSetEmpty, At(array), "'rules' must contain at least one rule");
        }
        else
        {
            foreach (var item in array)
            {
                var rule = ReadRule(item);
                if (rule is not null) rules.Add(rule);
            }
        }

        return new RuleSetSyntax(id, version, title, description, parameters, rules, _source.File, At(doc));
    }

    private List<ParameterSyntax> ReadParameters(JToken? token)
    {
        var result = new List<ParameterSyntax>();
        if (token is null || token.Type == JTokenType.Null) return result;
        if (token is not JObject obj)
        {
            _diagnostics.Error(RuleSetWrongType, At(token), "'parameters' must be an object of name → value");
            return result;
        }

        foreach (var property in obj.Properties())
        {
            if (!ParameterNamePattern().IsMatch(property.Name))
            {
                _diagnostics.Error(RuleSetInvalidParameter, At(property), $"invalid parameter name '{property.Name}'");
                continue;
            }

            var value = ParameterValue(property.Value);
            if (value is null)
            {
                _diagnostics.Error(RuleSetInvalidParameter, At(property.Value), $"parameter '{property.Name}' must be a number, string, bool or an array of one of those");
                continue;
            }

            result.Add(new ParameterSyntax(property.Name, value, At(property)));
        }

        return result;
    }

    /// <summary>A parameter value as decimal, string, bool or a list of one of those; null when it is none of these.</summary>
    internal static object? ParameterValue(JToken token)
    {
        switch (token.Type)
        {
            case JTokenType.Integer or JTokenType.Float:
                try
                {
                    return Convert.ToDecimal(((JValue)token).Value, System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is OverflowException or InvalidCastException or FormatException)
                {
                    return null;
                }

            case JTokenType.String:
                return (string)token!;
            case JTokenType.Boolean:
                return (bool)token;
            case JTokenType.Array:
                var items = new List<object>();
                foreach (var item in (JArray)token)
                {
                    if (item.Type is JTokenType.Array or JTokenType.Object or JTokenType.Null) return null;
                    var value = ParameterValue(item);
                    if (value is null) return null;
                    if (items.Count > 0 && items[0].GetType() != value.GetType()) return null;
                    items.Add(value);
                }

                return items;
            default:
                return null;
        }
    }

    private RuleSyntax? ReadRule(JToken token)
    {
        if (AsObject(token, RuleSetWrongType, "each entry of 'rules' must be an object") is not { } rule) return null;

        CheckProperties(rule, RuleProperties, "rule");
        var id = RequiredMatching(rule, "id", "rule", RuleIdPattern(), RuleSetInvalidId,
            value => $"invalid rule id '{value}': use upper-case letters and digits, a dash and at least three digits (e.g. ACME-001)");
        var title = OptionalText(rule, "title");
        if (title is null && rule["title"] is null) _diagnostics.Error(RuleSetMissingField, At(rule), $"rule '{id}' has no 'title'");
        var severity = Severity.Info;
        var severityText = RequiredString(rule, "severity", "rule");
        if (severityText is not null && !Severities.TryParse(severityText, out severity))
            _diagnostics.Error(RuleSetInvalidSeverity, At(rule["severity"]), $"unknown severity '{severityText}'; allowed: {Severities.AllowedNames}");
        var category = OptionalString(rule, "category") ?? "general";
        var tags = OptionalStringArray(rule, "tags");
        var references = OptionalStringArray(rule, "references");
        var enabled = true;
        if (rule["enabled"] is { } enabledToken && enabledToken.Type != JTokenType.Null)
        {
            if (enabledToken.Type == JTokenType.Boolean) enabled = (bool)enabledToken;
            else _diagnostics.Error(RuleSetWrongType, At(enabledToken), "'enabled' must be true or false");
        }

        var when = new List<ElementSyntax>();
        var whenToken = rule["when"];
        if (whenToken is null) _diagnostics.Error(RuleSetMissingField, At(rule), $"rule '{id}' has no 'when'");
        else when = ReadElements(whenToken, "'when'");

        FindingSyntax? finding = null;
        var findingToken = rule["finding"];
        if (findingToken is null) _diagnostics.Error(RuleSetMissingField, At(rule), $"rule '{id}' has no 'finding'");
        else finding = ReadFinding(findingToken);

        return new RuleSyntax(id, At(rule), title ?? new LocalizedText(id), severity, category, tags, references, enabled, when,
            finding ?? new FindingSyntax(null, At(rule), new LocalizedTemplate([]), null));
    }

    private FindingSyntax? ReadFinding(JToken token)
    {
        if (AsObject(token, RuleSetWrongType, "'finding' must be an object with 'message'") is not { } finding) return null;

        CheckProperties(finding, FindingProperties, "finding");
        string? subject = null;
        var subjectToken = finding["subject"];
        if (subjectToken is not null && subjectToken.Type != JTokenType.Null)
        {
            if (subjectToken.Type == JTokenType.String) subject = (string)subjectToken!;
            else _diagnostics.Error(RuleSetWrongType, At(subjectToken), "'subject' must be the alias of a fact pattern");
        }

        var message = ReadTemplate(finding["message"]);
        if (finding["message"] is null) _diagnostics.Error(RuleSetMissingField, At(finding), "the finding has no 'message'");
        var remediation = finding["remediation"] is { Type: not JTokenType.Null } r ? ReadTemplate(r) : null;
        // "owner": null is the same as no owner.
        var owner = finding["owner"] is { Type: not JTokenType.Null } ? Expression(finding, "owner", "finding") : null;
        return new FindingSyntax(subject, At(subjectToken ?? finding), message ?? new LocalizedTemplate([]), remediation, owner);
    }

    private LocalizedTemplate? ReadTemplate(JToken? token)
    {
        if (token is null) return null;
        if (token.Type == JTokenType.String) return new LocalizedTemplate([("en", new ExpressionText((string)token!, At(token)))]);
        if (token is JObject obj && obj.Count > 0)
        {
            var entries = new List<(string, ExpressionText)>();
            foreach (var property in obj.Properties())
            {
                if (property.Value.Type == JTokenType.String) entries.Add((property.Name, new ExpressionText((string)property.Value!, At(property.Value))));
                else _diagnostics.Error(RuleSetWrongType, At(property.Value), $"the '{property.Name}' text must be a string");
            }

            return new LocalizedTemplate(entries);
        }

        _diagnostics.Error(RuleSetWrongType, At(token), "expected a text: a string or an object of language tag → string");
        return null;
    }

    private List<ElementSyntax> ReadElements(JToken token, string what)
    {
        var result = new List<ElementSyntax>();
        if (token is not JArray array)
        {
            _diagnostics.Error(RuleSetWrongType, At(token), $"{what} must be an array of elements");
            return result;
        }

        if (array.Count == 0) _diagnostics.Error(RuleSetInvalidElement, At(array), $"{what} must contain at least one element");
        foreach (var item in array)
        {
            result.Add(ReadElement(item) ?? new InvalidElementSyntax(At(item), IntendedAlias(item)));
        }

        return result;
    }

    /// <summary>The alias an element that could not be read meant to declare (its <c>as</c> or <c>let</c>), if it names a valid one.</summary>
    private static string? IntendedAlias(JToken element) =>
        element is JObject obj && (obj["as"] ?? obj["let"]) is { Type: JTokenType.String } alias && AliasPattern().IsMatch((string)alias!) ? (string)alias! : null;

    private ElementSyntax? ReadElement(JToken token)
    {
        if (AsObject(token, RuleSetInvalidElement, "an element must be an object such as {\"fact\": …}, {\"not\": […]}, {\"test\": …}") is not { } obj) return null;

        var keys = obj.Properties().Select(p => p.Name).Where(ElementKeys.Contains).ToList();
        if (keys.Count != 1)
        {
            var unknown = obj.Properties().FirstOrDefault(p => !ElementKeys.Contains(p.Name) && p.Name is not ("as" or "where" or "of" or "distinct" or "require" or "value" or "by"));
            var message = keys.Count == 0
                ? "unknown element" + (unknown is null ? string.Empty : $" '{unknown.Name}'") + "; expected one of: " + string.Join(", ", ElementKeys) + (unknown is null ? string.Empty : Suggestions.DidYouMean(unknown.Name, ElementKeys))
                : "an element must have exactly one of " + string.Join(", ", ElementKeys) + $"; found {string.Join(" and ", keys)}";
            _diagnostics.Error(RuleSetInvalidElement, At((JToken?)unknown ?? obj), message);
            return null;
        }

        var at = At(obj);
        switch (keys[0])
        {
            case "fact":
                return ReadFact(obj, requireAlias: true);
            case "not" or "exists":
                CheckProperties(obj, [keys[0]], keys[0] + " element");
                var inner = ReadElements(obj[keys[0]]!, $"'{keys[0]}'");
                return keys[0] == "not" ? new NotElementSyntax(at, inner) : new ExistsElementSyntax(at, inner);
            case "anyOf":
                CheckProperties(obj, ["anyOf"], "anyOf element");
                if (obj["anyOf"] is not JArray branches || branches.Count == 0)
                {
                    _diagnostics.Error(RuleSetInvalidElement, At(obj["anyOf"]), "'anyOf' must be a non-empty array of element arrays");
                    return null;
                }

                return new AnyOfElementSyntax(at, branches.Select(b => (IReadOnlyList<ElementSyntax>)ReadElements(b, "each branch of 'anyOf'")).ToList());
            case "forAll":
                CheckProperties(obj, ["forAll", "require"], "forAll element");
                var source = ReadSource(obj["forAll"]!, "forAll");
                var require = Expression(obj, "require", "forAll element");
                return source is null || require is null ? null : new ForAllElementSyntax(at, source, require);
            case "let":
                CheckProperties(obj, ["let", "value"], "let element");
                var alias = AliasName(obj["let"]!);
                var value = Expression(obj, "value", "let element");
                return alias is null || value is null ? null : new LetElementSyntax(at, alias, At(obj["let"]), value);
            case "group":
                return ReadGroup(obj);
            case "test":
                CheckProperties(obj, ["test"], "test element");
                var test = Expression(obj, "test", "test element");
                return test is null ? null : new TestElementSyntax(at, test);
            default:
                return ReadAggregate(obj, Enum.Parse<AggregateKind>(keys[0], ignoreCase: true), keys[0]);
        }
    }

    private AggregateElementSyntax? ReadAggregate(JObject obj, AggregateKind kind, string key)
    {
        CheckProperties(obj, [key, "of", "distinct", "as"], key + " element");
        var source = ReadSource(obj[key]!, key);
        ExpressionText? of = null;
        if (obj["of"] is not null) of = Expression(obj, "of", key + " element");
        else if (kind is not AggregateKind.Count) _diagnostics.Error(RuleSetMissingField, At(obj), $"'{key}' needs 'of': the expression to aggregate");
        var distinct = false;
        if (obj["distinct"] is { } d && d.Type != JTokenType.Null)
        {
            if (d.Type == JTokenType.Boolean) distinct = (bool)d;
            else _diagnostics.Error(RuleSetWrongType, At(d), "'distinct' must be true or false");
            if (distinct && kind is not (AggregateKind.Count or AggregateKind.Collect))
                _diagnostics.Error(RuleSetInvalidElement, At(d), $"'distinct' applies to count and collect, not to {key}");
            if (distinct && kind is AggregateKind.Count && obj["of"] is null)
                _diagnostics.Error(RuleSetInvalidElement, At(d), "'distinct' on count needs 'of': the value whose distinct non-null values are counted");
        }

        string? alias = null;
        if (obj["as"] is null) _diagnostics.Error(RuleSetMissingField, At(obj), $"'{key}' needs 'as': the alias that receives the result");
        else alias = AliasName(obj["as"]!);
        return source is null || alias is null ? null : new AggregateElementSyntax(At(obj), kind, source, of, distinct, alias, At(obj["as"]));
    }

    private GroupElementSyntax? ReadGroup(JObject obj)
    {
        CheckProperties(obj, ["group", "by", "as"], "group element");
        var source = ReadSource(obj["group"]!, "group");
        var by = Expression(obj, "by", "group element");
        string? alias = null;
        if (obj["as"] is null) _diagnostics.Error(RuleSetMissingField, At(obj), "'group' needs 'as': the alias that receives each group");
        else alias = AliasName(obj["as"]!);
        return source is null || by is null || alias is null ? null : new GroupElementSyntax(At(obj), source, by, alias, At(obj["as"]));
    }

    private FactElementSyntax? ReadSource(JToken token, string owner)
    {
        if (token is JObject { } nested && nested["group"] is not null)
        {
            _diagnostics.Error(RuleSetInvalidElement, At(token), $"a 'group' cannot be the source of '{owner}'; 'group' is only allowed at the top level of 'when'");
            return null;
        }

        if (token is not JObject obj || obj["fact"] is null)
        {
            _diagnostics.Error(RuleSetInvalidElement, At(token), $"'{owner}' must be a fact pattern {{\"fact\": \"T\", \"as\": \"x\", \"where\": …}}");
            return null;
        }

        return ReadFact(obj, requireAlias: true);
    }

    private FactElementSyntax? ReadFact(JObject obj, bool requireAlias)
    {
        CheckProperties(obj, FactProperties, "fact pattern");
        var factToken = obj["fact"];
        if (factToken?.Type != JTokenType.String)
        {
            _diagnostics.Error(RuleSetWrongType, At(factToken ?? obj), "'fact' must be the name of a fact type, e.g. \"Channel\"");
            return null;
        }

        string? alias = null;
        if (obj["as"] is { } asToken) alias = AliasName(asToken);
        else if (requireAlias) _diagnostics.Error(RuleSetMissingField, At(obj), $"the {(string)factToken!} pattern needs 'as': an alias such as \"x\"");

        var where = new List<ExpressionText>();
        switch (obj["where"])
        {
            case null or { Type: JTokenType.Null }:
                break;
            case { Type: JTokenType.String } w:
                where.Add(new ExpressionText((string)w!, At(w)));
                break;
            case JArray list:
                foreach (var item in list)
                {
                    if (item.Type == JTokenType.String) where.Add(new ExpressionText((string)item!, At(item)));
                    else _diagnostics.Error(RuleSetWrongType, At(item), "each entry of 'where' must be an expression string");
                }

                break;
            case var other:
                _diagnostics.Error(RuleSetWrongType, At(other), "'where' must be an expression string or an array of them");
                break;
        }

        return alias is null && requireAlias ? null
            : new FactElementSyntax(At(obj), (string)factToken!, At(factToken), alias, At(obj["as"] ?? obj), where);
    }

    private string? AliasName(JToken token)
    {
        if (token.Type != JTokenType.String)
        {
            _diagnostics.Error(RuleSetWrongType, At(token), "an alias must be a string such as \"c\"");
            return null;
        }

        var name = (string)token!;
        if (!AliasPattern().IsMatch(name))
        {
            _diagnostics.Error(RuleSetInvalidAlias, At(token), $"invalid alias '{name}': start with a lower-case letter, then letters, digits or '_'");
            return null;
        }

        return name;
    }

    private ExpressionText? Expression(JObject obj, string name, string owner) =>
        RequiredStringToken(obj, name, $"the {owner} needs '{name}'", "an expression string") is { } token ? new ExpressionText((string)token!, At(token)) : null;

    private void CheckProperties(JObject obj, string[] allowed, string what) => _source.CheckProperties(obj, allowed, "on " + what, RuleSetUnknownProperty, _diagnostics);

    private string? RequiredString(JObject obj, string name, string what) =>
        (string?)RequiredStringToken(obj, name, $"the {what} has no '{name}'", "a string");

    /// <summary>A required string (empty when it is missing) that, when present, must match <paramref name="pattern"/>; otherwise <paramref name="code"/> is reported.</summary>
    private string RequiredMatching(JObject obj, string name, string what, Regex pattern, string code, Func<string, string> invalid)
    {
        var value = RequiredString(obj, name, what) ?? string.Empty;
        if (value.Length > 0 && !pattern.IsMatch(value)) _diagnostics.Error(code, At(obj[name]), invalid(value));
        return value;
    }

    /// <summary>The string property <paramref name="name"/>; reports <paramref name="missing"/> when it is absent, and that it must be <paramref name="kind"/> when it is not a string.</summary>
    private JToken? RequiredStringToken(JObject obj, string name, string missing, string kind)
    {
        var token = obj[name];
        if (token is null)
        {
            _diagnostics.Error(RuleSetMissingField, At(obj), missing);
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            _diagnostics.Error(RuleSetWrongType, At(token), $"'{name}' must be {kind}");
            return null;
        }

        return token;
    }

    private string? OptionalString(JObject obj, string name)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null) return null;
        if (token.Type == JTokenType.String) return (string)token!;
        _diagnostics.Error(RuleSetWrongType, At(token), $"'{name}' must be a string");
        return null;
    }

    private List<string> OptionalStringArray(JObject obj, string name)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null) return [];
        if (token is JArray array && array.All(t => t.Type == JTokenType.String)) return array.Select(t => (string)t!).ToList();
        _diagnostics.Error(RuleSetWrongType, At(token), $"'{name}' must be an array of strings");
        return [];
    }

    private LocalizedText? OptionalText(JObject obj, string name)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null) return null;
        if (token.Type == JTokenType.String) return new LocalizedText((string)token!);
        if (token is JObject texts && texts.Count > 0 && texts.Properties().All(p => p.Value.Type == JTokenType.String))
            return new LocalizedText(texts.Properties().Select(p => new KeyValuePair<string, string>(p.Name, (string)p.Value!)));
        _diagnostics.Error(RuleSetWrongType, At(token), $"'{name}' must be a string or an object of language tag → string");
        return null;
    }
}
