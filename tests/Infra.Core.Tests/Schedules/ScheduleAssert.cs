using Infra.Core.Schedules;

namespace Infra.Core.Tests.Schedules;

internal static class ScheduleAssert
{
    /// <summary>Parses text that must be a valid schedule, failing with every violation if it is not.</summary>
    public static AssociationSchedule Valid(string text)
    {
        var result = AssociationSchedules.Parse(text);
        Assert.True(result.IsValid,
            $"'{text}' should be valid but: {string.Join(" | ", result.Violations.Select(v => v.Rule))}");
        return result.Schedule!;
    }

    /// <summary>Asserts that some violation's rule contains <paramref name="expected"/>.</summary>
    public static void HasRule(IReadOnlyList<RuleViolation> violations, string expected)
    {
        Assert.True(violations.Any(v => v.Rule.Contains(expected, StringComparison.Ordinal)),
            $"no violation mentions \"{expected}\"; got: {string.Join(" | ", violations.Select(v => v.Rule))}");
    }

    public static DateTimeOffset Utc(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
}
