using static Deeg.Policy.Tests.Reporting.Writers.ReportSamples;

namespace Deeg.Policy.Tests.Reporting;

/// <summary><see cref="ComplianceReport.Fails"/>: the decision behind <c>--fail-on</c> and <c>--fail-on-new</c>.</summary>
public class FailOnTests
{
    private static readonly ComplianceReport HighWaivedMediumOpen =
        Report([Finding("GOV-003", Severity.High, "Channel/a", XingWaiver), Finding("GOV-006", Severity.Medium, "Channel/b")]);

    [Theory]
    [InlineData(Severity.Info, true)]
    [InlineData(Severity.Low, true)]
    [InlineData(Severity.Medium, true)]
    [InlineData(Severity.High, false)] // the only high finding is waived
    [InlineData(Severity.Critical, false)]
    [InlineData(null, false)]
    public void A_report_fails_on_an_unwaived_finding_at_or_above_the_threshold(Severity? failOn, bool fails)
    {
        Assert.Equal(fails, HighWaivedMediumOpen.Fails(failOn));
    }

    [Fact]
    public void No_findings_never_fail_and_errors_are_not_findings()
    {
        Assert.False(Report([]).Fails(Severity.Info));
        Assert.False(Report([], [new EvaluationError("GOV-009", "it broke")]).Fails(Severity.Info));
    }

    [Fact]
    public void With_new_only_just_the_new_findings_count()
    {
        var report = Report([Finding("GOV-001", Severity.Critical, "Channel/a").WithBaseline(BaselineState.Unchanged), Finding("GOV-018", Severity.Low, "Channel/b").WithBaseline(BaselineState.New)]);
        Assert.True(report.Fails(Severity.Critical));
        Assert.False(report.Fails(Severity.Critical, newOnly: true));
        Assert.True(report.Fails(Severity.Low, newOnly: true));
        Assert.False(Report([Finding("GOV-001", Severity.Critical, "Channel/a")]).Fails(Severity.Info, newOnly: true)); // no baseline: nothing is new
    }
}
