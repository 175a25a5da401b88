using Deeg.Policy.Diagnostics;

namespace Deeg.Policy.Language.Syntax;

// The syntax of a rule-set document (docs/rule-language.md), as read from JSON with positions.
// Expressions are kept as text here; the binder parses and type-checks them.

/// <summary>An expression string and the position of the JSON string that holds it.</summary>
internal sealed record ExpressionText(string Text, SourceLocation Location);

/// <summary>A text or localised text whose entries are message templates.</summary>
internal sealed record LocalizedTemplate(IReadOnlyList<(string Language, ExpressionText Template)> Entries);

/// <summary>A rule-set parameter and its default value (decimal, string, bool or a list of those).</summary>
internal sealed record ParameterSyntax(string Name, object? Value, SourceLocation Location);

/// <summary>A whole rule-set document.</summary>
internal sealed record RuleSetSyntax(
    string Id,
    string Version,
    LocalizedText? Title,
    LocalizedText? Description,
    IReadOnlyList<ParameterSyntax> Parameters,
    IReadOnlyList<RuleSyntax> Rules,
    string File,
    SourceLocation Location);

/// <summary>One rule.</summary>
internal sealed record RuleSyntax(
    string Id,
    SourceLocation Location,
    LocalizedText Title,
    Severity Severity,
    string Category,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> References,
    bool Enabled,
    IReadOnlyList<ElementSyntax> When,
    FindingSyntax Finding);

/// <summary>The <c>finding</c> block of a rule; <see cref="Owner"/> is the expression naming who must act, if any.</summary>
internal sealed record FindingSyntax(string? Subject, SourceLocation SubjectLocation, LocalizedTemplate Message, LocalizedTemplate? Remediation, ExpressionText? Owner = null);

/// <summary>An element of <c>when</c>.</summary>
internal abstract record ElementSyntax(SourceLocation Location);

/// <summary><c>{"fact": "T", "as": "x", "where": …}</c>.</summary>
internal sealed record FactElementSyntax(SourceLocation Location, string FactType, SourceLocation FactTypeLocation, string? Alias, SourceLocation AliasLocation, IReadOnlyList<ExpressionText> Where)
    : ElementSyntax(Location);

/// <summary><c>{"not": [elements]}</c>.</summary>
internal sealed record NotElementSyntax(SourceLocation Location, IReadOnlyList<ElementSyntax> Elements) : ElementSyntax(Location);

/// <summary><c>{"exists": [elements]}</c>.</summary>
internal sealed record ExistsElementSyntax(SourceLocation Location, IReadOnlyList<ElementSyntax> Elements) : ElementSyntax(Location);

/// <summary><c>{"anyOf": [[elements], …]}</c>.</summary>
internal sealed record AnyOfElementSyntax(SourceLocation Location, IReadOnlyList<IReadOnlyList<ElementSyntax>> Branches) : ElementSyntax(Location);

/// <summary><c>{"forAll": pattern, "require": expr}</c>.</summary>
internal sealed record ForAllElementSyntax(SourceLocation Location, FactElementSyntax Source, ExpressionText Require) : ElementSyntax(Location);

/// <summary>The aggregate functions of the language.</summary>
internal enum AggregateKind { Count, Sum, Min, Max, Avg, Collect }

/// <summary><c>{"count"|"sum"|…: pattern, "of": expr, "distinct": bool, "as": alias}</c>.</summary>
internal sealed record AggregateElementSyntax(SourceLocation Location, AggregateKind Kind, FactElementSyntax Source, ExpressionText? Of, bool Distinct, string Alias, SourceLocation AliasLocation)
    : ElementSyntax(Location);

/// <summary><c>{"group": pattern, "by": expr, "as": alias}</c>.</summary>
internal sealed record GroupElementSyntax(SourceLocation Location, FactElementSyntax Source, ExpressionText By, string Alias, SourceLocation AliasLocation)
    : ElementSyntax(Location);

/// <summary><c>{"let": "v", "value": expr}</c>.</summary>
internal sealed record LetElementSyntax(SourceLocation Location, string Alias, SourceLocation AliasLocation, ExpressionText Value) : ElementSyntax(Location);

/// <summary><c>{"test": expr}</c>.</summary>
internal sealed record TestElementSyntax(SourceLocation Location, ExpressionText Expression) : ElementSyntax(Location);

/// <summary>
/// An element that could not be read (the problem is reported already). It keeps the place of
/// the element so that its uses report nothing more: <see cref="Alias"/> is the alias it was
/// meant to declare, or null when it does not say (a pattern without <c>as</c>).
/// </summary>
internal sealed record InvalidElementSyntax(SourceLocation Location, string? Alias) : ElementSyntax(Location);
