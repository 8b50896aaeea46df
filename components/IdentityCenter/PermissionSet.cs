using Infra.Components.Platform;
using Infra.Core.Iam;
using Infra.Core.Naming;
using Infra.Core.Settings;
using Pulumi;
using Sso = Pulumi.AwsNative.Sso;

namespace Infra.Components.IdentityCenter;

/// <summary>Inputs of <see cref="PermissionSet"/>.</summary>
public sealed class PermissionSetArgs : ResourceArgs
{
    /// <summary>The permission set as validated by <c>StackSettingsParser</c>. Required.</summary>
    public PermissionSetSettings? Settings { get; set; }

    /// <summary>The Identity Center instance ARN. Required.</summary>
    [Input("instanceArn", required: true)]
    public Input<string> InstanceArn { get; set; } = null!;

    /// <summary>
    /// The session keys of every account and region the permission set reaches, for node access; people need
    /// <c>kms:GenerateDataKey</c> on them to start an encrypted session. Default: none.
    /// </summary>
    [Input("sessionKeyArns")]
    public InputList<string>? SessionKeyArns { get; set; }

    /// <summary>Tags (platform tags). Required.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
}

/// <summary>
/// An IAM Identity Center permission set. With node access it is the bastion preset: sessions only on instances whose
/// <c>Resource</c> (and <c>Env</c>) tags match, only through the platform's preferences document, resuming and ending
/// only one's own sessions.
/// </summary>
public sealed class PermissionSet : ComponentResource
{
    /// <summary>Creates the permission set.</summary>
    public PermissionSet(string name, PermissionSetArgs args, ComponentResourceOptions? options = null)
        : base("infra:identitycenter:PermissionSet", name, args, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = args.Settings ?? throw new ArgumentException($"PermissionSet {name}: Settings is required", nameof(args));

        Input<object>? inline = null;
        if (settings.NodeAccess is { } access)
        {
            var keys = args.SessionKeyArns ?? new InputList<string>();
            inline = keys.ToOutput().Apply(arns =>
            {
                var policy = PlatformPolicies.NodeAccess(new NodeAccessScope(access.ResourceTagValue, access.EnvTagValue, PlatformNames.SessionPreferencesDocument, arns));
                var violations = PolicyRules.Check(policy, PolicyKind.PermissionSetInline);
                if (violations.Count > 0)
                {
                    throw new InvalidOperationException($"PermissionSet {name}: node access policy breaks {string.Join("; ", violations.Select(v => v.Rule))}");
                }

                return PolicyJson.ToObject(policy);
            });
        }

        var managed = new InputList<string>();
        foreach (var arn in settings.ManagedPolicies)
        {
            managed.Add(arn);
        }

        var resource = new Sso.PermissionSet($"{name}-permission-set", new Sso.PermissionSetArgs
        {
            InstanceArn = args.InstanceArn,
            Name = settings.Name,
            Description = settings.Description,
            SessionDuration = settings.SessionDuration,
            RelayStateType = settings.RelayState!,
            ManagedPolicies = managed,
            InlinePolicy = inline,
            Tags = AwsTags.Native(args.Tags),
        }, new CustomResourceOptions { Parent = this });

        PermissionSetArn = resource.PermissionSetArn;
        RegisterOutputs();
    }

    /// <summary>The permission set's ARN.</summary>
    [Output("permissionSetArn")]
    public Output<string> PermissionSetArn { get; private set; }
}
