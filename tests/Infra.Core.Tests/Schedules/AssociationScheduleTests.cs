using Infra.Core.Aws;
using Infra.Core.Schedules;

namespace Infra.Core.Tests.Schedules;

public sealed class AssociationScheduleTests
{
    [Theory]
    [InlineData("cron(0/30 * * * ? *)")]
    [InlineData("cron(0 0/1 * * ? *)")]
    [InlineData("cron(0 0/2 * * ? *)")]
    [InlineData("cron(0 0/4 * * ? *)")]
    [InlineData("cron(0 0/8 * * ? *)")]
    [InlineData("cron(0 0/12 * * ? *)")]
    [InlineData("cron(15 13 ? * * *)")]
    [InlineData("cron(15 13 ? * MON *)")]
    [InlineData("cron(30 23 ? * TUE#3 *)")]
    [InlineData("cron(0 0 ? * THU#2 *)")]
    [InlineData("cron(0 0 ? * 3L *)")]
    [InlineData("cron(0 */30 * * * ? *)")]
    [InlineData("cron(0 0 */1 * * ? *)")]
    [InlineData("cron(0 16 ? * TUE *)")]
    public void DocumentedAwsCronExamplesAreValidAndKeepTheirExpression(string text)
    {
        var schedule = ScheduleAssert.Valid(text);

        Assert.Equal(text, schedule.Expression);
        Assert.Equal(ScheduleKind.Cron, schedule.Kind);
        Assert.Equal(text, schedule.Given);
    }

    [Theory]
    [InlineData("rate(30 minutes)")]
    [InlineData("rate(1 hour)")]
    [InlineData("rate(5 hours)")]
    [InlineData("rate(15 days)")]
    [InlineData("rate(7 days)")]
    public void DocumentedAwsRateExamplesAreValidAndKeepTheirExpression(string text)
    {
        var schedule = ScheduleAssert.Valid(text);

        Assert.Equal(text, schedule.Expression);
        Assert.Equal(ScheduleKind.Rate, schedule.Kind);
    }

    [Fact]
    public void DocumentedSingleRunAtExpressionIsValid()
    {
        var schedule = ScheduleAssert.Valid("at(2020-07-07T15:55:00)");

        Assert.Equal("at(2020-07-07T15:55:00)", schedule.Expression);
        Assert.Equal(ScheduleKind.At, schedule.Kind);
    }

    [Theory]
    [InlineData("cron(0 9 15 * ? *)")]
    [InlineData("cron(0 9 */3 * ? *)")]
    [InlineData("cron(0 9 5/3 * ? *)")]
    [InlineData("cron(0 9 L * ? *)")]
    [InlineData("cron(0 9 LW * ? *)")]
    [InlineData("cron(0 9 15W * ? *)")]
    [InlineData("cron(0 9 ? * L *)")]
    [InlineData("cron(0 9 ? * 2 *)")]
    [InlineData("cron(45 3/4 * * ? *)")]
    [InlineData("cron(0 9 ? * MON 2027-2030)")]
    [InlineData("cron(0 9 ? * MON 2027/2)")]
    public void SupportedDailyWeeklyAndMonthlyFormsAreValid(string text)
    {
        Assert.Equal(text, ScheduleAssert.Valid(text).Expression);
    }

    [Theory]
    [InlineData("CRON(15 13 ? * mon *)", "cron(15 13 ? * MON *)")]
    [InlineData("  cron(15   13 ? *  MON *)  ", "cron(15 13 ? * MON *)")]
    [InlineData("Rate(30 Minutes)", "rate(30 minutes)")]
    [InlineData("at(2026-12-10t10:00:00)", "at(2026-12-10T10:00:00)")]
    public void CaseAndSpacingAreWrittenTheAwsWay(string text, string expression)
    {
        var schedule = ScheduleAssert.Valid(text);

        Assert.Equal(expression, schedule.Expression);
        Assert.Equal(text, schedule.Given);
    }

    [Theory]
    [InlineData("cron(0 */30 * * * ? *)")]
    [InlineData("0 */1 * * *")]
    [InlineData("rate(1 day)")]
    [InlineData("at(2026-12-10T10:00:00)")]
    public void ParsingTheExpressionAgainGivesTheSameExpression(string text)
    {
        var expression = ScheduleAssert.Valid(text).Expression;

        Assert.Equal(expression, ScheduleAssert.Valid(expression).Expression);
    }

