using Deeg.Policy.Model;
using PolicyFact = Deeg.Policy.Model.Policy;

namespace Deeg.Policy.Tests.Model;

/// <summary>Display names: the organisation's own words for each fact type, in English and German.</summary>
public class DisplayNamesTests
{
    private static readonly Person Brandt = new() { Id = "p-brandt", Name = "Anna Brandt" };
    private static readonly Channel Karriere = new() { Id = "ch-li", Name = "LinkedIn Karriere", Platform = Platform.Linkedin, Scope = ChannelScope.External };
    private static readonly UseCase Wiki = new() { Id = "uc-wiki", Area = UseCaseArea.KnowledgeManagement, Channel = "ch-li" };

    private static readonly PolicyModel Model = new()
    {
        Organisation = new Organisation { Id = "org", Name = "Hahn Antriebstechnik" },
        People = [Brandt, new Person { Id = "p-blank", Name = "  " }],
        Channels = [Karriere],
        UseCases = [Wiki],
    };

    private static string En(object fact) => DisplayNames.Of(fact, Model.Lookup, "en");

    private static string De(object fact) => DisplayNames.Of(fact, Model.Lookup, "de");

    [Fact]
    public void Organisation_person_channel_and_policy_by_their_names_blank_counts_as_absent()
    {
        Assert.Equal("Hahn Antriebstechnik", En(Model.Organisation));
        Assert.Equal("Anna Brandt", En(Brandt));
        Assert.Equal("p-blank", En(Model.People[1]));
        Assert.Equal("LinkedIn Karriere", En(Karriere));
        Assert.Equal("@hahn", En(Karriere with { Name = " ", Handle = "@hahn" }));
        Assert.Equal("ch-li", En(Karriere with { Name = null, Handle = "" }));
        Assert.Equal("Social-Media-Leitlinie", En(new PolicyFact { Id = "pol-1", Kind = PolicyKind.EmployeeGuidelines, Title = "Social-Media-Leitlinie" }));
        Assert.Equal("pol-1", En(new PolicyFact { Id = "pol-1", Kind = PolicyKind.EmployeeGuidelines }));
    }

    [Fact]
    public void A_use_case_is_its_area_with_its_channel()
    {
        Assert.Equal("knowledge management (LinkedIn Karriere)", En(Wiki));
        Assert.Equal("Wissensmanagement (LinkedIn Karriere)", De(Wiki));
        Assert.Equal("interne Kommunikation", De(new UseCase { Id = "uc-2", Area = UseCaseArea.InternalCommunication }));
    }

    [Fact]
    public void A_role_assignment_names_the_person_the_role_and_where()
    {
        var lead = new RoleAssignment { Id = "r1", Person = "p-brandt", Role = Role.SocialMediaLead };
        Assert.Equal("Anna Brandt, social media lead", En(lead));
        Assert.Equal("Anna Brandt, Social-Media-Verantwortung", De(lead));
        Assert.Equal("Anna Brandt, Kanal-Admin (LinkedIn Karriere)", De(lead with { Role = Role.ChannelAdmin, Channel = "ch-li" }));
        Assert.Equal("Anna Brandt, channel admin (knowledge management (LinkedIn Karriere))", En(lead with { Role = Role.ChannelAdmin, UseCase = "uc-wiki" }));
    }

    [Fact]
    public void Stakeholder_training_mention_and_post()
    {
        Assert.Equal("Beschäftigte · LinkedIn", De(new Stakeholder { Id = "s1", Group = StakeholderGroup.Employees, Platform = Platform.Linkedin }));
        Assert.Equal("employees · XING", En(new Stakeholder { Id = "s1", Group = StakeholderGroup.Employees, Platform = Platform.Xing }));
        var training = new Training { Id = "t1", Person = "p-brandt", Module = TrainingModule.AccountSecurity, CompletedOn = new DateOnly(2026, 11, 26) };
        Assert.Equal("Anna Brandt, account security 2026-11-26", En(training));
        Assert.Equal("Anna Brandt, Kontosicherheit 26.11.2026", De(training));
        Assert.Equal("m-17", En(new Mention { Id = "m-17", Platform = Platform.X, At = DateTimeOffset.UnixEpoch }));
        Assert.Equal("post-3", De(new Post { Id = "post-3", Channel = "ch-li", At = DateTimeOffset.UnixEpoch }));
    }

    [Fact]
    public void A_reference_the_model_does_not_resolve_reads_as_its_id()
    {
        var lead = new RoleAssignment { Id = "r1", Person = "p-gone", Role = Role.ChannelAdmin, Channel = "ch-gone" };
        Assert.Equal("p-gone, channel admin (ch-gone)", DisplayNames.Of(lead, DisplayNames.NoFacts, "en"));
    }

    private sealed record Store(string Id, string? Title);

    private sealed record Machine(string Id);

    [Fact]
    public void A_host_type_by_its_name_or_title_else_its_id()
    {
        Assert.Equal("Filiale Nord", En(new Store("st-1", "Filiale Nord")));
        Assert.Equal("st-1", En(new Store("st-1", " ")));
        Assert.Equal("m-1", En(new Machine("m-1")));
    }
}
