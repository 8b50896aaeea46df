using System.Collections.Immutable;

namespace Infra.Tests;

public sealed class ServiceStackTests
{
    [Fact]
    public async Task KafkaFleetIsThreeManagedInstancesAcrossSubnetsUsingThePlatformProfile()
    {
        var registered = await StackRun.Service("stg");

        var brokers = registered.Where(r => r.Type == "aws:ec2/instance:Instance").ToList();
        Assert.Equal(3, brokers.Count);
        Assert.Equal(3, brokers.Select(b => b.Inputs["subnetId"]).Distinct().Count());
        Assert.All(brokers, b =>
        {
            Assert.Equal("infra-ssm-instance-eu-central-1", b.Inputs["iamInstanceProfile"]);
            var tags = (ImmutableDictionary<string, object>)b.Inputs["tags"];
            Assert.Equal("Kafka", tags["Resource"]);
            Assert.Equal("Stg", tags["Env"]);
            Assert.Equal("kafka-fleet", tags["PulumiProject"]);
            Assert.Equal("required", ((ImmutableDictionary<string, object>)b.Inputs["metadataOptions"])["httpTokens"]);
        });
        Assert.DoesNotContain(registered, r => r.Type is "aws-native:iam:Role" or "aws:iam/role:Role");
    }
}
