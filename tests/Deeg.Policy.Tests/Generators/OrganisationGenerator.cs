using Deeg.Policy.Model;
using PolicyDocument = Deeg.Policy.Model.Policy;

// This file is linked into the benchmark project (benchmarks/Deeg.Policy.Benchmarks), so the
// property tests and the benchmarks run on the very same organisations.
namespace Deeg.Policy.Tests.Generators;

/// <summary>
/// Seeded, valid organisations of a given size in realistic proportions: per 1,000
/// facts about 220 people, as many role assignments and trainings, 20 channels, 10 use cases,
/// 100 mentions and the rest posts, plus a few policies and stakeholder groups. The same seed and
/// size give the same model on every run.
/// </summary>
/// <remarks>
/// The fractions that make rules fire are those of a real, imperfect organisation: about 8 % of
/// the people have left (some still hold a role), about 10 % of the channels have no
/// administrator and a quarter have only one, about one in five account staff lacks a valid
/// guidelines training, some trainings have expired, some channels are held by employees or
/// agencies, and the usual gaps in MFA, inventory, approval and labelling.
/// </remarks>
internal static class OrganisationGenerator
{
    /// <summary>The evaluation date the generated dates are arranged around.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 26);

    /// <summary>Sizes: S ≈ 2,000, M ≈ 40,000 and L ≈ 200,000 facts.</summary>
    public const int Small = 2_000, Medium = 40_000, Large = 200_000;

