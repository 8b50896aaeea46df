using Infra.Core.Aws;
using Infra.Core.Schedules;
using static Infra.Core.Tests.Schedules.ScheduleAssert;

namespace Infra.Core.Tests.Schedules;

public sealed class ScheduleOptionsTests
{
    private static readonly AssociationSchedule PatchTuesday = Valid("cron(0 0 ? * THU#2 *)");

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-1)]
    public void ScheduleOffsetOutsideOneToSixIsRejected(int offset)
    {
        var violation = Assert.Single(AssociationSchedules.CheckOptions(PatchTuesday, true, offset));

        Assert.Contains($"ScheduleOffset {offset} is out of range", violation.Rule, StringComparison.Ordinal);
        Assert.Contains("from 1 to 6", violation.Rule, StringComparison.Ordinal);
        Assert.Equal(Sources.SsmAssociationApi, violation.Source);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void ScheduleOffsetWithCronAndApplyOnlyAtCronIntervalIsValid(int offset)
    {
        Assert.Empty(AssociationSchedules.CheckOptions(PatchTuesday, true, offset));
    }

    [Theory]
    [InlineData("rate(1 day)")]
    [InlineData("at(2026-12-10T10:00:00)")]
    public void ScheduleOffsetOnlyGoesWithCron(string text)
    {
        var violations = AssociationSchedules.CheckOptions(Valid(text), true, 2);

        HasRule(violations, "offsets apply to cron expressions only");
    }

    [Fact]
    public void ScheduleOffsetWithoutApplyOnlyAtCronIntervalIsRejected()
    {
        var violation = Assert.Single(AssociationSchedules.CheckOptions(PatchTuesday, false, 2));

        Assert.Contains("ScheduleOffset needs ApplyOnlyAtCronInterval", violation.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate(30 minutes)", "cron(0/30 * * * ? *)")]
    [InlineData("rate(4 hours)", "cron(0 0/4 * * ? *)")]
    [InlineData("rate(7 days)", "cron(0 0 ? * SUN *)")]
    [InlineData("rate(3 days)", "cron(0 0 * * ? *)")]
    public void ApplyOnlyAtCronIntervalIsNotSupportedForRate(string text, string suggestion)
    {
        var violation = Assert.Single(AssociationSchedules.CheckOptions(Valid(text), true, null));

        Assert.Contains("isn't supported for rate expressions", violation.Rule, StringComparison.Ordinal);
        Assert.Contains($"e.g. {suggestion}", violation.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cron(0 0 ? * THU#2 *)")]
    [InlineData("at(2026-12-10T10:00:00)")]
    public void ApplyOnlyAtCronIntervalGoesWithCronAndAt(string text)
    {
        Assert.Empty(AssociationSchedules.CheckOptions(Valid(text), true, null));
    }

    [Fact]
    public void RateWithoutOptionsIsValid()
    {
        Assert.Empty(AssociationSchedules.CheckOptions(Valid("rate(30 minutes)"), false, null));
    }
}
