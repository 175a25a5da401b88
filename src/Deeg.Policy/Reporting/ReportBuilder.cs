using System.Collections;
using Deeg.Policy.Core;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Deeg.Policy.Reporting;

/// <summary>Turns raw findings into a report: waivers, fingerprints, ordering, summary and score (docs/report-format.md).</summary>
/// <remarks>
/// Decisions the contract leaves open (documented in docs/report-format.md):
/// <list type="bullet">
/// <item>A waiver applies from its creation up to and including its <c>expires</c> day; it is expired when <c>expires &lt; asOf</c>.</item>
/// <item>A finding matched by several waivers carries the most specific one (a waiver naming the subject
/// before a rule-wide one, then file order); every waiver that matched at least one finding is applied.</item>
/// <item>A rule listed in <see cref="ReportInput.Errors"/> counts as evaluated but never as passed, whatever
/// findings it produced before failing: its weight is in the total, not in the passed weight.</item>
/// <item>Two raw findings with the same rule and subject are one finding (the first wins), so a fingerprint
/// is unique within a report.</item>
/// </list>
/// </remarks>
internal static class ReportBuilder
{
    /// <summary>The tool name in every report.</summary>
    public const string ToolName = "deeg-policy";

    /// <summary>The library version without the <c>+commit</c> suffix of the informational version, e.g. <c>1.0.0</c>.</summary>
    public static string ToolVersion { get; } = ProductVersion.Of(typeof(ReportBuilder).Assembly);

    /// <summary>
    /// The fingerprint of a finding: the lower-case hex SHA-256 of the UTF-8 text
    /// <c>ruleSet + "\n" + ruleId + "\n" + subject</c> (subject as <c>Type/id</c>), cut to its first
    /// 32 hex digits (128 bits). It depends on nothing else — not on the message, the model file,
    /// the evaluation date, the machine or the tool version — so a finding keeps its fingerprint
    /// across runs and versions of the model as long as rule set, rule and subject stay the same.
    /// </summary>
    public static string Fingerprint(string ruleSet, string ruleId, string subject)
    {
        // The same bytes as hashing UTF8.GetBytes of the joined text, without the intermediate strings and arrays.
        var text = string.Concat(ruleSet, "\n", ruleId, "\n", subject);
        var length = Encoding.UTF8.GetByteCount(text);
        Span<byte> buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(text, buffer);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>100 × passed weight / total weight, rounded half away from zero; 100 when the total is 0.</summary>
    public static int Score(int passedWeight, int totalWeight) =>
        totalWeight <= 0 ? 100 : (int)Math.Round(100m * passedWeight / totalWeight, MidpointRounding.AwayFromZero);

    /// <summary>Builds the report.</summary>
    public static ComplianceReport Build(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Waivers: expired ones take no part in matching.
        var active = new List<Waiver>();
        var expired = new List<Waiver>();
        foreach (var waiver in input.Waivers)
        {
            if (waiver.Expires < input.AsOf) expired.Add(waiver);
            else active.Add(waiver);
        }

        var matched = new HashSet<int>();
        // With each finding its subject reference as text, built once (sorting compares it often).
        var keyed = new List<(Finding Finding, string Subject)>(input.Findings.Count);
        var seen = new HashSet<(string RuleSet, string RuleId, string Subject)>(input.Findings.Count);
        foreach (var raw in input.Findings)
        {
            var subject = raw.Subject.ToString();
            if (!seen.Add((raw.Rule.RuleSet, raw.Rule.Id, subject))) continue;

            Waiver? applied = null;
            var appliedIsSpecific = false;
            for (var i = 0; i < active.Count; i++)
            {
                var waiver = active[i];
                if (!string.Equals(waiver.Rule, raw.Rule.Id, StringComparison.Ordinal)) continue;
                var specific = waiver.Subject is not null;
                if (specific && !string.Equals(waiver.Subject, subject, StringComparison.Ordinal)) continue;
                matched.Add(i);
                if (applied is null || (specific && !appliedIsSpecific))
                {
                    applied = waiver;
                    appliedIsSpecific = specific;
                }
            }

            keyed.Add((new Finding
            {
                RuleId = raw.Rule.Id,
                RuleSet = raw.Rule.RuleSet,
                Severity = raw.Rule.Severity,
                Category = raw.Rule.Category,
                Title = raw.Rule.Title.Get(input.Language),
                Message = raw.Message,
                Remediation = raw.Remediation,
                Subject = raw.Subject,
                SubjectName = string.IsNullOrWhiteSpace(raw.SubjectName) ? raw.Subject.Id : raw.SubjectName,
                Owner = raw.Owner,
                OwnerName = raw.Owner is null ? null : string.IsNullOrWhiteSpace(raw.OwnerName) ? raw.Owner.Id : raw.OwnerName,
                Facts = new OrderedReadOnlyDictionary<string, SubjectRef>(raw.Facts),
                Fingerprint = Fingerprint(raw.Rule.RuleSet, raw.Rule.Id, subject),
                Waiver = applied,
                Evidence = raw.Evidence,
            }, subject));
        }

        keyed.Sort((a, b) => CompareFindings(a.Finding, a.Subject, b.Finding, b.Subject));
        var findings = keyed.ConvertAll(k => k.Finding);

        var appliedWaivers = new List<Waiver>();
        var unused = new List<Waiver>();
        for (var i = 0; i < active.Count; i++) (matched.Contains(i) ? appliedWaivers : unused).Add(active[i]);

        return new ComplianceReport
        {
            Tool = new ToolInfo { Name = ToolName, Version = ToolVersion },
            AsOf = input.AsOf,
            Organisation = new OrganisationInfo { Id = input.Organisation.Id, Name = input.Organisation.Name },
            ModelFile = input.ModelFile,
            Language = input.Language,
            RuleSets = input.RuleSets,
            Summary = Summarise(input, findings),
            Findings = findings,
            Waivers = new WaiverSummary { Applied = appliedWaivers, Expired = expired, Unused = unused },
            Errors = input.Errors,
            Rules = input.EnabledRules,
        };
    }

    /// <summary>Severity (critical first), then rule id, then subject reference, both ordinal.</summary>
    /// <remarks>The subject references come as text, built once per finding.</remarks>
    private static int CompareFindings(Finding a, string aSubject, Finding b, string bSubject)
    {
        var c = Comparer<Severity>.Default.Compare(b.Severity, a.Severity);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c != 0) return c;
        c = string.CompareOrdinal(aSubject, bSubject);
        return c != 0 ? c : string.CompareOrdinal(a.RuleSet, b.RuleSet);
    }

