using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Deeg.Policy.Model;
using Deeg.Policy.SchemaGeneration;

namespace Deeg.Policy.Tests.Model;

/// <summary>
/// The model is described once, on the fact types: the committed reference page docs/model.md is
/// generated from them, and the XML documentation of every type and field (what IntelliSense
/// shows) says what its description says.
/// </summary>
public class ModelReferenceTests
{
    private const string UpdateVariable = "DEEG_UPDATE_DOCS";

    [Fact]
    public void The_committed_model_reference_is_the_generated_page()
    {
        var path = Repository.Path("docs", "model.md");
        var generated = ModelReference.Markdown();
        if (Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true")
        {
            File.WriteAllText(path, generated);
            return;
        }

        Assert.True(File.Exists(path), $"docs/model.md is missing; generate it with: {ModelReference.Regenerate}");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (committed == generated) return;
        var line = committed.Split('\n').Zip(generated.Split('\n')).Select((pair, i) => (pair, i)).FirstOrDefault(x => x.pair.First != x.pair.Second);
        Assert.Fail($"docs/model.md is not the generated page (first difference at line {line.i + 1}:\n  committed: {line.pair.First}\n  generated: {line.pair.Second});\n"
            + $"regenerate it with: {ModelReference.Regenerate}");
    }

    [Fact]
    public void The_page_lists_every_type_field_and_enum_value_with_both_labels()
    {
        var page = ModelReference.Markdown();
        foreach (var type in ModelSchema.Types)
        {
            Assert.Contains($"\n## {type.Name}\n", page, StringComparison.Ordinal);
            foreach (var field in type.Fields) Assert.Contains($"| `{field.Name}` |", page, StringComparison.Ordinal);
        }

        Assert.Contains("| `whatsApp` | WhatsApp. | WhatsApp | WhatsApp |", page, StringComparison.Ordinal);
        Assert.Contains("| `dormant` | Still open, but no longer looked after. | dormant | ruhend |", page, StringComparison.Ordinal);
        Assert.Contains("| `socialMediaLead` | Responsible for social media as a whole, or for one channel. | social media lead | Social-Media-Verantwortung |", page, StringComparison.Ordinal);
        Assert.Contains("| `id` | string | derived: `person:role:channel:useCase` |  |", page, StringComparison.Ordinal);
        Assert.Contains("| `responseSlaHours` | int | `24` |  |", page, StringComparison.Ordinal);
        Assert.Contains("| `openShare` | number | `0` |  | Share of spaces open to all staff. 0 to 1. |", page, StringComparison.Ordinal);
        Assert.Contains("| `approvedBy` | [Person](#person) id |", page, StringComparison.Ordinal);
        Assert.Contains("Label: Channel (en), Kanal (de).", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", page, StringComparison.Ordinal);
        Assert.EndsWith("\n", page, StringComparison.Ordinal);

        // Every link to a section of the page has its heading.
        var anchors = Regex.Matches(page, @"^#+ (\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        foreach (Match link in Regex.Matches(page, @"\]\(#([a-z]+)\)")) Assert.Contains(link.Groups[1].Value, anchors);
    }

    [Fact]
    public void The_XML_documentation_of_every_model_type_field_and_enum_value_is_its_description()
    {
        var xml = XDocument.Load(Path.ChangeExtension(typeof(Channel).Assembly.Location, ".xml"));
        var summaries = xml.Descendants("member").ToDictionary(m => (string)m.Attribute("name")!, m => Text(m.Element("summary")));
        foreach (var type in ModelSchema.Types)
        {
            Assert.Equal(type.Description, summaries.GetValueOrDefault("T:" + type.ClrType.FullName));
            foreach (var field in type.Fields)
                Assert.Equal(field.Description, summaries.GetValueOrDefault($"P:{type.ClrType.FullName}.{field.Property!.Name}"));
        }

        var enums = typeof(Channel).Assembly.GetExportedTypes().Where(t => t.IsEnum && t.Namespace == typeof(Channel).Namespace).ToList();
        Assert.NotEmpty(enums);
        foreach (var member in enums.SelectMany(e => e.GetFields(BindingFlags.Public | BindingFlags.Static)))
        {
            var description = member.GetCustomAttribute<DescriptionAttribute>()?.Description;
            Assert.False(string.IsNullOrWhiteSpace(description), $"no description of {member.DeclaringType!.Name}.{member.Name}");
            Assert.Equal(description, summaries.GetValueOrDefault($"F:{member.DeclaringType!.FullName}.{member.Name}"));
        }
    }

    /// <summary>The text of a summary: code and references as their plain text, white space collapsed.</summary>
    private static string? Text(XElement? summary)
    {
        if (summary is null) return null;
        var text = string.Concat(summary.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" } see => ((string?)see.Attribute("cref"))?.Split('.')[^1] ?? see.Value,
            XElement e => e.Value,
            _ => string.Empty,
        }));
        return Regex.Replace(text, @"\s+", " ").Trim();
    }
}
