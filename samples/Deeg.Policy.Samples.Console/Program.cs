// Evaluates an organisation model with the built-in rule packs and a custom rule set, prints the report as text.
//   dotnet run --project samples/Deeg.Policy.Samples.Console [-- <model.json> [en|de]]
using Deeg.Policy;
using Deeg.Policy.Reporting;

string modelPath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "models", "hahn-antriebstechnik.json");
string language = args.Length > 1 ? args[1] : "en";

// 1. Build the engine once (immutable, thread-safe): all built-in packs plus our own rule set.
PolicyEngine engine;
try
{
    engine = PolicyEngine.CreateBuilder()
        .AddBuiltInRuleSets()
        .AddRuleSetFile(Path.Combine(AppContext.BaseDirectory, "acme.rules.json"))
        .Build();
}
catch (RuleSetValidationException ex)
{
    foreach (Diagnostic d in ex.Diagnostics) Console.Error.WriteLine(d);   // file:line:col: error DPnnnn: …
    return 2;
}

// 2. Load the model: problems come back as diagnostics, not as exceptions.
ModelLoadResult loaded = engine.LoadModel(modelPath);
foreach (Diagnostic d in loaded.Diagnostics) Console.Error.WriteLine(d);
if (!loaded.Succeeded) return 2;

// 3. Evaluate and print the report with the library's text writer (findings by severity, then a summary line).
ComplianceReport report = engine.Evaluate(loaded.Model!, new EvaluationOptions { Language = language });
IReportWriter writer = ReportWriters.Get("text");
writer.Write([report], Console.Out, new ReportWriterOptions
{
    Colour = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
});

return report.Errors.Count > 0 ? 3 : 0;   // the report lists rules that failed at evaluation time
