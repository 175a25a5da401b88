using Deeg.Policy.Core;
using Deeg.Policy.Model;
using Deeg.Policy.Model.Loading;

namespace Deeg.Policy.Tests.Core;

/// <summary>The en/de labels: complete for every enum value, fact type and severity, and exact where the product fixes them.</summary>
public class VocabularyLabelsTests
{
    private static IEnumerable<Type> LabelledEnums() =>
        typeof(Organisation).Assembly.GetExportedTypes().Where(t => t.IsEnum && t.Namespace == typeof(Organisation).Namespace).Append(typeof(Severity));

    private static IEnumerable<string> FactTypes() => BuiltInFactTypes.Facts.Select(f => f.Name).Concat([nameof(Clause), nameof(CrisisTier)]);

    [Fact]
    public void Every_value_of_every_model_enum_and_every_severity_has_both_labels()
    {
        var enums = LabelledEnums().ToList();
        Assert.True(enums.Count >= 21, "expected the enums of the model and Severity");
        foreach (var type in enums)
        {
            foreach (var value in Enum.GetValues(type).Cast<Enum>())
            {
                var label = Labels.Find(type.Name, Naming.CamelCase(value.ToString()));
                Assert.True(label is not null, $"no labels for {type.Name}.{value}");
                Assert.False(string.IsNullOrWhiteSpace(label.En), $"no English label for {type.Name}.{value}");
                Assert.False(string.IsNullOrWhiteSpace(label.De), $"no German label for {type.Name}.{value}");
                Assert.Equal(label.En, Labels.For(value, "en"));
                Assert.Equal(label.De, Labels.For(value, "de"));
            }
        }
    }

    [Fact]
    public void Every_fact_type_and_nested_type_has_both_labels()
    {
        foreach (var name in FactTypes())
        {
            var label = Labels.FindFactType(name);
            Assert.True(label is not null, $"no labels for the fact type {name}");
            Assert.False(string.IsNullOrWhiteSpace(label.En));
            Assert.False(string.IsNullOrWhiteSpace(label.De));
        }
    }

    [Fact]
    public void The_table_names_nothing_that_does_not_exist()
    {
        var enums = LabelledEnums().ToDictionary(t => t.Name);
        foreach (var (type, members) in Labels.EnumTypes)
        {
            Assert.True(enums.TryGetValue(type, out var clr), $"labels for an enum that does not exist: {type}");
            Assert.Equal(Enum.GetNames(clr).Select(Naming.CamelCase), members);
        }

        Assert.Equal(FactTypes().Order(StringComparer.Ordinal), Labels.FactTypeNames.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Platform.Linkedin, "LinkedIn", "LinkedIn")]
    [InlineData(Platform.Xing, "XING", "XING")]
    [InlineData(Platform.WhatsApp, "WhatsApp", "WhatsApp")]
    [InlineData(Platform.X, "X", "X")]
    [InlineData(Platform.VivaEngage, "Viva Engage", "Viva Engage")]
    [InlineData(ChannelStatus.Active, "active", "aktiv")]
    [InlineData(ChannelStatus.Dormant, "dormant", "ruhend")]
    [InlineData(ChannelStatus.Planned, "planned", "geplant")]
    [InlineData(ChannelStatus.Closed, "closed", "geschlossen")]
    [InlineData(ChannelScope.External, "external", "extern")]
    [InlineData(ChannelScope.Internal, "internal", "intern")]
    [InlineData(ChannelScope.Messaging, "messaging", "Messaging")]
    [InlineData(Ownership.Organisation, "organisation", "Organisation")]
    [InlineData(Ownership.Employee, "employee", "Beschäftigte")]
    [InlineData(Ownership.Agency, "agency", "Agentur")]
    [InlineData(Ownership.Unknown, "unknown", "unbekannt")]
    [InlineData(Role.SocialMediaLead, "social media lead", "Social-Media-Verantwortung")]
    [InlineData(Role.ChannelAdmin, "channel admin", "Kanal-Admin")]
    [InlineData(TrainingModule.Guidelines, "guidelines", "Richtlinien")]
    [InlineData(TrainingModule.AccountSecurity, "account security", "Kontosicherheit")]
    [InlineData(TrainingModule.Disclosure, "disclosure", "Offenlegung")]
    [InlineData(UseCaseArea.InternalCommunication, "internal communication", "interne Kommunikation")]
    [InlineData(UseCaseArea.KnowledgeManagement, "knowledge management", "Wissensmanagement")]
    [InlineData(Severity.Critical, "critical", "kritisch")]
    [InlineData(Severity.High, "high", "hoch")]
    [InlineData(Severity.Medium, "medium", "mittel")]
    [InlineData(Severity.Low, "low", "niedrig")]
    [InlineData(Severity.Info, "info", "Hinweis")]
    public void The_fixed_labels_are_exact(Enum value, string en, string de)
    {
        Assert.Equal(en, Labels.For(value, "en"));
        Assert.Equal(de, Labels.For(value, "de"));
    }

