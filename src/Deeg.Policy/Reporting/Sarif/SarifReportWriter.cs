using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Sarif;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using Deeg.Policy.Core;

namespace Deeg.Policy.Reporting.Sarif;

/// <summary>
/// Writes reports as SARIF 2.1.0 (OASIS), in the shape GitHub code scanning accepts: one run for all
/// reports, the enabled rules in <c>tool.driver.rules</c>, one result per finding with the model file
/// as artifact and the subject as logical location, waived findings as suppressed results, and the
/// finding fingerprint as <c>partialFingerprints["deegPolicyFingerprint/v1"]</c>.
/// docs/report-format.md ("SARIF") describes every mapping. Hosts reach it as <c>ReportWriters.Get("sarif")</c>.
/// </summary>
internal static class SarifReportWriter
{
    /// <summary>The key of the finding fingerprint in each result's <c>partialFingerprints</c>.</summary>
    public const string FingerprintKey = "deegPolicyFingerprint/v1";


    /// <summary>One report as a SARIF log.</summary>
    /// <param name="report">The report.</param>
    public static string Write(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Write([report]);
    }

    /// <summary>
    /// Several reports (one per model) as one SARIF log with a single run: the rules of all reports
    /// (each once), one artifact per model file and the results of every report in the given order.
    /// </summary>
    /// <param name="reports">The reports.</param>
    public static string Write(IReadOnlyList<ComplianceReport> reports) => Write(reports, ReportBuilder.ToolName, readModelFile: null);