    /// <summary>The facts of a size by name: <c>S</c>, <c>M</c>, <c>L</c>, or a number (e.g. <c>100000</c>).</summary>
    public static int FactsOf(string size) => size switch
    {
        "S" => Small,
        "M" => Medium,
        "L" => Large,
        _ => int.Parse(size, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A valid organisation of about <paramref name="targetFacts"/> facts (exactly that many for 200 facts and more).</summary>
    public static PolicyModel Generate(int seed, int targetFacts) => new Builder(seed, Math.Max(targetFacts, 40)).Build();

    /// <summary>The number of facts of a model (the organisation included).</summary>
    public static int CountFacts(PolicyModel model) =>
        1 + model.Channels.Count + model.People.Count + model.Roles.Count + model.Policies.Count + model.UseCases.Count
        + model.Stakeholders.Count + model.Mentions.Count + model.Posts.Count + model.Trainings.Count;

    private sealed class Builder(int seed, int target)
    {
        private static readonly string[] Departments = ["Marketing", "Communications", "Sales", "IT", "HR", "Legal", "Finance", "Production", "Service", "Research"];
        private static readonly Role[] AdminRoles = [Role.ChannelAdmin, Role.ChannelAdmin, Role.ChannelAdmin, Role.SocialMediaLead];
        private static readonly Role[] OrganisationRoles = [Role.Spokesperson, Role.LegalReviewer, Role.DataProtectionOfficer, Role.ExecutiveSponsor, Role.SocialMediaLead];

        private readonly Random _random = new(seed);
        private readonly HashSet<string> _roleIds = new(StringComparer.Ordinal);

        private bool Coin(double probability) => _random.NextDouble() < probability;

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        /// <summary>Picks by weights (which need not add up to anything in particular).</summary>
        private T Weighted<T>(params (T Value, int Weight)[] choices)
        {
            var roll = _random.Next(choices.Sum(c => c.Weight));
            foreach (var (value, weight) in choices)
            {
                if (roll < weight) return value;
                roll -= weight;
            }

            return choices[^1].Value;
        }

        private DateOnly DaysAgo(int min, int max) => AsOf.AddDays(-_random.Next(min, max + 1));

        private DateTimeOffset TimeAgo(int minDays, int maxDays) =>
            new DateTimeOffset(DaysAgo(minDays, maxDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(_random.Next(7 * 60, 19 * 60));

        public PolicyModel Build()
        {
            var peopleCount = Math.Max(5, target * 22 / 100);
            var channelCount = Math.Max(3, target * 2 / 100);
            var useCaseCount = Math.Max(1, target / 100);
            var policyCount = Math.Clamp(target / 1_000, 4, 60);
            var stakeholderCount = Math.Clamp(target / 200, 3, 102);
            var mentionCount = target / 10;

            var people = Enumerable.Range(1, peopleCount).Select(Person).ToList();
            var active = people.Where(p => p.Status == PersonStatus.Active).Select(p => p.Id).ToList();
            var leavers = people.Where(p => p.Status == PersonStatus.Left).Select(p => p.Id).ToList();
            var channels = Enumerable.Range(1, channelCount).Select(Channel).ToList();
            var useCases = Enumerable.Range(1, useCaseCount).Select(i => UseCase(i, channels)).ToList();
            var roles = Roles(peopleCount, active, leavers, channels, useCases);
            var trainings = Trainings(people, roles);
            var policies = Enumerable.Range(1, policyCount).Select(i => Policy(i, active)).ToList();
            var stakeholders = Stakeholders(stakeholderCount);
            var mentions = Enumerable.Range(1, mentionCount).Select(Mention).ToList();

            // Posts take up the rest, so the model has exactly the target size.
            var used = 1 + people.Count + channels.Count + useCases.Count + roles.Count + trainings.Count + policies.Count + stakeholders.Count + mentions.Count;
            var postable = channels.Where(c => c.Status is ChannelStatus.Active or ChannelStatus.Dormant or ChannelStatus.Closed).Select(c => c.Id).ToList();
            if (postable.Count == 0) postable.Add(channels[0].Id);
            var posts = Enumerable.Range(1, Math.Max(0, target - used)).Select(i => Post(i, postable, active)).ToList();

            return new PolicyModel
            {
                AsOf = AsOf,
                Organisation = Organisation(peopleCount),
                People = people,
                Channels = channels,
                UseCases = useCases,
                Roles = roles,
                Trainings = trainings,
                Policies = policies,
                Stakeholders = stakeholders,
                Mentions = mentions,
                Posts = posts,
            };
        }

        private Organisation Organisation(int employees) => new()
        {
            Id = "org",
            Name = "Generated Organisation " + seed,
            Sector = Weighted((Sector.B2b, 5), (Sector.B2c, 3), (Sector.Public, 1), (Sector.Nonprofit, 1)),
            Jurisdictions = ["DE", "EU"],
            Employees = employees,
            PublicAuthority = false,
            WorksCouncil = Coin(0.7),
            StatedExcuses = Coin(0.3) ? [Excuse.OnlyAHype] : [],
            PresenceDecisionRef = Coin(0.6) ? "DEC-2024-07" : null,
            SocialListening = Coin(0.6),
            ResponseSlaHours = Pick([4, 24, 48]),
            IntroductionDriver = Weighted((IntroductionDriver.CultureLed, 2), (IntroductionDriver.TechnologyLed, 3), (IntroductionDriver.MarketingLed, 3), (IntroductionDriver.Unknown, 2)),
            LastCultureRetrospective = Coin(0.5) ? DaysAgo(30, 700) : null,
            GovernanceBody = ["Marketing", "IT", "HR"],
        };

        private Person Person(int i) => new()
        {
            Id = "p" + i,
            Name = "Person " + i,
            Department = Pick(Departments),
            Leadership = Coin(0.06),
            Status = Coin(0.08) ? PersonStatus.Left : PersonStatus.Active,
            InternalActivityOn = Coin(0.6) ? DaysAgo(0, 200) : null,
            ExternalActivityOn = Coin(0.3) ? DaysAgo(0, 300) : null,
        };

        private Channel Channel(int i)
        {
            var scope = Weighted((ChannelScope.External, 60), (ChannelScope.Internal, 25), (ChannelScope.Messaging, 15));
            var platform = scope switch
            {
                ChannelScope.External => Weighted((Platform.Linkedin, 30), (Platform.Instagram, 20), (Platform.Facebook, 15), (Platform.Youtube, 10), (Platform.Xing, 5),
                    (Platform.X, 5), (Platform.Tiktok, 5), (Platform.Mastodon, 3), (Platform.Bluesky, 3), (Platform.Blog, 3), (Platform.Podcast, 1)),
                ChannelScope.Internal => Weighted((Platform.VivaEngage, 40), (Platform.Teams, 45), (Platform.Slack, 15)),
                _ => Weighted((Platform.WhatsApp, 70), (Platform.Teams, 20), (Platform.Other, 10)),
            };
            var status = Weighted((ChannelStatus.Active, 75), (ChannelStatus.Dormant, 10), (ChannelStatus.Planned, 5), (ChannelStatus.Closed, 10));
            var external = scope == ChannelScope.External;
            return new Channel
            {
                Id = "c" + i,
                Name = $"{platform} channel {i}",
                Platform = platform,
                Scope = scope,
                Handle = external ? "org-" + i : null,
                Url = external ? $"https://social.example/org-{i}" : null,
                Status = status,
                BusinessUse = Coin(0.92),
                Ownership = Weighted((Ownership.Organisation, 85), (Ownership.Employee, 8), (Ownership.Agency, 4), (Ownership.Unknown, 3)),
                InInventory = Coin(0.9),
                Mfa = Coin(0.7),
                Credentials = Weighted((Credentials.Sso, 30), (Credentials.Vault, 40), (Credentials.SharedDocument, 15), (Credentials.Personal, 10), (Credentials.Unknown, 5)),
                LastPostAt = status switch
                {
                    ChannelStatus.Active => TimeAgo(0, Coin(0.9) ? 60 : 400),
                    ChannelStatus.Dormant => TimeAgo(200, 1_200),
                    ChannelStatus.Closed => TimeAgo(300, 2_000),
                    _ => null,
                },
                ApprovalRequired = Coin(0.6),
                VisitorPosts = external && Coin(0.5),
                InsightsOrTargeting = external && Coin(0.5),
                Listening = Coin(0.3),
                ImpressumUrl = external && Coin(0.8) ? "https://org.example/impressum" : null,
                ImpressumLabel = external && Coin(0.8) ? Pick(["Impressum", "Impressum", "Kontakt", "Imprint"]) : null,
                ImpressumClicks = external && Coin(0.6) ? _random.Next(1, 4) : null,
                PrivacyNoticeUrl = external && Coin(0.75) ? "https://org.example/privacy" : null,
                JointControllerRef = external && Coin(0.5) ? "JC-" + i : null,
                RiskAssessmentRef = Coin(0.4) ? "RA-" + i : null,
                InProcessingRecords = Coin(0.6),
                MessageRetentionDays = scope != ChannelScope.External && Coin(0.7) ? Pick([30, 90, 365, 730]) : null,
                WorksAgreementRef = scope == ChannelScope.Internal && Coin(0.6) ? "BV-" + i : null,
                Archived = Coin(0.3),
                ArchiveRetentionYears = Coin(0.3) ? Pick([1, 2, 6, 10]) : null,
                Followers = external ? _random.Next(0, 50_000) : null,
            };
        }

        private UseCase UseCase(int i, List<Channel> channels) => new()
        {
            Id = "u" + i,
            Area = (UseCaseArea)_random.Next(5),
            Channel = Coin(0.8) ? Pick(channels).Id : null,
            Status = Weighted((UseCaseStatus.Pilot, 2), (UseCaseStatus.Established, 7), (UseCaseStatus.Retired, 1)),
            Members = _random.Next(5, 600),
            OpenShare = Pick([0.1m, 0.3m, 0.5m, 0.8m]),
            FeedbackChannel = Coin(0.5),
        };

        /// <summary>
        /// About one role per person: channel administrators (0, 1 or 2+ per channel), editors and
        /// community managers, a few organisation-wide roles, roles for use cases, and employee
        /// advocates for the rest. Most leavers had their roles revoked; a few still hold one.
        /// </summary>
        private List<RoleAssignment> Roles(int count, List<string> active, List<string> leavers, List<Channel> channels, List<UseCase> useCases)
        {
            var roles = new List<RoleAssignment>(count + 16);
            string Holder() => leavers.Count > 0 && Coin(0.03) ? Pick(leavers) : Pick(active);

            foreach (var channel in channels)
            {
                var admins = Weighted((0, 10), (1, 25), (2, 45), (3, 15), (4, 5));
                for (var a = 0; a < admins; a++) Add(roles, Holder(), Pick(AdminRoles), channel.Id, null);
                var staff = _random.Next(0, 5);
                for (var s = 0; s < staff; s++) Add(roles, Holder(), Coin(0.6) ? Role.Editor : Role.CommunityManager, channel.Id, null);
            }

            foreach (var role in OrganisationRoles) Add(roles, Pick(active), role, null, null);
            foreach (var useCase in useCases)
            {
                if (Coin(0.6)) Add(roles, Holder(), Coin(0.5) ? Role.CommunityManager : Role.ExecutiveSponsor, null, useCase.Id);
            }

            // Organisation-wide staff and advocates fill up to about one role per person.
            while (roles.Count < count)
            {
                var role = Weighted((Role.EmployeeAdvocate, 70), (Role.Editor, 12), (Role.CommunityManager, 8), (Role.RegisteredPrincipal, 5), (Role.Spokesperson, 5));
                Add(roles, Holder(), role, null, null);
            }

            return roles;
        }

        private void Add(List<RoleAssignment> roles, string person, Role role, string? channel, string? useCase)
        {
            var id = $"{person}:{Camel(role)}:{channel}:{useCase}";
            if (_roleIds.Add(id)) roles.Add(new RoleAssignment { Id = id, Person = person, Role = role, Channel = channel, UseCase = useCase });
        }

        /// <summary>About one training per person; account staff are trained more often, and some trainings have expired.</summary>
        private List<Training> Trainings(List<Person> people, List<RoleAssignment> roles)
        {
            var staff = roles.Where(r => r.Role is Role.SocialMediaLead or Role.ChannelAdmin or Role.Editor or Role.CommunityManager).Select(r => r.Person).ToHashSet(StringComparer.Ordinal);
            var trainings = new List<Training>(people.Count + people.Count / 8);
            foreach (var person in people)
            {
                var isStaff = staff.Contains(person.Id);
                Maybe(person.Id, TrainingModule.Guidelines, isStaff ? 0.92 : 0.4);
                Maybe(person.Id, TrainingModule.AccountSecurity, isStaff ? 0.6 : 0.05);
                Maybe(person.Id, TrainingModule.DataProtection, 0.2);
                Maybe(person.Id, TrainingModule.Disclosure, 0.04);
                Maybe(person.Id, TrainingModule.BusinessVsPersonal, 0.06);
                Maybe(person.Id, TrainingModule.CrisisDrill, isStaff ? 0.08 : 0.01);
            }

            return trainings;

            void Maybe(string person, TrainingModule module, double probability)
            {
                if (!Coin(probability)) return;
                var completed = DaysAgo(0, 900);
                trainings.Add(new Training
                {
                    Id = $"{person}:{Camel(module)}:{completed:yyyy-MM-dd}",
                    Person = person,
                    Module = module,
                    CompletedOn = completed,
                    // Two years of validity for most; about a fifth of those have run out.
                    ValidUntil = Coin(0.75) ? completed.AddDays(730) : null,
                });
            }
        }

        private PolicyDocument Policy(int i, List<string> active)
        {
            var kind = (PolicyKind)((i - 1) % Enum.GetValues<PolicyKind>().Length);
            return new PolicyDocument
            {
                Id = "pol" + i,
                Kind = kind,
                Title = $"{kind} {i}",
                ApprovedOn = Coin(0.85) ? DaysAgo(60, 1_500) : null,
                ApprovedBy = Coin(0.8) ? Pick(active) : null,
                LastReviewedOn = Coin(0.7) ? DaysAgo(0, 900) : null,
                LastExercisedOn = kind == PolicyKind.CrisisPlan && Coin(0.6) ? DaysAgo(0, 600) : null,
                Clauses = Enumerable.Range(0, _random.Next(2, 8)).Select(_ => new Clause
                {
                    Type = (ClauseType)_random.Next(Enum.GetValues<ClauseType>().Length),
                    Tone = Weighted((ClauseTone.Enabling, 3), (ClauseTone.Restricting, 4), (ClauseTone.Neutral, 3)),
                    Text = "Clause text.",
                    Value = Coin(0.2) ? Pick([30m, 90m, 365m]) : null,
                }).ToList(),
                Tiers = kind == PolicyKind.CrisisPlan
                    ? Enumerable.Range(1, _random.Next(1, 4)).Select(level => new CrisisTier
                    {
                        Level = level,
                        Trigger = "Tier " + level,
                        Approver = Coin(0.9) ? Pick(active) : null,
                        BackupApprover = Coin(0.6) ? Pick(active) : null,
                        HoldingStatement = Coin(0.6),
                        FirstResponseMinutes = Coin(0.7) ? Pick([15, 60, 240]) : null,
                    }).ToList()
                    : [],
            };
        }

        private List<Stakeholder> Stakeholders(int count)
        {
            var all = (from g in Enum.GetValues<StakeholderGroup>() from p in Enum.GetValues<Platform>() select (g, p)).ToList();
            return all.OrderBy(_ => _random.Next()).Take(count).Select(x => new Stakeholder
            {
                Id = $"{Camel(x.g)}:{Camel(x.p)}",
                Group = x.g,
                Platform = x.p,
                Active = Coin(0.85),
                ObservedOn = Coin(0.7) ? DaysAgo(0, 500) : null,
                Evidence = Coin(0.5) ? "survey" : null,
            }).ToList();
        }

        private Mention Mention(int i) => new()
        {
            Id = "m" + i,
            Platform = Weighted((Platform.Linkedin, 30), (Platform.Instagram, 20), (Platform.Facebook, 15), (Platform.X, 15), (Platform.Youtube, 10), (Platform.Tiktok, 10)),
            Author = (MentionAuthor)_random.Next(Enum.GetValues<MentionAuthor>().Length),
            At = TimeAgo(0, 180),
            RequiresResponse = Coin(0.2),
            Status = Weighted((MentionStatus.New, 15), (MentionStatus.Triaged, 20), (MentionStatus.Responded, 40), (MentionStatus.Escalated, 5), (MentionStatus.NoActionNeeded, 20)),
            Sentiment = Coin(0.8) ? Weighted((Sentiment.Positive, 4), (Sentiment.Neutral, 4), (Sentiment.Negative, 2)) : null,
        };

        private Post Post(int i, List<string> channels, List<string> active)
        {
            var images = Weighted((0, 50), (1, 30), (2, 12), (3, 8));
            var compensated = Coin(0.04);
            return new Post
            {
                Id = "post" + i,
                Channel = Pick(channels),
                Author = Coin(0.9) ? Pick(active) : null,
                At = TimeAgo(0, 365),
                AboutOwnProducts = Coin(0.4),
                StaticContent = Coin(0.1),
                Compensated = compensated,
                LabeledAsAd = compensated ? Coin(0.7) : Coin(0.02),
                EmploymentDisclosed = Coin(0.5),
                Images = images,
                ImagesWithAltText = images == 0 ? 0 : Coin(0.7) ? images : _random.Next(0, images),
                ApprovedBy = Coin(0.6) ? Pick(active) : null,
            };
        }

        private static string Camel<T>(T value)
            where T : struct, Enum
        {
            var name = value.ToString();
            return char.ToLowerInvariant(name[0]) + name[1..];
        }
    }
}
