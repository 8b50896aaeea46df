namespace Infra.Core.Schedules;

/// <summary>
/// A validated State Manager association schedule. Create one with <see cref="AssociationSchedules.Parse(string?)"/>;
/// <see cref="Interval"/>, <see cref="Describe"/> and <see cref="NextOccurrences"/> are worked out from
/// <see cref="Expression"/> each time, so they always agree with it.
/// </summary>
public sealed record AssociationSchedule
{
    /// <summary>The schedule as written in configuration, before any conversion.</summary>
    public required string Given { get; init; }

    /// <summary>
    /// The expression in AWS form, as it is sent to State Manager, e.g. <c>cron(0 */1 * * ? *)</c>,
    /// <c>rate(30 minutes)</c> or <c>at(2026-12-10T10:00:00)</c>. A 5-field Unix cron is converted to AWS cron; a
    /// 7-field cron keeps its Seconds field. Keywords, units and names are written in AWS's case and cron fields are
    /// separated by one space.
    /// </summary>
    public required string Expression { get; init; }

    /// <summary>Which form <see cref="Expression"/> takes.</summary>
    public required ScheduleKind Kind { get; init; }

    /// <summary>
    /// For a rate expression, its exact interval. For a cron expression, the nominal spacing when it is regular
    /// (every 30 minutes, every N hours, every day, every week); <c>null</c> for monthly-style cron expressions,
    /// for <c>at()</c>, and when <see cref="Expression"/> is not a valid schedule.
    /// </summary>
    public TimeSpan? Interval => Detail()?.Interval;

    /// <summary>
    /// A short description in plain English, e.g. "every hour at minute 0", "every 30 minutes" or
    /// "Mondays at 13:15 UTC". Returns <see cref="Expression"/> itself when it is not a valid schedule.
    /// </summary>
    public string Describe() => Detail()?.Describe() ?? Expression;

    /// <summary>
    /// The next <paramref name="count"/> run times strictly after <paramref name="after"/>, in UTC (fewer when the
    /// schedule ends: a past <c>at()</c> time or a Year field that runs out). Cron times are computed with Cronos
    /// and filtered by the Year field. State Manager starts a rate association when it is created and then runs it
    /// every interval; the creation time is not known here, so rate times are <paramref name="after"/> plus one,
    /// two, … intervals. Like every association, it may also run when its targets change, and (unless
    /// ApplyOnlyAtCronInterval is set) once right after it is created; those runs are not listed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Expression"/> is not a valid schedule of <see cref="Kind"/>.</exception>
    public IReadOnlyList<DateTimeOffset> NextOccurrences(DateTimeOffset after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var detail = Detail() ?? throw new InvalidOperationException(
            $"'{Expression}' is not a valid {Kind} association schedule; create schedules with AssociationSchedules.Parse.");
        return detail.Next(after, count);
    }

    private ScheduleDetail? Detail()
    {
        var reading = ScheduleReader.Read(Expression);
        return reading.Violations.Count == 0 && reading.Kind == Kind ? reading.Detail : null;
    }
}
