namespace Infra.Core.Schedules;

/// <summary>The three forms a State Manager association schedule can take.</summary>
public enum ScheduleKind
{
    /// <summary><c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>, optionally with a leading Seconds field of 0.</summary>
    Cron,

    /// <summary><c>rate(value unit)</c>: a fixed interval from 30 minutes up to (not including) 31 days.</summary>
    Rate,

    /// <summary><c>at(yyyy-MM-ddTHH:mm:ss)</c>: a single run at that time, in UTC.</summary>
    At,
}
