using System.Globalization;
using Deeg.Policy.Core;

namespace Deeg.Policy.Reporting.Writers;

/// <summary>
/// The labels of the report formats in one language, read from the label table (<see cref="Labels"/>)
/// once: named properties for the writers, and the counts that put numbers and words together.
/// </summary>
internal sealed class ReportLabels
{
    private ReportLabels(string language)
    {
        Language = language;
        string L(string key) => Labels.Get(key, language);

        AsOf = L("report.asOf");
        RuleSets = L("report.ruleSets");
        Score = L("report.score");
        RulesPassed = L("report.rulesPassed");
        NoFindings = L("report.noFindings");
        Subject = L("report.subject");
        Remediation = L("report.remediation");
        Evidence = L("report.evidence");
        Waived = L("report.waived");
        WaiverDetail = L("report.waiverDetail");
        ApprovedBy = L("report.approvedBy");
        ExpiredWaivers = L("report.waivers.expired");
        UnusedWaivers = L("report.waivers.unused");
        Expires = L("report.expires");
        ExpiredOn = L("report.expiredOn");
        Errors = L("report.errors");
        FindingSingular = L("word.finding");
        FindingPlural = L("word.findings");
        WaivedCount = L("report.waivedCount");
        ScoreLower = L("report.score.lower");
        Severities = Enum.GetValues<Severity>().ToDictionary(s => s, s => Labels.Severity(s, language));
        RuleColumns = [L("rules.column.ruleSet"), L("rules.column.id"), L("rules.column.severity"), L("rules.column.category"), L("rules.column.enabled"), L("rules.column.title")];
        Yes = L("word.yes");
        No = L("word.no");
        NoRules = L("rules.none");
        RuleCount = L("rules.count");
        RuleWords = [L("word.rule"), L("word.rules"), L("word.ruleSet"), L("word.ruleSets.dative")];
        ReportTitle = L("report.title");
        GeneratedBy = L("report.generatedBy");
        Organisation = L("report.organisation");
        SeverityColumn = L("report.severity");
        Rule = L("report.rule");
        Message = L("report.message");
        Status = L("report.status");
        Category = L("report.category");
        Findings = L("report.findings");
        Unwaived = L("report.open");
        Total = L("report.total");
        FindingsBySeverity = L("report.findingsBySeverity");
        FindingsByCategory = L("report.findingsByCategory");
        Details = L("report.details");
        Waivers = L("report.waivers");
        AppliedWaivers = L("report.waivers.applied");
        Justification = L("report.justification");
        ApprovedByColumn = L("report.approvedBy.column");
        ExpiresColumn = L("report.expires.column");
        None = L("word.none");
        Version = L("report.version");
        RulesColumn = L("report.rules");
        RuleSetsUsed = L("report.ruleSetsUsed");
        RuleSet = L("report.ruleSet");
        ModelFile = L("report.modelFile");
        New = L("baseline.new");
        Unchanged = L("baseline.unchanged");
        Fixed = L("baseline.fixed");
        FixedSince = L("baseline.fixedSince");
        NewCount = L("baseline.newCount");
        FixedCount = L("baseline.fixedCount");
        OpenDayOne = L("history.openDays.one");
        OpenDaysMany = L("history.openDays");
        Overview = L("report.overview");
        NoErrors = L("report.noErrors");
        ChartNote = L("report.chartNote");
        Owner = L("report.owner");
        NoOwner = L("report.noOwner");
        View = L("report.view");
        ViewBySeverity = L("report.view.severity");
        ViewByCategory = L("report.view.category");
        ViewBySubject = L("report.view.subject");
        ViewByOwner = L("report.view.owner");
        FindingsByOwner = L("report.findingsByOwner");
        FindingsByChannel = L("report.findingsByChannel");
        Channel = L("report.channel");
        NotAboutChannel = L("report.notAboutChannel");
        RulesAndRemediation = L("report.rulesAndRemediation");
        Fingerprint = L("report.fingerprint");
        Facts = L("report.facts");
        Summary = L("report.summary");
    }

    public string Owner { get; }

    public string NoOwner { get; }

    public string View { get; }

    public string ViewBySeverity { get; }

    public string ViewByCategory { get; }

    public string ViewBySubject { get; }

    public string ViewByOwner { get; }

    public string FindingsByOwner { get; }

    public string FindingsByChannel { get; }

    public string Channel { get; }

    public string NotAboutChannel { get; }

    public string RulesAndRemediation { get; }

    public string Fingerprint { get; }

    public string Facts { get; }

    public string Summary { get; }

    /// <summary>The label of a fact type ("Kanal" for <c>Channel</c>); a host's type is its name.</summary>
    public string FactType(string name) => FactTypeLabel(name, Language);

