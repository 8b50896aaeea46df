using Cronos;

namespace Infra.Core.Schedules;

/// <summary>What a valid schedule means: its description, spacing and run times.</summary>
internal abstract record ScheduleDetail
{
    /// <summary>Nominal spacing of runs, or <c>null</c> when it varies or there is a single run.</summary>
    public abstract TimeSpan? Interval { get; }

    /// <summary>Plain-English description.</summary>
    public abstract string Describe();

    /// <summary>Up to <paramref name="count"/> run times strictly after <paramref name="after"/>, in UTC.</summary>
    public abstract IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count);
}

/// <summary>A valid association cron expression.</summary>
internal sealed record CronDetail(AwsCron Cron, CronPlan Plan) : ScheduleDetail
{
    /// <inheritdoc />
    public override TimeSpan? Interval => Plan.Interval;

    /// <inheritdoc />
    public override string Describe() => Plan.Description;

    /// <inheritdoc />
    public override IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count)
    {
        var expression = CronExpression.Parse(Cron.ToCronos(), CronFormat.Standard);
        var results = new List<DateTimeOffset>(Math.Min(count, 1024));
        var cursor = after.UtcDateTime;
        var inclusive = false;
        while (results.Count < count)
        {
            if (expression.GetNextOccurrence(cursor, inclusive) is not { } next)
            {
                break;
            }

            if (Cron.AllowsYear(next.Year))
            {
                results.Add(new DateTimeOffset(next, TimeSpan.Zero));
                (cursor, inclusive) = (next, false);
                continue;
            }

            // Cronos has no Year field: skip straight to the next year the AWS Year field allows.
            var year = next.Year + 1;
            while (year <= AwsCron.LastYear && !Cron.AllowsYear(year))
            {
                year++;
            }

            if (year > AwsCron.LastYear)
            {
                break;
            }

            (cursor, inclusive) = (new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc), true);
        }

        return results;
    }
}

/// <summary>A valid association rate expression.</summary>
internal sealed record RateDetail(TimeSpan Every, string Description) : ScheduleDetail
{
    /// <inheritdoc />
    public override TimeSpan? Interval => Every;

    /// <inheritdoc />
    public override string Describe() => Description;

    /// <inheritdoc />
    public override IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count)
    {
        var results = new List<DateTimeOffset>(Math.Min(count, 1024));
        var time = after.ToUniversalTime();
        while (results.Count < count && time <= DateTimeOffset.MaxValue - Every)
        {
            time += Every;
            results.Add(time);
        }

        return results;
    }
}

/// <summary>A valid single-run <c>at()</c> expression.</summary>
internal sealed record AtDetail(DateTimeOffset Time) : ScheduleDetail
{
    /// <inheritdoc />
    public override TimeSpan? Interval => null;

    /// <inheritdoc />
    public override string Describe() =>
        "once at " + Time.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    /// <inheritdoc />
    public override IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count) =>
        count > 0 && Time > after ? [Time] : [];
}
