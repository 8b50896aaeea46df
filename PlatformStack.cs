using System.Collections.Immutable;
using Infra.Components.Ec2;
using Infra.Components.Guardrails;
using Infra.Components.IdentityCenter;
using Infra.Components.Platform;
using Infra.Core.Documents;
using Infra.Core.Grants;
using Infra.Core.Iam;
using Infra.Core.IdentityCenter;
using Infra.Core.Naming;
using Infra.Core.Settings;
using Pulumi;
using Aws = Pulumi.Aws;
using Native = Pulumi.AwsNative;

namespace Infra;

/// <summary>
/// The platform stack: the Systems Manager baseline in every account and region of <c>Pulumi.&lt;stack&gt;.yaml</c>,
/// central results, Identity Center access and bastion hosts. A configuration mistake stops it before any resource
/// is registered.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A Pulumi stack is called a stack.")]
public sealed class PlatformStack : Stack
{
    /// <summary>Runs the stack at the current time.</summary>
    public PlatformStack()
        : this(TimeProvider.System, new FleetGuardrails())
    {
    }

    /// <summary>Runs the stack at the clock's time (tests use a fake clock for grants).</summary>
    public PlatformStack(TimeProvider clock, FleetGuardrails guardrails)
        : base(guardrails.StackOptions())
    {
        ArgumentNullException.ThrowIfNull(clock);
        var settings = LoadSettings(clock, out var documents);
        var baseTags = settings.Tags.BaseTags;

        // One explicit provider per account and region, assuming the account's deploy role.
        var providers = new AccountProviders(settings.Tags.BaseTags);

        // The results bucket and its policy exist before any account's sync writes to it.
        var resultsPolicy = settings.Results is { } sink ? DeployResultsBucket(settings, sink, providers) : null;
        var regions = new Dictionary<string, object>();
        var sessionKeys = new List<Output<string>>();
        foreach (var (account, region, names) in settings.Targets)
        {
            var (aws, native) = providers.For(names.Prefix, account.Id, account.DeployRoleArn, region);
            var baseline = new RegionBaseline(names.Prefix, new RegionBaselineArgs
            {
                Settings = settings,
                Account = account,
                Names = names,
                Documents = documents,
                ResultsBucketPolicy = resultsPolicy,
            }, new ComponentResourceOptions { Providers = { aws, native } });
            sessionKeys.Add(baseline.SessionKeyArn);
            var associations = settings.Associations.Where(a => a.AppliesTo(account)).ToDictionary(a => a.Name, a => (object)new Dictionary<string, object>
            {
                ["schedule"] = a.Schedule.Expression,
                ["targets"] = string.Join(" and ", a.Targets),
                ["document"] = a.DocumentName,
                ["associationId"] = baseline.AssociationIds.Apply(ids => ids[a.Name]),
            });

            regions[names.Prefix] = new Dictionary<string, object>
            {
                ["accountId"] = account.Id,
                ["region"] = region,
                ["instanceProfileName"] = baseline.InstanceProfileName,
                ["sessionLogGroup"] = baseline.SessionLogGroup,
                ["sessionLogBucket"] = baseline.SessionLogBucket,
                ["documents"] = baseline.DocumentVersions,
                ["associations"] = associations,
            };
        }

        var identity = DeployIdentityCenter(settings, sessionKeys, clock, providers);
        var bastions = DeployBastions(settings, providers);

        Regions = Output.Create<IDictionary<string, object>>(regions);
        PermissionSets = identity.PermissionSets;
        ActiveGrants = identity.Grants;
        BastionInstanceIds = bastions;
        Guardrails = guardrails.Verify();
    }

    /// <summary>Per account and region (<c>&lt;account&gt;-&lt;region&gt;</c>): profile, session logging, documents and associations.</summary>
    [Output("regions")]
    public Output<IDictionary<string, object>> Regions { get; private set; }

    /// <summary>Permission set ARNs by name.</summary>
    [Output("permissionSets")]
    public Output<ImmutableDictionary<string, string>> PermissionSets { get; private set; }

    /// <summary>Active temporary grants and when each ends.</summary>
    [Output("activeGrants")]
    public Output<ImmutableDictionary<string, string>> ActiveGrants { get; private set; }

    /// <summary>Bastion instance ids by name.</summary>
    [Output("bastions")]
    public Output<ImmutableDictionary<string, string>> BastionInstanceIds { get; private set; }

    /// <summary>The guardrails' verdict; the deployment fails instead when any resource breaks them.</summary>
    [Output("guardrails")]
    public Output<string> Guardrails { get; private set; }

