using Infra.Core.Schedules;
using static Infra.Core.Tests.Schedules.ScheduleAssert;

namespace Infra.Core.Tests.Schedules;

public sealed class ScheduleOccurrenceTests
{
    private static readonly DateTimeOffset After = Utc("2026-12-03T08:17:00Z");

    private static string[] Next(string text, int count, DateTimeOffset? after = null) =>
        Valid(text).NextOccurrences(after ?? After, count)
            .Select(t => t.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    [Fact]
    public void HourlyCronRunsAtTheTopOfEachFollowingHour()
    {
        Assert.Equal(
            ["2026-12-03T09:00:00+00:00", "2026-12-03T10:00:00+00:00", "2026-12-03T11:00:00+00:00"],
            Next("cron(0 */1 * * ? *)", 3));
    }

    [Fact]
    public void OccurrencesAreInUtcWhateverTheOffsetOfAfter()
    {
        var after = new DateTimeOffset(2026, 12, 3, 10, 17, 0, TimeSpan.FromHours(2));

        Assert.Equal(["2026-12-03T09:00:00+00:00"], Next("cron(0 */1 * * ? *)", 1, after));
    }

    [Fact]
    public void OccurrencesAreStrictlyAfterTheGivenTime()
    {
        Assert.Equal(["2026-12-03T10:00:00+00:00"], Next("cron(0 */1 * * ? *)", 1, Utc("2026-12-03T09:00:00Z")));
    }

    [Fact]
    public void MondayCronRunsOnMondaysAt1315()
    {
        Assert.Equal(
            ["2026-12-07T13:15:00+00:00", "2026-12-14T13:15:00+00:00", "2026-12-21T13:15:00+00:00"],
            Next("cron(15 13 ? * MON *)", 3));
    }

    [Fact]
    public void NumericDayOfWeekCountsSundayAsOne()
    {
        Assert.Equal(["2026-12-07T13:15:00+00:00"], Next("cron(15 13 ? * 2 *)", 1));
    }

    [Fact]
    public void ThirdTuesdayCronRunsOnTheThirdTuesdayOfEachMonth()
    {
        Assert.Equal(
            ["2026-12-15T23:30:00+00:00", "2027-01-19T23:30:00+00:00", "2027-02-16T23:30:00+00:00"],
            Next("cron(30 23 ? * TUE#3 *)", 3));
    }

    [Fact]
    public void LastTuesdayCronRunsOnTheLastTuesdayOfEachMonth()
    {
        Assert.Equal(
            ["2026-12-29T00:00:00+00:00", "2027-01-26T00:00:00+00:00", "2027-02-23T00:00:00+00:00"],
            Next("cron(0 0 ? * 3L *)", 3));
    }

    [Fact]
    public void LoneLInDayOfWeekRunsOnSaturdays()
    {
        Assert.Equal(["2026-12-05T06:00:00+00:00", "2026-12-12T06:00:00+00:00"], Next("cron(0 6 ? * L *)", 2));
    }

    [Fact]
    public void LastWeekdayCronRunsOnTheLastWeekdayOfEachMonth()
    {
        Assert.Equal(["2026-12-31T06:00:00+00:00", "2027-01-29T06:00:00+00:00"], Next("cron(0 6 LW * ? *)", 2));
    }

    [Fact]
    public void SevenFieldCronIgnoresItsZeroSeconds()
    {
        Assert.Equal(["2026-12-03T08:30:00+00:00", "2026-12-03T09:00:00+00:00"], Next("cron(0 */30 * * * ? *)", 2));
    }

    [Fact]
    public void YearRestrictedCronOnlyRunsInThatYear()
    {
        var runs = Next("cron(0 0 1 * ? 2027)", 20);

        Assert.Equal(12, runs.Length);
        Assert.Equal("2027-01-01T00:00:00+00:00", runs[0]);
        Assert.Equal("2027-12-01T00:00:00+00:00", runs[^1]);
        Assert.All(runs, r => Assert.StartsWith("2027-", r, StringComparison.Ordinal));
    }

    [Fact]
    public void CronForAPastYearHasNoOccurrences()
    {
        Assert.Empty(Next("cron(0 0 1 * ? 2020)", 3));
    }

    [Fact]
    public void RateRunsEveryIntervalCountedFromTheGivenTime()
    {
        Assert.Equal(
            ["2026-12-03T08:47:00+00:00", "2026-12-03T09:17:00+00:00", "2026-12-03T09:47:00+00:00"],
            Next("rate(30 minutes)", 3));
    }

    [Fact]
    public void AtRunsOnceWhenItIsAfterTheGivenTime()
    {
        Assert.Equal(["2026-12-10T10:00:00+00:00"], Next("at(2026-12-10T10:00:00)", 5));
    }

    [Fact]
    public void AtInThePastHasNoOccurrences()
    {
        Assert.Empty(Next("at(2020-07-07T15:55:00)", 5));
    }

    [Fact]
    public void ZeroCountGivesNoOccurrences()
    {
        Assert.Empty(Next("cron(0 */1 * * ? *)", 0));
    }

    [Fact]
    public void NegativeCountIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Valid("rate(1 day)").NextOccurrences(After, -1));
    }

    [Fact]
    public void HandBuiltInvalidScheduleRefusesToComputeOccurrences()
    {
        var schedule = new AssociationSchedule { Given = "x", Expression = "cron(* * * * ? *)", Kind = ScheduleKind.Cron };

        Assert.Throws<InvalidOperationException>(() => schedule.NextOccurrences(After, 1));
    }

    [Fact]
    public void ScheduleWhoseKindDisagreesWithItsExpressionIsNotValid()
    {
        var schedule = Valid("rate(1 day)") with { Kind = ScheduleKind.Cron };

        Assert.Null(schedule.Interval);
        Assert.Throws<InvalidOperationException>(() => schedule.NextOccurrences(After, 1));
    }

    [Theory]
    [InlineData("cron(0 */1 * * ? *)", "every hour at minute 0")]
    [InlineData("0 */1 * * *", "every hour at minute 0")]
    [InlineData("cron(0/30 * * * ? *)", "every 30 minutes")]
    [InlineData("cron(0 0/4 * * ? *)", "every 4 hours at minute 0")]
    [InlineData("cron(45 3/4 * * ? *)", "every 4 hours at minute 45, from 03:45 UTC")]
    [InlineData("cron(15 13 ? * * *)", "every day at 13:15 UTC")]
    [InlineData("cron(15 13 ? * MON *)", "Mondays at 13:15 UTC")]
    [InlineData("cron(30 23 ? * TUE#3 *)", "on the third Tuesday of the month at 23:30 UTC")]
    [InlineData("cron(0 0 ? * 3L *)", "on the last Tuesday of the month at 00:00 UTC")]
    [InlineData("cron(0 9 L * ? *)", "on the last day of the month at 09:00 UTC")]
    [InlineData("cron(0 9 15W * ? *)", "on the weekday nearest day 15 of the month at 09:00 UTC")]
    [InlineData("cron(0 9 */3 * ? *)", "every 3 days from day 1 of the month at 09:00 UTC")]
    [InlineData("cron(0 9 ? * MON 2027)", "Mondays at 09:00 UTC in 2027")]
    [InlineData("rate(30 minutes)", "every 30 minutes")]
    [InlineData("rate(1 hour)", "every hour")]
    [InlineData("rate(7 days)", "every 7 days")]
    [InlineData("at(2026-12-10T10:00:00)", "once at 2026-12-10 10:00:00 UTC")]
    public void DescribeSaysWhenTheScheduleRuns(string text, string description)
    {
        Assert.Equal(description, Valid(text).Describe());
    }

    [Theory]
    [InlineData("rate(30 minutes)", 30.0)]
    [InlineData("rate(5 hours)", 300.0)]
    [InlineData("rate(15 days)", 21600.0)]
    [InlineData("cron(0/30 * * * ? *)", 30.0)]
    [InlineData("cron(0 0/12 * * ? *)", 720.0)]
    [InlineData("cron(15 13 ? * * *)", 1440.0)]
    [InlineData("cron(15 13 ? * MON *)", 10080.0)]
    public void IntervalIsTheSpacingOfRuns(string text, double minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), Valid(text).Interval);
    }

    [Theory]
    [InlineData("cron(30 23 ? * TUE#3 *)")]
    [InlineData("cron(0 9 15 * ? *)")]
    [InlineData("at(2026-12-10T10:00:00)")]
    public void IntervalIsNullWhenRunsAreNotEvenlySpaced(string text)
    {
        Assert.Null(Valid(text).Interval);
    }
}
