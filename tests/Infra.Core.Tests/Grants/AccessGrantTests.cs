using Infra.Core.Grants;
using Infra.Core.IdentityCenter;
using Microsoft.Extensions.Time.Testing;

namespace Infra.Core.Tests.Grants;

public sealed class AccessGrantTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static AccessGrant Grant(DateTimeOffset until, DateTimeOffset? from = null, string reason = "INC-1") =>
        new(PrincipalType.User, "c2e4a6b8-1d3f-4a5c-9e7b-0f2d4c6a8e1b", "jonas.weber", "StgBastionAccess", "210987654321", from, until, reason);

    [Fact]
    public void GrantInForceIsActiveWithTimeLeft()
    {
        var decision = AccessGrants.Evaluate(Grant(Now.AddHours(5)), new FakeTimeProvider(Now));

        Assert.Equal(GrantState.Active, decision.State);
        Assert.Equal(TimeSpan.FromHours(5), decision.Remaining);
        Assert.Contains("5h left", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void GrantPastItsEndIsExpiredAndAsksToBeRemoved()
    {
        var clock = new FakeTimeProvider(Now);
        var grant = Grant(Now.AddMinutes(30));
        clock.Advance(TimeSpan.FromMinutes(31));

        var decision = AccessGrants.Evaluate(grant, clock);

        Assert.Equal(GrantState.Expired, decision.State);
        Assert.Contains("remove from config", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void GrantThatStartsLaterIsPending()
    {
        var decision = AccessGrants.Evaluate(Grant(Now.AddDays(2), Now.AddDays(1)), new FakeTimeProvider(Now));

        Assert.Equal(GrantState.Pending, decision.State);
    }

    [Fact]
    public void GrantWithoutReasonIsRejected()
    {
        var violations = AccessGrants.Check(Grant(Now.AddHours(1), reason: " "), TimeSpan.FromDays(1), Now);

        Assert.Contains(violations, v => v.Field == "reason");
    }

    [Fact]
    public void GrantEndingBeforeItStartsIsRejected()
    {
        var violations = AccessGrants.Check(Grant(Now.AddHours(1), Now.AddHours(2)), TimeSpan.FromDays(1), Now);

        Assert.Contains(violations, v => v.Field == "until" && v.Violation.Rule.Contains("ends after it starts", StringComparison.Ordinal));
    }

    [Fact]
    public void GrantLongerThanThePermissionSetAllowsIsRejectedWithTheLatestEnd()
    {
        var violations = AccessGrants.Check(Grant(Now.AddHours(13), Now), TimeSpan.FromHours(12), Now);

        var (field, violation) = Assert.Single(violations);
        Assert.Equal("until", field);
        Assert.Contains("at most 12h", violation.Rule, StringComparison.Ordinal);
        Assert.Contains("2026-12-03T21:00:00+00:00", violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void GrantExactlyAtThePermissionSetMaximumIsAccepted()
    {
        Assert.Empty(AccessGrants.Check(Grant(Now.AddHours(12)), TimeSpan.FromHours(12), Now));
    }

    [Fact]
    public void RevocationIsAOneTimeScheduleInTheStackTimeZone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var grant = Grant(new DateTimeOffset(2026, 12, 14, 18, 0, 0, TimeSpan.FromHours(1)));

        var schedule = AccessGrants.Revocation(grant, berlin);

        Assert.Equal("at(2026-12-14T18:00:00)", schedule.Expression);
        Assert.Equal("Europe/Berlin", schedule.TimeZone);
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 17, 0, 0, TimeSpan.Zero), schedule.At);
        Assert.Matches("^infra-revoke-[0-9a-f]{12}$", schedule.Name);
    }

    [Fact]
    public void RevocationFallingInTheRepeatedDaylightSavingHourIsScheduledInUtc()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // 2026-10-25 02:30 occurs twice in Berlin; Scheduler would run it once, at an instant it does not promise.
        var grant = Grant(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero));

        var schedule = AccessGrants.Revocation(grant, berlin);

        Assert.Equal("UTC", schedule.TimeZone);
        Assert.Equal("at(2026-10-25T00:30:00)", schedule.Expression);
    }

    [Fact]
    public void GrantKeyDoesNotChangeWhenTheGrantIsExtended()
    {
        Assert.Equal(Grant(Now.AddHours(1)).Key, Grant(Now.AddDays(3)).Key);
        Assert.NotEqual(Grant(Now.AddHours(1)).Key, (Grant(Now.AddHours(1)) with { AccountId = "123456789012" }).Key);
    }
}
