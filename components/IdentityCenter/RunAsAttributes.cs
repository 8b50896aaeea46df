using Infra.Core.IdentityCenter;
using Pulumi;
using Sso = Pulumi.AwsNative.Sso;

namespace Infra.Components.IdentityCenter;

/// <summary>Inputs of <see cref="RunAsAttributes"/>.</summary>
public sealed class RunAsAttributesArgs : ResourceArgs
{
    /// <summary>The Identity Center instance ARN. Required.</summary>
    [Input("instanceArn", required: true)]
    public Input<string> InstanceArn { get; set; } = null!;

    /// <summary>The attribute passed as the <c>SSMSessionRunAs</c> session tag. Default <c>${path:userName}</c>.</summary>
    public string Source { get; set; } = IdentityCenterRules.RunAsDefaultSource;
}

/// <summary>
/// Identity Center attributes for access control that pass each person's user name as the <c>SSMSessionRunAs</c>
/// session tag, so Session Manager logs them in as their own OS user. One per Identity Center instance.
/// </summary>
public sealed class RunAsAttributes : ComponentResource
{
    /// <summary>Creates the attribute configuration.</summary>
    public RunAsAttributes(string name, RunAsAttributesArgs args, ComponentResourceOptions? options = null)
        : base("infra:identitycenter:RunAsAttributes", name, args, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var violations = IdentityCenterRules.CheckAttributeSource(args.Source);
        if (violations.Count > 0)
        {
            throw new ArgumentException($"RunAsAttributes {name}: source \"{args.Source}\": {violations[0].Rule}", nameof(args));
        }

        _ = new Sso.InstanceAccessControlAttributeConfiguration($"{name}-attributes", new Sso.InstanceAccessControlAttributeConfigurationArgs
        {
            InstanceArn = args.InstanceArn,
            AccessControlAttributes =
            {
                new Sso.Inputs.InstanceAccessControlAttributeConfigurationAccessControlAttributeArgs
                {
                    Key = IdentityCenterRules.RunAsKey,
                    Value = new Sso.Inputs.InstanceAccessControlAttributeConfigurationAccessControlAttributeValueArgs
                    {
                        Source = { args.Source },
                    },
                },
            },
        }, new CustomResourceOptions { Parent = this });
        RegisterOutputs();
    }
}
