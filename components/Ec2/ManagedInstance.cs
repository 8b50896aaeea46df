using System.Collections.Immutable;
using Infra.Components.Platform;
using Infra.Components.Ssm;
using Infra.Core.Instances;
using Infra.Core.Naming;
using Infra.Core.Problems;
using Infra.Core.Tags;
using Pulumi;
using Aws = Pulumi.Aws;

namespace Infra.Components.Ec2;

/// <summary>Inputs of <see cref="ManagedInstance"/>.</summary>
public sealed class ManagedInstanceArgs : ResourceArgs
{
    /// <summary>The stack's tag contract (platform tags, resource catalog, required tags). Required.</summary>
    public TagContract? Contract { get; set; }

    /// <summary>The resource kind from the catalog, e.g. <c>kafka</c>; it becomes the <c>Resource</c> tag. Required.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The developer's tags; they may not use a platform tag key. Default: none (but the stack may require some).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

    /// <summary>The (private) subnet. Required.</summary>
    [Input("subnetId", required: true)]
    public Input<string> SubnetId { get; set; } = null!;

    /// <summary>
    /// Security groups. Default: a group of its own with no inbound rule and only HTTPS out, which is all SSM Agent
    /// needs (it opens every connection itself); <see cref="VpcId"/> is then required.
    /// </summary>
    [Input("securityGroupIds")]
    public InputList<string>? SecurityGroupIds { get; set; }

    /// <summary>The VPC of the subnet, for the default security group.</summary>
    [Input("vpcId")]
    public Input<string>? VpcId { get; set; }

    /// <summary>The instance type. Default <c>t3.micro</c>.</summary>
    public string InstanceType { get; set; } = "t3.micro";

    /// <summary>Root volume size in GiB (encrypted gp3). Default 20.</summary>
    public int RootVolumeSize { get; set; } = InstanceRules.DefaultRootVolumeGiB;

    /// <summary>
    /// The AMI. Default: the latest Amazon Linux 2023 from the public SSM parameter, read when the instance is created
    /// and then kept, so that an AMI release never replaces a running instance; give an AMI to move to a new one.
    /// </summary>
    public string? Ami { get; set; }

    /// <summary>User data run after the platform's agent check. Default: none.</summary>
    public string? UserData { get; set; }

    /// <summary>IMDS PUT response hop limit. Default 1; raise it only for containers that must reach IMDS.</summary>
    public int MetadataHopLimit { get; set; } = InstanceRules.DefaultHopLimit;

    /// <summary>
    /// The instance profile to use. Default: the platform's shared profile of <see cref="Region"/>
    /// (<c>infra-ssm-instance-&lt;region&gt;</c>).
    /// </summary>
    [Input("instanceProfileName")]
    public Input<string>? InstanceProfileName { get; set; }

    /// <summary>The instance's region, which names the shared profile. Required unless a profile is given or created.</summary>
    public string? Region { get; set; }

    /// <summary>Create a profile for this instance alone instead of sharing one. Default false; avoid it at scale.</summary>
    public bool CreateDedicatedProfile { get; set; }
}

