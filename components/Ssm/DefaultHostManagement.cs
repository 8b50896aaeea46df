using Infra.Components.Platform;
using Infra.Core.Iam;
using Infra.Core.Naming;
using Pulumi;
using Aws = Pulumi.Aws;
using NativeIam = Pulumi.AwsNative.Iam;

namespace Infra.Components.Ssm;

/// <summary>Inputs of <see cref="DefaultHostManagement"/>.</summary>
public sealed class DefaultHostManagementArgs : ResourceArgs
{
    /// <summary>The account and region's platform names. Required.</summary>
    public PlatformNames? Names { get; set; }

    /// <summary>Tags of the role (platform tags included). Required.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
}

/// <summary>
/// Default Host Management Configuration of one account and region: the SSM service setting naming a role that
/// Systems Manager gives every EC2 instance without an instance profile, so an instance created outside these
/// components still becomes managed (it needs IMDSv2 and SSM Agent 3.2.582.0 or later).
/// </summary>
public sealed class DefaultHostManagement : ComponentResource
{
    /// <summary>Creates the role and the service setting.</summary>
    public DefaultHostManagement(string name, DefaultHostManagementArgs args, ComponentResourceOptions? options = null)
        : base("infra:ssm:DefaultHostManagement", name, args, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var names = args.Names ?? throw new ArgumentException($"DefaultHostManagement {name}: Names is required", nameof(args));
        var child = new CustomResourceOptions { Parent = this };

        var role = new NativeIam.Role($"{name}-role", new NativeIam.RoleArgs
        {
            RoleName = names.DefaultHostManagementRole,
            Description = "Default Host Management: Systems Manager gives this role to instances that have no instance profile.",
            AssumeRolePolicyDocument = PolicyJson.ToObject(PlatformPolicies.SsmAssumeRole(names.AccountId)),
            ManagedPolicyArns = { AwsManagedPolicies.SsmManagedEc2InstanceDefaultPolicy },
            Tags = AwsTags.Native(args.Tags),
        }, child);

        // The setting's value is the role name; SSM looks the role up in the same account.
        var setting = new Aws.Ssm.ServiceSetting($"{name}-setting", new Aws.Ssm.ServiceSettingArgs
        {
            SettingId = names.DefaultHostManagementSettingArn,
            SettingValue = role.RoleName.Apply(n => n ?? names.DefaultHostManagementRole),
        }, child);

        RoleArn = role.Arn;
        SettingId = setting.SettingId;
        RegisterOutputs();
    }

    /// <summary>The Default Host Management role's ARN.</summary>
    [Output("roleArn")]
    public Output<string> RoleArn { get; private set; }

    /// <summary>The service setting's id.</summary>
    [Output("settingId")]
    public Output<string> SettingId { get; private set; }
}
