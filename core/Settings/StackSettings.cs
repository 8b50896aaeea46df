using Infra.Core.Grants;
using Infra.Core.IdentityCenter;
using Infra.Core.Naming;
using Infra.Core.Schedules;
using Infra.Core.Tags;

namespace Infra.Core.Settings;

/// <summary>Every validated <c>infra:*</c> setting of one stack.</summary>
public sealed record StackSettings
{
    /// <summary>The stack file, e.g. <c>Pulumi.prod.yaml</c>.</summary>
    public required string File { get; init; }

    /// <summary>The Pulumi project.</summary>
    public required string Project { get; init; }

    /// <summary>The Pulumi stack.</summary>
    public required string Stack { get; init; }

    /// <summary>The canonical environment (<c>Stg</c> or <c>Prod</c>), tagged as <c>Env</c>.</summary>
    public required string Env { get; init; }

    /// <summary>The stack's time zone, for schedules shown to people and for revocation schedules.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>The tag contract: platform tags, resource catalog, required developer tags.</summary>
    public required TagContract Tags { get; init; }

    /// <summary>The accounts the fleet runs in, each with its deploy role and regions.</summary>
    public required IReadOnlyList<AccountSettings> Accounts { get; init; }

    /// <summary>Session Manager logging and preferences, the same in every account and region.</summary>
    public required SessionSettings Session { get; init; }

    /// <summary>The State Manager associations, deployed in every account and region they apply to.</summary>
    public required IReadOnlyList<AssociationSettings> Associations { get; init; }

    /// <summary>Where inventory and compliance of the whole fleet are collected; null for nowhere.</summary>
    public ResultsSettings? Results { get; init; }

    /// <summary>The Identity Center instance; null when the stack manages no access.</summary>
    public IdentityCenterSettings? IdentityCenter { get; init; }

    /// <summary>The permission sets.</summary>
    public required IReadOnlyList<PermissionSetSettings> PermissionSets { get; init; }

    /// <summary>Standing account assignments.</summary>
    public required IReadOnlyList<AssignmentSettings> Assignments { get; init; }

    /// <summary>Temporary access grants as configured (expired ones included, so they can be reported).</summary>
    public required IReadOnlyList<AccessGrant> Grants { get; init; }

    /// <summary>The bastion hosts.</summary>
    public required IReadOnlyList<BastionSettings> Bastions { get; init; }

    /// <summary>Every account and region the fleet baseline is deployed to.</summary>
    public IEnumerable<(AccountSettings Account, string Region, PlatformNames Names)> Targets =>
        Accounts.SelectMany(a => a.Regions.Select(r => (a, r, new PlatformNames(a.Name, a.Id, r))));

    /// <summary>The account with this short name.</summary>
    public AccountSettings Account(string name) => Accounts.Single(a => a.Name == name);
}

/// <summary>An account of the fleet.</summary>
/// <param name="Name">Short name used in the configuration and in logical names, e.g. <c>payments-prod</c>.</param>
/// <param name="Id">The 12-digit account id.</param>
/// <param name="DeployRoleArn">The role the deployment assumes in the account.</param>
/// <param name="Regions">The regions the fleet runs in.</param>
/// <param name="AdoptSessionPreferences">
/// Take over the Session Manager preferences document that already exists in the account's regions (someone saved
/// preferences in the console) instead of failing to create it.
/// </param>
public sealed record AccountSettings(string Name, string Id, string DeployRoleArn, IReadOnlyList<string> Regions, bool AdoptSessionPreferences = false);

/// <summary>Session Manager logging and preferences.</summary>
public sealed record SessionSettings
{
    /// <summary>Days CloudWatch keeps session logs.</summary>
    public int LogRetentionDays { get; init; } = 365;

    /// <summary>Key prefix of session logs in the bucket.</summary>
    public string S3KeyPrefix { get; init; } = "sessions";

    /// <summary>Days after which session logs in S3 expire.</summary>
    public int S3ExpireAfterDays { get; init; } = 400;

    /// <summary>Minutes of inactivity after which a session ends (1 to 60).</summary>
    public int IdleTimeoutMinutes { get; init; } = 20;

