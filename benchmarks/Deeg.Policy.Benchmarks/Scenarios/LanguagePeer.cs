using System.Reflection;
using NRules.Extensibility;

namespace Deeg.Policy.Benchmarks.Scenarios;

/// <summary>The four rules in the rule language (<c>four-rules.rules.json</c>), evaluated by the engine.</summary>
public sealed class LanguagePeer
{
    private readonly PolicyEngine _engine;

    /// <summary>Compiles the four rules, with indexed joins (default) or NRules' own matching.</summary>
    public LanguagePeer(bool indexedJoins = true, IExpressionCompiler? expressionCompiler = null)
    {
        _engine = PolicyEngine.CreateBuilder()
            .AddRuleSetJson(RuleSetJson, "four-rules.rules.json")
            .UseIndexedJoins(indexedJoins)
            .UseExpressionCompiler(expressionCompiler)
            .Build();
    }

    /// <summary>The rule set's JSON text (embedded in this assembly).</summary>
    public static string RuleSetJson { get; } = ReadResource("four-rules.rules.json");

    /// <summary>The compiled engine.</summary>
    public PolicyEngine Engine => _engine;

    /// <summary>A full evaluation (validation, matching, report), as an embedding application calls it.</summary>
    public ComplianceReport Evaluate(PolicyModel model, DateOnly asOf) => _engine.Evaluate(model, new EvaluationOptions { AsOf = asOf });

    /// <summary>The findings of a full evaluation.</summary>
    public List<PeerFinding> Run(PolicyModel model, DateOnly asOf) => Findings(Evaluate(model, asOf));

    /// <summary>A report's findings as peer findings.</summary>
    public static List<PeerFinding> Findings(ComplianceReport report) =>
        report.Errors.Count > 0
            ? throw new InvalidOperationException("evaluation errors: " + string.Join("; ", report.Errors.Select(e => e.RuleId + ": " + e.Message)))
            : report.Findings.Select(f => new PeerFinding(PeerRule(f.RuleId), f.Subject.Id)).ToList();

    /// <summary>Rule ids need three digits (<c>R-001</c>); the peers call the rules R1–R4.</summary>
    private static string PeerRule(string id) => id.StartsWith("R-00", StringComparison.Ordinal) ? "R" + id[^1] : id;

    internal static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException("missing resource " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
