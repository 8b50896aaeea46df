using Infra.Components.Platform;
using Infra.Core.Iam;
using Pulumi;
using NativeIam = Pulumi.AwsNative.Iam;

namespace Infra.Components.Ssm;

/// <summary>Inputs of <see cref="SsmInstanceProfile"/>.</summary>
public sealed class SsmInstanceProfileArgs : ResourceArgs
{
    /// <summary>The role and profile name (at most 64 characters). Required; the platform uses <c>PlatformNames.InstanceRole</c>.</summary>
    public string RoleName { get; set; } = "";

    /// <summary>Tags of the role and profile (platform tags included). Required.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// Session logging the instances write to; when null (the default) the role has only
    /// <c>AmazonSSMManagedInstanceCore</c> and sessions are not logged by the instance.
    /// </summary>
    public SessionLoggingTarget? SessionLogging { get; set; }

    /// <summary>
    /// S3 objects (<c>arn:aws:s3:::bucket/key</c>) the instances may read, such as packages that associations install.
    /// Default: none.
    /// </summary>
    public IReadOnlyList<string> ArtifactObjectArns { get; set; } = [];
}

/// <summary>Where instances write Session Manager logs; all four are ARNs or names of resources of one account and region.</summary>
/// <param name="BucketArn">The session log bucket ARN.</param>
/// <param name="KeyPrefix">The key prefix in the bucket.</param>
/// <param name="LogGroupArn">The session log group ARN.</param>
/// <param name="KeyArn">The session KMS key ARN.</param>
public sealed record SessionLoggingTarget(Output<string> BucketArn, string KeyPrefix, Output<string> LogGroupArn, Output<string> KeyArn);

/// <summary>
/// The IAM role and instance profile every instance of one account and region shares: trusted by EC2, with
/// <c>AmazonSSMManagedInstanceCore</c> and only the extra rights session logging needs, scoped to those resources.
/// Shared, never one per instance: IAM allows 1,000 roles per account.
/// </summary>
public sealed class SsmInstanceProfile : ComponentResource
{
    /// <summary>Creates the role and profile.</summary>
    public SsmInstanceProfile(string name, SsmInstanceProfileArgs args, ComponentResourceOptions? options = null)
        : base("infra:ssm:InstanceProfile", name, args, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (string.IsNullOrEmpty(args.RoleName) || args.RoleName.Length > 64)
        {
            throw new ArgumentException($"SsmInstanceProfile {name}: RoleName has 1 to 64 characters; given \"{args.RoleName}\"", nameof(args));
        }

        var child = new CustomResourceOptions { Parent = this };
        var policies = new InputList<NativeIam.Inputs.RolePolicyArgs>();
        if (args.SessionLogging is { } logging)
        {
            policies.Add(new NativeIam.Inputs.RolePolicyArgs
            {
                PolicyName = "session-logging",
                PolicyDocument = Output.Tuple(logging.BucketArn, logging.LogGroupArn, logging.KeyArn).Apply(t =>
                    (object)PolicyJson.ToObject(PlatformPolicies.SessionLoggingInstanceAccess(t.Item1, logging.KeyPrefix, t.Item2, t.Item3))),
            });
        }

        if (args.ArtifactObjectArns.Count > 0)
        {
            policies.Add(new NativeIam.Inputs.RolePolicyArgs
            {
                PolicyName = "read-artifacts",
                PolicyDocument = PolicyJson.ToObject(PlatformPolicies.ReadArtifacts(args.ArtifactObjectArns)),
            });
        }

        var role = new NativeIam.Role($"{name}-role", new NativeIam.RoleArgs
        {
            RoleName = args.RoleName,
            Description = "Shared by every EC2 instance of this account and region: Systems Manager core and session logging.",
            AssumeRolePolicyDocument = PolicyJson.ToObject(PlatformPolicies.Ec2AssumeRole()),
            ManagedPolicyArns = { AwsManagedPolicies.SsmManagedInstanceCore },
            Policies = policies,
            Tags = AwsTags.Native(args.Tags),
        }, child);

        var profile = new NativeIam.InstanceProfile($"{name}-profile", new NativeIam.InstanceProfileArgs
        {
            InstanceProfileName = args.RoleName,
            Roles = { role.RoleName.Apply(n => n ?? args.RoleName) },
        }, child);

        RoleArn = role.Arn;
        RoleName = role.RoleName.Apply(n => n ?? args.RoleName);
        ProfileArn = profile.Arn;
        ProfileName = profile.InstanceProfileName.Apply(n => n ?? args.RoleName);
        RegisterOutputs();
    }

    /// <summary>The role's ARN.</summary>
    [Output("roleArn")]
    public Output<string> RoleArn { get; private set; }

    /// <summary>The role's name.</summary>
    [Output("roleName")]
    public Output<string> RoleName { get; private set; }

    /// <summary>The instance profile's ARN.</summary>
    [Output("profileArn")]
    public Output<string> ProfileArn { get; private set; }

    /// <summary>The instance profile's name: what an instance's <c>IamInstanceProfile</c> takes.</summary>
    [Output("profileName")]
    public Output<string> ProfileName { get; private set; }
}
