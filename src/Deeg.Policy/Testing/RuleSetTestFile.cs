using System.Text.RegularExpressions;
using Deeg.Policy.Diagnostics;
using Deeg.Policy.Language.Syntax;
using Deeg.Policy.Model;
using Newtonsoft.Json.Linq;
using static Deeg.Policy.Diagnostics.DiagnosticCodes;

namespace Deeg.Policy.Testing;

/// <summary>
/// A rule-set test file (<c>*.tests.json</c>, schema docs/schemas/tests.schema.json): the rule sets to load and
/// cases of models with the findings they must and must not produce. <see cref="Load"/> checks
/// the file, its rule sets and its models completely; <see cref="Run"/> evaluates the cases.
/// </summary>
public sealed class RuleSetTestFile
{
    internal static readonly string[] FileProperties = ["$schema", "ruleSets", "cases"];
    internal static readonly string[] CaseProperties = ["name", "asOf", "lang", "model", "modelFile", "params", "expect", "expectNot", "exact"];
    internal static readonly string[] ExpectationProperties = ["rule", "subject", "message", "messageMatches"];

    /// <summary>The languages a case's messages can render in.</summary>
    internal static readonly string[] Languages = ["en", "de"];

    /// <summary>Bounds one <c>messageMatches</c> search, so that a catastrophically backtracking pattern fails its case instead of hanging.</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private readonly PolicyEngine? _engine;
    private readonly List<LoadedCase> _cases;

    private RuleSetTestFile(string file, PolicyEngine? engine, List<LoadedCase> cases, IReadOnlyList<Diagnostic> diagnostics)
    {
        File = file;
        _engine = engine;
        _cases = cases;
        Diagnostics = diagnostics;
    }

    /// <summary>The test file's path or name.</summary>
    public string File { get; }

    /// <summary>Every problem of the file, its rule sets and its models.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the file can be run (no errors).</summary>
    public bool Succeeded => _engine is not null && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The names of the cases, in file order.</summary>
    public IReadOnlyList<string> CaseNames => _cases.Select(c => c.Name).ToList();

    /// <summary>Loads a test file; rule-set paths and <c>modelFile</c>s are relative to its folder.</summary>
    public static RuleSetTestFile Load(string path)
    {
        var diagnostics = new DiagnosticBag();
        var source = JsonSource.ReadFile(path, diagnostics);
        return Read(source, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", diagnostics);
    }

    /// <summary>Parses a test file; relative paths are resolved against <paramref name="baseDirectory"/> (default: the current folder).</summary>
    public static RuleSetTestFile Parse(string json, string? sourceName = null, string? baseDirectory = null)
    {
        var diagnostics = new DiagnosticBag();
        var source = JsonSource.Parse(json, sourceName ?? "<tests>", diagnostics);
        return Read(source, baseDirectory ?? Directory.GetCurrentDirectory(), diagnostics);
    }

    /// <summary>Runs every case. A file with errors runs no case.</summary>
    public RuleSetTestRun Run()
    {
        if (!Succeeded) return new RuleSetTestRun { File = File, Cases = [], Rules = [], RulesFired = [] };
        var results = _cases.Select(c => c.Run(_engine!)).ToList();
        var rules = _engine!.Rules.Where(r => r.Enabled).Select(r => r.Id).ToList();
        return new RuleSetTestRun
        {
            File = File,
            Cases = results,
            Rules = rules,
            RulesFired = results.SelectMany(r => r.Findings).Select(f => f.RuleId).Distinct().ToList(),
        };
    }

    private static RuleSetTestFile Read(JsonSource source, string baseDirectory, DiagnosticBag diagnostics)
    {
        var cases = new List<LoadedCase>();
        if (source.Root is null) return new RuleSetTestFile(source.File, null, cases, diagnostics.ToSortedList());
        if (source.Root is not JObject root || root["cases"] is null)
        {
            diagnostics.Error(WrongDocumentShape, source.Locate(source.Root), "a rule-set test file must be a JSON object with 'ruleSets' and 'cases'");
            return new RuleSetTestFile(source.File, null, cases, diagnostics.ToSortedList());
        }

        var reader = new Reader(source, diagnostics);
        reader.CheckProperties(root, FileProperties, "test file");

        // The rule sets: files relative to the test file, or builtin:NAME.
        var builder = PolicyEngine.CreateBuilder();
        foreach (var entry in reader.StringArray(root, "ruleSets", required: true))
        {
            if (entry.Value.StartsWith("builtin:", StringComparison.Ordinal)) builder.AddBuiltInRuleSet(entry.Value["builtin:".Length..]);
            else builder.AddRuleSetFile(Path.GetFullPath(Path.Combine(baseDirectory, entry.Value)));
        }

        var built = builder.TryBuild();
        var engine = built.Engine;
        diagnostics.AddRange(built.Diagnostics);
        var types = engine is null ? BuiltInFactTypes.CreateRegistry() : engine.Types;

        if (root["cases"] is not JArray caseArray)
        {
            diagnostics.Error(TestFileInvalid, source.Locate(root["cases"]), "'cases' must be an array of test cases");
        }
        else
        {
            // Expectations may only name rules that the loaded rule sets define (unknown only when they loaded).
            var ruleIds = engine?.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var token in caseArray)
            {
                var loaded = reader.Case(token, baseDirectory, types, ruleIds);
                if (loaded is not null) cases.Add(loaded);
            }
        }

        return new RuleSetTestFile(source.File, engine, cases, diagnostics.ToSortedList());
    }