    /// <summary>Longest session in minutes (1 to 1440).</summary>
    public int MaxSessionMinutes { get; init; } = 480;

    /// <summary>Whether sessions run as the person's own OS user.</summary>
    public bool RunAsEnabled { get; init; } = true;

    /// <summary>The OS user for sessions whose principal has no <c>SSMSessionRunAs</c> tag; null for none (such sessions fail).</summary>
    public string? RunAsDefaultUser { get; init; }

    /// <summary>Commands run at the start of a Linux session.</summary>
    public string? ShellProfileLinux { get; init; }
}

/// <summary>Who a State Manager association runs on.</summary>
/// <param name="Key">The SSM target key: <c>InstanceIds</c> (with value <c>*</c>, every instance) or <c>tag:&lt;key&gt;</c>.</param>
/// <param name="Values">The values; several values of one key mean any of them.</param>
public sealed record AssociationTarget(string Key, IReadOnlyList<string> Values)
{
    /// <summary>Every managed instance in the account and region.</summary>
    public static AssociationTarget AllInstances { get; } = new("InstanceIds", ["*"]);

    /// <summary>Instances whose tag <paramref name="tagKey"/> has one of the <paramref name="values"/>.</summary>
    public static AssociationTarget Tag(string tagKey, IReadOnlyList<string> values) => new("tag:" + tagKey, values);

    /// <inheritdoc />
    public override string ToString() => $"{Key}={string.Join(",", Values)}";
}

/// <summary>A State Manager association.</summary>
public sealed record AssociationSettings
{
    /// <summary>Association name, unique in the stack; also the stable part of logical names.</summary>
    public required string Name { get; init; }

    /// <summary>The document as written: a file of <c>documents/</c> by base name, or an AWS-owned document.</summary>
    public required string Document { get; init; }

    /// <summary>The SSM document name to associate (ours are prefixed, AWS-owned ones as given).</summary>
    public required string DocumentName { get; init; }

    /// <summary>True when the document is one of ours from <c>documents/</c>.</summary>
    public required bool IsPlatformDocument { get; init; }

    /// <summary>The schedule, in AWS form.</summary>
    public required AssociationSchedule Schedule { get; init; }

    /// <summary>The targets (all of them must match).</summary>
    public required IReadOnlyList<AssociationTarget> Targets { get; init; }

    /// <summary>Document parameters.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; }

    /// <summary>Compliance severity reported for the association.</summary>
    public string ComplianceSeverity { get; init; } = "UNSPECIFIED";

    /// <summary>How many instances run it at once (number or percentage).</summary>
    public string MaxConcurrency { get; init; } = AssociationDefaults.MaxConcurrency;

    /// <summary>How many errors stop the rollout (number or percentage).</summary>
    public string MaxErrors { get; init; } = AssociationDefaults.MaxErrors;

    /// <summary>Run only on the schedule, not at once when created or changed.</summary>
    public bool ApplyOnlyAtCronInterval { get; init; }

    /// <summary>Days to wait after the scheduled day (cron only).</summary>
    public int? ScheduleOffset { get; init; }

    /// <summary>Where command output goes; null for nowhere.</summary>
    public OutputLocationSettings? Output { get; init; }

    /// <summary>The accounts (short names) it is deployed to; every account when empty.</summary>
    public IReadOnlyList<string> Accounts { get; init; } = [];

    /// <summary>Whether the association is deployed to <paramref name="account"/>.</summary>
    public bool AppliesTo(AccountSettings account) => Accounts.Count == 0 || Accounts.Contains(account.Name);

    /// <summary>
    /// The S3 objects its parameters name (<c>s3://bucket/key</c> values, such as a package location), as object ARNs:
    /// the instances it runs on must be able to read exactly these.
    /// </summary>
    public IEnumerable<string> ArtifactObjectArns => Parameters.Values.SelectMany(v => v)
        .Where(v => v.StartsWith("s3://", StringComparison.Ordinal) && v.IndexOf('/', 5) > 5 && !v.EndsWith('/'))
        .Select(v => "arn:aws:s3:::" + v["s3://".Length..]);
}

