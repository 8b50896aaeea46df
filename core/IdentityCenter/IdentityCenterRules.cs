using System.Text.RegularExpressions;
using System.Xml;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.IdentityCenter;

/// <summary>The kinds of principal an Identity Center assignment can name.</summary>
public enum PrincipalType
{
    /// <summary>One Identity Center user.</summary>
    User,
    /// <summary>An Identity Center group.</summary>
    Group,
}

/// <summary>
/// AWS's rules for IAM Identity Center permission sets, assignments and attributes for access control, from the SSO
/// Admin and Identity Store API models and the CloudFormation schemas (the stricter where they differ).
/// </summary>
public static partial class IdentityCenterRules
{
    /// <summary>The session tag Session Manager reads to choose the OS user (RunAs).</summary>
    public const string RunAsKey = "SSMSessionRunAs";

    /// <summary>The default attribute source for RunAs: the Identity Center user name.</summary>
    public const string RunAsDefaultSource = "${path:userName}";

    /// <summary>Shortest session a permission set allows.</summary>
    public static readonly TimeSpan MinSessionDuration = TimeSpan.FromHours(1);

    /// <summary>Longest session a permission set allows.</summary>
    public static readonly TimeSpan MaxSessionDuration = TimeSpan.FromHours(12);

    [GeneratedRegex(@"^[\w+=,.@-]{1,32}$")]
    private static partial Regex PermissionSetName();

    [GeneratedRegex("^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{1,700}$")]
    private static partial Regex Description();

    [GeneratedRegex(@"^[a-zA-Z0-9&$@#\\/%?=~\-_'""|!:,.;*+\[\] (){}]{1,240}$")]
    private static partial Regex RelayState();

    [GeneratedRegex(@"^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$")]
    private static partial Regex InstanceArn();

    [GeneratedRegex(@"^(d-[0-9a-f]{10}|[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12})$")]
    private static partial Regex IdentityStoreId();

    [GeneratedRegex(@"^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$")]
    private static partial Regex PrincipalId();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^arn:aws(-[a-z]{1,5}){0,3}:iam::aws:policy((/[A-Za-z0-9\.,\+@=_-]+)*)/([A-Za-z0-9\.,\+=@_-]+)$")]
    private static partial Regex AwsManagedPolicyArn();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$")]
    private static partial Regex AttributeKey();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@\[\]{}$\\""]{0,256}$")]
    private static partial Regex AttributeSource();

    [GeneratedRegex(@"^\$\{(path|dir|user):[^}]+\}$")]
    private static partial Regex AttributeSourceSyntax();

    /// <summary>Most managed policies on one permission set without a raised IAM quota (IAM: 10 per role).</summary>
    public const int MaxManagedPolicies = 10;

    /// <summary>Checks a permission set name: 1 to 32 characters of letters, digits and <c>+=,.@_-</c>.</summary>
    public static IReadOnlyList<RuleViolation> CheckPermissionSetName(string? name) =>
        Check(name is not null && PermissionSetName().IsMatch(name),
            "a permission set name has 1 to 32 characters: letters, digits and + = , . @ _ -");

    /// <summary>Checks a permission set description.</summary>
    public static IReadOnlyList<RuleViolation> CheckDescription(string? description) =>
        Check(description is not null && Description().IsMatch(description),
            "a permission set description has 1 to 700 printable Latin-1 characters");

    /// <summary>Checks a relay state (the console URL users land on).</summary>
    public static IReadOnlyList<RuleViolation> CheckRelayState(string? relayState) =>
        Check(relayState is not null && RelayState().IsMatch(relayState),
            "a relay state has 1 to 240 URL characters, e.g. https://eu-central-1.console.aws.amazon.com/systems-manager/session-manager");

    /// <summary>Checks an Identity Center instance ARN.</summary>
    public static IReadOnlyList<RuleViolation> CheckInstanceArn(string? arn) =>
        Check(arn is not null && InstanceArn().IsMatch(arn),
            "an Identity Center instance ARN looks like arn:aws:sso:::instance/ssoins-0123456789abcdef");

    /// <summary>Checks an identity store id.</summary>
    public static IReadOnlyList<RuleViolation> CheckIdentityStoreId(string? id) =>
        Check(id is not null && IdentityStoreId().IsMatch(id),
            "an identity store id is d- and 10 hex digits (d-0123456789) or a GUID");

    /// <summary>Checks a user or group id.</summary>
    public static IReadOnlyList<RuleViolation> CheckPrincipalId(string? id) =>
        Check(id is not null && PrincipalId().IsMatch(id),
            "a principal id is the identity store's GUID for the user or group, e.g. f81d4fae-7dec-11d0-a765-00a0c91e6bf6 (optionally prefixed by 10 hex digits and -)");

    /// <summary>Checks a 12-digit AWS account id.</summary>
    public static IReadOnlyList<RuleViolation> CheckAccountId(string? id) =>
        Check(id is not null && AccountId().IsMatch(id),
            "an AWS account id is exactly 12 digits; quote it in YAML so leading zeros survive");

    /// <summary>Checks an AWS managed policy ARN for a permission set.</summary>
    public static IReadOnlyList<RuleViolation> CheckManagedPolicyArn(string? arn) =>
        Check(arn is not null && arn.Length is >= 20 and <= 2048 && AwsManagedPolicyArn().IsMatch(arn),
            "a permission set's managed policy is an AWS managed policy ARN, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess");

    /// <summary>Checks an attribute key passed as a session tag.</summary>
    public static IReadOnlyList<RuleViolation> CheckAttributeKey(string? key) =>
        Check(key is not null && AttributeKey().IsMatch(key),
            "an access-control attribute key has 1 to 128 letters, digits, spaces or _ . : / = + - @", Sources.IdentityCenterAbac);

    /// <summary>Checks an attribute source such as <c>${path:userName}</c>.</summary>
    public static IReadOnlyList<RuleViolation> CheckAttributeSource(string? source) =>
        Check(source is not null && AttributeSource().IsMatch(source) && AttributeSourceSyntax().IsMatch(source),
            "an access-control attribute source is one ${path:...}, ${dir:...} or ${user:...} reference of at most 256 characters, e.g. ${path:userName}",
            Sources.IdentityCenterAbac);

    /// <summary>
    /// Parses a permission set session duration (ISO 8601, e.g. <c>PT8H</c>) and checks the 1 to 12 hour range.
    /// </summary>
    public static TimeSpan? ParseSessionDuration(string? text, out IReadOnlyList<RuleViolation> violations)
    {
        var duration = ParseIsoDuration(text);
        if (duration is null)
        {
            violations = [new("a session duration is an ISO 8601 duration such as PT1H or PT8H", Sources.IdentityCenter)];
            return null;
        }

        violations = duration < MinSessionDuration || duration > MaxSessionDuration
            ? [new("a permission set's session lasts 1 to 12 hours (PT1H to PT12H)", Sources.IdentityCenter)]
            : [];
        return duration;
    }

    /// <summary>Parses an ISO 8601 duration (<c>PT4H</c>, <c>P7D</c>) or returns null when it is not one.</summary>
    public static TimeSpan? ParseIsoDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100 || text.StartsWith('-'))
        {
            return null;
        }

        try
        {
            var duration = XmlConvert.ToTimeSpan(text);
            return duration > TimeSpan.Zero ? duration : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static IReadOnlyList<RuleViolation> Check(bool ok, string rule, string source = Sources.IdentityCenter) =>
        ok ? [] : [new RuleViolation(rule, source)];
}