    [Theory]
    [InlineData("cron(*/10 * * * ? *)", "at most every 30 minutes")]
    [InlineData("cron(0/15 * * * ? *)", "at most every 30 minutes")]
    [InlineData("cron(* * * * ? *)", "runs every minute")]
    [InlineData("cron(15/30 * * * ? *)", "the only minute step State Manager supports is 0/30")]
    [InlineData("cron(0,30 * * * ? *)", "lists and ranges of minutes")]
    [InlineData("cron(0 0 ? JAN MON *)", "doesn't support specifying months")]
    [InlineData("cron(0 0 1 */2 ? *)", "doesn't support specifying months")]
    [InlineData("cron(0 9 15 * MON *)", "can't both have a value")]
    [InlineData("cron(0 9 * * * *)", "can't both be *")]
    [InlineData("cron(0 9 ? * ? *)", "can't both be ?")]
    [InlineData("cron(0 9 * * MON *)", "e.g. cron(0 9 ? * MON *)")]
    [InlineData("cron(0 9 15 * * *)", "e.g. cron(0 9 15 * ? *)")]
    [InlineData("cron(0 */1 * * ?)", "missing the Year field")]
    [InlineData("cron(0 */1 * * ?)", "cron(0 */1 * * ? *)")]
    [InlineData("cron(1 2 3)", "has 3 fields")]
    [InlineData("cron(30 0 */1 * * ? *)", "Seconds '30' isn't allowed")]
    [InlineData("cron(0 0 ? * MON 1960)", "Year 1960 is out of range")]
    [InlineData("cron(0 0 ? * MON 2200)", "Year must be 1970-2199")]
    [InlineData("cron(0 24 * * ? *)", "Hours 24 is out of range")]
    [InlineData("cron(60 0 * * ? *)", "Minutes 60 is out of range")]
    [InlineData("cron(0 1,13 * * ? *)", "Hours '1,13' isn't supported")]
    [InlineData("cron(0 9-17 * * ? *)", "Hours '9-17' isn't supported")]
    [InlineData("cron(0 */3 * * ? *)", "every 1, 2, 4, 8 or 12 hours")]
    [InlineData("cron(0 13/4 * * ? *)", "start below 4")]
    [InlineData("cron(0/30 9 * * ? *)", "Hours must be *")]
    [InlineData("cron(0 */4 ? * MON *)", "only on every day")]
    [InlineData("cron(0 9 ? * MON,WED *)", "Day-of-week 'MON,WED' isn't supported")]
    [InlineData("cron(0 9 ? * MON-FRI *)", "Day-of-week 'MON-FRI' isn't supported")]
    [InlineData("cron(0 9 1-15 * ? *)", "Day-of-month '1-15' isn't supported")]
    [InlineData("cron(0 9 1,15 * ? *)", "Day-of-month '1,15' isn't supported")]
    [InlineData("cron(0 9 ? * 0 *)", "0 is Sunday in Unix cron")]
    [InlineData("cron(0 9 ? * 3#6 *)", "the number after # is 1 to 5")]
    [InlineData("cron(0 9 ? * 3#1,6#3 *)", "only one expression")]
    [InlineData("cron(0 9 ? * TUEL *)", "e.g. 3L for the last Tuesday")]
    [InlineData("cron(0 9 ? * */2 *)", "doesn't take the / increment")]
    [InlineData("cron(0 9 15L * ? *)", "L stands alone")]
    [InlineData("cron(0 9 ? * 5W *)", "W (nearest weekday) is only allowed in Day-of-month")]
    [InlineData("cron(0 9 ? * FRI#2 2030-2027)", "the range runs backwards")]
    [InlineData("cron(? 9 * * ? *)", "? is only allowed in Day-of-month and Day-of-week")]
    [InlineData("cron(0 2 ? * SUN *", "isn't closed")]
    [InlineData("cron(0 2 ? * SUN *) daily", "isn't closed")]
    [InlineData("0 2 ? * SUN *", "without its wrapper; write it as cron(0 2 ? * SUN *)")]
    [InlineData("every day", "isn't a schedule State Manager understands")]
    [InlineData("rate(1 hours)", "a value of 1 takes the singular unit; use rate(1 hour)")]
    [InlineData("rate(5 hour)", "values above 1 take the plural unit; use rate(5 hours)")]
    [InlineData("rate(15 minutes)", "intervals of 30 minutes or more and less than 31 days")]
    [InlineData("rate(31 days)", "intervals of 30 minutes or more and less than 31 days")]
    [InlineData("rate(744 hours)", "use rate(30 days) or shorter")]
    [InlineData("rate(99999999999 days)", "The rate value 99999999999 is too large")]
    [InlineData("rate(0 hours)", "The rate value 0 isn't valid")]
    [InlineData("rate(1.5 hours)", "positive whole number")]
    [InlineData("rate(05 hours)", "leading zeros")]
    [InlineData("rate(2 weeks)", "rate(14 days)")]
    [InlineData("rate(30)", "takes a value and a unit")]
    [InlineData("at(2026-12-10 10:00)", "yyyy-MM-ddTHH:mm:ss")]
    [InlineData("at(2026-12-10T10:00:00Z)", "takes no time zone or Z, so write at(2026-12-10T10:00:00)")]
    [InlineData("at(2026-02-30T10:00:00)", "isn't a real date and time")]
    public void InvalidScheduleIsRejectedWithTheRuleItBreaks(string text, string expected)
    {
        var result = AssociationSchedules.Parse(text);

        Assert.False(result.IsValid);
        Assert.Null(result.Schedule);
        ScheduleAssert.HasRule(result.Violations, expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MissingScheduleIsRejected(string? text)
    {
        var result = AssociationSchedules.Parse(text);

        var violation = Assert.Single(result.Violations);
        Assert.Contains("A schedule expression is required", violation.Rule, StringComparison.Ordinal);
        Assert.Equal(Sources.SsmAssociationApi, violation.Source);
    }

    [Fact]
    public void ExpressionLongerThan256CharactersIsRejected()
    {
        var text = "cron(0 0 ? * MON *" + new string(' ', 300) + ")";

        var result = AssociationSchedules.Parse(text);

        ScheduleAssert.HasRule(result.Violations, "The schedule expression has 319 characters; AWS accepts 1-256");
    }

    [Fact]
    public void MonthViolationCitesTheSsmCronGuide()
    {
        var violation = Assert.Single(AssociationSchedules.Parse("cron(0 0 ? JAN MON *)").Violations);

        Assert.Equal(Sources.SsmCron, violation.Source);
    }

    [Fact]
    public void MinuteStepBelowThirtyGetsTheCorrectedExample()
    {
        var violation = Assert.Single(AssociationSchedules.Parse("cron(*/10 * * * ? *)").Violations);

        Assert.Equal(
            "Minutes '*/10' runs every 10 minutes, but State Manager runs associations at most every 30 minutes; " +
            "use a step of 30, e.g. cron(0/30 * * * ? *)",
            violation.Rule);
    }

    [Fact]
    public void EveryMistakeInOneCronExpressionIsReported()
    {
        var violations = AssociationSchedules.Parse("cron(*/10 * * JAN * 1960)").Violations;

        Assert.Equal(4, violations.Count);
        ScheduleAssert.HasRule(violations, "at most every 30 minutes");
        ScheduleAssert.HasRule(violations, "doesn't support specifying months");
        ScheduleAssert.HasRule(violations, "Year 1960 is out of range");
        ScheduleAssert.HasRule(violations, "can't both be *");
    }

    [Fact]
    public void EveryMistakeInOneRateExpressionIsReported()
    {
        var violations = AssociationSchedules.Parse("rate(15 minute)").Violations;

        Assert.Equal(2, violations.Count);
        ScheduleAssert.HasRule(violations, "take the plural unit");
        ScheduleAssert.HasRule(violations, "30 minutes or more");
    }

    [Fact]
    public void FiveFieldCronIsRejectedButItsFieldsAreStillChecked()
    {
        var violations = AssociationSchedules.Parse("cron(*/5 * * * ?)").Violations;

        Assert.Equal(2, violations.Count);
        ScheduleAssert.HasRule(violations, "add * for the year: cron(*/5 * * * ? *)");
        ScheduleAssert.HasRule(violations, "at most every 30 minutes");
    }
}
