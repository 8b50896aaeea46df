using Infra.Components.Platform;
using Infra.Core.Grants;
using Infra.Core.Iam;
using Infra.Core.IdentityCenter;
using Infra.Core.Naming;
using Pulumi;
using Aws = Pulumi.Aws;
using NativeIam = Pulumi.AwsNative.Iam;
using Sso = Pulumi.AwsNative.Sso;

namespace Infra.Components.IdentityCenter;

/// <summary>Inputs of <see cref="TemporaryAccessGrant"/>.</summary>
public sealed class TemporaryAccessGrantArgs : ResourceArgs
{
    /// <summary>The grant as validated by <c>StackSettingsParser</c>. Required.</summary>
    public AccessGrant? Grant { get; set; }

    /// <summary>The grant's decision at deployment time (from <c>AccessGrants.Evaluate</c>); only active grants deploy. Required.</summary>
    public GrantDecision? Decision { get; set; }

    /// <summary>The stack's time zone; the revocation is scheduled in it. Default UTC.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>The Identity Center instance ARN. Required.</summary>
    [Input("instanceArn", required: true)]
    public Input<string> InstanceArn { get; set; } = null!;

    /// <summary>The permission set's ARN. Required.</summary>
    [Input("permissionSetArn", required: true)]
    public Input<string> PermissionSetArn { get; set; } = null!;

    /// <summary>The account administering Identity Center, where the revocation runs. Required.</summary>
    public string IdentityCenterAccountId { get; set; } = "";

    /// <summary>Tags (platform tags). Required.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
}

/// <summary>
/// Access that revokes itself: the account assignment, and a one-time EventBridge Scheduler schedule at the grant's end
/// that deletes exactly that assignment, with a role allowed to do nothing else.
/// </summary>
public sealed class TemporaryAccessGrant : ComponentResource
{
    /// <summary>Creates the assignment and its revocation.</summary>
    public TemporaryAccessGrant(string name, TemporaryAccessGrantArgs args, ComponentResourceOptions? options = null)
        : base("infra:identitycenter:TemporaryAccessGrant", name, args, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var grant = args.Grant ?? throw new ArgumentException($"TemporaryAccessGrant {name}: Grant is required", nameof(args));
        var decision = args.Decision ?? throw new ArgumentException($"TemporaryAccessGrant {name}: Decision is required", nameof(args));
        if (decision.State != GrantState.Active)
        {
            throw new ArgumentException($"TemporaryAccessGrant {name}: only an active grant is deployed; this one is {decision.State}: {decision.Summary}", nameof(args));
        }

        var child = new CustomResourceOptions { Parent = this };
        var assignment = new Sso.Assignment($"{name}-assignment", new Sso.AssignmentArgs
        {
            InstanceArn = args.InstanceArn,
            PermissionSetArn = args.PermissionSetArn,
            PrincipalId = grant.PrincipalId,
            PrincipalType = grant.PrincipalType == PrincipalType.User ? Sso.AssignmentPrincipalType.User : Sso.AssignmentPrincipalType.Group,
            TargetId = grant.AccountId,
            TargetType = Sso.AssignmentTargetType.AwsAccount,
        }, child);

        var role = new NativeIam.Role($"{name}-revoker", new NativeIam.RoleArgs
        {
            RoleName = PlatformNames.Limit($"{PlatformNames.GrantRevokerRole}-{grant.Key}", 64),
            Description = $"Lets EventBridge Scheduler end temporary grant {grant.Key}",
            AssumeRolePolicyDocument = PolicyJson.ToObject(PlatformPolicies.SchedulerAssumeRole(args.IdentityCenterAccountId)),
            Policies =
            {
                new NativeIam.Inputs.RolePolicyArgs
                {
                    PolicyName = "revoke-assignment",
                    PolicyDocument = Output.Tuple(args.InstanceArn.ToOutput(), args.PermissionSetArn.ToOutput()).Apply(t =>
                        PolicyJson.ToObject(PlatformPolicies.RevokeAccountAssignment(t.Item1, t.Item2, grant.AccountId))),
                },
            },
            Tags = AwsTags.Native(args.Tags),
        }, child);

        var revocation = AccessGrants.Revocation(grant, args.TimeZone);

        // Pulumi.Aws, not AwsNative: only its Schedule has ActionAfterCompletion (CloudFormation's lacks it), so the
        // one-time schedule deletes itself once it has run instead of lingering in the account.
        var schedule = new Aws.Scheduler.Schedule($"{name}-revocation", new Aws.Scheduler.ScheduleArgs
        {
            Name = revocation.Name,
            Description = $"Revokes {grant.PermissionSet} for {grant.PrincipalName ?? grant.PrincipalId} in {grant.AccountId}",
            ScheduleExpression = revocation.Expression,
            ScheduleExpressionTimezone = revocation.TimeZone,
            ActionAfterCompletion = AccessGrants.RevokeActionAfterCompletion,
            FlexibleTimeWindow = new Aws.Scheduler.Inputs.ScheduleFlexibleTimeWindowArgs { Mode = AccessGrants.RevokeFlexibleWindowMode },
            Target = new Aws.Scheduler.Inputs.ScheduleTargetArgs
            {
                Arn = AccessGrants.RevokeTargetArn,
                RoleArn = role.Arn,
                Input = Output.Tuple(args.InstanceArn.ToOutput(), args.PermissionSetArn.ToOutput()).Apply(t => AccessGrants.RevocationInput(grant, t.Item1, t.Item2)),
                RetryPolicy = new Aws.Scheduler.Inputs.ScheduleTargetRetryPolicyArgs
                {
                    MaximumRetryAttempts = AccessGrants.RevokeRetryAttempts,
                    MaximumEventAgeInSeconds = AccessGrants.RevokeRetryWindowSeconds,
                },
            },
        }, new CustomResourceOptions { Parent = this, DependsOn = { assignment } });

        ScheduleName = schedule.Name;
        Until = Output.Create(grant.Until.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        RegisterOutputs();
    }

    /// <summary>The revocation schedule's name.</summary>
    [Output("scheduleName")]
    public Output<string> ScheduleName { get; private set; }

    /// <summary>When the grant ends.</summary>
    [Output("until")]
    public Output<string> Until { get; private set; }
}
