using Deeg.Policy.Model;
using Deeg.Policy.Model.Loading;

namespace Deeg.Policy.Tests.Model;

/// <summary>The field attributes work for host types as for the built-in ones: references, ranges and derived ids.</summary>
public class FieldAttributeTests
{
    private static readonly PolicyEngine Engine = PolicyEngine.CreateBuilder().AddFactType<Badge>().Build();

    [Fact]
    public void A_host_type_gets_the_checks_its_attributes_declare()
    {
        var result = Engine.ParseModel("""
            {
              "organisation": { "id": "o", "name": "O" },
              "people": [ { "id": "p1" } ],
              "extensions": { "Badge": [
                { "holder": "p1", "kind": "mfa", "level": 2, "share": 0.5 },
                { "holder": "p2", "kind": "mfa", "level": -1, "share": 1.5 }
              ] }
            }
            """, "m.json");
        Assert.Equal(
            [
                "m.json:6:17: error DP2006: 'holder' on Badge refers to Person 'p2', which does not exist; did you mean 'p1'?",
                "m.json:6:47: error DP2010: value -1 of 'level' on Badge is out of range: it must not be negative",
                "m.json:6:60: error DP2010: value 1.5 of 'share' on Badge is out of range: it must be between 0 and 1",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_host_type_with_a_derived_id_may_leave_it_out_and_is_written_without_it()
    {
        var result = Engine.ParseModel("""
            { "organisation": { "id": "o", "name": "O" }, "people": [ { "id": "p1" } ],
              "extensions": { "Badge": [ { "holder": "p1", "kind": "mfa" }, { "id": "own", "holder": "p1", "kind": "sso" } ] } }
            """);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var badges = result.Model!.Extensions["Badge"].Cast<Badge>().ToList();
        Assert.Equal(["p1:mfa", "own"], badges.Select(b => b.Id));

        var json = result.Model.ToJson();
        Assert.DoesNotContain("p1:mfa", json, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"own\"", json, StringComparison.Ordinal);
        Assert.Equal(json, Engine.ParseModel(json).Model!.ToJson());
    }

    [Fact]
    public void The_schema_of_a_host_type_reads_its_attributes_and_a_wrong_derived_id_is_reported()
    {
        var schema = TypeSchema.Reflect("Badge", typeof(Badge), isFact: true);
        Assert.Equal(["holder", "kind"], schema.DerivedIdFrom);
        Assert.False(schema.IdField!.Required);
        Assert.True(schema.TryGetField("holder", out var holder) && holder.Required && holder.RefersTo == "Person");
        Assert.True(schema.TryGetField("level", out var level) && level.Rules == FieldRules.NonNegative && level.Description == "How far the holder got.");

        var broken = TypeSchema.Reflect("Broken", typeof(BrokenDerivedId), isFact: true);
        Assert.Equal("the derived id of BrokenDerivedId names 'nope', which is no field of it", broken.CannotCreate);
    }

    [DerivedId("holder", "kind")]
    public sealed record Badge
    {
        public required string Id { get; init; }

        [References("Person")]
        public required string Holder { get; init; }

        public required string Kind { get; init; }

        [NonNegative, System.ComponentModel.Description("How far the holder got.")]
        public int Level { get; init; }

        [Fraction]
        public decimal Share { get; init; }
    }

    [DerivedId("nope")]
    public sealed record BrokenDerivedId
    {
        public required string Id { get; init; }
    }
}
