using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Infra.Core.Aws;
using Infra.Core.IdentityCenter;
using Infra.Core.Problems;

namespace Infra.Core.Grants;

/// <summary>Temporary access: a principal gets a permission set in an account until a point in time.</summary>
/// <param name="PrincipalType">User or group.</param>
/// <param name="PrincipalId">The identity store id of the user or group.</param>
/// <param name="PrincipalName">A readable name for reports (e.g. the user name); optional.</param>
/// <param name="PermissionSet">The name of a permission set from the stack.</param>
/// <param name="AccountId">The 12-digit account the access is for.</param>
/// <param name="From">When the access starts; null when it starts at once.</param>
/// <param name="Until">When the access ends; the assignment is deleted then.</param>
/// <param name="Reason">Why the access is granted (a ticket or incident), kept with the grant for audit.</param>
public sealed record AccessGrant(
    PrincipalType PrincipalType,
    string PrincipalId,
    string? PrincipalName,
    string PermissionSet,
    string AccountId,
    DateTimeOffset? From,
    DateTimeOffset Until,
    string Reason)
{
    /// <summary>
    /// A stable key for the grant, made from what identifies an assignment in AWS (principal, permission set, account),
    /// so that extending a grant changes its end and nothing else.
    /// </summary>
    public string Key
    {
        get
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{PrincipalType}|{PrincipalId}|{PermissionSet}|{AccountId}"));
            return Convert.ToHexStringLower(hash)[..12];
        }
    }
}

/// <summary>Where a grant stands at a moment.</summary>
public enum GrantState
{
    /// <summary>Not started yet: nothing is deployed until its start.</summary>
    Pending,
    /// <summary>In force: the assignment exists and its revocation is scheduled.</summary>
    Active,
    /// <summary>Over: nothing is deployed; the grant should be removed from the configuration.</summary>
    Expired,
}

/// <summary>What the platform does with a grant now.</summary>
/// <param name="Grant">The grant.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Remaining">Time left until it ends (zero once expired).</param>
/// <param name="Summary">One line for people: time left, or what to do.</param>
public sealed record GrantDecision(AccessGrant Grant, GrantState State, TimeSpan Remaining, string Summary);

/// <summary>A one-time EventBridge Scheduler expression with its time zone.</summary>
/// <param name="Name">The schedule name (unique per grant, within Scheduler's 64 characters).</param>
/// <param name="Expression">The <c>at(yyyy-mm-ddThh:mm:ss)</c> expression.</param>
/// <param name="TimeZone">The IANA time zone the expression is read in.</param>
/// <param name="At">The instant it fires.</param>
public sealed record OneTimeSchedule(string Name, string Expression, string TimeZone, DateTimeOffset At);

/// <summary>The rules of temporary access grants and the schedule that revokes them.</summary>
public static class AccessGrants
{
    /// <summary>Prefix of revocation schedule names.</summary>
    public const string RevokeSchedulePrefix = "infra-revoke-";

    /// <summary>
    /// Checks a grant against the permission set's longest allowed grant. The duration counts from the grant's start,
    /// or from now when it has none.
    /// </summary>
    public static IReadOnlyList<(string Field, RuleViolation Violation)> Check(AccessGrant grant, TimeSpan maxDuration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var violations = new List<(string, RuleViolation)>();
        if (string.IsNullOrWhiteSpace(grant.Reason))
        {
            violations.Add(("reason", new("every grant says why it exists (a ticket or incident), so access can be audited", Sources.Platform)));
        }

        if (grant.From is { } from && grant.Until <= from)
        {
            violations.Add(("until", new($"a grant ends after it starts ({Iso(from)})", Sources.Platform)));
        }

        var start = grant.From ?? now;
        if (grant.Until > now && grant.Until - start > maxDuration)
        {
            violations.Add(("until", new($"permission set {grant.PermissionSet} grants access for at most {Human(maxDuration)}; end this grant by {Iso(start + maxDuration)}", Sources.Platform)));
        }

        return violations;
    }

    /// <summary>Decides what to do with a grant at the clock's current time.</summary>
    public static GrantDecision Evaluate(AccessGrant grant, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        if (grant.Until <= now)
        {
            return new(grant, GrantState.Expired, TimeSpan.Zero,
                $"expired {Iso(grant.Until)}: remove from config");
        }

        if (grant.From is { } from && from > now)
        {
            return new(grant, GrantState.Pending, grant.Until - now,
                $"starts {Iso(from)}; deployed by the first update at or after then");
        }

        var left = grant.Until - now;
        return new(grant, GrantState.Active, left, $"active, {Human(left)} left (until {Iso(grant.Until)})");
    }

    /// <summary>
    /// The one-time schedule that revokes a grant at its end, in the stack's time zone. Scheduler skips a local time
    /// that a daylight-saving change makes not exist and is vague about one that occurs twice, so such ends are
    /// scheduled in UTC instead: a revocation must never be skipped.
    /// </summary>
    public static OneTimeSchedule Revocation(AccessGrant grant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(zone);
        var until = grant.Until.ToUniversalTime();
        var local = TimeZoneInfo.ConvertTime(until, zone);
        var unsafeLocal = zone.IsAmbiguousTime(local) || zone.IsInvalidTime(local.DateTime);
        var (time, zoneId) = unsafeLocal ? (until, "UTC") : (local, zone.Id);
        var expression = "at(" + time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + ")";
        return new(RevokeSchedulePrefix + grant.Key, expression, zoneId, until);
    }

    /// <summary>What Scheduler does with the revocation schedule once it has run: delete it.</summary>
    public const string RevokeActionAfterCompletion = "DELETE";

    /// <summary>The revocation runs at its time exactly, with no flexible window.</summary>
    public const string RevokeFlexibleWindowMode = "OFF";

    /// <summary>Retries of a failed revocation: Scheduler's maximum, so a passing fault never leaves access in place.</summary>
    public const int RevokeRetryAttempts = 185;

    /// <summary>How long a failed revocation is retried, in seconds: Scheduler's maximum of a day.</summary>
    public const int RevokeRetryWindowSeconds = 86400;

    /// <summary>The EventBridge Scheduler universal target that calls SSO Admin's DeleteAccountAssignment.</summary>
    public const string RevokeTargetArn = "arn:aws:scheduler:::aws-sdk:ssoadmin:deleteAccountAssignment";

    /// <summary>The DeleteAccountAssignment request the revocation schedule sends, as JSON.</summary>
    public static string RevocationInput(AccessGrant grant, string instanceArn, string permissionSetArn)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["InstanceArn"] = instanceArn,
            ["PermissionSetArn"] = permissionSetArn,
            ["PrincipalId"] = grant.PrincipalId,
            ["PrincipalType"] = grant.PrincipalType == PrincipalType.User ? "USER" : "GROUP",
            ["TargetId"] = grant.AccountId,
            ["TargetType"] = "AWS_ACCOUNT",
        });
    }

    /// <summary>Formats a duration for people: <c>3d 4h</c>, <c>45m</c>.</summary>
    public static string Human(TimeSpan span)
    {
        if (span.TotalMinutes < 1)
        {
            return "under a minute";
        }

        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Days}d"));
        }

        if (span.Hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h"));
        }

        if (span.Days == 0 && span.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m"));
        }

        return string.Join(' ', parts);
    }

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