    /// <summary>
    /// The label of a subject reference's type: a fact type's label; for a group's subject
    /// (<c>Mention.platform</c>) the label of the fact type it groups.
    /// </summary>
    public static string FactTypeLabel(string type, string? language)
    {
        var dot = type.IndexOf('.', StringComparison.Ordinal);
        return Labels.FactType(dot > 0 ? type[..dot] : type, language);
    }

    /// <summary>The label of a rule category ("Datenschutz" for <c>data-protection</c>); a user's category is itself.</summary>
    public string CategoryName(string category) => CategoryLabel(category, Language);

    /// <summary>The English labels.</summary>
    public static ReportLabels English { get; } = new(Labels.English);

    /// <summary>The German labels.</summary>
    public static ReportLabels German { get; } = new(Labels.German);

    /// <summary>The language tag of these labels, used for rule titles too.</summary>
    public string Language { get; }

    public string AsOf { get; }

    public string RuleSets { get; }

    public string Score { get; }

    public string RulesPassed { get; }

    public string NoFindings { get; }

    public string Subject { get; }

    public string Remediation { get; }

    public string Evidence { get; }

    public string Waived { get; }

    public string WaiverDetail { get; }

    public string ApprovedBy { get; }

    public string ExpiredWaivers { get; }

    public string UnusedWaivers { get; }

    public string Expires { get; }

    public string ExpiredOn { get; }

    public string Errors { get; }

    public string FindingSingular { get; }

    public string FindingPlural { get; }

    public string WaivedCount { get; }

    public string ScoreLower { get; }

    public IReadOnlyDictionary<Severity, string> Severities { get; }

    public IReadOnlyList<string> RuleColumns { get; }

    public string Yes { get; }

    public string No { get; }

    public string NoRules { get; }

    public string RuleCount { get; }

    /// <summary>Singular and plural of "rule", then of "rule set" (after "in": German dative plural).</summary>
    public IReadOnlyList<string> RuleWords { get; }

    public string ReportTitle { get; }

    public string GeneratedBy { get; }

    public string Organisation { get; }

    public string SeverityColumn { get; }

    public string Rule { get; }

    public string Message { get; }

    public string Status { get; }

    public string Category { get; }

    public string Findings { get; }

    public string Unwaived { get; }

    public string Total { get; }

    public string FindingsBySeverity { get; }

    public string FindingsByCategory { get; }

    public string Details { get; }

    public string Waivers { get; }

    public string AppliedWaivers { get; }

    public string Justification { get; }

    public string ApprovedByColumn { get; }

    public string ExpiresColumn { get; }

    public string None { get; }

    public string Version { get; }

    public string RulesColumn { get; }

    public string RuleSetsUsed { get; }

    public string RuleSet { get; }

    public string ModelFile { get; }

    public string New { get; }

    public string Unchanged { get; }

    public string Fixed { get; }

    public string FixedSince { get; }

    public string NewCount { get; }

    public string FixedCount { get; }

    public string Overview { get; }

    public string OpenDayOne { get; }

    public string OpenDaysMany { get; }

    public string NoErrors { get; }

    public string ChartNote { get; }

    /// <summary>The labels of a language; English for anything but <c>de</c>.</summary>
    public static ReportLabels For(string? language) => Labels.LanguageOf(language) == Labels.German ? German : English;

    /// <summary>"1 finding", "2 findings".</summary>
    public string FindingCount(int count) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? FindingSingular : FindingPlural);

    /// <summary>The age of a finding with a history: "open for 3 days" / "seit 3 Tagen offen"; null without one.</summary>
    public string? Age(Finding finding) => finding.OpenDays is not { } days ? null
        : days == 1 ? OpenDayOne : Format(OpenDaysMany, days.ToString(CultureInfo.InvariantCulture));

    /// <summary>The label of a baseline state: "new" or "unchanged".</summary>
    public string BaselineLabel(BaselineState state) => state == BaselineState.New ? New : Unchanged;

    /// <summary>"1 rule", "2 rules".</summary>
    public string Rules(int count) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? RuleWords[0] : RuleWords[1]);

    /// <summary>"2 rules in 1 rule set".</summary>
    public string RuleCountText(int rules, int ruleSets) =>
        Format(RuleCount, rules, rules == 1 ? RuleWords[0] : RuleWords[1], ruleSets, ruleSets == 1 ? RuleWords[2] : RuleWords[3]);

    // "general" is the category of a rule that names none.
    private static string CategoryLabel(string category, string language) =>
        category == "general" ? Labels.Get("report.category.general", language) : Labels.Category(category, language);

    /// <summary>A label with its holes filled in (invariant culture).</summary>
    public string Format(string template, params object?[] args) => string.Format(CultureInfo.InvariantCulture, template, args);
}
