namespace Deeg.Policy.Reporting.Writers;

/// <summary>
/// How the human formats name the subjects and owners of one report: by display name with the fact
/// type's label before it ("Kanal LinkedIn Karriere"), the id added in parentheses only where two
/// different facts would otherwise read the same.
/// </summary>
internal sealed class ReportNames
{
    private readonly ReportLabels _labels;
    private readonly Dictionary<SubjectRef, string> _names = [];
    private readonly HashSet<(string Type, string Name)> _ambiguous = [];

    public ReportNames(ComplianceReport report, ReportLabels labels)
    {
        _labels = labels;
        foreach (var f in report.Findings)
        {
            _names.TryAdd(f.Subject, NameOf(f.SubjectName, f.Subject));
            if (f.Owner is { } owner) _names.TryAdd(owner, NameOf(f.OwnerName, owner));
        }

        foreach (var group in _names.GroupBy(n => (n.Key.Type, n.Value)))
        {
            if (group.Count() > 1) _ambiguous.Add(group.Key);
        }
    }

    /// <summary>The subject with its type's label: "Kanal LinkedIn Karriere".</summary>
    public string Subject(Finding f) => Reference(f.Subject);

    /// <summary>The subject's name without the type's label: "LinkedIn Karriere" (with its id when ambiguous).</summary>
    public string SubjectName(Finding f) => Name(f.Subject);

    /// <summary>The owner's name ("Petra Brandt"), or null when the rule names nobody.</summary>
    public string? Owner(Finding f) => f.Owner is { } owner ? Name(owner) : null;

    /// <summary>The owner's name, or the words for "no owner named".</summary>
    public string OwnerOrNone(Finding f) => Owner(f) ?? _labels.NoOwner;

    /// <summary>A fact by its type's label and its display name where the report knows it, else its id.</summary>
    public string Reference(SubjectRef reference) => _labels.FactType(reference.Type) + " " + Name(reference);

    /// <summary>A reference written <c>Type/id</c> (a fixed finding, a waiver): like <see cref="Reference(SubjectRef)"/>; other text as it is.</summary>
    public string Reference(string reference) => SubjectRef.TryParse(reference) is { } parsed ? Reference(parsed) : reference;

    /// <summary>The display name of a fact the report knows, with its id when two facts of the type read the same; else its id.</summary>
    public string Name(SubjectRef reference)
    {
        if (!_names.TryGetValue(reference, out var name)) return reference.Id;
        return _ambiguous.Contains((reference.Type, name)) && name != reference.Id ? $"{name} ({reference.Id})" : name;
    }

    /// <summary>The channel a finding is about: its subject when that is a channel, else the first channel among its facts; null when none.</summary>
    public static SubjectRef? ChannelOf(Finding f) =>
        f.Subject.Type == "Channel" ? f.Subject : f.Facts.Values.FirstOrDefault(r => r.Type == "Channel");

    private static string NameOf(string? name, SubjectRef reference) => string.IsNullOrWhiteSpace(name) ? reference.Id : name;
}
