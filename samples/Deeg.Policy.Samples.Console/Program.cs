// Evaluates an organisation model with the built-in rule packs and a custom rule set, prints a report.
//   dotnet run --project samples/Deeg.Policy.Samples.Console [-- <model.json> [en|de]]
using Deeg.Policy;

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

// 3. Evaluate and print the findings by severity.
ComplianceReport report = engine.Evaluate(loaded.Model!, new EvaluationOptions { Language = language });
Console.WriteLine($"{report.Organisation.Name}: score {report.Summary.Score}/100, {report.Findings.Count} finding(s) as of {report.AsOf:yyyy-MM-dd}");
Console.WriteLine($"rule sets: {string.Join(", ", report.RuleSets.Select(r => $"{r.Id} {r.Version}"))}");
foreach (var group in report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key))
{
    Console.WriteLine();
    Console.WriteLine($"{group.Key.ToString().ToUpperInvariant()} ({group.Count()})");
    foreach (Finding f in group)
    {
        Console.WriteLine($"  {f.RuleId,-9} {f.Subject}{(f.Waived ? " (waived)" : "")}");
        Console.WriteLine($"            {f.Message}");
    }
}

foreach (EvaluationError e in report.Errors) Console.Error.WriteLine($"rule {e.RuleId} failed: {e.Message}");
return report.Errors.Count > 0 ? 3 : 0;
