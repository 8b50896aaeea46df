using Infra.Core.Problems;

namespace Infra.Core.Schedules;

/// <summary>The outcome of <see cref="AssociationSchedules.Parse(string?)"/>: the schedule, or every rule the text breaks.</summary>
/// <param name="Schedule">The validated schedule; <c>null</c> when any violation was found.</param>
/// <param name="Violations">Every rule the text breaks, in the order found; empty when the schedule is valid.</param>
public sealed record ScheduleParseResult(AssociationSchedule? Schedule, IReadOnlyList<RuleViolation> Violations)
{
    /// <summary>True when a schedule was produced and nothing was wrong.</summary>
    public bool IsValid => Schedule is not null && Violations.Count == 0;
}
