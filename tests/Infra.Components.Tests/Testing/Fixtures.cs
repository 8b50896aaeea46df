using Infra.Components.Ec2;
using Infra.Core.Naming;
using Infra.Core.Tags;

namespace Infra.Components.Tests.Testing;

internal static class Fixtures
{
    public static TagContract Contract { get; } = new("Stg", "infra", "stg",
        [new ResourceKind("kafka", "Kafka"), new ResourceKind("bastion", "Bastion")], ["Owner"]);

    public static Dictionary<string, string> DeveloperTags => new() { ["Owner"] = "team-streams" };

    public static PlatformNames Names { get; } = new("stg", "210987654321", "eu-central-1");

    public static IReadOnlyDictionary<string, string> BaseTags => Contract.BaseTags;

    /// <summary>The inputs of a Kafka broker in the stg contract, with the platform's defaults for everything else.</summary>
    public static ManagedInstanceArgs Kafka() => new()
    {
        Contract = Contract,
        Kind = "kafka",
        Tags = DeveloperTags,
        SubnetId = "subnet-0a1b2c3d4e5f60718",
        VpcId = "vpc-0a1b2c3d4e5f60718",
        Region = "eu-central-1",
    };
}
