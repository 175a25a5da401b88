using Deeg.Policy.Model;
using Deeg.Policy.Core;

namespace Deeg.Policy.Tests.Model;

public class ModelLoaderTests
{
    private const string Org = "\"organisation\": { \"id\": \"o\", \"name\": \"O\" }";

    private static readonly FactTypeRegistry Types = BuiltInFactTypes.CreateRegistry();

    private static ModelLoadResult Load(string json, FactTypeRegistry? types = null) => ModelLoader.Parse(json, "m.json", types ?? Types);

    /// <summary>The one diagnostic with <paramref name="code"/>, checked for position and (optionally) exact text.</summary>
    private static Diagnostic Expect(ModelLoadResult result, string code, int line, int column, string? message = null)
    {
        var found = result.Diagnostics.Where(d => d.Code == code && d.Line == line && d.Column == column).ToList();
        Assert.True(found.Count == 1, $"expected one {code} at {line}:{column}, got:\n{string.Join("\n", result.Diagnostics)}");
        Assert.Equal("m.json", found[0].File);
        Assert.Equal(DiagnosticSeverity.Error, found[0].Severity);
        if (message is not null) Assert.Equal(message, found[0].Message);
        return found[0];
    }

    private static PolicyModel Succeeds(ModelLoadResult result)
    {
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        return result.Model!;
    }

