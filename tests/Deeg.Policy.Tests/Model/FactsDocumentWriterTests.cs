using System.Collections;
using System.Reflection;
using System.Text;
using Deeg.Policy.Model;
using Deeg.Policy.Tests.Generators;
using Deeg.Policy.Tests.Sessions;
using FsCheck;
using FsCheck.Fluent;

namespace Deeg.Policy.Tests.Model;

/// <summary>
/// <see cref="PolicyModel.ToJson"/>: a model written as a facts document reads back into the same
/// facts with the same findings, for generated models, the sample models and host extension types,
/// and the text is the documented one (defaults and derived ids left out, UTC datetimes).
/// </summary>
public class FactsDocumentWriterTests
{
    private static readonly Lazy<PolicyEngine> Engine = new(() => PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build());
    private static readonly EvaluationOptions Options = new() { AsOf = RandomModels.AsOf };

    [Fact]
    public void Generated_models_read_back_with_the_same_facts_and_findings()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(0, 1).ToArbitrary(), (seed, kind) =>
        {
            var model = kind == 0 ? new RandomModels(seed).Model() : OrganisationGenerator.Generate(seed, 40 + (seed % 400));
            RoundTrip(model);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(120));
    }

    public static TheoryData<string> SampleModels() =>
        new(Directory.GetFiles(Repository.Path("samples", "models"), "*.json").Order(StringComparer.Ordinal).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(SampleModels))]
    public void A_sample_model_reads_back_with_the_same_facts_and_findings(string file)
    {
        var loaded = PolicyModel.Load(Repository.Path("samples", "models", file));
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        RoundTrip(loaded.Model!);
    }

    [Fact]
    public void The_document_leaves_out_defaults_and_derived_ids_and_writes_datetimes_in_UTC()
    {
        var model = new PolicyModel
        {
            AsOf = new DateOnly(2026, 11, 26),
            Organisation = new Organisation { Id = "acme", Name = "ACME", Jurisdictions = ["DE"], ResponseSlaHours = 24 },
            Channels = [new Channel { Id = "xing", Platform = Platform.Xing, Scope = ChannelScope.External, BusinessUse = false, LastPostAt = new DateTimeOffset(2026, 11, 1, 10, 30, 0, TimeSpan.FromHours(1)) }],
            People = [new Person { Id = "p7", Name = "Jana Keßler" }],
            Roles =
            [
                new RoleAssignment { Id = "p7:channelAdmin:xing:", Person = "p7", Role = Role.ChannelAdmin, Channel = "xing" },
                new RoleAssignment { Id = "own", Person = "p7", Role = Role.SocialMediaLead },
            ],
            Policies = [new Deeg.Policy.Model.Policy { Id = "pol", Kind = PolicyKind.CrisisPlan, Tiers = [new CrisisTier { Level = 0 }], Clauses = [new Clause { Type = ClauseType.Retention, Value = 0.50m }] }],
            Mentions = [new Mention { Id = "m1", Platform = Platform.X, At = new DateTimeOffset(2026, 11, 2, 8, 0, 0, 123, TimeSpan.Zero) }],
        };

        Assert.Equal("""
            {
              "schemaVersion": 1,
              "asOf": "2026-11-26",
              "organisation": {
                "id": "acme",
                "name": "ACME",
                "jurisdictions": [
                  "DE"
                ]
              },
              "channels": [
                {
                  "id": "xing",
                  "platform": "xing",
                  "scope": "external",
                  "businessUse": false,
                  "lastPostAt": "2026-11-01T09:30:00Z"
                }
              ],
              "people": [
                {
                  "id": "p7",
                  "name": "Jana Keßler"
                }
              ],
              "roles": [
                {
                  "person": "p7",
                  "role": "channelAdmin",
                  "channel": "xing"
                },
                {
                  "id": "own",
                  "person": "p7",
                  "role": "socialMediaLead"
                }
              ],
              "policies": [
                {
                  "id": "pol",
                  "kind": "crisisPlan",
                  "clauses": [
                    {
                      "type": "retention",
                      "value": 0.50
                    }
                  ],
                  "tiers": [
                    {
                      "level": 0
                    }
                  ]
                }
              ],
              "mentions": [
                {
                  "id": "m1",
                  "platform": "x",
                  "at": "2026-11-02T08:00:00.123Z"
                }
              ]
            }
            """.ReplaceLineEndings("\n"), model.ToJson());
        RoundTrip(model);
    }

    [Fact]
    public void WriteTo_writes_the_same_document_as_UTF8_without_a_byte_order_mark_and_leaves_the_stream_open()
    {
        var model = new PolicyModel { Organisation = new Organisation { Id = "o", Name = "Café Ölmühle" }, People = new RandomModels(3).Model().People };
        using var stream = new MemoryStream();
        model.WriteTo(stream);
        Assert.True(stream.CanWrite);
        var bytes = stream.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(model.ToJson(), Encoding.UTF8.GetString(bytes));
        Assert.Throws<ArgumentNullException>(() => model.WriteTo(null!));
    }

    [Fact]
    public void Extension_facts_of_host_types_are_written_under_extensions_and_read_back_by_the_engine()
    {
        var engine = PolicyEngine.CreateBuilder().AddFactType<SupplierContract>().AddFactType<AgencyContract>().Build();
        var model = new PolicyModel
        {
            Organisation = new Organisation { Id = "o", Name = "O" },
            Extensions = new Dictionary<string, IReadOnlyList<object>>
            {
                ["SupplierContract"] =
                [
                    new SupplierContract { Id = "s1", Supplier = "Zulieferer AG", Volume = 12.5m, Regions = ["DE", "AT"], Platform = Platform.Linkedin, SignedAt = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero), Seats = 3 },
                    new SupplierContract { Id = "s2" },
                ],
                ["AgencyContract"] = [new AgencyContract("a1", "Agentur"), new AgencyContract("a2", "Andere", 4)],
            },
        };

        var json = model.ToJson();
        Assert.Contains("\"SupplierContract\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"platform\": \"linkedin\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"seats\": 1", json, StringComparison.Ordinal); // the constructor parameter's default
        var reread = engine.ParseModel(json);
        Assert.True(reread.Succeeded, string.Join("\n", reread.Diagnostics));
        AssertSameFacts(model, reread.Model!);
    }

    /// <summary>Written, read back, the same facts and findings, and written again the same text.</summary>
    private static void RoundTrip(PolicyModel model)
    {
        var json = model.ToJson();
        var reread = PolicyModel.Parse(json, "written.json");
        Assert.True(reread.Succeeded, string.Join("\n", reread.Diagnostics.Take(5)) + "\n" + json);
        AssertSameFacts(model, reread.Model!);
        Assert.Equal(Fingerprints(Engine.Value.Evaluate(model, Options)), Fingerprints(Engine.Value.Evaluate(reread.Model!, Options)));
        Assert.Equal(json, reread.Model!.ToJson());
    }

    private static string[] Fingerprints(ComplianceReport report) => report.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal).ToArray();

    private static void AssertSameFacts(PolicyModel expected, PolicyModel actual)
    {
        Assert.Equal(expected.AsOf, actual.AsOf);
        var left = expected.AllFacts().ToList();
        var right = actual.AllFacts().ToList();
        Assert.Equal(left.Count, right.Count);
        for (var i = 0; i < left.Count; i++) AssertSame(left[i], right[i], $"fact {i}");
        Assert.Equal(expected.Extensions.Keys, actual.Extensions.Keys);
    }

    /// <summary>Property by property, lists element by element (records compare lists by reference).</summary>
    private static void AssertSame(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected ?? "null"} vs {actual ?? "null"}");
            return;
        }

        switch (expected)
        {
            case string or ValueType:
                Assert.True(Equals(expected, actual), $"{path}: {expected} vs {actual}");
                return;
            case IEnumerable items:
                // Any list type: the loader makes List<T>s of what code may have built as arrays.
                var a = items.Cast<object?>().ToList();
                var b = ((IEnumerable)actual).Cast<object?>().ToList();
                Assert.True(a.Count == b.Count, $"{path}: {a.Count} vs {b.Count} items");
                for (var i = 0; i < a.Count; i++) AssertSame(a[i], b[i], $"{path}[{i}]");
                return;
        }

        Assert.Equal(expected.GetType(), actual.GetType());

        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            AssertSame(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
    }
}