    /// <summary>Reads the parts of a test file and reports what is wrong with them.</summary>
    private sealed class Reader(JsonSource source, DiagnosticBag diagnostics)
    {
        public void CheckProperties(JObject obj, string[] allowed, string what) =>
            source.CheckProperties(obj, allowed, "on " + what, TestFileUnknownProperty, diagnostics);

        public List<(string Value, SourceLocation Location)> StringArray(JObject obj, string name, bool required)
        {
            var token = obj[name];
            if (token is null)
            {
                if (required) diagnostics.Error(TestFileInvalid, source.Locate(obj), $"the test file has no '{name}'");
                return [];
            }

            if (token is JArray array && array.All(t => t.Type == JTokenType.String))
                return array.Select(t => ((string)t!, source.Locate(t))).ToList();
            diagnostics.Error(TestFileInvalid, source.Locate(token), $"'{name}' must be an array of strings");
            return [];
        }

        public LoadedCase? Case(JToken token, string baseDirectory, Core.FactTypeRegistry types, HashSet<string>? ruleIds)
        {
            if (token is not JObject obj)
            {
                diagnostics.Error(TestFileInvalid, source.Locate(token), "each test case must be an object");
                return null;
            }

            CheckProperties(obj, CaseProperties, "test case");
            var name = obj["name"]?.Type == JTokenType.String ? (string)obj["name"]! : null;
            if (name is null) diagnostics.Error(TestFileInvalid, source.Locate(obj["name"] ?? obj), "a test case needs a 'name' string");

            DateOnly? asOf = null;
            if (obj["asOf"] is { Type: not JTokenType.Null } asOfToken)
            {
                if (asOfToken.Type == JTokenType.String && DateOnly.TryParseExact((string)asOfToken!, "yyyy-MM-dd", out var date)) asOf = date;
                else diagnostics.Error(TestFileInvalid, source.Locate(asOfToken), "'asOf' must be a date YYYY-MM-DD");
            }

            var language = "en";
            if (obj["lang"] is { Type: not JTokenType.Null } langToken)
            {
                if (langToken.Type == JTokenType.String && Languages.Contains((string)langToken!, StringComparer.Ordinal)) language = (string)langToken!;
                else diagnostics.Error(TestFileInvalid, source.Locate(langToken), "'lang' must be \"en\" or \"de\"");
            }

            var model = Model(obj, baseDirectory, types);
            var parameters = Parameters(obj["params"]);
            var exact = obj["exact"] is { Type: JTokenType.Boolean } e && (bool)e;
            if (obj["exact"] is { Type: not (JTokenType.Boolean or JTokenType.Null) } badExact)
                diagnostics.Error(TestFileInvalid, source.Locate(badExact), "'exact' must be true or false");
            var expect = Expectations(obj["expect"], exact, ruleIds);
            var expectNot = Expectations(obj["expectNot"], requireSubject: false, ruleIds);
            return name is null || model is null ? null : new LoadedCase(name, asOf, language, model, parameters, expect, expectNot, exact);
        }

        private PolicyModel? Model(JObject obj, string baseDirectory, Core.FactTypeRegistry types)
        {
            ModelLoadResult result;
            if (obj["model"] is { } inline && obj["modelFile"] is not null)
            {
                diagnostics.Error(TestFileInvalid, source.Locate(inline), "a test case has either 'model' or 'modelFile', not both");
                return null;
            }

            if (obj["model"] is { } model)
            {
                result = ModelLoader.LoadEmbedded(source, model, types);
            }
            else if (obj["modelFile"] is { Type: JTokenType.String } file)
            {
                result = ModelLoader.LoadFile(Path.GetFullPath(Path.Combine(baseDirectory, (string)file!)), types);
            }
            else
            {
                diagnostics.Error(TestFileInvalid, source.Locate(obj), "a test case needs a 'model' object or a 'modelFile' path");
                return null;
            }

            diagnostics.AddRange(result.Diagnostics);
            return result.Model;
        }

