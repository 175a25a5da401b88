using System.Net;
using System.Text;
using System.Text.Json;

namespace Deeg.Policy.Samples.Tests;

/// <summary>Starts the web sample once, as a process on a free loopback port (Kestrel picks it: port 0).</summary>
public sealed class WebApiFixture : IAsyncLifetime
{
    private SampleProcess? _sample;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _sample = SampleProcess.Start("WebApi", SampleProcess.Root, "--urls", "http://127.0.0.1:0");
        var listening = await _sample.WaitForLineAsync(@"Now listening on: (http://127\.0\.0\.1:\d+)");
        Client = new HttpClient { BaseAddress = new Uri(listening.Groups[1].Value), Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        _sample?.Dispose();
        return Task.CompletedTask;
    }
}

[Trait("Category", "Slow")]
[Trait("Kind", "Process")]
public sealed class WebApiSampleTests(WebApiFixture api) : IClassFixture<WebApiFixture>
{
    private static readonly string AgencyModel = File.ReadAllText(Path.Combine(SampleProcess.Root, "samples", "Deeg.Policy.Samples.WebApi", "models", "lindenhof-moebel.json"));

    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement Body)> Post(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await api.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> Get(string path)
    {
        using var response = await api.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string> Findings(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString() + " " + f.GetProperty("subject").GetString()).ToList();

    [Fact]
    public async Task Evaluate_returns_the_report_JSON_with_findings_on_the_hosts_own_fact_type()
    {
        var (status, mediaType, report) = await Post("/evaluate", AgencyModel);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
        Assert.Equal(1, report.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("lindenhof", report.GetProperty("organisation").GetProperty("id").GetString());
        Assert.Equal("2026-11-26", report.GetProperty("asOf").GetString());
        var findings = Findings(report);
        Assert.Contains("AGENCY-001 Channel/instagram-lindenhof", findings);   // agency without a data-processing agreement
        Assert.Contains("AGENCY-002 Channel/tiktok-lindenhof", findings);      // agency-held channel without a contract
        Assert.Contains("AGENCY-003 Channel/facebook-lindenhof", findings);    // expired contract
        Assert.Contains(findings, f => f.StartsWith("DSGVO-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_takes_language_and_evaluation_date()
    {
        var (status, _, report) = await Post("/evaluate?lang=de&asOf=2026-08-01", AgencyModel);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026-08-01", report.GetProperty("asOf").GetString());
        var messages = report.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("ruleId").GetString() + " " + f.GetProperty("subject").GetString(), f => f.GetProperty("message").GetString());
        Assert.Equal("Klickwerk Social GmbH betreut den instagram-Kanal instagram-lindenhof ohne Auftragsverarbeitungsvertrag (Art. 28 DSGVO).", messages["AGENCY-001 Channel/instagram-lindenhof"]);
        Assert.DoesNotContain("AGENCY-003 Channel/facebook-lindenhof", messages.Keys);   // the contract still ran on 2026-08-01
    }

    [Fact]
    public async Task Evaluate_accepts_models_without_extensions()
    {
        var (status, _, report) = await Post("/evaluate", File.ReadAllText(Path.Combine(SampleProcess.Root, "samples", "models", "nordlicht-kommunikation.json")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("nordlicht", report.GetProperty("organisation").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_invalid_model_is_a_400_problem_with_its_diagnostics()
    {
        var (status, mediaType, problem) = await Post("/evaluate", """
            { "organisation": { "id": "x" },
              "channels": [ { "id": "c", "platform": "myspace", "scope": "external" } ],
              "extensions": { "SupplierContract": [] } }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("The model has errors.", problem.GetProperty("title").GetString());
        var diagnostics = problem.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Contains(diagnostics, d => d.GetProperty("code").GetString() == "DP2001" && d.GetProperty("line").GetInt32() == 1 && d.GetProperty("severity").GetString() == "error");
        Assert.Contains(diagnostics, d => d.GetProperty("code").GetString() == "DP2003" && d.GetProperty("message").GetString()!.Contains("myspace", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetProperty("text").GetString()!.Contains("SupplierContract", StringComparison.Ordinal));   // not registered by this host
    }

    [Fact]
    public async Task Malformed_JSON_and_a_bad_date_are_400_problems()
    {
        var (status, mediaType, problem) = await Post("/evaluate", "{ \"organisation\": ");
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (status, mediaType));
        Assert.StartsWith("request:", problem.GetProperty("diagnostics")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        (status, mediaType, problem) = await Post("/evaluate?asOf=26.11.2026", AgencyModel);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (status, mediaType));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Rules_lists_the_rule_sets_and_rules()
    {
        var rules = await Get("/rules?lang=de");

        Assert.Contains(rules.GetProperty("ruleSets").EnumerateArray(), s => s.GetProperty("id").GetString() == "agency-contracts" && s.GetProperty("rules").GetInt32() == 3);
        var agency = rules.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "AGENCY-001");
        Assert.Equal(("agency-contracts", "high", "Agentur betreut Kanal ohne Auftragsverarbeitungsvertrag"),
            (agency.GetProperty("ruleSet").GetString(), agency.GetProperty("severity").GetString(), agency.GetProperty("title").GetString()));
        Assert.Contains(rules.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "DEEG-001");
    }

    [Fact]
    public async Task Health_reports_the_engine_in_service()
    {
        var health = await Get("/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("engineGeneration").GetInt64());
        Assert.Equal(6, health.GetProperty("ruleSets").GetInt32());
        Assert.Empty(health.GetProperty("lastReloadErrors").EnumerateArray());
    }
}
