using System.Collections.Immutable;
using Infra.Components.Ec2;
using Infra.Components.Guardrails;
using Infra.Components.Tests.Testing;
using Pulumi;
using static Infra.Components.Tests.Testing.PulumiTest;
using Aws = Pulumi.Aws;

namespace Infra.Components.Tests;

/// <summary>A stack that installs the guardrails, builds what a test gives it and exports the verdict.</summary>
internal sealed class GuardedStack : Stack
{
    public GuardedStack(FleetGuardrails guardrails, StackOptions options, Action build)
        : base(guardrails.StackOptions(options))
    {
        build();
        Verdict = guardrails.Verify();
    }

    [Output("verdict")]
    public Output<string> Verdict { get; private set; }
}

public sealed class GuardrailTests
{
    private sealed class StackFactory(Func<Stack> create) : IServiceProvider
    {
        public object? GetService(Type serviceType) => create();
    }

    private static async Task<Registered> RunGuarded(Action build, StackOptions? options = null)
    {
        var registered = new Registered();
        await Deployment.TestWithServiceProviderAsync<GuardedStack>(Mocks(registered).Object,
            new StackFactory(() => new GuardedStack(new FleetGuardrails(), options ?? new StackOptions(), build)), Options);
        return registered;
    }

    [Fact]
    public async Task RawUnmanagedInstanceIsRejectedWithAMessageNamingIt()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunGuarded(() =>
            _ = new Aws.Ec2.Instance("legacy-box", new Aws.Ec2.InstanceArgs { Ami = Ami, InstanceType = "t3.micro" })));

        var message = error.ToString();
        Assert.Contains("aws:ec2/instance:Instance \"legacy-box\"", message, StringComparison.Ordinal);
        Assert.Contains("has no instance profile", message, StringComparison.Ordinal);
        Assert.Contains("allows IMDSv1", message, StringComparison.Ordinal);
        Assert.Contains("misses the platform tags Env, ManagedBy, PulumiProject, PulumiStack, Resource", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagedInstancePassesTheGuardrails()
    {
        var registered = await RunGuarded(() => _ = new ManagedInstance("kafka-1", Fixtures.Kafka()));

        Assert.Single(registered.OfType("aws:ec2/instance:Instance"));
    }

    [Fact]
    public async Task InstanceWithPublicIpIsRejected()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunGuarded(() =>
            _ = new Aws.Ec2.Instance("public-box", new Aws.Ec2.InstanceArgs
            {
                Ami = Ami,
                IamInstanceProfile = "infra-ssm-instance-eu-central-1",
                AssociatePublicIpAddress = true,
                MetadataOptions = new Aws.Ec2.Inputs.InstanceMetadataOptionsArgs { HttpTokens = "required" },
                Tags = Components.Platform.AwsTags.Classic(Fixtures.Contract.Merge(Fixtures.Contract.FindKind("kafka", out _), "public-box", Fixtures.DeveloperTags).Tags),
            })));

        var message = error.ToString();
        Assert.Contains("\"public-box\" gets a public IP address", message, StringComparison.Ordinal);
        Assert.DoesNotContain("no instance profile", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceWithOptionalTokensIsRejected()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunGuarded(() =>
            _ = new Aws.Ec2.Instance("v1-box", new Aws.Ec2.InstanceArgs
            {
                Ami = Ami,
                IamInstanceProfile = "p",
                MetadataOptions = new Aws.Ec2.Inputs.InstanceMetadataOptionsArgs { HttpTokens = "optional" },
            })));

        Assert.Contains("httpTokens is optional, must be required", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchTemplateWithoutProfileOrImdsV2IsRejected()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunGuarded(() =>
            _ = new Aws.Ec2.LaunchTemplate("asg-template", new Aws.Ec2.LaunchTemplateArgs())));

        var message = error.ToString();
        Assert.Contains("aws:ec2/launchTemplate:LaunchTemplate \"asg-template\" has no instance profile", message, StringComparison.Ordinal);
        Assert.Contains("allows IMDSv1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaggableResourceWithoutPlatformTagsIsRejected()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunGuarded(() =>
            _ = new Pulumi.AwsNative.S3.Bucket("stray-bucket", new Pulumi.AwsNative.S3.BucketArgs())));

        Assert.Contains("aws-native:s3:Bucket \"stray-bucket\" misses the platform tags Env, ManagedBy, PulumiProject, PulumiStack", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryOffenderIsListedAtOnce()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunGuarded(() =>
        {
            _ = new Aws.Ec2.Instance("box-a", new Aws.Ec2.InstanceArgs { Ami = Ami });
            _ = new Aws.Ec2.Instance("box-b", new Aws.Ec2.InstanceArgs { Ami = Ami });
            _ = new ManagedInstance("kafka-1", Fixtures.Kafka());
        }));

        var message = error.ToString();
        Assert.Contains("2 resources break the fleet guardrails", message, StringComparison.Ordinal);
        Assert.Contains("\"box-a\"", message, StringComparison.Ordinal);
        Assert.Contains("\"box-b\"", message, StringComparison.Ordinal);
        Assert.DoesNotContain("kafka-1", message, StringComparison.Ordinal);
    }

    // Why the guardrails are a ResourceTransformation: the SDK runs those in-process in every resource's constructor,
    // while ResourceTransforms are callbacks the engine calls, which the mock monitor never does.
    [Fact]
    public async Task ResourceTransformationsRunUnderMocksWhileEngineTransformsDoNot()
    {
        var options = new StackOptions
        {
            ResourceTransformations =
            {
                args => args.Args is Pulumi.AwsNative.S3.BucketArgs bucket
                    ? new ResourceTransformationResult(Tagged(bucket, "ByTransformation"), args.Options)
                    : null,
            },
            ResourceTransforms =
            {
                (args, _) => Task.FromResult<ResourceTransformResult?>(new ResourceTransformResult(
                    args.Args.SetItem("bucketName", "renamed-by-engine-transform"), args.Options)),
            },
        };

        var registered = await RunGuarded(() => _ = new Pulumi.AwsNative.S3.Bucket("bucket", new Pulumi.AwsNative.S3.BucketArgs
        {
            BucketName = "original",
            Tags = Components.Platform.AwsTags.Native(Fixtures.BaseTags),
        }), options);

        var bucket = registered.Single("aws-native:s3:Bucket");
        Assert.Equal("original", bucket.Inputs["bucketName"]);
        Assert.Contains(List(bucket.Inputs["tags"]), t => (string)Map(t)["key"] == "ByTransformation");
    }

    private static Pulumi.AwsNative.S3.BucketArgs Tagged(Pulumi.AwsNative.S3.BucketArgs bucket, string key)
    {
        bucket.Tags.Add(new Pulumi.AwsNative.Inputs.TagArgs { Key = key, Value = "yes" });
        return bucket;
    }
}