        private Dictionary<string, object?> Parameters(JToken? token)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (token is null || token.Type == JTokenType.Null) return result;
            if (token is not JObject obj)
            {
                diagnostics.Error(TestFileInvalid, source.Locate(token), "'params' must be an object of ruleSet.name → value");
                return result;
            }

            foreach (var property in obj.Properties())
            {
                var value = RuleSetReader.ParameterValue(property.Value);
                if (value is null) diagnostics.Error(TestFileInvalid, source.Locate(property.Value), $"parameter '{property.Name}' must be a number, string, bool or an array of one of those");
                else result[property.Name] = value;
            }

            return result;
        }

        private List<Expectation> Expectations(JToken? token, bool requireSubject, HashSet<string>? ruleIds)
        {
            var result = new List<Expectation>();
            if (token is null || token.Type == JTokenType.Null) return result;
            if (token is not JArray array)
            {
                diagnostics.Error(TestFileInvalid, source.Locate(token), "expectations must be an array of {\"rule\", \"subject\"} objects");
                return result;
            }

            foreach (var item in array)
            {
                if (item is not JObject entry || entry["rule"]?.Type != JTokenType.String)
                {
                    diagnostics.Error(TestFileInvalid, source.Locate(item), "an expectation needs a 'rule' id (and optionally a 'subject' Type/id)");
                    continue;
                }

                CheckProperties(entry, ExpectationProperties, "expectation");
                var rule = (string)entry["rule"]!;
                if (ruleIds is not null && !ruleIds.Contains(rule))
                {
                    var hint = Suggestions.DidYouMean(rule, ruleIds.Order(StringComparer.Ordinal));
                    diagnostics.Error(TestFileUnknownRule, source.Locate(entry["rule"]), $"no loaded rule set defines a rule '{Suggestions.Shorten(rule)}'{hint}");
                    continue;
                }

                string? subject = null;
                if (entry["subject"] is { Type: not JTokenType.Null } s)
                {
                    subject = s.Type == JTokenType.String ? (string)s! : null;
                    if (SubjectRef.TryParse(subject) is null)
                    {
                        diagnostics.Error(TestFileInvalid, source.Locate(s), "'subject' must be a subject reference Type/id, e.g. Channel/xing-main");
                        continue;
                    }
                }
                else if (requireSubject)
                {
                    diagnostics.Error(TestFileInvalid, source.Locate(entry), "with \"exact\": true every expectation names a 'subject'");
                }

                if (!MessageCheck(entry, out var message, out var pattern)) continue;
                result.Add(new Expectation(rule, subject, message, pattern));
            }

            return result;
        }