    private static ReportSummary Summarise(ReportInput input, List<Finding> findings)
    {
        var failing = new HashSet<(string RuleSet, string RuleId)>();
        foreach (var f in findings)
        {
            if (!f.Waived) failing.Add((f.RuleSet, f.RuleId));
        }

        // A rule that failed at evaluation time is not known to pass: evaluated, not passed.
        var erroneous = new HashSet<string>(input.Errors.Select(e => e.RuleId), StringComparer.Ordinal);

        int passed = 0, totalWeight = 0, passedWeight = 0;
        foreach (var rule in input.EnabledRules)
        {
            var weight = Severities.Weight(rule.Severity);
            totalWeight += weight;
            if (failing.Contains((rule.RuleSet, rule.Id)) || erroneous.Contains(rule.Id)) continue;
            passed++;
            passedWeight += weight;
        }

        var bySeverity = new Dictionary<Severity, int>
        {
            [Severity.Critical] = 0,
            [Severity.High] = 0,
            [Severity.Medium] = 0,
            [Severity.Low] = 0,
            [Severity.Info] = 0,
        };
        foreach (var f in findings)
        {
            if (!f.Waived) bySeverity[f.Severity]++;
        }

        return new ReportSummary
        {
            RulesEvaluated = input.EnabledRules.Count,
            RulesPassed = passed,
            Findings = findings.Count,
            Waived = findings.Count(f => f.Waived),
            BySeverity = bySeverity,
            Score = Score(passedWeight, totalWeight),
        };
    }

}

/// <summary>A read-only dictionary that enumerates in insertion order (the order of a rule's aliases).</summary>
internal sealed class OrderedReadOnlyDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    // Every finding has one of these (its facts by alias, a handful): up to this many entries a scan
    // is cheaper than a hash table, which is built only for more (or never, when nobody looks up).
    private const int ScanLimit = 8;

    private readonly List<KeyValuePair<TKey, TValue>> _items;
    private readonly IEqualityComparer<TKey> _comparer;
    private Dictionary<TKey, TValue>? _index;

    /// <summary>Creates the dictionary; a repeated key keeps its first position and value.</summary>
    public OrderedReadOnlyDictionary(IEnumerable<KeyValuePair<TKey, TValue>> items, IEqualityComparer<TKey>? comparer = null)
    {
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
        _items = items is ICollection<KeyValuePair<TKey, TValue>> sized ? new(sized.Count) : [];
        foreach (var item in items)
        {
            if (_items.Count < ScanLimit ? IndexOf(item.Key) < 0 : Index().TryAdd(item.Key, item.Value)) _items.Add(item);
            if (_items.Count == ScanLimit) Index();
        }
    }

    public int Count => _items.Count;

    public IEnumerable<TKey> Keys => _items.Select(i => i.Key);

    public IEnumerable<TValue> Values => _items.Select(i => i.Value);

    public TValue this[TKey key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"the key '{key}' is not present");

    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_index is not null) return _index.TryGetValue(key, out value);
        var i = IndexOf(key);
        value = i < 0 ? default! : _items[i].Value;
        return i >= 0;
    }

    private int IndexOf(TKey key)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (_comparer.Equals(_items[i].Key, key)) return i;
        }

        return -1;
    }

    private Dictionary<TKey, TValue> Index()
    {
        if (_index is not null) return _index;
        _index = new Dictionary<TKey, TValue>(_comparer);
        foreach (var item in _items) _index.TryAdd(item.Key, item.Value);
        return _index;
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
