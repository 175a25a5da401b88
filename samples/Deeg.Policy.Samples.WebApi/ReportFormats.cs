using Deeg.Policy.Reporting;
using Microsoft.Net.Http.Headers;

namespace Deeg.Policy.Samples.WebApi;

/// <summary>Picks the library's report writer for a request: <c>?format=</c> first, else the <c>Accept</c> header, else JSON.</summary>
internal static class ReportFormats
{
    /// <summary>
    /// The writer asked for, or a problem: 400 naming the <c>format</c> parameter when it is not a
    /// format, 406 when the <c>Accept</c> header names only media types no writer produces.
    /// </summary>
    public static (IReportWriter? Writer, IResult? Problem) Select(HttpRequest request, string? format)
    {
        if (format is not null)
        {
            return ReportWriters.TryGet(format, out var named)
                ? (named, null)
                : (null, Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["format"] = [$"'{format}' is not a report format; use one of {string.Join(", ", ReportWriters.Names)}."] },
                    title: "Unknown report format."));
        }

        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return (ReportWriters.Get("json"), null);

        // Highest quality first; among equals the order of the header. */* and application/* mean JSON.
        foreach (var range in accept.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var mediaType = range.MediaType.Value ?? string.Empty;
            if (mediaType is "*/*" or "application/*") return (ReportWriters.Get("json"), null);
            var writer = ReportWriters.All.FirstOrDefault(w => string.Equals(w.ContentType, mediaType, StringComparison.OrdinalIgnoreCase)
                || (mediaType.EndsWith("/*", StringComparison.Ordinal) && w.ContentType.StartsWith(mediaType[..^1], StringComparison.OrdinalIgnoreCase)));
            if (writer is not null) return (writer, null);
        }

        return (null, Results.Problem(
            statusCode: StatusCodes.Status406NotAcceptable,
            title: "No report format for the Accept header.",
            detail: $"The reports are available as {string.Join(", ", ReportWriters.All.Select(w => w.ContentType))}; or ask with ?format={string.Join("|", ReportWriters.Names)}."));
    }
}
