using System.CommandLine;
using System.Globalization;
using Deeg.Policy.SchemaGeneration;

namespace Deeg.Policy.Cli;

/// <summary>
/// <c>deeg-policy init [dir] [--force]</c>: writes a starter project — an organisation model
/// (<c>model.json</c>), a rule set with two rules (<c>rules/starter.rules.json</c>) and its tests
/// (<c>rules/starter.tests.json</c>) — then prints what it wrote and the commands to run next.
/// Existing files are not overwritten without <c>--force</c> (exit 2, nothing written).
/// </summary>
internal static class InitCommand
{
    /// <summary>The starter model's path inside the target directory.</summary>
    internal const string ModelFile = "model.json";

    /// <summary>The starter rule set's path inside the target directory.</summary>
    internal const string RulesFile = "rules/starter.rules.json";

    /// <summary>The starter test file's path inside the target directory.</summary>
    internal const string TestsFile = "rules/starter.tests.json";

    public static Command Create(CliContext context)
    {
        var dir = new Argument<string>("dir")
        {
            Description = "The directory to write to (created if needed)",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => ".",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite existing files" };
        var command = new Command("init", "Write a starter model, rule set and test file") { dir, force };
        command.SetAction(parseResult => Execute(context, parseResult.GetValue(dir) ?? ".", parseResult.GetValue(force)));
        return command;
    }

    private static int Execute(CliContext context, string dir, bool force)
    {
        var asOf = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var files = new (string Relative, string Content, string What)[]
        {
            (ModelFile, StarterModel(asOf), "an organisation model: describe your organisation here"),
            (RulesFile, StarterRules, "a rule set with two rules (English and German texts)"),
            (TestsFile, StarterTests, "tests: where each rule fires and near misses"),
        };

        if (File.Exists(dir))
        {
            context.Error($"'{dir}' is a file, not a directory");
            return ExitCodes.InvalidInput;
        }

        var existing = files.Select(f => Display(dir, f.Relative)).Where(p => File.Exists(p) || Directory.Exists(p)).ToList();
        if (existing.Count > 0 && !force)
        {
            foreach (var path in existing) context.Error($"'{path}' already exists; use --force to overwrite");
            return ExitCodes.InvalidInput;
        }

        try
        {
            foreach (var (relative, content, _) in files)
            {
                var path = Path.Combine(dir, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, content.ReplaceLineEndings("\n"));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error($"cannot write the starter files: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        var width = files.Max(f => Display(dir, f.Relative).Length);
        foreach (var (relative, _, what) in files) context.Stdout.WriteLine($"wrote {Display(dir, relative).PadRight(width)}  {what}");
        context.Stdout.WriteLine();
        context.Stdout.WriteLine("Next:");
        if (!IsCurrentDirectory(dir)) context.Stdout.WriteLine($"  cd {dir}");
        context.Stdout.WriteLine($"  {CliApp.Name} check {ModelFile} --rules rules");
        context.Stdout.WriteLine($"  {CliApp.Name} test rules");
        context.Stdout.WriteLine();
        context.Stdout.WriteLine($"Each file's \"$schema\" names its JSON Schema; for completion in your editor, save a local copy");
        context.Stdout.WriteLine($"(e.g. {CliApp.Name} schema ruleset > ruleset.schema.json) and point \"$schema\" at it.");
        return ExitCodes.Ok;
    }

    /// <summary>The path as the user will recognise it: <c>dir/rules/starter.rules.json</c>, or without <c>./</c>.</summary>
    private static string Display(string dir, string relative) =>
        IsCurrentDirectory(dir) ? relative : Path.Combine(dir, relative.Replace('/', Path.DirectorySeparatorChar));

    private static bool IsCurrentDirectory(string dir) =>
        string.Equals(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(".").TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    /// <summary>A small, realistic organisation: two public accounts (one of them insecure and with a single admin) and an internal network.</summary>
    internal static string StarterModel(string asOf) => $$"""
        {
          "$schema": "{{JsonSchemas.IdOf(SchemaKind.Model)}}",
          "schemaVersion": 1,
          "asOf": "{{asOf}}",
          "organisation": {
            "id": "beispiel",
            "name": "Beispiel Werkzeugbau GmbH",
            "sector": "b2b",
            "jurisdictions": ["DE", "EU"],
            "employees": 180,
            "worksCouncil": true,
            "socialListening": true,
            "responseSlaHours": 24
          },
          "channels": [
            { "id": "linkedin", "name": "Company page", "platform": "linkedin", "scope": "external",
              "handle": "beispiel-werkzeugbau", "url": "https://www.linkedin.com/company/beispiel-werkzeugbau",
              "ownership": "organisation", "mfa": true, "credentials": "vault", "approvalRequired": true, "visitorPosts": true,
              "impressumUrl": "https://beispiel-werkzeugbau.example/impressum",
              "privacyNoticeUrl": "https://beispiel-werkzeugbau.example/datenschutz", "inProcessingRecords": true },
            { "id": "instagram", "platform": "instagram", "scope": "external", "handle": "@beispiel.werkzeugbau",
              "ownership": "employee", "mfa": false, "credentials": "personal", "visitorPosts": true },
            { "id": "community", "name": "Viva Engage community", "platform": "vivaEngage", "scope": "internal",
              "ownership": "organisation", "mfa": true, "credentials": "sso" }
          ],
          "people": [
            { "id": "p-lead", "name": "Lena Lehmann", "department": "Marketing" },
            { "id": "p-it", "name": "Tim Tausend", "department": "IT" },
            { "id": "p-trainee", "name": "Mia Meier", "department": "Marketing" },
            { "id": "p-ceo", "name": "Dr. Jonas Beispiel", "department": "Management", "leadership": true }
          ],
          "roles": [
            { "person": "p-lead", "role": "socialMediaLead", "channel": "linkedin" },
            { "person": "p-it", "role": "channelAdmin", "channel": "linkedin" },
            { "person": "p-trainee", "role": "channelAdmin", "channel": "instagram" },
            { "person": "p-it", "role": "channelAdmin", "channel": "community" },
            { "person": "p-ceo", "role": "executiveSponsor" }
          ],
          "policies": [
            { "id": "guidelines", "kind": "employeeGuidelines", "title": "Social media guidelines",
              "approvedOn": "2025-03-01", "approvedBy": "p-ceo",
              "clauses": [
                { "type": "confidentiality", "tone": "restricting" },
                { "type": "personalVsOfficial", "tone": "enabling" }
              ] }
          ],
          "trainings": [
            { "person": "p-lead", "module": "accountSecurity", "completedOn": "2025-06-15" }
          ]
        }

        """;

    /// <summary>Two rules: a plain fact pattern, and a count aggregate with a parameter.</summary>
    internal static string StarterRules => $$"""
        {
          "$schema": "{{JsonSchemas.IdOf(SchemaKind.RuleSet)}}",
          "ruleSet": "starter",
          "version": "0.1.0",
          "title": { "en": "Starter rules", "de": "Startregeln" },
          "description": {
            "en": "Two example rules to start from: change them, add your own, and keep the tests in starter.tests.json passing.",
            "de": "Zwei Beispielregeln als Ausgangspunkt: ändern, eigene ergänzen und die Tests in starter.tests.json grün halten."
          },
          "parameters": { "minAdmins": 2 },
          "rules": [
            {
              "id": "STARTER-001",
              "title": { "en": "Public account without multi-factor authentication", "de": "Öffentlicher Account ohne Mehr-Faktor-Authentifizierung" },
              "severity": "high",
              "category": "security",
              "tags": ["account-security"],
              "when": [
                { "fact": "Channel", "as": "c", "where": ["c.scope == 'external'", "c.status == 'active'", "not c.mfa"] }
              ],
              "finding": {
                "subject": "c",
                "message": {
                  "en": "The {c.platform} account {c.handle} can be taken over with a single password: multi-factor authentication is not enforced.",
                  "de": "Der {c.platform}-Account {c.handle} lässt sich mit einem einzigen Passwort übernehmen: Mehr-Faktor-Authentifizierung ist nicht erzwungen."
                },
                "remediation": {
                  "en": "Enforce multi-factor authentication for every login of the account and keep the credentials in the password vault.",
                  "de": "Mehr-Faktor-Authentifizierung für jeden Zugang des Accounts erzwingen und die Zugangsdaten im Passwort-Tresor ablegen."
                }
              }
            },
            {
              "id": "STARTER-002",
              "title": { "en": "Public account with too few administrators", "de": "Öffentlicher Account mit zu wenigen Admins" },
              "severity": "medium",
              "category": "governance",
              "when": [
                { "fact": "Channel", "as": "c", "where": "c.scope == 'external' and c.status == 'active'" },
                { "count": { "fact": "RoleAssignment", "as": "r", "where": "r.channel == c.id and r.role in ['socialMediaLead', 'channelAdmin']" },
                  "as": "admins" },
                { "test": "admins < params.minAdmins" }
              ],
              "finding": {
                "subject": "c",
                "message": {
                  "en": "The {c.platform} account {c.handle} has {admins} administrator(s); at least {params.minAdmins} keep it reachable when someone is away or leaves.",
                  "de": "Der {c.platform}-Account {c.handle} hat {admins} Admin-Person(en); mindestens {params.minAdmins} halten ihn erreichbar, wenn jemand fehlt oder geht."
                },
                "remediation": {
                  "en": "Name a second administrator from another team and record the role in the model.",
                  "de": "Eine zweite Admin-Person aus einem anderen Team benennen und die Rolle im Modell eintragen."
                }
              }
            }
          ]
        }

        """;

    /// <summary>Where each rule fires, near misses, a parameter override, and the starter model itself.</summary>
    internal static string StarterTests => $$"""
        {
          "$schema": "{{JsonSchemas.IdOf(SchemaKind.Tests)}}",
          "ruleSets": ["starter.rules.json"],
          "cases": [
            {
              "name": "the starter model: the Instagram account is flagged by both rules, nothing else",
              "modelFile": "../model.json",
              "expect": [
                { "rule": "STARTER-001", "subject": "Channel/instagram" },
                { "rule": "STARTER-002", "subject": "Channel/instagram" }
              ],
              "exact": true
            },
            {
              "name": "STARTER-001 fires: an active public account without MFA",
              "model": {
                "organisation": { "id": "t", "name": "Test GmbH" },
                "channels": [ { "id": "x", "platform": "x", "scope": "external", "mfa": false } ]
              },
              "expect": [ { "rule": "STARTER-001", "subject": "Channel/x" } ]
            },
            {
              "name": "STARTER-001 near miss: an internal network without MFA is not flagged",
              "model": {
                "organisation": { "id": "t", "name": "Test GmbH" },
                "channels": [ { "id": "wiki", "platform": "teams", "scope": "internal", "mfa": false } ]
              },
              "expectNot": [ { "rule": "STARTER-001" } ]
            },
            {
              "name": "STARTER-002 fires: a public account with a single administrator",
              "model": {
                "organisation": { "id": "t", "name": "Test GmbH" },
                "channels": [ { "id": "li", "platform": "linkedin", "scope": "external", "mfa": true } ],
                "people": [ { "id": "a" } ],
                "roles": [ { "person": "a", "role": "channelAdmin", "channel": "li" } ]
              },
              "expect": [ { "rule": "STARTER-002", "subject": "Channel/li" } ]
            },
            {
              "name": "STARTER-002 near miss: two administrators are enough",
              "model": {
                "organisation": { "id": "t", "name": "Test GmbH" },
                "channels": [ { "id": "li", "platform": "linkedin", "scope": "external", "mfa": true } ],
                "people": [ { "id": "a" }, { "id": "b" } ],
                "roles": [
                  { "person": "a", "role": "channelAdmin", "channel": "li" },
                  { "person": "b", "role": "socialMediaLead", "channel": "li" }
                ]
              },
              "expectNot": [ { "rule": "STARTER-002" } ]
            },
            {
              "name": "STARTER-002 with minAdmins 1: a single administrator is enough",
              "params": { "starter.minAdmins": 1 },
              "model": {
                "organisation": { "id": "t", "name": "Test GmbH" },
                "channels": [ { "id": "li", "platform": "linkedin", "scope": "external", "mfa": true } ],
                "people": [ { "id": "a" } ],
                "roles": [ { "person": "a", "role": "channelAdmin", "channel": "li" } ]
              },
              "expectNot": [ { "rule": "STARTER-002" } ]
            }
          ]
        }

        """;
}
