using Deeg.Policy.Model;

namespace Deeg.Policy.Samples.Orleans;

/// <summary>
/// Small made-up organisation models and changes to them, for the load and scaling runs of the
/// sample and for the tests: the same seed gives the same model and the same changes. The models
/// vary enough that the organisations have different findings of every severity.
/// </summary>
public static class SyntheticOrganisations
{
    /// <summary>The evaluation date of every synthetic model, so that findings do not depend on the day of the run.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 26);

    private static readonly Platform[] ExternalPlatforms = [Platform.Linkedin, Platform.Instagram, Platform.Facebook, Platform.Youtube, Platform.Mastodon, Platform.Xing, Platform.Tiktok];
    private static readonly string[] Departments = ["Marketing", "IT", "Vertrieb", "Personal", "Kommunikation", "Recht", "Produktion"];

    /// <summary>The id of the <paramref name="index"/>-th synthetic organisation, e.g. <c>org-0042</c>.</summary>
    public static string Id(int index) => $"org-{index:D4}";

    /// <summary>A valid model of organisation <paramref name="organisationId"/>, the same for the same id.</summary>
    public static PolicyModel Create(string organisationId)
    {
        ArgumentNullException.ThrowIfNull(organisationId);
        var random = new Random(Seed(organisationId));
        var at = new DateTimeOffset(AsOf.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

        var people = Enumerable.Range(1, random.Next(3, 8)).Select(i => new Person
        {
            Id = $"p{i}",
            Name = $"Person {i}",
            Department = Departments[random.Next(Departments.Length)],
            Leadership = i == 1 || random.Next(4) == 0,
            Status = i > 2 && random.Next(6) == 0 ? PersonStatus.Left : PersonStatus.Active,
            InternalActivityOn = random.Next(3) == 0 ? null : AsOf.AddDays(-random.Next(0, 200)),
            ExternalActivityOn = random.Next(2) == 0 ? null : AsOf.AddDays(-random.Next(0, 200)),
        }).ToList();

        var channels = new List<Channel>();
        for (var i = 1; i <= random.Next(1, 5); i++)
        {
            var platform = ExternalPlatforms[random.Next(ExternalPlatforms.Length)];
            channels.Add(new Channel
            {
                Id = $"c{i}-{platform.ToString().ToLowerInvariant()}",
                Name = $"{platform} {i}",
                Platform = platform,
                Scope = ChannelScope.External,
                Handle = $"{organisationId}-{i}",
                Status = Pick(random, ChannelStatus.Active, ChannelStatus.Active, ChannelStatus.Dormant, ChannelStatus.Planned),
                Ownership = Pick(random, Ownership.Organisation, Ownership.Organisation, Ownership.Employee, Ownership.Agency, Ownership.Unknown),
                InInventory = random.Next(5) != 0,
                Mfa = random.Next(3) != 0,
                Credentials = Pick(random, Credentials.Sso, Credentials.Vault, Credentials.SharedDocument, Credentials.Personal),
                LastPostAt = at.AddDays(-random.Next(0, 400)),
                ApprovalRequired = random.Next(2) == 0,
                VisitorPosts = random.Next(2) == 0,
                InsightsOrTargeting = random.Next(2) == 0,
                Listening = random.Next(2) == 0,
                ImpressumUrl = random.Next(3) == 0 ? null : $"https://{organisationId}.example/impressum",
                PrivacyNoticeUrl = random.Next(3) == 0 ? null : $"https://{organisationId}.example/datenschutz",
                JointControllerRef = random.Next(2) == 0 ? null : "Art. 26 Vereinbarung",
                InProcessingRecords = random.Next(2) == 0,
                MessageRetentionDays = random.Next(3) == 0 ? null : random.Next(30, 400),
                Followers = random.Next(0, 20_000),
            });
        }

        if (random.Next(2) == 0)
        {
            channels.Add(new Channel
            {
                Id = "intranet",
                Name = "Intranet",
                Platform = Platform.VivaEngage,
                Scope = ChannelScope.Internal,
                Ownership = Ownership.Organisation,
                Mfa = true,
                Credentials = Credentials.Sso,
                LastPostAt = at.AddDays(-random.Next(0, 30)),
                InProcessingRecords = random.Next(2) == 0,
                WorksAgreementRef = random.Next(2) == 0 ? null : "Betriebsvereinbarung 2025",
            });
        }

        var roles = new List<RoleAssignment>();
        if (random.Next(4) != 0) roles.Add(Role(people[0].Id, Model.Role.SocialMediaLead));
        foreach (var channel in channels)
        {
            foreach (var person in people.OrderBy(_ => random.Next()).Take(random.Next(0, 3)))
            {
                roles.Add(Role(person.Id, Model.Role.ChannelAdmin, channel.Id));
            }
        }

        if (random.Next(2) == 0) roles.Add(Role(people[^1].Id, Model.Role.DataProtectionOfficer));
        if (random.Next(2) == 0) roles.Add(Role(people[0].Id, Model.Role.ExecutiveSponsor));

        var policies = new List<Model.Policy>();
        if (random.Next(3) != 0)
        {
            policies.Add(new Model.Policy
            {
                Id = "guidelines",
                Kind = PolicyKind.EmployeeGuidelines,
                Title = "Social media guidelines",
                ApprovedOn = random.Next(4) == 0 ? null : AsOf.AddDays(-random.Next(30, 900)),
                ApprovedBy = people[0].Id,
                LastReviewedOn = AsOf.AddDays(-random.Next(0, 800)),
                Clauses = new[] { ClauseType.Confidentiality, ClauseType.PersonalVsOfficial, ClauseType.EmploymentDisclosure, ClauseType.Escalation, ClauseType.Experimentation, ClauseType.NonDisparagement }
                    .Where(_ => random.Next(3) != 0)
                    .Select(type => new Clause { Type = type, Tone = Pick(random, ClauseTone.Enabling, ClauseTone.Restricting, ClauseTone.Neutral) })
                    .ToList(),
            });
        }

        if (random.Next(2) == 0)
        {
            policies.Add(new Model.Policy
            {
                Id = "crisis-plan",
                Kind = PolicyKind.CrisisPlan,
                ApprovedOn = AsOf.AddDays(-random.Next(30, 900)),
                ApprovedBy = people[0].Id,
                LastExercisedOn = random.Next(2) == 0 ? null : AsOf.AddDays(-random.Next(30, 900)),
                Tiers = Enumerable.Range(1, random.Next(1, 4)).Select(level => new CrisisTier
                {
                    Level = level,
                    Approver = people[random.Next(people.Count)].Id,
                    HoldingStatement = random.Next(2) == 0,
                    FirstResponseMinutes = random.Next(15, 240),
                }).ToList(),
            });
        }

        var stakeholders = new[] { StakeholderGroup.Customers, StakeholderGroup.Applicants, StakeholderGroup.Partners, StakeholderGroup.Employees }
            .Where(_ => random.Next(2) == 0)
            .Select(group => new Stakeholder
            {
                Id = $"{group}:{ExternalPlatforms[(int)group % ExternalPlatforms.Length]}".ToLowerInvariant(),
                Group = group,
                Platform = ExternalPlatforms[(int)group % ExternalPlatforms.Length],
                ObservedOn = AsOf.AddDays(-random.Next(0, 120)),
            })
            .ToList();

        var mentions = Enumerable.Range(1, random.Next(0, 5)).Select(i => new Mention
        {
            Id = $"m{i}",
            Platform = ExternalPlatforms[random.Next(ExternalPlatforms.Length)],
            Author = Pick(random, MentionAuthor.Customers, MentionAuthor.Applicants, MentionAuthor.Media, MentionAuthor.Unknown),
            At = at.AddDays(-random.Next(0, 120)),
            RequiresResponse = random.Next(2) == 0,
            Status = Pick(random, MentionStatus.New, MentionStatus.Responded, MentionStatus.Triaged),
            Sentiment = Pick(random, Sentiment.Positive, Sentiment.Neutral, Sentiment.Negative),
        }).ToList();

        var posts = channels.Where(c => c.Scope == ChannelScope.External).SelectMany(c => Enumerable.Range(1, random.Next(0, 3)).Select(i => new Post
        {
            Id = $"{c.Id}-post{i}",
            Channel = c.Id,
            Author = people[random.Next(people.Count)].Id,
            At = at.AddDays(-random.Next(0, 60)),
            Images = 1,
            ImagesWithAltText = random.Next(2),
            ApprovedBy = random.Next(2) == 0 ? null : people[random.Next(people.Count)].Id,
        })).ToList();

        var trainings = people.Where(_ => random.Next(2) == 0).Select(p => new Training
        {
            Id = $"{p.Id}:guidelines",
            Person = p.Id,
            Module = TrainingModule.Guidelines,
            CompletedOn = AsOf.AddDays(-random.Next(0, 700)),
        }).ToList();

        return new PolicyModel
        {
            AsOf = AsOf,
            Organisation = new Organisation
            {
                Id = organisationId,
                Name = $"Organisation {organisationId}",
                Sector = Pick(random, Sector.B2b, Sector.B2c, Sector.Public, Sector.Nonprofit, Sector.Culture),
                Jurisdictions = ["DE", "EU"],
                Employees = random.Next(10, 5000),
                PublicAuthority = random.Next(6) == 0,
                WorksCouncil = random.Next(2) == 0,
                StatedExcuses = random.Next(3) == 0 ? [Excuse.OnlyAHype] : [],
                SocialListening = random.Next(2) == 0,
                IntroductionDriver = Pick(random, IntroductionDriver.CultureLed, IntroductionDriver.TechnologyLed, IntroductionDriver.MarketingLed, IntroductionDriver.Unknown),
            },
            Channels = channels,
            People = people,
            Roles = roles,
            Policies = policies,
            Stakeholders = stakeholders,
            Mentions = mentions,
            Posts = posts,
            Trainings = trainings,
        };
    }

    /// <summary>
    /// The <paramref name="step"/>-th change of a stream of changes to <paramref name="model"/>:
    /// a changed copy of one of its channels, people or mentions, or a new post. Every change is
    /// valid against the model and against any model that results from earlier changes of the
    /// stream; the same arguments give the same change.
    /// </summary>
    public static IFact Change(PolicyModel model, int step)
    {
        ArgumentNullException.ThrowIfNull(model);
        var random = new Random(unchecked(Seed(model.Organisation.Id) * 7919 + step));
        switch (random.Next(6))
        {
            case 0 or 1 when model.Channels.Count > 0:
                var channel = model.Channels[random.Next(model.Channels.Count)];
                return channel with
                {
                    Mfa = random.Next(2) == 0,
                    Credentials = Pick(random, Credentials.Sso, Credentials.Vault, Credentials.SharedDocument, Credentials.Personal),
                    Status = Pick(random, ChannelStatus.Active, ChannelStatus.Active, ChannelStatus.Dormant),
                    LastPostAt = new DateTimeOffset(AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-random.Next(0, 400)),
                    InInventory = random.Next(4) != 0,
                };
            case 2:
                var person = model.People[random.Next(model.People.Count)];
                return person with
                {
                    Status = person.Id == "p1" || random.Next(3) != 0 ? PersonStatus.Active : PersonStatus.Left,
                    InternalActivityOn = AsOf.AddDays(-random.Next(0, 200)),
                };
            case 3 when model.Channels.Count > 0:
                var on = model.Channels[random.Next(model.Channels.Count)];
                return new Post
                {
                    Id = $"stream-post-{step}",
                    Channel = on.Id,
                    Author = model.People[random.Next(model.People.Count)].Id,
                    At = new DateTimeOffset(AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-random.Next(0, 30)),
                    Images = 1,
                    ImagesWithAltText = random.Next(2),
                };
            default:
                return new Mention
                {
                    Id = $"m{random.Next(1, 6)}",
                    Platform = ExternalPlatforms[random.Next(ExternalPlatforms.Length)],
                    At = new DateTimeOffset(AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-random.Next(0, 120)),
                    RequiresResponse = random.Next(2) == 0,
                    Status = Pick(random, MentionStatus.New, MentionStatus.Responded),
                };
        }
    }

    private static RoleAssignment Role(string person, Role role, string? channel = null) =>
        new() { Id = $"{person}:{role}:{channel}:", Person = person, Role = role, Channel = channel };

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    /// <summary>A hash that is the same in every process (unlike <see cref="string.GetHashCode()"/>).</summary>
    private static int Seed(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked(hash * 31 + c);
        return hash;
    }
}
