using Infra.Components.Ec2;
using Infra.Components.Tests.Testing;
using static Infra.Components.Tests.Testing.PulumiTest;

namespace Infra.Components.Tests;

public sealed class ManagedInstanceTests
{
    private const string InstanceType = "aws:ec2/instance:Instance";

    private static ManagedInstanceArgs Args(Action<ManagedInstanceArgs>? change = null)
    {
        var args = Fixtures.Kafka();
        change?.Invoke(args);
        return args;
    }

    private static async Task<Infra.Components.Tests.Testing.Registered> One(Action<ManagedInstanceArgs>? change = null) =>
        await Run(() => _ = new ManagedInstance("kafka-1", Args(change)));

    [Fact]
    public async Task InstanceRequiresImdsV2WithHopLimitOne()
    {
        var instance = (await One()).Single(InstanceType);

        var metadata = Map(instance.Inputs["metadataOptions"]);
        Assert.Equal("required", metadata["httpTokens"]);
        Assert.Equal(1, Convert.ToInt32(metadata["httpPutResponseHopLimit"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("enabled", metadata["httpEndpoint"]);
    }

    [Fact]
    public async Task InstanceGetsNoPublicIpAndNoKeyPair()
    {
        var instance = (await One()).Single(InstanceType);

        Assert.Equal(false, instance.Inputs["associatePublicIpAddress"]);
        Assert.False(instance.Inputs.ContainsKey("keyName"), "a managed instance has no SSH key pair");
    }

    [Fact]
    public async Task RootVolumeIsEncryptedGp3()
    {
        var root = Map((await One()).Single(InstanceType).Inputs["rootBlockDevice"]);

        Assert.Equal(true, root["encrypted"]);
        Assert.Equal("gp3", root["volumeType"]);
        Assert.False(root.ContainsKey("tags"), "volume tags come only from volumeTags, or the two fight");
    }

    [Fact]
    public async Task InstanceAndVolumesCarryEveryPlatformTagAndTheDeveloperTags()
    {
        var instance = (await One()).Single(InstanceType);

        foreach (var key in new[] { "tags", "volumeTags" })
        {
            var tags = Map(instance.Inputs[key]);
            Assert.Equal("Stg", tags["Env"]);
            Assert.Equal("Kafka", tags["Resource"]);
            Assert.Equal("Pulumi", tags["ManagedBy"]);
            Assert.Equal("infra", tags["PulumiProject"]);
            Assert.Equal("stg", tags["PulumiStack"]);
            Assert.Equal("kafka-1", tags["Name"]);
            Assert.Equal("team-streams", tags["Owner"]);
        }
    }

    [Fact]
    public async Task InstanceUsesTheSharedProfileOfItsRegionByDefault()
    {
        var registered = await One();

        Assert.Equal("infra-ssm-instance-eu-central-1", registered.Single(InstanceType).Inputs["iamInstanceProfile"]);
        Assert.Empty(registered.OfType("aws-native:iam:Role"));
    }

    [Fact]
    public async Task ManyInstancesShareOneProfileAndCreateNoRole()
    {
        var registered = await Run(() =>
        {
            for (var i = 1; i <= 5; i++)
            {
                _ = new ManagedInstance($"kafka-{i}", Args());
            }
        });

        var instances = registered.OfType(InstanceType);
        Assert.Equal(5, instances.Count);
        Assert.Single(instances.Select(i => i.Inputs["iamInstanceProfile"]).Distinct());
        Assert.Empty(registered.OfType("aws-native:iam:Role"));
        Assert.Empty(registered.OfType("aws-native:iam:InstanceProfile"));
    }

    [Fact]
    public async Task DedicatedProfileIsCreatedOnlyWhenAsked()
    {
        var registered = await One(a => a.CreateDedicatedProfile = true);

        Assert.Single(registered.OfType("aws-native:iam:Role"));
        Assert.Equal("infra-ssm-kafka-1", registered.Single(InstanceType).Inputs["iamInstanceProfile"]);
    }

    [Fact]
    public async Task DefaultSecurityGroupHasNoInboundRuleAndOnlyHttpsOut()
    {
        var group = (await One()).Single("aws:ec2/securityGroup:SecurityGroup");

        Assert.False(group.Inputs.ContainsKey("ingress"), "no inbound rule, port 22 least of all");
        var egress = Map(Assert.Single(List(group.Inputs["egress"])));
        Assert.Equal(443, Convert.ToInt32(egress["fromPort"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(443, Convert.ToInt32(egress["toPort"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("tcp", egress["protocol"]);
    }

    [Fact]
    public async Task GivenSecurityGroupsReplaceTheDefaultGroup()
    {
        var registered = await One(a => a.SecurityGroupIds = new Pulumi.InputList<string> { "sg-0123456789abcdef0" });

        Assert.Empty(registered.OfType("aws:ec2/securityGroup:SecurityGroup"));
        Assert.Equal("sg-0123456789abcdef0", Assert.Single(List(registered.Single(InstanceType).Inputs["vpcSecurityGroupIds"])));
    }

    [Fact]
    public async Task LatestAmazonLinux2023IsLookedUpUnlessAnAmiIsGiven()
    {
        var latest = await One();
        var lookup = Assert.Single(latest.Calls);
        Assert.Equal("aws:ssm/getParameter:getParameter", lookup.Token);
        Assert.Equal("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", lookup.Args["name"]);
        Assert.Equal(Ami, latest.Single(InstanceType).Inputs["ami"]);

        var pinned = await One(a => a.Ami = "ami-0fedcba9876543210");
        Assert.Empty(pinned.Calls);
        Assert.Equal("ami-0fedcba9876543210", pinned.Single(InstanceType).Inputs["ami"]);
    }

    [Fact]
    public async Task GravitonInstanceGetsTheArmAmazonLinux2023()
    {
        var lookup = Assert.Single((await One(a => a.InstanceType = "m7g.large")).Calls);

        Assert.Equal("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64", lookup.Args["name"]);
    }

    [Fact]
    public async Task UserDataMakesSureTheAgentRunsAndKeepsTheDevelopersScript()
    {
        var userData = (string)(await One(a => a.UserData = "echo hello")).Single(InstanceType).Inputs["userData"];

        Assert.Contains("systemctl enable --now amazon-ssm-agent", userData, StringComparison.Ordinal);
        Assert.EndsWith("echo hello\n", userData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeveloperTagCollidingWithAPlatformTagFailsBeforeAnythingIsRegistered()
    {
        var registered = new Registered();
        var tags = new Dictionary<string, string>(Fixtures.DeveloperTags) { ["Env"] = "Prod" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Pulumi.Deployment.TestAsync(Mocks(registered).Object, Options,
            () => _ = new ManagedInstance("kafka-1", Args(a => a.Tags = tags))));

        Assert.Contains("ManagedInstance kafka-1.tags.Env", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(registered.Resources);
    }

    [Fact]
    public async Task WrongCaseKindFailsAndSuggestsTheCatalogSpelling()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => One(a => a.Kind = "Kafka"));

        Assert.Contains("use \"kafka\"", error.ToString(), StringComparison.Ordinal);
    }
}