/// <summary>
/// An EC2 instance that Systems Manager manages from the moment it exists: an instance profile with
/// <c>AmazonSSMManagedInstanceCore</c>, IMDSv2 required, encrypted gp3 root volume, no public IP, no key pair, detailed
/// monitoring, the tag contract's tags on instance and volumes, and user data that makes sure SSM Agent runs.
/// </summary>
public sealed class ManagedInstance : ComponentResource
{
    /// <summary>Creates the instance (and its default security group, and a dedicated profile when asked).</summary>
    public ManagedInstance(string name, ManagedInstanceArgs args, ComponentResourceOptions? options = null)
        : base("infra:ec2:ManagedInstance", name, Validated(name, args, out var tags), options)
    {
        var child = new CustomResourceOptions { Parent = this };

        var securityGroups = args.SecurityGroupIds;
        if (securityGroups is null)
        {
            var group = new Aws.Ec2.SecurityGroup($"{name}-sg", new Aws.Ec2.SecurityGroupArgs
            {
                Description = $"{name}: no inbound; HTTPS out for Systems Manager",
                VpcId = args.VpcId!,
                Egress =
                {
                    new Aws.Ec2.Inputs.SecurityGroupEgressArgs
                    {
                        Description = "HTTPS to Systems Manager, KMS, CloudWatch Logs and S3",
                        Protocol = "tcp",
                        FromPort = InstanceRules.AgentEgressPort,
                        ToPort = InstanceRules.AgentEgressPort,
                        CidrBlocks = { "0.0.0.0/0" },
                    },
                },
                Tags = AwsTags.Classic(tags),
            }, child);
            securityGroups = new InputList<string> { group.Id };
        }

        var profileName = args.InstanceProfileName;
        if (profileName is null && args.CreateDedicatedProfile)
        {
            var dedicated = new SsmInstanceProfile($"{name}-profile", new SsmInstanceProfileArgs
            {
                RoleName = PlatformNames.Limit($"infra-ssm-{name}", 64),
                Tags = tags,
            }, new ComponentResourceOptions { Parent = this });
            profileName = dedicated.ProfileName;
        }

        profileName ??= PlatformNames.InstanceProfileFor(args.Region!);

        var lookedUp = args.Ami is null;
        Input<string> ami = args.Ami is { } pinned
            ? pinned
            : Aws.Ssm.GetParameter.Invoke(new Aws.Ssm.GetParameterInvokeArgs { Name = InstanceRules.LatestAmiParameter(args.InstanceType) },
                new InvokeOptions { Parent = this }).Apply(p => p.Value);

        var instance = new Aws.Ec2.Instance($"{name}-instance", new Aws.Ec2.InstanceArgs
        {
            Ami = ami,
            InstanceType = args.InstanceType,
            SubnetId = args.SubnetId,
            VpcSecurityGroupIds = securityGroups,
            IamInstanceProfile = profileName,
            AssociatePublicIpAddress = false,
            Monitoring = true,
            MetadataOptions = new Aws.Ec2.Inputs.InstanceMetadataOptionsArgs
            {
                HttpEndpoint = "enabled",
                HttpTokens = InstanceRules.HttpTokensRequired,
                HttpPutResponseHopLimit = args.MetadataHopLimit,
                InstanceMetadataTags = "disabled",
            },
            RootBlockDevice = new Aws.Ec2.Inputs.InstanceRootBlockDeviceArgs
            {
                VolumeType = InstanceRules.RootVolumeType,
                VolumeSize = args.RootVolumeSize,
                Encrypted = true,
                DeleteOnTermination = true,
            },
            // Volume tags only through VolumeTags: setting them on the block device too makes the two fight.
            VolumeTags = AwsTags.Classic(tags),
            UserData = InstanceRules.AgentUserData(args.UserData),
            UserDataReplaceOnChange = false,
            Tags = AwsTags.Classic(tags),
        }, new CustomResourceOptions
        {
            Parent = this,
            // The looked-up AMI is pinned once the instance exists; see ManagedInstanceArgs.Ami.
            IgnoreChanges = lookedUp ? ["ami"] : [],
        });

        InstanceId = instance.Id;
        Arn = instance.Arn;
        PrivateIp = instance.PrivateIp;
        InstanceProfile = instance.IamInstanceProfile;
        AllTags = Output.Create(tags.ToImmutableDictionary());
        RegisterOutputs();
    }

    /// <summary>Checks every input through the core rules; throws with every problem before anything is registered.</summary>
    private static ManagedInstanceArgs Validated(string name, ManagedInstanceArgs args, out IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(args);
        var where = $"ManagedInstance {name}";
        var problems = new ProblemList();
        var contract = args.Contract;
        if (contract is null)
        {
            problems.Add(where + ".contract", null, "a managed instance needs the stack's tag contract", "Infra platform contract");
        }

        ResourceKind? kind = null;
        if (contract is not null)
        {
            kind = contract.FindKind(args.Kind, out var kindProblem);
            if (kindProblem is not null)
            {
                problems.Add(kindProblem.At(where + ".kind", args.Kind));
            }
        }

        foreach (var (field, given, violation) in InstanceRules.Check(args.InstanceType, args.RootVolumeSize, args.MetadataHopLimit, args.Ami))
        {
            problems.Add(violation.At($"{where}.{field}", given));
        }

        if (args.SecurityGroupIds is null && args.VpcId is null)
        {
            problems.Add(where + ".vpcId", null, "give securityGroupIds, or vpcId for the default group (no inbound, HTTPS out)", "Infra platform contract");
        }

        if (args.InstanceProfileName is null && !args.CreateDedicatedProfile && string.IsNullOrEmpty(args.Region))
        {
            problems.Add(where + ".region", null, "the region names the shared instance profile; give region, instanceProfileName or createDedicatedProfile", "Infra platform contract");
        }

        var merged = contract?.Merge(kind, name, args.Tags);
        problems.AddRange(merged?.ProblemsAt(where) ?? []);

        problems.ThrowIfAny();
        tags = merged!.Tags;
        return args;
    }

    /// <summary>The instance id.</summary>
    [Output("instanceId")]
    public Output<string> InstanceId { get; private set; }

    /// <summary>The instance ARN.</summary>
    [Output("arn")]
    public Output<string> Arn { get; private set; }

    /// <summary>The private IP address.</summary>
    [Output("privateIp")]
    public Output<string> PrivateIp { get; private set; }

    /// <summary>The instance profile in use.</summary>
    [Output("instanceProfile")]
    public Output<string> InstanceProfile { get; private set; }

    /// <summary>Every tag of the instance and its volumes.</summary>
    [Output("tags")]
    public Output<ImmutableDictionary<string, string>> AllTags { get; private set; }
}
