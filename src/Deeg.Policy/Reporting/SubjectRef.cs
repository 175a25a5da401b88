
namespace Deeg.Policy;

/// <summary>A reference to a fact, written <c>Type/id</c> (for example <c>Channel/xing-main</c>).</summary>
/// <param name="Type">The fact type name, e.g. <c>Channel</c>.</param>
/// <param name="Id">The fact's id.</param>
public sealed record SubjectRef(string Type, string Id)
{
    /// <summary>The subject reference <c>Type/id</c>.</summary>
    public override string ToString() => Type + "/" + Id;

    /// <summary>Parses <c>Type/id</c> (the id may contain further slashes); null when there is no slash.</summary>
    public static SubjectRef? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? null : new SubjectRef(text[..slash], text[(slash + 1)..]);
    }
}