    private static StackSettings LoadSettings(TimeProvider clock, out IReadOnlyList<Core.Documents.CommandDocument> documents)
    {
        var loaded = CommandDocuments.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "documents"));
        documents = loaded.Documents;
        var config = StackConfig.FromPulumiConfig(
            Environment.GetEnvironmentVariable("PULUMI_CONFIG") ?? "{}", Deployment.Instance.ProjectName, Deployment.Instance.StackName);
        var (settings, problems) = StackSettingsParser.TryParse(config, documents, clock);
        var all = loaded.Problems.Concat(problems).ToList();
        if (all.Count > 0 || settings is null)
        {
            throw new Core.Problems.InfraConfigurationException(all);
        }

        return settings;
    }

    private static Native.S3.BucketPolicy DeployResultsBucket(StackSettings settings, ResultsSettings results, AccountProviders providers)
    {
        var account = settings.Account(results.Account);
        var (_, native) = providers.For($"{account.Name}-{results.Region}", account.Id, account.DeployRoleArn, results.Region);
        var bucket = new Native.S3.Bucket("results-bucket", new Native.S3.BucketArgs
        {
            BucketName = results.BucketName,
            BucketEncryption = new Native.S3.Inputs.BucketEncryptionArgs
            {
                ServerSideEncryptionConfiguration =
                {
                    new Native.S3.Inputs.BucketServerSideEncryptionRuleArgs
                    {
                        ServerSideEncryptionByDefault = new Native.S3.Inputs.BucketServerSideEncryptionByDefaultArgs { SseAlgorithm = Native.S3.BucketServerSideEncryptionByDefaultSseAlgorithm.Aes256 },
                    },
                },
            },
            PublicAccessBlockConfiguration = new Native.S3.Inputs.BucketPublicAccessBlockConfigurationArgs
            {
                BlockPublicAcls = true,
                BlockPublicPolicy = true,
                IgnorePublicAcls = true,
                RestrictPublicBuckets = true,
            },
            Tags = AwsTags.Native(settings.Tags.BaseTags),
        }, new CustomResourceOptions { Provider = native });
        var accounts = settings.Accounts.Select(a => a.Id).ToList();
        return new Native.S3.BucketPolicy("results-bucket-policy", new Native.S3.BucketPolicyArgs
        {
            Bucket = bucket.Id,
            PolicyDocument = bucket.Arn.Apply(arn => PolicyJson.ToObject(
                PlatformPolicies.TlsOnlyBucketPolicy(arn, PlatformPolicies.ResourceDataSyncBucketStatements(arn, results.Prefix, accounts)))),
        }, new CustomResourceOptions { Provider = native });
    }

    private static (Output<ImmutableDictionary<string, string>> PermissionSets, Output<ImmutableDictionary<string, string>> Grants) DeployIdentityCenter(
        StackSettings settings, IReadOnlyList<Output<string>> sessionKeys, TimeProvider clock, AccountProviders accountProviders)
    {
        var empty = Output.Create(ImmutableDictionary<string, string>.Empty);
        if (settings.IdentityCenter is not { } center)
        {
            return (empty, empty);
        }

        var (aws, native) = accountProviders.For($"identity-center-{center.Region}", center.AccountId, center.DeployRoleArn, center.Region);
        var providers = new ComponentResourceOptions { Providers = { aws, native } };
        var tags = settings.Tags.BaseTags;

        // People log in to instances as their own OS user.
        _ = new RunAsAttributes("run-as", new RunAsAttributesArgs { InstanceArn = center.InstanceArn, Source = center.RunAsSource }, providers);

        var sets = settings.PermissionSets.ToDictionary(s => s.Name, s => new PermissionSet(s.Name, new PermissionSetArgs
        {
            Settings = s,
            InstanceArn = center.InstanceArn,
            SessionKeyArns = s.NodeAccess is null ? null : (InputList<string>)Output.All(sessionKeys),
            Tags = tags,
        }, providers));

        foreach (var assignment in settings.Assignments)
        {
            var key = PlatformNames.Limit($"{assignment.PermissionSet}-{assignment.AccountId}-{assignment.PrincipalId}", 100);
            _ = new Native.Sso.Assignment($"assignment-{key}", new Native.Sso.AssignmentArgs
            {
                InstanceArn = center.InstanceArn,
                PermissionSetArn = sets[assignment.PermissionSet].PermissionSetArn,
                PrincipalId = assignment.PrincipalId,
                PrincipalType = assignment.PrincipalType == PrincipalType.User ? Native.Sso.AssignmentPrincipalType.User : Native.Sso.AssignmentPrincipalType.Group,
                TargetId = assignment.AccountId,
                TargetType = Native.Sso.AssignmentTargetType.AwsAccount,
            }, new CustomResourceOptions { Provider = native });
        }

        var grants = ImmutableDictionary.CreateBuilder<string, string>();
        foreach (var grant in settings.Grants)
        {
            var decision = AccessGrants.Evaluate(grant, clock);
            if (decision.State != GrantState.Active)
            {
                // Expired grants deploy nothing (and their assignment is removed); pending ones deploy once they start.
                Log.Info($"grant {grant.Key} ({grant.PrincipalName ?? grant.PrincipalId}, {grant.PermissionSet}): {decision.Summary}");
                continue;
            }

            _ = new TemporaryAccessGrant($"grant-{grant.Key}", new TemporaryAccessGrantArgs
            {
                Grant = grant,
                Decision = decision,
                TimeZone = settings.TimeZone,
                InstanceArn = center.InstanceArn,
                PermissionSetArn = sets[grant.PermissionSet].PermissionSetArn,
                IdentityCenterAccountId = center.AccountId,
                Tags = tags,
            }, providers);
            grants[$"{grant.PrincipalName ?? grant.PrincipalId} {grant.PermissionSet} {grant.AccountId}"] = grant.Until.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        var arns = Output.All(sets.Select(s => s.Value.PermissionSetArn.Apply(arn => KeyValuePair.Create(s.Key, arn))))
            .Apply(pairs => pairs.ToImmutableDictionary());
        return (arns, Output.Create(grants.ToImmutable()));
    }

    private static Output<ImmutableDictionary<string, string>> DeployBastions(StackSettings settings, AccountProviders providers)
    {
        var ids = new List<Output<KeyValuePair<string, string>>>();
        foreach (var bastion in settings.Bastions)
        {
            var account = settings.Account(bastion.Account);
            var (aws, _) = providers.For($"{account.Name}-{bastion.Region}", account.Id, account.DeployRoleArn, bastion.Region);

            // Reachable only through Session Manager: no key pair, no inbound rule, no public IP.
            var instance = new ManagedInstance(bastion.Name, new ManagedInstanceArgs
            {
                Contract = settings.Tags,
                Kind = "bastion",
                Tags = bastion.Tags,
                SubnetId = bastion.SubnetId,
                VpcId = bastion.VpcId,
                InstanceType = bastion.InstanceType,
                Region = bastion.Region,
            }, new ComponentResourceOptions { Providers = { aws } });
            ids.Add(instance.InstanceId.Apply(id => KeyValuePair.Create(bastion.Name, id)));
        }

        return Output.All(ids).Apply(pairs => pairs.ToImmutableDictionary());
    }

    /// <summary>
    /// The explicit providers of each account and region, made once: they assume the account's deploy role, may only
    /// touch that account, and carry the platform tags as default tags (a backstop; components tag every resource).
    /// </summary>
    private sealed class AccountProviders(IReadOnlyDictionary<string, string> tags)
    {
        private readonly Dictionary<(string AccountId, string Region), (Aws.Provider, Native.Provider)> _made = [];

        public (Aws.Provider Aws, Native.Provider Native) For(string name, string accountId, string roleArn, string region)
        {
            if (_made.TryGetValue((accountId, region), out var made))
            {
                return made;
            }

            var aws = new Aws.Provider($"{name}-aws", new Aws.ProviderArgs
            {
                Region = region,
                AllowedAccountIds = { accountId },
                AssumeRoles = { new Aws.Inputs.ProviderAssumeRoleArgs { RoleArn = roleArn, SessionName = PlatformNames.DeploySessionName } },
                DefaultTags = new Aws.Inputs.ProviderDefaultTagsArgs { Tags = AwsTags.Classic(tags) },
            });
            var native = new Native.Provider($"{name}-aws-native", new Native.ProviderArgs
            {
                Region = region,
                AllowedAccountIds = { accountId },
                AssumeRole = new Native.Inputs.ProviderAssumeRoleArgs { RoleArn = roleArn, SessionName = PlatformNames.DeploySessionName },
                DefaultTags = new Native.Inputs.ProviderDefaultTagsArgs { Tags = AwsTags.Classic(tags) },
            });
            _made[(accountId, region)] = (aws, native);
            return (aws, native);
        }
    }
}
