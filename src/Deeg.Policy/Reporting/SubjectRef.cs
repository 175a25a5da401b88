
namespace Deeg.Policy;

/// <summary>A reference to a fact, written <c>Type/id</c> (for example <c>Channel/xing-main</c>).</summary>
/// <param name="Type">The fact type name, e.g. <c>Channel</c>.</param>
/// <param name="Id">The fact's id.</param>
public sealed record SubjectRef(string Type, string Id)
{
    /// <summary>
    /// For the subject of a group (<c>Mention.platform/linkedin</c>): the group's key as a value, so that
    /// a report can show it like a message hole; null for a fact.
    /// </summary>
    internal object? GroupKey { get; init; }

    /// <summary>The subject reference <c>Type/id</c>.</summary>
    public override string ToString() => Type + "/" + Id;

    /// <summary>Two references are equal when they read the same; <see cref="GroupKey"/> is only for display.</summary>
    public bool Equals(SubjectRef? other) => other is not null && Type == other.Type && Id == other.Id;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Id);

    /// <summary>Parses <c>Type/id</c> (the id may contain further slashes); null when there is no slash.</summary>
    public static SubjectRef? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? null : new SubjectRef(text[..slash], text[(slash + 1)..]);
    }
}