        /// <summary>Reads an expectation's <c>message</c> or <c>messageMatches</c> (at most one); false when it is invalid.</summary>
        private bool MessageCheck(JObject entry, out string? message, out Regex? pattern)
        {
            message = null;
            pattern = null;
            var exactToken = entry["message"] is { Type: not JTokenType.Null } m ? m : null;
            var patternToken = entry["messageMatches"] is { Type: not JTokenType.Null } p ? p : null;
            if (exactToken is not null && patternToken is not null)
            {
                diagnostics.Error(TestFileInvalid, source.Locate(patternToken), "an expectation has either 'message' or 'messageMatches', not both");
                return false;
            }

            if (exactToken is not null)
            {
                if (exactToken.Type != JTokenType.String)
                {
                    diagnostics.Error(TestFileInvalid, source.Locate(exactToken), "'message' must be a string, the exact rendered message");
                    return false;
                }

                message = (string)exactToken!;
            }

            if (patternToken is null) return true;
            if (patternToken.Type != JTokenType.String)
            {
                diagnostics.Error(TestFileInvalid, source.Locate(patternToken), "'messageMatches' must be a string, a regular expression");
                return false;
            }

            try
            {
                pattern = new Regex((string)patternToken!, RegexOptions.CultureInvariant, MatchTimeout);
                return true;
            }
            catch (ArgumentException ex)
            {
                diagnostics.Error(TestFileInvalid, source.Locate(patternToken), $"'messageMatches' is not a valid regular expression: {ex.Message}");
                return false;
            }
        }
    }

    private sealed record Expectation(string Rule, string? Subject, string? Message, Regex? MessagePattern)
    {
        public bool Matches(Finding finding) =>
            finding.RuleId == Rule && (Subject is null || finding.Subject.ToString() == Subject) && MessageMatches(finding.Message);

        /// <summary>True when the expectation says nothing about the message.</summary>
        public bool AnyMessage => Message is null && MessagePattern is null;

        private bool MessageMatches(string message)
        {
            if (Message is not null) return message == Message;
            if (MessagePattern is null) return true;
            try
            {
                return MessagePattern.IsMatch(message);
            }
            catch (RegexMatchTimeoutException)
            {
                throw new MessagePatternTimeoutException(this);
            }
        }

        public override string ToString()
        {
            var text = Subject is null ? Rule : $"{Rule} on {Subject}";
            if (Message is not null) return $"{text} with message \"{Message}\"";
            return MessagePattern is null ? text : $"{text} with a message matching /{MessagePattern}/";
        }
    }

    /// <summary>A <c>messageMatches</c> search ran out of time; the case fails with this.</summary>
    private sealed class MessagePatternTimeoutException(Expectation expectation) : Exception
    {
        public Expectation Expectation { get; } = expectation;
    }

    private sealed record LoadedCase(string Name, DateOnly? AsOf, string Language, PolicyModel Model, Dictionary<string, object?> Parameters,
        List<Expectation> Expect, List<Expectation> ExpectNot, bool Exact)
    {
        public RuleSetTestCaseResult Run(PolicyEngine engine)
        {
            var options = new EvaluationOptions { AsOf = AsOf, Language = Language };
            foreach (var (name, value) in Parameters) options.Parameters[name] = value;
            ComplianceReport report;
            try
            {
                report = engine.Evaluate(Model, options);
            }
            catch (EvaluationOptionsException ex)
            {
                return new RuleSetTestCaseResult { Name = Name, Failures = ex.Diagnostics.Select(d => "invalid params: " + d.Message).ToList(), Findings = [] };
            }

            var findings = report.Findings;
            try
            {
                return new RuleSetTestCaseResult { Name = Name, Failures = Check(report, findings), Findings = findings };
            }
            catch (MessagePatternTimeoutException ex)
            {
                return new RuleSetTestCaseResult
                {
                    Name = Name,
                    Failures = [$"the message pattern of the expectation {ex.Expectation} took longer than {MatchTimeout.TotalSeconds:0} seconds to match"],
                    Findings = findings,
                };
            }
        }

        private List<string> Check(ComplianceReport report, IReadOnlyList<Finding> findings)
        {
            var failures = new List<string>();
            foreach (var error in report.Errors) failures.Add($"rule {error.RuleId} failed at evaluation time: {error.Message}");
            foreach (var expected in Expect.Where(x => !findings.Any(x.Matches)))
            {
                // Name the messages found when the expectation is about the message.
                var candidates = findings.Where(f => f.RuleId == expected.Rule);
                failures.Add($"expected a finding {expected}, found {Describe(candidates, withMessages: !expected.AnyMessage)}");
            }

            foreach (var unexpected in ExpectNot)
            {
                var matching = findings.Where(unexpected.Matches).ToList();
                if (matching.Count > 0) failures.Add($"expected no finding {unexpected}, found {Describe(matching, withMessages: !unexpected.AnyMessage)}");
            }

            if (Exact)
            {
                var extra = findings.Where(f => !Expect.Any(x => x.Matches(f))).ToList();
                if (extra.Count > 0) failures.Add($"expected exactly the listed findings, also found {Describe(extra, withMessages: Expect.Any(x => !x.AnyMessage))}");
            }

            return failures;
        }

        private static string Describe(IEnumerable<Finding> findings, bool withMessages)
        {
            var list = findings.Select(f => withMessages ? $"{f.RuleId} on {f.Subject} with message \"{f.Message}\"" : $"{f.RuleId} on {f.Subject}").ToList();
            return list.Count == 0 ? "none" : string.Join(", ", list);
        }
    }
}

/// <summary>The outcome of one test case.</summary>
public sealed record RuleSetTestCaseResult
{
    /// <summary>The case's name.</summary>
    public required string Name { get; init; }

    /// <summary>What did not hold, each with what was expected and what was found; empty when the case passed.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>The findings of the case's evaluation.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>True when every expectation held.</summary>
    public bool Passed => Failures.Count == 0;
}

/// <summary>The outcome of running a test file: the cases and the rule coverage.</summary>
public sealed record RuleSetTestRun
{
    /// <summary>The test file.</summary>
    public required string File { get; init; }

    /// <summary>Each case's result, in file order.</summary>
    public required IReadOnlyList<RuleSetTestCaseResult> Cases { get; init; }

    /// <summary>The enabled rules of the loaded rule sets.</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    /// <summary>The rules that fired in at least one case.</summary>
    public required IReadOnlyList<string> RulesFired { get; init; }

    /// <summary>Cases that passed.</summary>
    public int Passed => Cases.Count(c => c.Passed);

    /// <summary>Cases that failed.</summary>
    public int Failed => Cases.Count(c => !c.Passed);

    /// <summary>The loaded rules that never fired, in rule order.</summary>
    public IReadOnlyList<string> RulesNeverFired => Rules.Where(r => !RulesFired.Contains(r)).ToList();
}
