using Infra.Core.Schedules;

namespace Infra.Core.Tests.Schedules;

public sealed class UnixCronTests
{
    [Fact]
    public void UnixHourlyShorthandBecomesAwsCron()
    {
        var schedule = ScheduleAssert.Valid("0 */1 * * *");

        Assert.Equal("cron(0 */1 * * ? *)", schedule.Expression);
        Assert.Equal(ScheduleKind.Cron, schedule.Kind);
        Assert.Equal("0 */1 * * *", schedule.Given);
    }

    [Theory]
    [InlineData("30 2 * * 0", "cron(30 2 ? * 1 *)")]
    [InlineData("30 2 * * 7", "cron(30 2 ? * 1 *)")]
    [InlineData("15 13 * * 1", "cron(15 13 ? * 2 *)")]
    [InlineData("15 13 * * 6", "cron(15 13 ? * 7 *)")]
    [InlineData("15 13 * * mon", "cron(15 13 ? * MON *)")]
    [InlineData("0 9 15 * *", "cron(0 9 15 * ? *)")]
    [InlineData("0 0 * * *", "cron(0 0 * * ? *)")]
    [InlineData("0/30 * * * *", "cron(0/30 * * * ? *)")]
    public void UnixShorthandBecomesTheEquivalentAwsCron(string unix, string expression)
    {
        Assert.Equal(expression, ScheduleAssert.Valid(unix).Expression);
    }

    [Theory]
    [InlineData("0 9 * * 1-5", "cron(0 9 ? * 2-6 *)")]
    [InlineData("0 9 * * 0,6", "cron(0 9 ? * 1,7 *)")]
    [InlineData("0 9 * * 5-7", "cron(0 9 ? * 6-7,1 *)")]
    [InlineData("0 9 * * MON-FRI", "cron(0 9 ? * MON-FRI *)")]
    [InlineData("0 9 * * 5#3", "cron(0 9 ? * 6#3 *)")]
    public void UnixDayOfWeekNumbersAreShiftedInRangesAndLists(string unix, string expression)
    {
        var fields = unix.Split(' ').Select(f => f.ToUpperInvariant()).ToArray();

        var conversion = UnixCron.Convert(unix, fields);

        Assert.Equal(expression, conversion.Cron.Format());
        Assert.Empty(conversion.Violations);
    }

    [Fact]
    public void UnixWeekdayRangeIsConvertedThenRejectedAsSeveralDays()
    {
        var violation = Assert.Single(AssociationSchedules.Parse("0 9 * * 1-5").Violations);

        Assert.StartsWith("Unix cron '0 9 * * 1-5' reads as cron(0 9 ? * 2-6 *): Day-of-week '2-6' isn't supported",
            violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnixDayOfMonthAndDayOfWeekTogetherAreRejected()
    {
        var violation = Assert.Single(AssociationSchedules.Parse("0 9 15 * 1").Violations);

        Assert.Contains("sets both day-of-month (15) and day-of-week (1)", violation.Rule, StringComparison.Ordinal);
        Assert.Contains("use cron(0 9 15 * ? *) to run on day 15, or cron(0 9 ? * 2 *)", violation.Rule,
            StringComparison.Ordinal);
    }

    [Fact]
    public void UnixMinuteStepBelowThirtyIsRejectedWithTheConvertedExpression()
    {
        var violation = Assert.Single(AssociationSchedules.Parse("*/10 * * * *").Violations);

        Assert.StartsWith("Unix cron '*/10 * * * *' reads as cron(*/10 * * * ? *): ", violation.Rule,
            StringComparison.Ordinal);
        Assert.Contains("at most every 30 minutes", violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnixDayOfWeekAboveSevenIsRejected()
    {
        var violation = Assert.Single(AssociationSchedules.Parse("0 9 * * 8").Violations);

        Assert.Contains("day-of-week 8 is out of range; Unix cron counts 0-7", violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnixMonthIsRejectedLikeAnyAssociationMonth()
    {
        var result = AssociationSchedules.Parse("0 9 1 6 *");

        ScheduleAssert.HasRule(result.Violations, "doesn't support specifying months");
    }
}
