using static Deeg.Policy.Tests.Engine.EngineFixture;

namespace Deeg.Policy.Tests.Engine;

/// <summary>The message functions and language-aware holes on a real engine: findings, sessions, explanations.</summary>
public class MessageFunctionTests
{
    private static readonly EvaluationOptions German = new() { Language = "de" };

    [Fact]
    public void Holes_render_in_the_evaluations_language()
    {
        var rules = RuleSet(Rule("T-401", """
            { "fact": "Channel", "as": "c", "where": "c.id == 'li'" }
            """, """{ "en": "{c}: {c.platform}, {c.status}, MFA {c.mfa}, {c.lastPostAt}, {asOf}, {asOf - date('2026-11-04')}, {0.5}", "de": "{c}: {c.platform}, {c.status}, MFA {c.mfa}, {c.lastPostAt}, {asOf}, {asOf - date('2026-11-04')}, {0.5}" }"""));
        Assert.Equal("org-li: LinkedIn, active, MFA yes, 2026-11-20 08:00 UTC, 2026-11-26, 22 days, 0.5", Assert.Single(Evaluate(rules).Findings).Message);
        Assert.Equal("org-li: LinkedIn, aktiv, MFA ja, 20.11.2026 08:00 UTC, 26.11.2026, 22 Tage, 0,5", Assert.Single(Evaluate(rules, German).Findings).Message);
    }

    [Fact]
    public void Messages_read_naturally_with_the_new_functions()
    {
        var rules = RuleSet(Rule("T-402", """
            { "fact": "Channel", "as": "c" },
            { "count": { "fact": "RoleAssignment", "as": "r", "where": "r.channel == c.id" }, "as": "n" },
            { "collect": { "fact": "RoleAssignment", "as": "s", "where": "s.channel == c.id" }, "of": "s.role", "as": "roles" }
            """, """{ "en": "{name(c)} has {n} {plural(n, 'role', 'roles')}{if(n > 0, ': ' + join(roles, ' and '), '')}", "de": "{name(c)} hat {n} {plural(n, 'Rolle', 'Rollen')}{if(n > 0, ': ' + join(roles, ' und '), '')}" }"""));
        Assert.Equal(["Engage has 0 roles", "org-li has 2 roles: social media lead and channel admin", "org-xing has 1 role: channel admin"],
            Evaluate(rules).Findings.Select(f => f.Message).Order(StringComparer.Ordinal));
        Assert.Equal(["Engage hat 0 Rollen", "org-li hat 2 Rollen: Social-Media-Verantwortung und Kanal-Admin", "org-xing hat 1 Rolle: Kanal-Admin"],
            Evaluate(rules, German).Findings.Select(f => f.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Display_names_in_messages_refer_to_the_models_facts()
    {
        var rules = RuleSet(Rule("T-403", """{ "fact": "RoleAssignment", "as": "r", "where": "r.channel == 'xing'" }""", "\"{r} / {name(r)}\""));
        Assert.Equal("Cem, channel admin (org-xing) / Cem, channel admin (org-xing)", Assert.Single(Evaluate(rules).Findings).Message);
        Assert.Equal("Cem, Kanal-Admin (org-xing) / Cem, Kanal-Admin (org-xing)", Assert.Single(Evaluate(rules, German).Findings).Message);
    }

    [Fact]
    public void Conditions_see_the_evaluations_language()
    {
        var rules = RuleSet(Rule("T-404", """
            { "fact": "Channel", "as": "c", "where": ["c.id == 'li'", "text(0.5) == '0,5'", "label(c.status) == 'aktiv'"] }
            """));
        Assert.Empty(Evaluate(rules).Findings);
        Assert.Single(Evaluate(rules, German).Findings);
    }

    [Fact]
    public void Min_and_max_aggregate_dates_and_datetimes_per_subject_and_organisation_wide()
    {
        var rules = RuleSet(Rule("T-405", """
            { "fact": "Channel", "as": "c" },
            { "min": { "fact": "Post", "as": "p", "where": "p.channel == c.id" }, "of": "p.at", "as": "first" },
            { "max": { "fact": "Post", "as": "q" }, "of": "q.at", "as": "latest" },
            { "max": { "fact": "Training", "as": "t" }, "of": "t.completedOn", "as": "lastTraining" },
            { "min": { "fact": "Training", "as": "u", "where": "u.person == 'nobody'" }, "of": "u.completedOn", "as": "nothing" },
            { "test": "nothing == null and lastTraining < asOf and max(first, latest) == latest" }
            """, "\"{c.id}: {text(first, 'yyyy-MM-dd')} {latest} {lastTraining}\""));
        Assert.Equal(["li: 2026-10-01 2026-11-01 09:00 UTC 2025-01-01"], Evaluate(rules).Findings.Select(f => f.Message));
    }

    [Fact]
    public void Min_of_dates_binds_a_date_alias()
    {
        var rules = RuleSet(Rule("T-406", """
            { "fact": "Organisation", "as": "org" },
            { "min": { "fact": "Training", "as": "t" }, "of": "t.validUntil", "as": "soonest" },
            { "test": "soonest + 30d < asOf" }
            """, "\"{soonest}\""));
        Assert.Equal(["2025-01-01"], Evaluate(rules).Findings.Select(f => f.Message));
        Assert.Equal(["01.01.2025"], Evaluate(rules, German).Findings.Select(f => f.Message));
    }

    [Fact]
    public void Aggregating_a_string_with_min_names_what_it_takes()
    {
        var d = Assert.Single(BuildDiagnostics(RuleSet(Rule("T-407", """
            { "fact": "Organisation", "as": "org" },
            { "min": { "fact": "Channel", "as": "c" }, "of": "c.handle", "as": "h" }
            """))));
        Assert.Contains("'min' needs a number, date or datetime to aggregate", d.Message, StringComparison.Ordinal);
        Assert.True(d.Line > 0 && d.Column > 0);
    }

    [Fact]
    public void Why_not_evaluates_the_new_functions_in_the_evaluations_language()
    {
        var rules = RuleSet(Rule("T-408", """{ "fact": "Channel", "as": "c", "where": "label(c.status) == 'ruhend'" }"""));
        var engine = CreateEngine(rules);
        var explanation = engine.Explain(LoadModel(), "T-408", options: German);
        var candidates = explanation.Candidates.ToDictionary(c => c.Subject.ToString());
        Assert.True(candidates["Channel/xing"].Fires);
        Assert.False(candidates["Channel/li"].Fires);
        Assert.Equal("aktiv", candidates["Channel/li"].Values["label(c.status)"]);
    }

    [Fact]
    public void A_session_renders_display_names_from_its_current_facts()
    {
        var rules = RuleSet(Rule("T-409", """{ "fact": "RoleAssignment", "as": "r", "where": "r.channel == 'xing'" }""", "\"{name(r)}\""));
        var engine = CreateEngine(rules);
        using var session = engine.OpenSession(LoadModel(), new EvaluationOptions());
        Assert.Equal("Cem, channel admin (org-xing)", Assert.Single(session.Report().Findings).Message);
        var model = session.Model;
        session.Upsert(model.Channels.Single(c => c.Id == "xing") with { Name = "XING Talent" });
        session.Upsert(model.Roles.Single(r => r.Channel == "xing") with { });
        Assert.Equal("Cem, channel admin (XING Talent)", Assert.Single(session.Report().Findings).Message);
    }
}