    /// <summary>The SARIF log of the reports, naming <paramref name="toolName"/> as the driver and reading model files through <paramref name="readModelFile"/> (null: from disk).</summary>
    internal static string Write(IReadOnlyList<ComplianceReport> reports, string toolName, Func<string, string?>? readModelFile)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var log = Build(reports, toolName, readModelFile);
        var serializer = JsonSerializer.Create(new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            ContractResolver = new DefaultContractResolver(),
            Formatting = Formatting.Indented,
        });
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ' })
        {
            serializer.Serialize(writer, log);
        }

        return text.ToString();
    }

    /// <summary>The SARIF <c>level</c> of a severity: critical and high → error, medium → warning, low and info → note.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>
    /// GitHub's numeric <c>security-severity</c> of a severity: critical 9.5, high 7.0, medium 5.0,
    /// low 3.0, info 0.0 (GitHub reads over 9.0 as critical, 7.0–8.9 high, 4.0–6.9 medium, below low).
    /// </summary>
    public static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "7.0",
        Severity.Medium => "5.0",
        Severity.Low => "3.0",
        _ => "0.0",
    };

    /// <summary>A model file path as a SARIF URI: relative paths stay relative (with <c>/</c>), absolute ones become <c>file:</c> URIs.</summary>
    internal static string ToUri(string path)
    {
        if (Path.IsPathFullyQualified(path)) return new Uri(path).AbsoluteUri;
        var parts = path.Replace('\\', '/').Split('/');
        return string.Join('/', parts.Select(Uri.EscapeDataString));
    }

    private static SarifLog Build(IReadOnlyList<ComplianceReport> reports, string toolName, Func<string, string?>? readModelFile)
    {
        var language = reports.Count > 0 ? reports[0].Language : "en";
        var rules = CollectRules(reports);
        var ruleIds = RuleIds(rules);
        var index = new Dictionary<(string RuleSet, string Id), int>();
        for (var i = 0; i < rules.Count; i++) index[(rules[i].RuleSet, rules[i].Id)] = i;

        // One artifact per model file, in report order.
        var artifacts = new List<SarifArtifact>();
        var artifactIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            if (report.ModelFile is not { } file || artifactIndex.ContainsKey(file)) continue;
            artifactIndex[file] = artifacts.Count;
            artifacts.Add(new SarifArtifact
            {
                Location = new SarifArtifactLocation { Uri = ToUri(file) },
                Roles = ["analysisTarget"],
                MimeType = "application/json",
                Properties = new Dictionary<string, object?> { ["organisation"] = report.Organisation.Id },
            });
        }

        var results = new List<SarifResult>();
        var notifications = new List<SarifNotification>();
        var summaries = new List<object?>();
        foreach (var report in reports)
        {
            var locator = ModelLineLocator.For(report.ModelFile, readModelFile);
            int? artifact = report.ModelFile is { } f ? artifactIndex[f] : null;

            foreach (var finding in report.Findings)
            {
                var ruleIndex = index[(finding.RuleSet, finding.RuleId)];
                results.Add(new SarifResult
                {
                    RuleId = ruleIds[ruleIndex],
                    RuleIndex = ruleIndex,
                    Level = Level(finding.Severity),
                    Message = new SarifMessage { Text = MessageText(finding, report.Language) },
                    Locations = [Location(report, artifact, finding.Subject, locator)],
                    PartialFingerprints = new Dictionary<string, string> { [FingerprintKey] = finding.Fingerprint },
                    Suppressions = finding.Waiver is { } waiver ? [Suppression(waiver)] : null,
                    BaselineState = finding.Baseline switch
                    {
                        BaselineState.New => "new",
                        BaselineState.Unchanged => "unchanged",
                        _ => null,
                    },
                    Properties = ResultProperties(report, finding),
                });
            }

            // Findings of the baseline that are gone: results with baselineState "absent".
            foreach (var gone in report.Fixed ?? [])
            {
                var known = gone.RuleSet is not null && index.TryGetValue((gone.RuleSet, gone.RuleId), out var i) ? i : (int?)null;
                var subject = SubjectRef.TryParse(gone.Subject) ?? new SubjectRef("Unknown", gone.Subject);
                results.Add(new SarifResult
                {
                    RuleId = known is { } k ? ruleIds[k] : gone.RuleId,
                    RuleIndex = known,
                    Kind = "pass",
                    Level = "none",
                    Message = new SarifMessage { Text = gone.Message ?? gone.Title },
                    Locations = [Location(report, artifact, subject, locator)],
                    PartialFingerprints = new Dictionary<string, string> { [FingerprintKey] = gone.Fingerprint },
                    BaselineState = "absent",
                    Properties = new Dictionary<string, object?>
                    {
                        ["organisation"] = report.Organisation.Id,
                        ["subject"] = gone.Subject,
                        ["title"] = gone.Title,
                    },
                });
            }

            foreach (var error in report.Errors)
            {
                var rule = rules.FindIndex(r => r.Id == error.RuleId);
                notifications.Add(new SarifNotification
                {
                    Level = "error",
                    Message = new SarifMessage { Text = $"{report.Organisation.Id}: rule {error.RuleId} failed at evaluation time: {error.Message}" },
                    Locations = artifact is null ? null : [new SarifLocation { PhysicalLocation = Physical(report, artifact, 1) }],
                    AssociatedRule = new SarifReportingDescriptorReference { Id = rule < 0 ? error.RuleId : ruleIds[rule], Index = rule < 0 ? null : rule },
                    Properties = new Dictionary<string, object?> { ["organisation"] = report.Organisation.Id },
                });
            }

            summaries.Add(ReportProperties(report, artifact));
        }

        var run = new SarifRun
        {
            Tool = new SarifTool
            {
                Driver = new SarifToolComponent
                {
                    Name = toolName,
                    FullName = toolName + " " + ReportBuilder.ToolVersion,
                    Version = ReportBuilder.ToolVersion,
                    SemanticVersion = ReportBuilder.ToolVersion,
                    Language = language,
                    Rules = rules.Select((r, i) => Descriptor(r, ruleIds[i], language)).ToList(),
                },
            },
            Invocations =
            [
                new SarifInvocation
                {
                    ExecutionSuccessful = notifications.Count == 0,
                    ToolExecutionNotifications = notifications.Count == 0 ? null : notifications,
                },
            ],
            Language = language,
            ColumnKind = "unicodeCodePoints",
            Artifacts = artifacts.Count == 0 ? null : artifacts,
            Results = results,
            Properties = new Dictionary<string, object?> { ["reports"] = summaries },
        };
        return new SarifLog { Runs = [run] };
    }

    /// <summary>The enabled rules of all reports (each once, by rule set and id), plus any rule a finding or error names that the reports do not list.</summary>
    private static List<RuleInfo> CollectRules(IReadOnlyList<ComplianceReport> reports)
    {
        var rules = new List<RuleInfo>();
        var seen = new HashSet<(string, string)>();
        foreach (var report in reports)
        {
            foreach (var rule in report.Rules)
            {
                if (seen.Add((rule.RuleSet, rule.Id))) rules.Add(rule);
            }
        }

        foreach (var report in reports)
        {
            foreach (var f in report.Findings)
            {
                if (!seen.Add((f.RuleSet, f.RuleId))) continue;
                rules.Add(new RuleInfo
                {
                    Id = f.RuleId,
                    RuleSet = f.RuleSet,
                    Severity = f.Severity,
                    Category = f.Category,
                    Title = new LocalizedText(f.Title),
                    Enabled = true,
                    Tags = [],
                    References = [],
                });
            }
        }

        return rules;
    }

    /// <summary>Rule ids as SARIF ids: the rule id, or <c>ruleSet/id</c> when two rule sets use the same id.</summary>
    private static List<string> RuleIds(List<RuleInfo> rules)
    {
        var counts = rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return rules.Select(r => counts[r.Id] > 1 ? r.RuleSet + "/" + r.Id : r.Id).ToList();
    }

    private static SarifReportingDescriptor Descriptor(RuleInfo rule, string id, string language)
    {
        var title = rule.Title.Get(language);
        var severity = Severities.Name(rule.Severity);
        var remediation = rule.Remediation?.Get(language);
        var references = rule.References;

        var full = new StringBuilder(title.TrimEnd('.')).Append('.');
        full.Append(CultureInfo.InvariantCulture, $" Rule {rule.Id} of rule set {rule.RuleSet}; severity {severity}, category {rule.Category}.");
        if (references.Count > 0) full.Append(" References: ").Append(string.Join("; ", references)).Append('.');

        var helpText = new StringBuilder();
        var helpMarkdown = new StringBuilder();
        helpMarkdown.Append("**").Append(MarkdownText(title)).Append("**\n\n");
        if (!string.IsNullOrWhiteSpace(remediation))
        {
            helpText.Append(remediation).Append("\n\n");
            helpMarkdown.Append(MarkdownTemplate(remediation)).Append("\n\n");
        }
        else
        {
            helpText.Append(title).Append("\n\n");
        }

        helpText.Append(CultureInfo.InvariantCulture, $"Rule {rule.Id} ({rule.RuleSet}), severity {severity}, category {rule.Category}.");
        helpMarkdown.Append(CultureInfo.InvariantCulture, $"Rule `{rule.Id}` of rule set `{rule.RuleSet}` · severity **{severity}** · category `{rule.Category}`");
        if (references.Count > 0)
        {
            helpText.Append("\nReferences: ").Append(string.Join("; ", references));
            helpMarkdown.Append("\n\nReferences:\n");
            foreach (var reference in references) helpMarkdown.Append("- ").Append(MarkdownText(reference)).Append('\n');
        }

        var tags = new List<string> { rule.Category };
        foreach (var tag in rule.Tags)
        {
            if (!tags.Contains(tag, StringComparer.Ordinal)) tags.Add(tag);
        }

        return new SarifReportingDescriptor
        {
            Id = id,
            Name = PascalCase(rule.Title.Get("en"), rule.Id),
            ShortDescription = new SarifMultiformatMessageString { Text = title },
            FullDescription = new SarifMultiformatMessageString { Text = full.ToString() },
            Help = new SarifMultiformatMessageString { Text = helpText.ToString().TrimEnd(), Markdown = helpMarkdown.ToString().TrimEnd() },
            HelpUri = references.FirstOrDefault(r => Uri.TryCreate(r, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)),
            DefaultConfiguration = new SarifReportingConfiguration { Level = Level(rule.Severity) },
            Properties = new Dictionary<string, object?>
            {
                ["security-severity"] = SecuritySeverity(rule.Severity),
                ["tags"] = tags,
                ["category"] = rule.Category,
                ["severity"] = severity,
                ["ruleSet"] = rule.RuleSet,
                ["references"] = references,
            },
        };
    }

    private static SarifLocation Location(ComplianceReport report, int? artifact, SubjectRef subject, ModelLineLocator locator) => new()
    {
        PhysicalLocation = report.ModelFile is null ? null : Physical(report, artifact, locator.LineOf(subject)),
        LogicalLocations = [new SarifLogicalLocation { Name = subject.Id, FullyQualifiedName = subject.ToString(), Kind = "object" }],
    };

    private static SarifPhysicalLocation? Physical(ComplianceReport report, int? artifact, int line) =>
        report.ModelFile is not { } file ? null : new SarifPhysicalLocation
        {
            ArtifactLocation = new SarifArtifactLocation { Uri = ToUri(file), Index = artifact },
            Region = new SarifRegion { StartLine = line },
        };

    private static SarifSuppression Suppression(Waiver waiver)
    {
        var properties = new Dictionary<string, object?> { ["expires"] = ReportJsonWriter.FormatDate(waiver.Expires) };
        if (waiver.ApprovedBy is not null) properties["approvedBy"] = waiver.ApprovedBy;
        if (waiver.Subject is null) properties["ruleWide"] = true;
        return new SarifSuppression { Kind = "external", Status = "accepted", Justification = waiver.Justification, Properties = properties };
    }

    /// <summary>The finding's message and, for people reading the result, the subject by its display name: "… (Kanal LinkedIn Karriere)".</summary>
    private static string MessageText(Finding finding, string language) =>
        $"{finding.Message} ({Writers.ReportLabels.FactTypeLabel(finding.Subject.Type, language)} {(string.IsNullOrWhiteSpace(finding.SubjectName) ? finding.Subject.Id : finding.SubjectName)})";

    private static Dictionary<string, object?> ResultProperties(ComplianceReport report, Finding finding)
    {
        var properties = new Dictionary<string, object?>
        {
            ["organisation"] = report.Organisation.Id,
            ["ruleSet"] = finding.RuleSet,
            ["severity"] = Severities.Name(finding.Severity),
            ["category"] = finding.Category,
            ["title"] = finding.Title,
            ["subject"] = finding.Subject.ToString(),
            ["facts"] = finding.Facts.ToDictionary(p => p.Key, p => p.Value.ToString()),
        };
        if (finding.Remediation is not null) properties["remediation"] = finding.Remediation;
        properties["subjectName"] = finding.SubjectName ?? finding.Subject.Id;
        properties["owner"] = finding.Owner?.ToString();
        properties["ownerName"] = finding.OwnerName;
        return properties;
    }

    private static Dictionary<string, object?> ReportProperties(ComplianceReport report, int? artifact)
    {
        var s = report.Summary;
        var properties = new Dictionary<string, object?>
        {
            ["organisation"] = new Dictionary<string, object?> { ["id"] = report.Organisation.Id, ["name"] = report.Organisation.Name },
            ["artifactIndex"] = artifact,
            ["asOf"] = ReportJsonWriter.FormatDate(report.AsOf),
            ["score"] = s.Score,
            ["rulesEvaluated"] = s.RulesEvaluated,
            ["rulesPassed"] = s.RulesPassed,
            ["findings"] = s.Findings,
            ["waived"] = s.Waived,
            ["bySeverity"] = Severities.MostSevereFirst.ToDictionary(Severities.Name, sev => s.BySeverity.TryGetValue(sev, out var n) ? n : 0),
            ["ruleSets"] = report.RuleSets.Select(r => new Dictionary<string, object?> { ["id"] = r.Id, ["version"] = r.Version, ["rules"] = r.Rules }).ToList(),
            ["expiredWaivers"] = report.Waivers.Expired.Count,
            ["unusedWaivers"] = report.Waivers.Unused.Count,
        };
        if (report.Fixed is { } fixedFindings)
        {
            properties["newFindings"] = report.Findings.Count(f => f.Baseline == BaselineState.New);
            properties["fixedFindings"] = fixedFindings.Count;
        }

        return properties;
    }

    /// <summary>A SARIF rule name: the English title in PascalCase, letters and digits only (<c>DormantAccount</c>).</summary>
    private static string PascalCase(string title, string fallback)
    {
        var text = new StringBuilder();
        foreach (var word in Regex.Split(title, "[^\\p{L}\\p{Nd}]+"))
        {
            if (word.Length == 0) continue;
            text.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }

        return text.Length == 0 ? fallback : text.ToString();
    }

    private static string MarkdownText(string text) => Regex.Replace(text, @"([\\`*_\[\]<>|#])", "\\$1");

    /// <summary>A message template for Markdown: plain text escaped, holes <c>{expr}</c> as code.</summary>
    private static string MarkdownTemplate(string template)
    {
        var text = new StringBuilder();
        var last = 0;
        foreach (Match hole in Regex.Matches(template, "\\{[^{}]+\\}"))
        {
            text.Append(MarkdownText(template[last..hole.Index])).Append('`').Append(hole.Value.Replace("`", "'", StringComparison.Ordinal)).Append('`');
            last = hole.Index + hole.Length;
        }

        return text.Append(MarkdownText(template[last..])).ToString();
    }
}
