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

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> PostRaw(string path, string body, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await api.Client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
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
        Assert.Equal("Klickwerk Social GmbH betreut den Instagram-Kanal instagram-lindenhof ohne Auftragsverarbeitungsvertrag (Art. 28 DSGVO).", messages["AGENCY-001 Channel/instagram-lindenhof"]);
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

    public static TheoryData<string, string> Formats => new()
    {
        { "json", "application/json" },
        { "sarif", "application/sarif+json" },
        { "junit", "application/xml" },
        { "markdown", "text/markdown" },
        { "html", "text/html" },
        { "text", "text/plain" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_format_by_query_parameter_and_by_Accept_header(string format, string mediaType)
    {
        var byName = await PostRaw("/evaluate?format=" + format, AgencyModel);
        Assert.Equal(HttpStatusCode.OK, byName.Status);
        Assert.Equal(mediaType + "; charset=utf-8", byName.ContentType);
        Assert.Contains("AGENCY-001", byName.Body, StringComparison.Ordinal);
        Assert.EndsWith("\n", byName.Body, StringComparison.Ordinal);

        var byAccept = await PostRaw("/evaluate", AgencyModel, accept: mediaType);
        Assert.Equal((HttpStatusCode.OK, byName.ContentType, byName.Body), byAccept);
    }

    [Fact]
    public async Task Sarif_points_at_the_lines_of_the_subjects_in_the_posted_model()
    {
        var (status, contentType, body) = await PostRaw("/evaluate?format=sarif", AgencyModel);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/sarif+json; charset=utf-8", contentType);
        var log = JsonDocument.Parse(body).RootElement;
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var run = log.GetProperty("runs")[0];
        Assert.Equal("deeg-policy", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var result = run.GetProperty("results").EnumerateArray().First(r => r.GetProperty("ruleId").GetString() == "AGENCY-001");
        var location = result.GetProperty("locations")[0];
        Assert.Equal("Channel/instagram-lindenhof", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        var line = location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32();
        var expected = AgencyModel.ReplaceLineEndings("\n").Split('\n').ToList().FindIndex(l => l.Contains("\"id\": \"instagram-lindenhof\"", StringComparison.Ordinal)) + 1;
        Assert.True(expected > 1, "the sample model has the channel on its own line");
        Assert.Equal(expected, line);
    }

    [Fact]
    public async Task Html_for_a_browser_in_the_language_asked_for()
    {
        var (status, contentType, body) = await PostRaw("/evaluate?lang=de", AgencyModel, accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html; charset=utf-8", contentType);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"de\">", body, StringComparison.Ordinal);
        Assert.Contains("<h1>Bericht zur Social-Media-Policy</h1>", body, StringComparison.Ordinal);
        Assert.Contains("Lindenhof Möbelwerkstätten GmbH", body, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_a_400_problem_naming_the_parameter()
    {
        var (status, contentType, body) = await PostRaw("/evaluate?format=pdf", AgencyModel);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("format").EnumerateArray()).GetString();
        Assert.Equal("'pdf' is not a report format; use one of text, json, sarif, junit, markdown, html.", message);
    }

    [Fact]
    public async Task An_Accept_header_without_a_report_format_is_a_406_problem()
    {
        var (status, contentType, _) = await PostRaw("/evaluate", AgencyModel, accept: "application/pdf");

        Assert.Equal(HttpStatusCode.NotAcceptable, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
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