    [Theory]
    [InlineData("Channel", "Channel", "Kanal")]
    [InlineData("Person", "Person", "Person")]
    [InlineData("Policy", "Policy", "Richtlinie")]
    public void The_fixed_fact_type_labels_are_exact(string name, string en, string de)
    {
        Assert.Equal(en, Labels.FactType(name, "en"));
        Assert.Equal(de, Labels.FactType(name, "de"));
    }

    [Fact]
    public void Severities_regions_other_languages_and_unknown_values_fall_back()
    {
        Assert.Equal("Hinweis", Labels.Severity(Severity.Info, "de"));
        Assert.Equal("kritisch", Labels.Severity(Severity.Critical, "DE-at"));
        Assert.Equal("critical", Labels.Severity(Severity.Critical, "fr"));
        Assert.Equal("critical", Labels.Severity(Severity.Critical, null));
        Assert.Equal("Kanal", Labels.FactType("Channel", "de-CH"));
        Assert.Equal("SupplierContract", Labels.FactType("SupplierContract", "de")); // a host type: its name
        Assert.Equal("tuesday", Labels.For(DayOfWeek.Tuesday, "de")); // an enum without labels: its camelCase name
        Assert.Equal("99", Labels.For((Platform)99, "en"));
    }

    [Fact]
    public void Labels_are_words_not_camel_case_identifiers()
    {
        foreach (var type in LabelledEnums())
        {
            foreach (var name in Enum.GetNames(type))
            {
                var label = Labels.Find(type.Name, Naming.CamelCase(name))!;

                // No camelCase identifiers: a label is words, not the value again.
                Assert.DoesNotMatch("[a-z][A-Z]", label.En.Replace("LinkedIn", string.Empty, StringComparison.Ordinal).Replace("YouTube", string.Empty, StringComparison.Ordinal).Replace("TikTok", string.Empty, StringComparison.Ordinal).Replace("WhatsApp", string.Empty, StringComparison.Ordinal));
                Assert.Equal(label.En.Trim(), label.En);
                Assert.Equal(label.De.Trim(), label.De);
            }
        }
    }

    [Fact]
    public void Every_category_of_the_built_in_packs_has_both_labels_and_German_is_German()
    {
        var categories = Deeg.Policy.Packs.BuiltInPacks.Names
            .SelectMany(pack => Newtonsoft.Json.Linq.JObject.Parse(Deeg.Policy.Packs.BuiltInPacks.Read(pack)!)["rules"]!
                .Select(rule => (string?)rule["category"]))
            .OfType<string>()
            .Distinct()
            .ToList();
        Assert.True(categories.Count >= 20, "expected the categories of the built-in packs");
        foreach (var category in categories)
        {
            Assert.Contains(category, Labels.CategoryNames);
            var de = Labels.Category(category, "de");
            Assert.False(string.IsNullOrWhiteSpace(Labels.Category(category, "en")), category);
            Assert.NotEqual(category, de);
            Assert.DoesNotContain('-', de.Replace("Community-Management", string.Empty, StringComparison.Ordinal));
        }

        Assert.Equal(categories.Order(StringComparer.Ordinal), Labels.CategoryNames.Order(StringComparer.Ordinal));
        Assert.Equal("Datenschutz", Labels.Category("data-protection", "de"));
        Assert.Equal("data protection", Labels.Category("data-protection", "en"));
        Assert.Equal("our-own-category", Labels.Category("our-own-category", "de"));
    }
}
