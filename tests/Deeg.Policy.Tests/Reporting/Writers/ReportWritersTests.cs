using Deeg.Policy.Reporting.Sarif;
using System.Text;
using Deeg.Policy.Reporting;
using Deeg.Policy.Reporting.Writers;
using static Deeg.Policy.Tests.Reporting.Writers.ReportSamples;

namespace Deeg.Policy.Tests.Reporting.Writers;

/// <summary>The public abstraction: the registry of formats by name, their media types, and writing to strings and streams.</summary>
public class ReportWritersTests
{
    public static TheoryData<string, string, string> Formats => new()
    {
        { "text", "text/plain", ".txt" },
        { "json", "application/json", ".json" },
        { "sarif", "application/sarif+json", ".sarif" },
        { "junit", "application/xml", ".xml" },
        { "markdown", "text/markdown", ".md" },
        { "html", "text/html", ".html" },
    };

    [Fact]
    public void Names_are_the_formats_of_the_command_line_in_order()
    {
        Assert.Equal(["text", "json", "sarif", "junit", "markdown", "html"], ReportWriters.Names);
        Assert.Equal(ReportWriters.Names, ReportWriters.All.Select(w => w.Name));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_format_has_a_media_type_and_a_file_extension(string name, string contentType, string extension)
    {
        var writer = ReportWriters.Get(name);
        Assert.Equal(name, writer.Name);
        Assert.Equal(contentType, writer.ContentType);
        Assert.Equal(extension, writer.FileExtension);
        Assert.Equal(name, writer.ToString());
    }

    [Fact]
    public void Names_match_in_any_case()
    {
        Assert.Same(ReportWriters.Get("html"), ReportWriters.Get("HTML"));
        Assert.True(ReportWriters.TryGet("Sarif", out var sarif));
        Assert.Equal("sarif", sarif.Name);
    }

    [Fact]
    public void An_unknown_name_is_an_argument_error_that_lists_the_names()
    {
        var error = Assert.Throws<ArgumentException>(() => ReportWriters.Get("pdf"));
        Assert.Equal("name", error.ParamName);
        Assert.StartsWith("unknown report format 'pdf'; the formats are text, json, sarif, junit, markdown, html", error.Message, StringComparison.Ordinal);

        var typo = Assert.Throws<ArgumentException>(() => ReportWriters.Get("htlm"));
        Assert.Contains("did you mean 'html'?", typo.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentNullException>(() => ReportWriters.Get(null!));
        Assert.False(ReportWriters.TryGet("pdf", out var none));
        Assert.Null(none);
        Assert.False(ReportWriters.TryGet(null, out _));
    }

    [Fact]
    public void Each_writer_writes_what_its_format_renders()
    {
        var reports = new[] { Nine(), Report([Finding("GOV-001", Severity.Critical, "Channel/a")], [new EvaluationError("GOV-009", "it broke")], id: "two") };
        var german = new ReportWriterOptions { Language = "de" };
        Assert.Equal(TextFormat.Render(reports, ReportLabels.German, colour: false), ReportWriters.Get("text").WriteToString(reports, german));
        Assert.Equal(MarkdownFormat.Render(reports, ReportLabels.German), ReportWriters.Get("markdown").WriteToString(reports, german));
        Assert.Equal(HtmlFormat.Render(reports, ReportLabels.German), ReportWriters.Get("html").WriteToString(reports, german));
        Assert.Equal(JUnitFormat.Render(reports, ReportLabels.German), ReportWriters.Get("junit").WriteToString(reports, german));
        Assert.Equal(SarifReportWriter.Write(reports) + "\n", ReportWriters.Get("sarif").WriteToString(reports, german));
        Assert.Equal(ReportJsonWriter.WriteMany(reports) + "\n", ReportWriters.Get("json").WriteToString(reports, german));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_ends_with_a_line_break_and_has_no_carriage_return(string name, string contentType, string extension)
    {
        _ = (contentType, extension);
        foreach (var reports in new[] { new[] { Nine() }, [Nine(), Report([], id: "two")] })
        {
            var text = ReportWriters.Get(name).WriteToString(reports);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', text);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Streams_get_the_same_text_as_UTF8_without_a_byte_order_mark(string name, string contentType, string extension)
    {
        _ = (contentType, extension);
        var writer = ReportWriters.Get(name);
        var reports = new[] { Report([Finding("GOV-001", Severity.High, "Channel/ä", message: "Überprüfung — 🟧")]) };
        var expected = writer.WriteToString(reports);

        using var stream = new MemoryStream();
        writer.Write(reports, stream);
        Assert.True(stream.CanWrite, "the stream stays open");
        Assert.Equal(Encoding.UTF8.GetBytes(expected), stream.ToArray());

        using var asyncStream = new MemoryStream();
        await writer.WriteAsync(reports, asyncStream);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), asyncStream.ToArray());
    }

    [Fact]
    public void A_text_writer_is_written_to_not_closed()
    {
        using var output = new StringWriter();
        output.Write("before\n");
        ReportWriters.Get("json").Write([Nine()], output);
        output.Write("after");
        Assert.Equal("before\n" + Nine().ToJson() + "\nafter", output.ToString());
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var writer = ReportWriters.Get("text");
        Assert.Throws<ArgumentNullException>(() => writer.Write(null!, new StringWriter()));
        Assert.Throws<ArgumentNullException>(() => writer.Write([Nine()], (TextWriter)null!));
        Assert.Throws<ArgumentNullException>(() => writer.Write([Nine()], (Stream)null!));
        Assert.Throws<ArgumentException>(() => writer.WriteToString([Nine(), null!]));
        Assert.Throws<ArgumentException>(() => new ReportWriterOptions { ToolName = " " });
        Assert.Throws<ArgumentNullException>(() => new ReportWriterOptions { ToolName = null! });
    }

    [Fact]
    public void Options_default_to_the_reports_language_and_the_tool_name()
    {
        var options = new ReportWriterOptions();
        Assert.Null(options.Language);
        Assert.False(options.Colour);
        Assert.Equal("deeg-policy", options.ToolName);
        Assert.Equal(ReportWriterOptions.DefaultToolName, options.ToolName);
        Assert.Null(options.ReadModelFile);

        var german = Report([], language: "de");
        Assert.Equal(ReportWriters.Get("text").WriteToString([german], new ReportWriterOptions { Language = "de" }), ReportWriters.Get("text").WriteToString([german]));
        Assert.Contains("Keine Befunde.", ReportWriters.Get("text").WriteToString([german]), StringComparison.Ordinal);
        Assert.Contains("No findings.", ReportWriters.Get("text").WriteToString([german], new ReportWriterOptions { Language = "en" }), StringComparison.Ordinal);
        Assert.Contains("No findings.", ReportWriters.Get("text").WriteToString([german], new ReportWriterOptions { Language = "fr" }), StringComparison.Ordinal);
    }
}
