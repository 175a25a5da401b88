using Deeg.Policy.Model;

namespace Deeg.Policy.Tests.Sessions;

/// <summary>
/// Random but valid organisation models and random changes to them, from a seed. Ids come from
/// small pools so that facts join, collide and get replaced; every field a built-in rule reads
/// varies, dates straddle the usual thresholds around the evaluation date.
/// </summary>
internal sealed class RandomModels(int seed)
{
    public static readonly DateOnly AsOf = new(2026, 11, 26);

    private readonly Random _random = new(seed);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Coin(int percent = 50) => _random.Next(100) < percent;

    private T PickEnum<T>()
        where T : struct, Enum => Pick(Enum.GetValues<T>());

    private DateOnly Date() => AsOf.AddDays(_random.Next(-800, 30));

    private DateOnly? MaybeDate(int percent = 70) => Coin(percent) ? Date() : null;

    private DateTimeOffset Time() => new DateTimeOffset(Date().ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(_random.Next(24));

    private string? Maybe(string value, int percent = 50) => Coin(percent) ? value : null;

    public Organisation Organisation() => new()
    {
        Id = "org",
        Name = "Org",
        Sector = PickEnum<Sector>(),
        Jurisdictions = Pick<IReadOnlyList<string>>([[], ["DE", "EU"], ["EU"], ["US"], ["DE"]]),
        Regulations = Coin(30) ? ["finra"] : [],
        PublicAuthority = Coin(30),
        WorksCouncil = Coin(),
        StatedExcuses = Enum.GetValues<Excuse>().Where(_ => Coin(25)).ToList(),
        PresenceDecisionRef = Maybe("DEC-1", 30),
        SocialListening = Coin(),
        ResponseSlaHours = Pick([4, 24, 48]),
        IntroductionDriver = PickEnum<IntroductionDriver>(),
        LastCultureRetrospective = MaybeDate(),
        GovernanceBody = Pick<IReadOnlyList<string>>([[], ["Marketing", "IT"], ["Marketing", "HR", "Works council"], ["pr"]]),
    };

    public Channel Channel(string id) => new()
    {
        Id = id,
        Platform = PickEnum<Platform>(),
        Scope = PickEnum<ChannelScope>(),
        Handle = Maybe("h-" + id, 80),
        Status = PickEnum<ChannelStatus>(),
        BusinessUse = Coin(80),
        Ownership = PickEnum<Ownership>(),
        InInventory = Coin(80),
        Mfa = Coin(),
        Credentials = PickEnum<Credentials>(),
        LastPostAt = Coin(70) ? Time() : null,
        ApprovalRequired = Coin(),
        VisitorPosts = Coin(),
        InsightsOrTargeting = Coin(),
        ImpressumUrl = Maybe("https://x.example/impressum"),
        ImpressumLabel = Coin() ? Pick(["Impressum", "Kontakt", "imprint", ""]) : null,
        ImpressumClicks = Coin() ? _random.Next(0, 5) : null,
        PrivacyNoticeUrl = Maybe("https://x.example/privacy"),
        JointControllerRef = Maybe("JC-1"),
        RiskAssessmentRef = Maybe("RA-1"),
        InProcessingRecords = Coin(),
        MessageRetentionDays = Coin() ? Pick([30, 90, 365, 1000]) : null,
        WorksAgreementRef = Maybe("BV-1"),
        Archived = Coin(),
        ArchiveRetentionYears = Coin() ? _random.Next(0, 8) : null,
    };

    public Person Person(string id) => new()
    {
        Id = id,
        Name = "Name " + id,
        Department = Pick(["Marketing", "IT", "Sales"]),
        Leadership = Coin(30),
        Status = Coin(80) ? PersonStatus.Active : PersonStatus.Left,
        InternalActivityOn = MaybeDate(),
        ExternalActivityOn = MaybeDate(),
    };

    public Deeg.Policy.Model.Policy Policy(string id, IReadOnlyList<string> people) => new()
    {
        Id = id,
        Kind = PickEnum<PolicyKind>(),
        ApprovedOn = MaybeDate(),
        ApprovedBy = people.Count > 0 && Coin() ? Pick(people) : null,
        LastReviewedOn = MaybeDate(50),
        LastExercisedOn = MaybeDate(50),
        Clauses = Enumerable.Range(0, _random.Next(0, 6)).Select(_ => new Clause
        {
            Type = PickEnum<ClauseType>(),
            Tone = PickEnum<ClauseTone>(),
            Value = Coin(30) ? Pick([30m, 180m, 400m]) : null,
        }).ToList(),
        Tiers = Enumerable.Range(0, _random.Next(0, 3)).Select(i => new CrisisTier
        {
            Level = i + 1,
            Approver = people.Count > 0 && Coin(70) ? Pick(people) : null,
            BackupApprover = people.Count > 0 && Coin(50) ? Pick(people) : null,
            HoldingStatement = Coin(),
        }).ToList(),
    };

    public UseCase UseCase(string id, IReadOnlyList<string> channels) => new()
    {
        Id = id,
        Area = PickEnum<UseCaseArea>(),
        Channel = channels.Count > 0 && Coin(70) ? Pick(channels) : null,
        Status = PickEnum<UseCaseStatus>(),
        Members = Pick([0, 10, 49, 50, 300]),
        OpenShare = Pick([0m, 0.2m, 0.5m, 0.9m]),
        FeedbackChannel = Coin(),
    };

    public RoleAssignment Role(IReadOnlyList<string> people, IReadOnlyList<string> channels, IReadOnlyList<string> useCases)
    {
        var person = Pick(people);
        var role = PickEnum<Role>();
        var channel = channels.Count > 0 && Coin(60) ? Pick(channels) : null;
        var useCase = useCases.Count > 0 && Coin(20) ? Pick(useCases) : null;
        return new RoleAssignment { Id = $"{person}:{Naming(role)}:{channel}:{useCase}", Person = person, Role = role, Channel = channel, UseCase = useCase };
    }

    public Stakeholder Stakeholder()
    {
        var group = PickEnum<StakeholderGroup>();
        var platform = PickEnum<Platform>();
        return new Stakeholder { Id = $"{Naming(group)}:{Naming(platform)}", Group = group, Platform = platform, Active = Coin(80) };
    }

    public Mention Mention(string id) => new()
    {
        Id = id,
        Platform = PickEnum<Platform>(),
        Author = PickEnum<MentionAuthor>(),
        At = Time(),
        RequiresResponse = Coin(),
        Status = PickEnum<MentionStatus>(),
        Sentiment = Coin() ? PickEnum<Sentiment>() : null,
    };

    public Post Post(string id, IReadOnlyList<string> channels, IReadOnlyList<string> people)
    {
        var images = _random.Next(0, 4);
        return new Post
        {
            Id = id,
            Channel = Pick(channels),
            Author = people.Count > 0 && Coin(80) ? Pick(people) : null,
            At = Time(),
            AboutOwnProducts = Coin(),
            StaticContent = Coin(30),
            Compensated = Coin(30),
            LabeledAsAd = Coin(),
            EmploymentDisclosed = Coin(),
            Images = images,
            ImagesWithAltText = _random.Next(0, images + 1),
            ApprovedBy = people.Count > 0 && Coin() ? Pick(people) : null,
        };
    }

    public Training Training(IReadOnlyList<string> people)
    {
        var person = Pick(people);
        var module = PickEnum<TrainingModule>();
        var completed = Date();
        return new Training { Id = $"{person}:{Naming(module)}:{completed:yyyy-MM-dd}", Person = person, Module = module, CompletedOn = completed, ValidUntil = Coin(60) ? completed.AddDays(_random.Next(100, 900)) : null };
    }

    public PolicyModel Model()
    {
        var people = Ids("p", _random.Next(1, 6));
        var channels = Ids("c", _random.Next(1, 5));
        var useCases = Ids("u", _random.Next(0, 4));
        return new PolicyModel
        {
            Organisation = Organisation(),
            AsOf = AsOf,
            People = people.Select(Person).ToList(),
            Channels = channels.Select(Channel).ToList(),
            UseCases = useCases.Select(id => UseCase(id, channels)).ToList(),
            Roles = Distinct(Enumerable.Range(0, _random.Next(0, 8)).Select(_ => Role(people, channels, useCases))),
            Policies = Ids("pol", _random.Next(0, 4)).Select(id => Policy(id, people)).ToList(),
            Stakeholders = Distinct(Enumerable.Range(0, _random.Next(0, 5)).Select(_ => Stakeholder())),
            Mentions = Ids("m", _random.Next(0, 4)).Select(Mention).ToList(),
            Posts = Ids("post", _random.Next(0, 5)).Select(id => Post(id, channels, people)).ToList(),
            Trainings = Distinct(Enumerable.Range(0, _random.Next(0, 8)).Select(_ => Training(people))),
        };
    }

    /// <summary>A random change: a new or replacing fact of some type, or the removal of an existing fact (which the session may refuse).</summary>
    public (object? Upsert, Type? RemoveType, string? RemoveId) Change(PolicyModel current)
    {
        var people = current.People.Select(p => p.Id).ToList();
        var channels = current.Channels.Select(c => c.Id).ToList();
        var useCases = current.UseCases.Select(u => u.Id).ToList();
        var fresh = Pick(["p", "c", "u", "pol", "m", "post"]) + _random.Next(0, 8);
        if (Coin(30))
        {
            var victims = current.AllFacts().Skip(1).ToList();
            if (victims.Count > 0)
            {
                var victim = Pick(victims);
                return (null, victim.GetType(), ((IFact)victim).Id);
            }
        }

        return _random.Next(10) switch
        {
            0 => (Organisation(), null, null),
            1 => (Channel(Pick(channels.Append("c" + _random.Next(0, 8)).ToList())), null, null),
            2 => (Person(Pick(people.Append("p" + _random.Next(0, 8)).ToList())), null, null),
            3 when people.Count > 0 => (Role(people, channels, useCases), null, null),
            4 => (Policy("pol" + _random.Next(0, 4), people), null, null),
            5 => (UseCase("u" + _random.Next(0, 4), channels), null, null),
            6 => (Stakeholder(), null, null),
            7 => (Mention("m" + _random.Next(0, 4)), null, null),
            8 when channels.Count > 0 => (Post("post" + _random.Next(0, 5), channels, people), null, null),
            9 when people.Count > 0 => (Training(people), null, null),
            _ => (Person(fresh.StartsWith('p') ? fresh : "p7"), null, null),
        };
    }

    private static List<string> Ids(string prefix, int count) => Enumerable.Range(1, count).Select(i => prefix + i).ToList();

    private static List<T> Distinct<T>(IEnumerable<T> facts)
        where T : IFact => facts.DistinctBy(f => f.Id).ToList();

    private static string Naming<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
