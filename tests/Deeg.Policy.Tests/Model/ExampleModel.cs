
namespace Deeg.Policy.Tests.Model;

/// <summary>The example model of the contract (/work/shared/examples/muster-maschinenbau.model.json), verbatim.</summary>
internal static class ExampleModel
{
    public const string Json = """
        {
          "schemaVersion": 1,
          "asOf": "2026-11-26",
          "organisation": {
            "id": "muster",
            "name": "Muster Maschinenbau GmbH",
            "sector": "b2b",
            "jurisdictions": ["DE", "EU"],
            "employees": 420,
            "worksCouncil": true,
            "statedExcuses": ["b2bNoEndCustomers", "onlyAHype"],
            "socialListening": false,
            "responseSlaHours": 24,
            "introductionDriver": "technologyLed",
            "governanceBody": ["Marketing", "IT"]
          },
          "channels": [
            { "id": "li-page", "platform": "linkedin", "scope": "external", "handle": "muster-maschinenbau",
              "ownership": "organisation", "mfa": true, "credentials": "vault", "lastPostAt": "2026-11-20T08:00:00Z",
              "approvalRequired": true, "visitorPosts": true, "privacyNoticeUrl": "https://muster.example/datenschutz",
              "impressumUrl": "https://muster.example/impressum", "impressumLabel": "Impressum", "impressumClicks": 1,
              "inProcessingRecords": true, "messageRetentionDays": 365, "worksAgreementRef": "BV-2024-03" },
            { "id": "xing-old", "platform": "xing", "scope": "external", "status": "dormant", "handle": "muster",
              "ownership": "employee", "credentials": "personal", "lastPostAt": "2023-02-01T10:00:00Z" },
            { "id": "engage", "platform": "vivaEngage", "scope": "internal", "name": "Muster Community",
              "ownership": "organisation", "mfa": true, "credentials": "sso", "inProcessingRecords": true }
          ],
          "people": [
            { "id": "p-ceo", "name": "Dr. Anna Muster", "department": "Management", "leadership": true },
            { "id": "p-cmo", "name": "Ben Beispiel", "department": "Marketing", "leadership": true, "internalActivityOn": "2026-09-10" },
            { "id": "p-sm", "name": "Clara Content", "department": "Marketing", "internalActivityOn": "2026-11-25" },
            { "id": "p-old", "name": "Dieter Damals", "department": "Sales", "status": "left" }
          ],
          "roles": [
            { "person": "p-sm", "role": "socialMediaLead", "channel": "li-page" },
            { "person": "p-old", "role": "channelAdmin", "channel": "xing-old" },
            { "person": "p-cmo", "role": "executiveSponsor" }
          ],
          "policies": [
            { "id": "guidelines", "kind": "employeeGuidelines", "title": "Social-Media-Leitfaden",
              "approvedOn": "2023-05-01", "approvedBy": "p-ceo",
              "clauses": [
                { "type": "confidentiality", "tone": "restricting" },
                { "type": "personalVsOfficial", "tone": "restricting" },
                { "type": "nonDisparagement", "tone": "restricting" },
                { "type": "dataProtection", "tone": "restricting" }
              ] }
          ],
          "useCases": [
            { "id": "uc-news", "area": "internalCommunication", "channel": "engage", "members": 380, "openShare": 0.9, "feedbackChannel": true }
          ],
          "stakeholders": [
            { "group": "customers", "platform": "linkedin", "observedOn": "2026-10-01" },
            { "group": "applicants", "platform": "instagram", "observedOn": "2026-10-01" },
            { "group": "employees", "platform": "xing" },
            { "group": "competitors", "platform": "youtube" }
          ],
          "mentions": [
            { "id": "m1", "platform": "xing", "author": "employees", "at": "2026-11-20T12:00:00Z", "requiresResponse": true, "status": "new", "sentiment": "negative" }
          ],
          "posts": [
            { "id": "post-1", "channel": "li-page", "author": "p-sm", "at": "2026-11-20T08:00:00Z", "images": 2, "imagesWithAltText": 1, "approvedBy": "p-sm" }
          ],
          "trainings": [
            { "person": "p-sm", "module": "guidelines", "completedOn": "2025-01-15", "validUntil": "2027-01-15" }
          ]
        }
        """;
}
