
namespace Deeg.Policy.Samples.WebApi;

/// <summary>RFC 7807 problem details for diagnostics.</summary>
internal static class Problems
{
    /// <summary>A 400 problem whose extension member <c>diagnostics</c> lists every diagnostic (errors and warnings).</summary>
    public static IResult Diagnostics(string title, IReadOnlyList<Diagnostic> diagnostics) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: title,
        detail: $"{diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s); see 'diagnostics'.",
        extensions: new Dictionary<string, object?>
        {
            ["diagnostics"] = diagnostics.Select(d => new
            {
                code = d.Code,
                severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
                message = d.Message,
                line = d.Line,
                column = d.Column,
                text = d.ToString(),
            }).ToList(),
        });
}
