using System.Security.Cryptography;
using System.Text;

namespace Infra.Core.Naming;

/// <summary>
/// The names the platform gives to what it creates in one account and region. They are fixed by the account and
/// region, so every stack and component agrees on them without passing them around, and they stay within AWS's limits
/// (role names 64, bucket names 63, log group names 512 characters).
/// </summary>
/// <param name="AccountName">The account's short name from the stack configuration (used in logical names).</param>
/// <param name="AccountId">The 12-digit account id.</param>
/// <param name="Region">The region code.</param>
public sealed record PlatformNames(string AccountName, string AccountId, string Region)
{
    /// <summary>The Session Manager preferences document every account and region has.</summary>
    public const string SessionPreferencesDocument = "SSM-SessionManagerRunShell";

    /// <summary>The SSM service setting that names the Default Host Management role.</summary>
    public const string DefaultHostManagementSetting = "/ssm/managed-instance/default-ec2-instance-management-role";

    /// <summary>The log group Session Manager streams sessions to.</summary>
    public const string SessionLogGroup = "/infra/session-manager";

    /// <summary>The role session name the deployment uses when it assumes a deploy role (seen in CloudTrail).</summary>
    public const string DeploySessionName = "infra-platform";

    /// <summary>The ARN of the Default Host Management service setting of this account and region.</summary>
    public string DefaultHostManagementSettingArn => $"arn:aws:ssm:{Region}:{AccountId}:servicesetting{DefaultHostManagementSetting}";

    /// <summary>A short, stable prefix for Pulumi logical names of this account and region, e.g. <c>stg-eu-central-1</c>.</summary>
    public string Prefix => $"{AccountName}-{Region}";

    /// <summary>The shared instance role of the account and region.</summary>
    public string InstanceRole => InstanceProfileFor(Region);

    /// <summary>The shared instance profile of a region, which service stacks can name without a stack reference.</summary>
    public static string InstanceProfileFor(string region) => Limit($"infra-ssm-instance-{region}", 64);

    /// <summary>The role Default Host Management gives instances that have no profile.</summary>
    public string DefaultHostManagementRole => Limit($"infra-ssm-default-host-{Region}", 64);

    /// <summary>The session log bucket.</summary>
    public string SessionLogBucket => Limit($"infra-session-logs-{AccountId}-{Region}", 63);

    /// <summary>The KMS alias of the session key.</summary>
    public const string SessionKeyAlias = "alias/infra-session-manager";

    /// <summary>The name of the resource data sync that sends inventory and compliance to the results bucket.</summary>
    public const string ResourceDataSync = "infra-fleet-results";

    /// <summary>The format resource data syncs write (the only one SSM offers).</summary>
    public const string ResourceDataSyncFormat = "JsonSerDe";

    /// <summary>The role EventBridge Scheduler uses to revoke temporary grants.</summary>
    public const string GrantRevokerRole = "infra-grant-revoker";

    /// <summary>The default bucket of the fleet's inventory and compliance results.</summary>
    public static string ResultsBucket(string accountId) => $"infra-ssm-results-{accountId}";

    /// <summary>A name cut to <paramref name="max"/> characters with a hash of the whole, so cut names stay unique.</summary>
    public static string Limit(string name, int max)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length <= max)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return name[..(max - 9)].TrimEnd('-', '.') + "-" + hash;
    }
}