    [Fact]
    public void Example_model_loads_with_values_defaults_and_derived_ids()
    {
        var model = Succeeds(ModelLoader.Parse(ExampleModel.Json, "muster.json", Types));

        Assert.Equal("muster.json", model.SourceFile);
        Assert.Equal(new DateOnly(2026, 11, 26), model.AsOf);
        var org = model.Organisation;
        Assert.Equal(("muster", "Muster Maschinenbau GmbH", Sector.B2b, 420), (org.Id, org.Name, org.Sector, org.Employees));
        Assert.Equal(["DE", "EU"], org.Jurisdictions);
        Assert.Equal([Excuse.B2bNoEndCustomers, Excuse.OnlyAHype], org.StatedExcuses);
        Assert.Equal(IntroductionDriver.TechnologyLed, org.IntroductionDriver);
        Assert.True(org.WorksCouncil);
        Assert.False(org.PublicAuthority); // default
        Assert.Empty(org.Regulations);     // default

        Assert.Equal(["li-page", "xing-old", "engage"], model.Channels.Select(c => c.Id));
        var li = model.Channels[0];
        Assert.Equal((Platform.Linkedin, ChannelScope.External, Credentials.Vault, 1, 365), (li.Platform, li.Scope, li.Credentials, li.ImpressumClicks, li.MessageRetentionDays));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), li.LastPostAt);
        Assert.True(li.BusinessUse && li.InInventory); // defaults true
        Assert.Equal(ChannelStatus.Active, li.Status);  // default
        var xing = model.Channels[1];
        Assert.Equal((ChannelStatus.Dormant, Ownership.Employee, false), (xing.Status, xing.Ownership, xing.Mfa));
        Assert.Equal(Platform.VivaEngage, model.Channels[2].Platform);
        Assert.Null(model.Channels[2].LastPostAt);

        Assert.Equal(["p-ceo", "p-cmo", "p-sm", "p-old"], model.People.Select(p => p.Id));
        Assert.Equal(PersonStatus.Left, model.People[3].Status);
        Assert.Equal(new DateOnly(2026, 9, 10), model.People[1].InternalActivityOn);

        Assert.Equal(["p-sm:socialMediaLead:li-page:", "p-old:channelAdmin:xing-old:", "p-cmo:executiveSponsor::"], model.Roles.Select(r => r.Id));
        Assert.Null(model.Roles[2].Channel);

        var policy = Assert.Single(model.Policies);
        Assert.Equal((PolicyKind.EmployeeGuidelines, "p-ceo", new DateOnly(2023, 5, 1)), (policy.Kind, policy.ApprovedBy, policy.ApprovedOn!.Value));
        Assert.Equal([ClauseType.Confidentiality, ClauseType.PersonalVsOfficial, ClauseType.NonDisparagement, ClauseType.DataProtection], policy.Clauses.Select(c => c.Type));
        Assert.All(policy.Clauses, c => Assert.Equal(ClauseTone.Restricting, c.Tone));
        Assert.Empty(policy.Tiers);

        var useCase = Assert.Single(model.UseCases);
        Assert.Equal((380, 0.9m, UseCaseStatus.Established, true), (useCase.Members, useCase.OpenShare, useCase.Status, useCase.FeedbackChannel));

        Assert.Equal(["customers:linkedin", "applicants:instagram", "employees:xing", "competitors:youtube"], model.Stakeholders.Select(s => s.Id));
        Assert.All(model.Stakeholders, s => Assert.True(s.Active));

        var mention = Assert.Single(model.Mentions);
        Assert.Equal((MentionAuthor.Employees, MentionStatus.New, Sentiment.Negative), (mention.Author, mention.Status, mention.Sentiment!.Value));

        var post = Assert.Single(model.Posts);
        Assert.Equal((2, 1, false), (post.Images, post.ImagesWithAltText, post.Compensated));

        var training = Assert.Single(model.Trainings);
        Assert.Equal("p-sm:guidelines:2025-01-15", training.Id);
        Assert.Equal(new DateOnly(2027, 1, 15), training.ValidUntil);
        Assert.Empty(model.Extensions);
    }

    [Fact]
    public void Explicit_id_wins_over_the_derived_one_and_the_role_is_canonical_camel_case()
    {
        var model = Succeeds(Load($$"""
            { {{Org}},
              "people": [ { "id": "p7" } ],
              "channels": [ { "id": "xing-main", "platform": "xing", "scope": "external" } ],
              "roles": [ { "id": "r1", "person": "p7", "role": "editor" }, { "person": "p7", "role": "CHANNELADMIN", "channel": "xing-main" } ],
              "stakeholders": [ { "group": "Media", "platform": "WhatsApp" } ]
            }
            """));
        Assert.Equal(["r1", "p7:channelAdmin:xing-main:"], model.Roles.Select(r => r.Id));
        Assert.Equal("media:whatsApp", model.Stakeholders[0].Id);
    }

    [Fact]
    public void Unknown_field_suggests_the_close_name()
    {
        var result = Load("""
            {
              "organisation": { "id": "o", "name": "O" },
              "channels": [
                { "id": "c1", "platfrom": "xing", "scope": "external" }
              ]
            }
            """);
        Expect(result, "DP2004", 4, 19, "unknown field 'platfrom' on Channel; did you mean 'platform'?");
        Expect(result, "DP2001", 4, 5, "missing required field 'platform' on Channel");
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.Null(result.Model);
        Assert.Equal("m.json:4:19: error DP2004: unknown field 'platfrom' on Channel; did you mean 'platform'?", result.Diagnostics[1].ToString());
    }

    [Fact]
    public void Unknown_top_level_field_and_one_without_suggestion()
    {
        var result = Load("""
            {
              "organisation": { "id": "o", "name": "O", "zzzzzzzz": 1 },
              "chanels": []
            }
            """);
        Expect(result, "DP2004", 2, 45, "unknown field 'zzzzzzzz' on Organisation");
        Expect(result, "DP2004", 3, 3, "unknown field 'chanels' on the model; did you mean 'channels'?");
    }

    [Fact]
    public void Missing_or_null_required_fields_point_at_the_object_or_the_null()
    {
        var result = Load("""
            {
              "organisation": { "id": "o", "name": "O" },
              "channels": [
                {
                  "platform": null,
                  "scope": "external"
                },
                { "id": " ", "platform": "x", "scope": "internal" }
              ]
            }
            """);
        Expect(result, "DP2001", 4, 5, "missing required field 'id' on Channel");
        Expect(result, "DP2001", 5, 19, "required field 'platform' on Channel must not be null");
        Expect(result, "DP2001", 8, 13, "required field 'id' on Channel must not be empty");
        Assert.Equal(3, result.Diagnostics.Count);
    }

    [Fact]
    public void Wrong_json_type_points_at_the_value()
    {
        var result = Load("""
            {
              "organisation": { "id": "o", "name": "O" },
              "channels": [
                {
                  "id": "c1",
                  "platform": "xing",
                  "scope": "external",
                  "mfa": "yes",
                  "followers": "12",
                  "name": 7
                }
              ],
              "policies": [ { "id": "g", "kind": "governance", "clauses": [ 1 ] } ]
            }
            """);
        Expect(result, "DP2002", 8, 14, "'mfa' on Channel must be a boolean, not a string");
        Expect(result, "DP2002", 9, 20, "'followers' on Channel must be an integer, not a string");
        Expect(result, "DP2002", 10, 15, "'name' on Channel must be a string, not a number");
        Expect(result, "DP2002", 13, 65, "'clauses[0]' on Policy must be an object, not a number");
        Assert.Equal(4, result.Diagnostics.Count);
    }

    [Fact]
    public void Unknown_enum_value_lists_the_allowed_values()
    {
        var result = Load("""
            {
              "organisation": { "id": "o", "name": "O" },
              "channels": [
                {
                  "id": "c1",
                  "platform": "linkdin",
                  "scope": "external"
                }
              ]
            }
            """);
        Expect(result, "DP2003", 6, 19,
            "unknown value 'linkdin' for 'platform' on Channel (allowed: facebook, instagram, linkedin, xing, x, youtube, tiktok, "
            + "mastodon, bluesky, threads, blog, podcast, vivaEngage, teams, slack, whatsApp, other); did you mean 'linkedin'?");
    }

    [Fact]
    public void Enum_values_match_case_insensitively_but_not_by_number()
    {
        var model = Succeeds(Load($$"""
            { {{Org}}, "channels": [
                { "id": "a", "platform": "LinkedIn", "scope": "EXTERNAL" },
                { "id": "b", "platform": "vivaengage", "scope": "internal", "credentials": "SharedDocument" } ] }
            """));
        Assert.Equal([Platform.Linkedin, Platform.VivaEngage], model.Channels.Select(c => c.Platform));
        Assert.Equal(Credentials.SharedDocument, model.Channels[1].Credentials);

        var result = Load($$"""
            { {{Org}}, "channels": [
                { "id": "a", "platform": "1", "scope": 0 },
                { "id": "b", "platform": "xing, x", "scope": "internal" } ] }
            """);
        Expect(result, "DP2003", 2, 30);
        Expect(result, "DP2002", 2, 44, "'scope' on Channel must be a string, not a number");
        Expect(result, "DP2003", 3, 30);
    }

    [Fact]
    public void Duplicate_ids_within_a_type_but_not_across_types()
    {
        var result = Load("""
            {
              "organisation": { "id": "o", "name": "O" },
              "people": [
                { "id": "p1" },
                { "id": "p1" }
              ],
              "channels": [ { "id": "p1", "platform": "x", "scope": "external" } ],
              "stakeholders": [ { "group": "media", "platform": "x" }, { "group": "media", "platform": "X" } ]
            }
            """);
        Expect(result, "DP2005", 5, 13, "duplicate id 'p1' of Person; the first is at line 4, column 13");
        Expect(result, "DP2005", 8, 60, "duplicate id 'media:x' of Stakeholder; the first is at line 8, column 21");
        Assert.Equal(2, result.Diagnostics.Count);
    }

    [Fact]
    public void A_wrong_part_of_a_derived_id_derives_no_id_and_so_no_spurious_duplicate()
    {
        var result = Load($$"""
            { {{Org}}, "people": [ { "id": "p1" } ],
              "roles": [ { "person": "p1", "role": "editor", "channel": 5 }, { "person": "p1", "role": "editor" } ] }
            """);
        Assert.Equal("DP2002", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Dangling_references_name_the_missing_id_and_type()
    {
        var result = Load("""
            {
              "organisation": { "id": "o", "name": "O" },
              "people": [ { "id": "p1" } ],
              "roles": [
                { "person": "p2", "role": "editor", "useCase": "uc" }
              ],
              "policies": [ { "id": "crisis", "kind": "crisisPlan", "tiers": [ { "level": 1, "approver": "nobody" } ] } ],
              "trainings": [ { "person": "p1", "module": "guidelines", "completedOn": "2026-01-01" } ]
            }
            """);
        Expect(result, "DP2006", 5, 17, "'person' on RoleAssignment refers to Person 'p2', which does not exist; did you mean 'p1'?");
        Expect(result, "DP2006", 5, 52, "'useCase' on RoleAssignment refers to UseCase 'uc', which does not exist");
        Expect(result, "DP2006", 7, 94, "'approver' on CrisisTier refers to Person 'nobody', which does not exist");
        Assert.Equal(3, result.Diagnostics.Count);
    }

    [Fact]
    public void Invalid_dates_and_datetimes_without_offset()
    {
        var result = Load("""
            {
              "asOf": "2026-02-30",
              "organisation": { "id": "o", "name": "O", "lastCultureRetrospective": "2026-1-05" },
              "channels": [
                {
                  "id": "c1",
                  "platform": "xing",
                  "scope": "external",
                  "lastPostAt": "2026-11-01T09:30:00"
                }
              ],
              "mentions": [ { "id": "m", "platform": "x", "at": "yesterday" } ]
            }
            """);
        Expect(result, "DP2007", 2, 11, "invalid date '2026-02-30' for 'asOf' on the model; expected YYYY-MM-DD");
        Expect(result, "DP2007", 3, 73, "invalid date '2026-1-05' for 'lastCultureRetrospective' on Organisation; expected YYYY-MM-DD");
        Expect(result, "DP2007", 9, 21, "datetime '2026-11-01T09:30:00' for 'lastPostAt' on Channel has no offset; add Z or an offset such as +01:00");
        Expect(result, "DP2007", 12, 53, "invalid datetime 'yesterday' for 'at' on Mention; expected ISO 8601 with offset, e.g. 2026-11-01T09:30:00Z");
        Assert.Equal(4, result.Diagnostics.Count);
    }

    [Fact]
    public void A_bare_date_is_midnight_utc_and_offsets_are_kept()
    {
        var model = Succeeds(Load($$"""
            { {{Org}}, "channels": [
                { "id": "a", "platform": "x", "scope": "external", "lastPostAt": "2026-11-01" },
                { "id": "b", "platform": "x", "scope": "external", "lastPostAt": "2026-11-01T09:30:00.5+02:00" } ] }
            """));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), model.Channels[0].LastPostAt);
        Assert.Equal(TimeSpan.Zero, model.Channels[0].LastPostAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 9, 30, 0, 500, TimeSpan.FromHours(2)), model.Channels[1].LastPostAt);
        Assert.Equal(TimeSpan.FromHours(2), model.Channels[1].LastPostAt!.Value.Offset);
    }

    [Fact]
    public void Schema_version_other_than_one()
    {
        var result = Load("""
            {
              "schemaVersion": 2,
              "$schema": 42,
              "organisation": { "id": "o", "name": "O" }
            }
            """);
        Expect(result, "DP2008", 2, 20, "schemaVersion 2 is not supported; this version reads schemaVersion 1");
        Assert.Single(result.Diagnostics);
        Succeeds(Load($$"""{ "schemaVersion": 1, {{Org}} }"""));
        Succeeds(Load($$"""{ "schemaVersion": null, {{Org}} }"""));
    }

    [Fact]
    public void Values_out_of_range()
    {
        var result = Load("""
            {
              "organisation": { "id": "o", "name": "O", "employees": 3000000000 },
              "useCases": [
                {
                  "id": "u1",
                  "area": "workOrganisation",
                  "members": -1,
                  "openShare": 1.5
                },
                { "id": "u2", "area": "workOrganisation", "members": 2.5 }
              ]
            }
            """);
        Expect(result, "DP2010", 2, 58, "value 3000000000 of 'employees' on Organisation is out of range: it must be between -2147483648 and 2147483647");
        Expect(result, "DP2010", 7, 18, "value -1 of 'members' on UseCase is out of range: it must not be negative");
        Expect(result, "DP2010", 8, 20, "value 1.5 of 'openShare' on UseCase is out of range: it must be between 0 and 1");
        Expect(result, "DP2010", 10, 58, "value 2.5 of 'members' on UseCase is not an integer");
        Assert.Equal(4, result.Diagnostics.Count);
    }

    [Fact]
    public void Integral_numbers_written_with_a_fraction_are_integers_and_numbers_are_decimal()
    {
        var model = Succeeds(Load($$"""
            { {{Org}}, "useCases": [ { "id": "u", "area": "workOrganisation", "members": 3.0, "openShare": 0.1 } ],
              "policies": [ { "id": "r", "kind": "retention", "clauses": [ { "type": "retention", "value": 90 } ] } ] }
            """));
        Assert.Equal(3, model.UseCases[0].Members);
        Assert.Equal(0.1m, model.UseCases[0].OpenShare);
        Assert.Equal(90m, model.Policies[0].Clauses[0].Value);
    }

    [Fact]
    public void Wrong_document_shape()
    {
        Expect(Load("[1, 2]"), "DP1004", 1, 1, "a facts document must be a JSON object, not an array");
        Expect(Load("{}"), "DP1004", 1, 1, "the model has no 'organisation' object");

        var result = Load("""
            {
              "channels": {},
              "people": [ "p1", 3 ],
              "organisation": "acme"
            }
            """);
        Expect(result, "DP1004", 2, 15, "'channels' must be an array, not an object");
        Expect(result, "DP1004", 3, 15, "each entry of 'people' must be an object, not a string");
        Expect(result, "DP1004", 3, 21, "each entry of 'people' must be an object, not a number");
        Expect(result, "DP1004", 4, 19, "'organisation' must be an object, not a string");
        Assert.Equal(4, result.Diagnostics.Count);
    }

    [Fact]
    public void Malformed_json_is_a_diagnostic()
    {
        var result = Load("{ \"organisation\": ");
        Assert.False(result.Succeeded);
        Assert.Equal("DP1002", Assert.Single(result.Diagnostics).Code);
        Assert.Equal("DP1001", Assert.Single(ModelLoader.LoadFile("/no/such/file.json", Types).Diagnostics).Code);
    }

    [Fact]
    public void All_diagnostics_are_reported_at_once_in_file_order()
    {
        var result = Load("""
            {
              "schemaVersion": 3,
              "organisation": { "id": "o", "name": "O", "sector": "industry" },
              "channels": [ { "id": "c", "platform": "xing", "scope": "external", "mfa": 1 } ],
              "posts": [ { "id": "p", "channel": "c2", "at": "2026-11-01T25:00:00Z" } ],
              "trainings": [ { "person": "p1", "module": "guidelines" } ],
              "extra": true
            }
            """);
        Assert.Equal(
            ["DP2008", "DP2003", "DP2002", "DP2006", "DP2007", "DP2001", "DP2006", "DP2004"],
            result.Diagnostics.Select(d => d.Code));
        Assert.Equal([2, 3, 4, 5, 5, 6, 6, 7], result.Diagnostics.Select(d => d.Line));
        Assert.Null(result.Model);
    }

    [Fact]
    public void Registered_extension_types_are_materialised()
    {
        var types = RegistryWithExtensions();
        var model = Succeeds(Load($$"""
            { {{Org}},
              "extensions": {
                "SupplierContract": [
                  { "id": "s1", "supplier": "Zulieferer AG", "validUntil": "2027-01-01", "volume": 12.5, "signed": true,
                    "regions": ["DE", "AT"], "platform": "LinkedIn", "signedAt": "2026-01-01T10:00:00+01:00", "seats": 3 },
                  { "id": "s2" }
                ],
                "AgencyContract": [ { "id": "a1", "agency": "Agentur" } ]
              }
            }
            """, types));
        var contracts = model.Extensions["SupplierContract"].Cast<SupplierContract>().ToList();
        Assert.Equal(["s1", "s2"], contracts.Select(c => c.Id));
        var s1 = contracts[0];
        Assert.Equal(("Zulieferer AG", new DateOnly(2027, 1, 1), 12.5m, true, Platform.Linkedin, 3L), (s1.Supplier, s1.ValidUntil!.Value, s1.Volume!.Value, s1.Signed, s1.Platform!.Value, s1.Seats));
        Assert.Equal(["DE", "AT"], s1.Regions);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero), s1.SignedAt);
        Assert.Empty(contracts[1].Regions); // the initialiser's default
        var agency = Assert.IsType<AgencyContract>(Assert.Single(model.Extensions["AgencyContract"]));
        Assert.Equal(new AgencyContract("a1", "Agentur", 1), agency); // primary constructor, default parameter value
    }

    [Fact]
    public void Extension_problems()
    {
        var result = Load("""
            {
              "organisation": { "id": "o", "name": "O" },
              "extensions": {
                "SuplierContract": [ { "id": "s1" } ],
                "Channel": [],
                "SupplierContract": [ { "id": "s1", "suplier": "x" }, { "id": "s1" }, { "volume": "big" } ],
                "AgencyContract": [ { "id": "a1" } ]
              }
            }
            """, RegistryWithExtensions());
        Expect(result, "DP2009", 4, 5, "unknown extension type 'SuplierContract'; did you mean 'SupplierContract'?");
        Expect(result, "DP2009", 5, 5, "'Channel' is a built-in fact type, not an extension; list its facts under 'channels'");
        Expect(result, "DP2004", 6, 41, "unknown field 'suplier' on SupplierContract; did you mean 'supplier'?");
        Expect(result, "DP2005", 6, 67, "duplicate id 's1' of SupplierContract; the first is at line 6, column 35");
        Expect(result, "DP2001", 6, 75, "missing required field 'id' on SupplierContract");
        Expect(result, "DP2002", 6, 87, "'volume' on SupplierContract must be a number, not a string");
        Expect(result, "DP2001", 7, 25, "missing required field 'agency' on AgencyContract");
        Assert.Equal(7, result.Diagnostics.Count);

        var none = Load($$"""{ {{Org}}, "extensions": { "Foo": [] } }""");
        Assert.Equal("unknown extension type 'Foo'; no extension types are registered", Assert.Single(none.Diagnostics).Message);
    }

    [Fact]
    public void Validate_reports_dangling_references_of_a_code_built_model()
    {
        var model = new PolicyModel
        {
            Organisation = new Organisation { Id = "o", Name = "O" },
            People = [new Person { Id = "p1" }],
            Roles = [new RoleAssignment { Id = "r1", Person = "ghost", Role = Role.Editor }],
            SourceFile = "built.json",
        };
        var result = ModelLoader.Validate(model, Types);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("DP2006", "built.json", 1, 1), (d.Code, d.File, d.Line, d.Column));
        Assert.Equal("'person' on RoleAssignment at roles[0] refers to Person 'ghost', which does not exist", d.Message);
        Assert.Null(result.Model);

        var valid = new PolicyModel { Organisation = model.Organisation, People = model.People };
        Assert.Same(valid, valid.Validate().Model);
    }

    [Fact]
    public void Validate_checks_required_fields_duplicates_ranges_and_enums()
    {
        var model = new PolicyModel
        {
            Organisation = new Organisation { Id = "", Name = "O", Jurisdictions = null! },
            Channels =
            [
                new Channel { Id = "c", Platform = Platform.Xing, Scope = ChannelScope.External },
                new Channel { Id = "c", Platform = (Platform)99, Scope = ChannelScope.External, Followers = -5 },
            ],
            UseCases = [new UseCase { Id = "u", Area = UseCaseArea.WorkOrganisation, OpenShare = 2m, Channel = "c" }],
            Policies = [new Deeg.Policy.Model.Policy { Id = "p", Kind = PolicyKind.CrisisPlan, Tiers = [new CrisisTier { Level = 1, Approver = "nobody" }] }],
            Extensions = new Dictionary<string, IReadOnlyList<object>> { ["Unknown"] = [] },
        };
        var messages = ModelLoader.Validate(model, Types).Diagnostics.Select(d => $"{d.Code} {d.Message}").ToList();
        Assert.Equal(
            [
                "DP2001 required field 'id' on Organisation at organisation must not be empty",
                "DP2001 'jurisdictions' on Organisation at organisation must not be null",
                "DP2003 unknown value '99' for 'platform' on Channel at channels[1] (allowed: facebook, instagram, linkedin, xing, x, youtube, tiktok, mastodon, bluesky, threads, blog, podcast, vivaEngage, teams, slack, whatsApp, other)",
                "DP2010 value -5 of 'followers' on Channel at channels[1] is out of range: it must not be negative",
                "DP2005 duplicate id 'c' of Channel; the first is at channels[0]",
                "DP2010 value 2 of 'openShare' on UseCase at useCases[0] is out of range: it must be between 0 and 1",
                "DP2009 unknown extension type 'Unknown'; no extension types are registered",
                "DP2006 'approver' on CrisisTier at policies[0].tiers[0] refers to Person 'nobody', which does not exist",
            ],
            messages);
    }

    [Fact]
    public void Validate_knows_registered_extension_types()
    {
        var model = new PolicyModel
        {
            Organisation = new Organisation { Id = "o", Name = "O" },
            Extensions = new Dictionary<string, IReadOnlyList<object>>
            {
                ["SupplierContract"] = [new SupplierContract { Id = "s" }, new SupplierContract { Id = "s" }],
                ["AgencyContract"] = [new AgencyContract("a", null!)],
            },
        };
        var result = ModelLoader.Validate(model, RegistryWithExtensions());
        Assert.Equal(
            ["DP2005 duplicate id 's' of SupplierContract; the first is at extensions.SupplierContract[0]",
             "DP2001 missing required field 'agency' on AgencyContract at extensions.AgencyContract[0]"],
            result.Diagnostics.Select(d => $"{d.Code} {d.Message}"));
        Assert.Equal(("<model>", 1, 1), (result.Diagnostics[0].File, result.Diagnostics[0].Line, result.Diagnostics[0].Column));
    }

    [Fact]
    public void Null_optional_fields_and_lists_are_absent()
    {
        var model = Succeeds(Load("""
            { "asOf": null, "organisation": { "id": "o", "name": "O", "sector": null, "employees": null },
              "channels": null, "extensions": null }
            """));
        Assert.Equal((Sector.Other, (int?)null, (DateOnly?)null), (model.Organisation.Sector, model.Organisation.Employees, model.AsOf));
        Assert.Empty(model.Channels);
    }

    internal static FactTypeRegistry RegistryWithExtensions()
    {
        var reg = BuiltInFactTypes.CreateRegistry();
        reg.AddFactType("SupplierContract", typeof(SupplierContract));
        reg.AddFactType("AgencyContract", typeof(AgencyContract));
        return reg;
    }
}

/// <summary>A host fact type with a parameterless constructor and init setters.</summary>
public sealed record SupplierContract
{
    public required string Id { get; init; }

    public string? Supplier { get; init; }

    public DateOnly? ValidUntil { get; init; }

    public decimal? Volume { get; init; }

    public bool Signed { get; init; }

    public IReadOnlyList<string> Regions { get; init; } = [];

    public Platform? Platform { get; init; }

    public DateTimeOffset? SignedAt { get; init; }

    public long Seats { get; init; }
}

/// <summary>A host fact type with only a primary constructor.</summary>
public sealed record AgencyContract(string Id, string Agency, int Seats = 1);
