using Deeg.Policy.Model;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Deeg.Policy.Samples.Orleans.Tests;

/// <summary>The two serialisations of the sample: facts documents written by the library (what grains persist) and fact records (what crosses grain calls).</summary>
public sealed class FactsJsonTests
{
    internal static readonly PolicyEngine Engine = PolicyEngine.CreateBuilder().AddBuiltInRuleSets().Build();

    public static TheoryData<string> SampleModels() => new(SampleModelFiles());

    internal static string[] SampleModelFiles() => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "models"), "*.json").Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [MemberData(nameof(SampleModels))]
    public void A_written_sample_model_reads_back_with_the_same_findings(string file)
    {
        var model = PolicyModel.Load(file).Model!;
        var written = model.ToJson();
        var reread = PolicyModel.Parse(written, "written.json");

        Assert.True(reread.Succeeded, string.Join(Environment.NewLine, reread.Diagnostics));
        Assert.Equal(Fingerprints(Engine.Evaluate(model)), Fingerprints(Engine.Evaluate(reread.Model!)));
        Assert.Equal(written, reread.Model!.ToJson()); // a fixed point: nothing drifts over repeated writes
    }

    [Fact]
    public void Synthetic_models_are_valid_round_trip_and_have_findings_of_every_severity()
    {
        var severities = new HashSet<Severity>();
        for (var i = 0; i < 60; i++)
        {
            var model = SyntheticOrganisations.Create(SyntheticOrganisations.Id(i));
            var validated = model.Validate();
            Assert.True(validated.Succeeded, string.Join(Environment.NewLine, validated.Diagnostics));

            var written = model.ToJson();
            var reread = PolicyModel.Parse(written, "written.json");
            Assert.True(reread.Succeeded, string.Join(Environment.NewLine, reread.Diagnostics));
            var report = Engine.Evaluate(model);
            Assert.Equal(Fingerprints(report), Fingerprints(Engine.Evaluate(reread.Model!)));
            severities.UnionWith(report.Findings.Select(f => f.Severity));
        }

        Assert.Superset(new HashSet<Severity> { Severity.Critical, Severity.High, Severity.Medium, Severity.Low }, severities);
        Assert.Equal(SyntheticOrganisations.Create("org-x").ToJson(), SyntheticOrganisations.Create("org-x").ToJson());
    }

    [Fact]
    public void Every_change_of_a_change_stream_applies()
    {
        var model = SyntheticOrganisations.Create(SyntheticOrganisations.Id(7));
        using var session = Engine.OpenSession(model);
        for (var step = 0; step < 300; step++)
        {
            session.Upsert(SyntheticOrganisations.Change(model, step)); // throws on an invalid change
        }

        Assert.Equal(Fingerprints(Engine.Evaluate(session.Model)), Fingerprints(session.Report()));
    }

    [Fact]
    public void Fact_records_cross_the_Orleans_serializer_as_their_runtime_type()
    {
        using var services = new ServiceCollection().AddSerializer(s => s.AddPolicyTypes()).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var model = PolicyModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "nordlicht-kommunikation.json")).Model!;

        foreach (var fact in model.Policies.Cast<IFact>().Concat(model.Channels).Concat(model.People).Concat(model.Roles).Concat(model.UseCases)
                     .Concat(model.Stakeholders).Concat(model.Mentions).Concat(model.Posts).Concat(model.Trainings).Append(model.Organisation))
        {
            var copy = serializer.Deserialize<IFact>(serializer.SerializeToArray<IFact>(fact));
            Assert.IsType(fact.GetType(), copy);
            Assert.Equal(FactsJson.WriteFact(fact), FactsJson.WriteFact(copy));
        }

        Assert.Equal(Severity.Critical, serializer.Deserialize<Severity>(serializer.SerializeToArray(Severity.Critical)));
    }

    internal static string[] Fingerprints(ComplianceReport report) => report.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal).ToArray();
}
