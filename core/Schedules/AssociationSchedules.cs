using System.Globalization;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Schedules;

/// <summary>
/// Reads and checks State Manager association schedules (<c>ScheduleExpression</c>) and the options that go with
/// them, following the SSM user guide's rules for associations, which are stricter than general AWS cron.
/// </summary>
public static class AssociationSchedules
{
    /// <summary>
    /// Reads a schedule: <c>cron(...)</c> with 6 fields (Minutes Hours Day-of-month Month Day-of-week Year) or 7 with
    /// a leading Seconds field of 0; <c>rate(value unit)</c>; <c>at(yyyy-MM-ddTHH:mm:ss)</c> in UTC; or a 5-field
    /// Unix cron (<c>m h dom mon dow</c>), which is converted to AWS cron (<c>0 */1 * * *</c> becomes
    /// <c>cron(0 */1 * * ? *)</c>). Every violation found is reported, not just the first; the schedule is
    /// returned only when there is none. Keywords, rate units and month/day names may be written in any case.
    /// </summary>
    /// <param name="text">The schedule as written in configuration.</param>
    public static ScheduleParseResult Parse(string? text)
    {
        var reading = ScheduleReader.Read(text);
        if (reading.Violations.Count > 0 || reading.Detail is null || reading.Expression is null || reading.Kind is null)
        {
            return new ScheduleParseResult(null, reading.Violations);
        }

        var schedule = new AssociationSchedule
        {
            Given = text!,
            Expression = reading.Expression,
            Kind = reading.Kind.Value,
        };
        return new ScheduleParseResult(schedule, []);
    }

    /// <summary>
    /// Checks the options that go with a schedule: <c>ScheduleOffset</c> is 1-6 days, applies to cron expressions
    /// only and needs <c>ApplyOnlyAtCronInterval</c> set to true; <c>ApplyOnlyAtCronInterval</c> isn't supported
    /// for rate expressions (it is for cron and <c>at()</c>).
    /// </summary>
    /// <param name="schedule">A schedule from <see cref="Parse(string?)"/>.</param>
    /// <param name="applyOnlyAtCronInterval">Whether the association runs only on schedule, not also right after it is created.</param>
    /// <param name="scheduleOffset">Days to wait after the scheduled day, or <c>null</c> for none.</param>
    /// <returns>Every violation found; empty when the combination is valid.</returns>
    public static IReadOnlyList<RuleViolation> CheckOptions(
        AssociationSchedule schedule, bool applyOnlyAtCronInterval, int? scheduleOffset)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var violations = new List<RuleViolation>();
        if (scheduleOffset is { } offset)
        {
            if (offset is < 1 or > 6)
            {
                violations.Add(new RuleViolation(
                    $"ScheduleOffset {offset} is out of range: it is the number of days to wait after the scheduled " +
                    "day, from 1 to 6, e.g. 2", Sources.SsmAssociationApi));
            }

            if (schedule.Kind != ScheduleKind.Cron)
            {
                violations.Add(new RuleViolation(
                    $"ScheduleOffset can't be used with {schedule.Expression}: offsets apply to cron expressions " +
                    "only, e.g. cron(0 0 ? * THU#2 *) with ScheduleOffset 2; remove the offset or use a cron " +
                    "expression", Sources.SsmCron));
            }

            if (!applyOnlyAtCronInterval)
            {
                violations.Add(new RuleViolation(
                    "ScheduleOffset needs ApplyOnlyAtCronInterval: set applyOnlyAtCronInterval to true to use an " +
                    "offset, or remove the offset", Sources.SsmAssociationApi));
            }
        }

        if (applyOnlyAtCronInterval && schedule.Kind == ScheduleKind.Rate)
        {
            violations.Add(new RuleViolation(
                $"ApplyOnlyAtCronInterval isn't supported for rate expressions such as {schedule.Expression}: use a " +
                $"cron expression instead, e.g. {SimilarCron(schedule.Interval)}, or leave ApplyOnlyAtCronInterval " +
                "false", Sources.SsmAssociationApi));
        }

        return violations;
    }

    private static string SimilarCron(TimeSpan? interval) => interval switch
    {
        { TotalMinutes: 30 } => "cron(0/30 * * * ? *)",
        { TotalHours: 1 or 2 or 4 or 8 or 12 } i =>
            string.Create(CultureInfo.InvariantCulture, $"cron(0 0/{i.TotalHours:0} * * ? *)"),
        { TotalDays: 7 } => "cron(0 0 ? * SUN *)",
        _ => "cron(0 0 * * ? *)",
    };
}
