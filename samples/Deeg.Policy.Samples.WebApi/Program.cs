// An HTTP front for Deeg.Policy on ASP.NET Core's own server (Kestrel), bound to loopback:
//   POST /evaluate[?lang=de&asOf=2026-11-26&format=html]
//        model JSON in, the report out in any format of the library: ?format=json|sarif|junit|markdown|html|text
//        or the Accept header (application/json, application/sarif+json, application/xml, text/markdown,
//        text/html, text/plain); JSON by default; 400 problem details with diagnostics
//   GET  /rules[?lang=de]                       the loaded rule sets and rules
//   GET  /health                                the engine in service and the outcome of the last rule-set reload
// Run: dotnet run --project samples/Deeg.Policy.Samples.WebApi [-- --urls http://127.0.0.1:5080]
//   --History=team.db (or a PostgreSQL connection string): record every evaluation into a history; the
//   reports then carry firstSeen/openDays, and deeg-policy history <target> shows the trend
using System.Text;
using Deeg.Policy;
using Deeg.Policy.History;
using Deeg.Policy.Reporting;
using Deeg.Policy.Samples.WebApi;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080");   // loopback unless --urls or ASPNETCORE_URLS says otherwise

builder.Services.AddProblemDetails();
builder.Services.AddDeegPolicy(policy => policy
    .AddBuiltInRuleSets()
    .AddFactType<AgencyContract>("AgencyContract")     // a fact type of this host, usable in rules and in model "extensions"
    .AddRuleSetFile(Path.Combine(AppContext.BaseDirectory, "rules", "agency-contracts.rules.json")));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();   // bodiless errors (e.g. a query value that does not parse) become problem details too
app.Services.GetRequiredService<IPolicyEngineProvider>();   // compile the rule sets now: errors stop the start, not the first request

// An optional history, opened at the start: a store that cannot be opened stops the start with its message.
using IHistoryStore? history = builder.Configuration["History"] is { Length: > 0 } target ? HistoryStore.Open(target) : null;

app.MapPost("/evaluate", async (HttpRequest request, IPolicyEvaluator evaluator, string? lang, DateOnly? asOf, string? format) =>
{
    var (writer, problem) = ReportFormats.Select(request, format);   // a bad format is answered before anything is evaluated
    if (writer is null) return problem!;

    using var reader = new StreamReader(request.Body);
    var json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);

    ModelLoadResult loaded = evaluator.ParseModel(json, "request");
    if (!loaded.Succeeded)
        return Problems.Diagnostics("The model has errors.", loaded.Diagnostics);

    try
    {
        ComplianceReport report = evaluator.Evaluate(loaded.Model!, new EvaluationOptions { Language = lang ?? "en", AsOf = asOf });
        if (history is not null)
        {
            try
            {
                report = history.Record(report).Report;   // one transaction per evaluation; the findings gain their age
            }
            catch (HistoryException ex)
            {
                // The report is still answered; the run is missing from the history.
                app.Logger.LogError("{Error}", ex.Message);
            }
        }

        string text = writer.WriteToString([report], new ReportWriterOptions
        {
            // The model came in the request body, not from a file: SARIF finds the lines of subjects in it.
            ReadModelFile = name => name == "request" ? json : null,
        });
        return Results.Text(text, writer.ContentType, Encoding.UTF8);
    }
    catch (EvaluationOptionsException ex)
    {
        return Problems.Diagnostics("The evaluation options are invalid.", ex.Diagnostics);
    }
});

app.MapGet("/rules", (IPolicyEvaluator evaluator, string? lang) => Results.Ok(new
{
    ruleSets = evaluator.Engine.RuleSets.Select(s => new { id = s.Id, version = s.Version, rules = s.Rules }),
    rules = evaluator.Engine.Rules.Select(r => new
    {
        id = r.Id,
        ruleSet = r.RuleSet,
        severity = r.Severity.ToString().ToLowerInvariant(),
        category = r.Category,
        title = r.Title.Get(lang ?? "en"),
        enabled = r.Enabled,
        tags = r.Tags,
    }),
}));

app.MapGet("/health", (IPolicyEngineProvider engines) => Results.Ok(new
{
    status = engines.LastReload.Succeeded ? "healthy" : "degraded",   // degraded: a broken rule-set edit, the last good engine serves
    engineGeneration = engines.Generation,
    ruleSets = engines.Current.RuleSets.Count,
    rules = engines.Current.Rules.Count,
    lastReloadErrors = engines.LastReload.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()),
}));

app.Run();