/// <summary>The rate control the platform applies when an association says nothing.</summary>
public static class AssociationDefaults
{
    /// <summary>At most a tenth of the targets run a new document or parameter at once.</summary>
    public const string MaxConcurrency = "10%";

    /// <summary>The rollout stops once 5% of the targets have failed.</summary>
    public const string MaxErrors = "5%";
}

/// <summary>An S3 location for association command output.</summary>
/// <param name="BucketName">The bucket.</param>
/// <param name="KeyPrefix">The key prefix (at most 500 characters).</param>
public sealed record OutputLocationSettings(string BucketName, string KeyPrefix);

/// <summary>Where inventory and compliance of every account and region are synced.</summary>
/// <param name="Account">The short name of the account that holds the bucket.</param>
/// <param name="Region">The bucket's region.</param>
/// <param name="BucketName">The bucket.</param>
/// <param name="Prefix">The key prefix of the sync.</param>
public sealed record ResultsSettings(string Account, string Region, string BucketName, string Prefix);

/// <summary>The IAM Identity Center instance and how the deployment reaches it.</summary>
/// <param name="AccountId">The account that administers Identity Center (management or delegated administrator).</param>
/// <param name="DeployRoleArn">The role the deployment assumes there.</param>
/// <param name="Region">The Identity Center home region.</param>
/// <param name="InstanceArn">The Identity Center instance ARN.</param>
/// <param name="IdentityStoreId">The identity store id.</param>
/// <param name="RunAsSource">The attribute passed as the <c>SSMSessionRunAs</c> session tag.</param>
public sealed record IdentityCenterSettings(string AccountId, string DeployRoleArn, string Region, string InstanceArn, string IdentityStoreId, string RunAsSource);

/// <summary>Node access through Session Manager granted by a permission set.</summary>
/// <param name="ResourceTagValue">The <c>Resource</c> tag value of the instances people may open sessions on.</param>
/// <param name="EnvTagValue">The <c>Env</c> tag value they must also carry; null for any.</param>
public sealed record NodeAccessSettings(string ResourceTagValue, string? EnvTagValue);

/// <summary>A permission set.</summary>
public sealed record PermissionSetSettings
{
    /// <summary>The name (1 to 32 characters).</summary>
    public required string Name { get; init; }

    /// <summary>What it is for.</summary>
    public required string Description { get; init; }

    /// <summary>The session duration, ISO 8601.</summary>
    public string SessionDuration { get; init; } = "PT1H";

    /// <summary>The longest temporary grant of this permission set.</summary>
    public TimeSpan MaxGrant { get; init; } = TimeSpan.FromDays(1);

    /// <summary>AWS managed policies attached.</summary>
    public IReadOnlyList<string> ManagedPolicies { get; init; } = [];

    /// <summary>Node access through Session Manager; null for none.</summary>
    public NodeAccessSettings? NodeAccess { get; init; }

    /// <summary>Console URL to land on; null for the default.</summary>
    public string? RelayState { get; init; }
}

/// <summary>A standing account assignment.</summary>
/// <param name="PermissionSet">The permission set's name.</param>
/// <param name="PrincipalType">User or group.</param>
/// <param name="PrincipalId">The identity store id of the principal.</param>
/// <param name="AccountId">The account.</param>
public sealed record AssignmentSettings(string PermissionSet, PrincipalType PrincipalType, string PrincipalId, string AccountId);

/// <summary>A bastion host.</summary>
public sealed record BastionSettings
{
    /// <summary>The host's name, unique in the stack.</summary>
    public required string Name { get; init; }

    /// <summary>The short name of its account.</summary>
    public required string Account { get; init; }

    /// <summary>Its region.</summary>
    public required string Region { get; init; }

    /// <summary>The VPC of its subnet, for its security group (no inbound rule, HTTPS out).</summary>
    public required string VpcId { get; init; }

    /// <summary>Its subnet (private).</summary>
    public required string SubnetId { get; init; }

    /// <summary>The instance type.</summary>
    public string InstanceType { get; init; } = "t3.micro";

    /// <summary>The developer tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
