using System.Collections.Immutable;
using Infra.Components.Ec2;
using Infra.Components.Guardrails;
using Infra.Components.Platform;
using Pulumi;

namespace KafkaFleet;

/// <summary>Three Kafka brokers across subnets, each a ManagedInstance using the platform's shared instance profile.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A Pulumi stack is called a stack.")]
public sealed class KafkaFleetStack : Stack
{
    /// <summary>Creates the fleet.</summary>
    public KafkaFleetStack()
        : this(new FleetGuardrails())
    {
    }

    private KafkaFleetStack(FleetGuardrails guardrails)
        : base(guardrails.StackOptions())
    {
        var config = new Config();
        var contract = PlatformContract.FromStackConfig();
        var subnets = config.RequireObject<string[]>("subnetIds");
        var count = config.GetInt32("brokerCount") ?? 3;
        var regionKey = config.Require("platformRegionKey");

        // The platform exports, per account and region, the instance profile every instance there shares.
        var platform = new StackReference(config.Require("platformStack"));
        var profile = platform.RequireOutput("regions").Apply(regions =>
            (string)((ImmutableDictionary<string, object>)((ImmutableDictionary<string, object>)regions)[regionKey])["instanceProfileName"]);

        var ids = new List<Output<string>>();
        for (var i = 1; i <= count; i++)
        {
            var broker = new ManagedInstance($"kafka-{i}", new ManagedInstanceArgs
            {
                Contract = contract,
                Kind = "kafka",
                Tags = new Dictionary<string, string> { ["Owner"] = "team-streams", ["Service"] = "kafka" },
                SubnetId = subnets[(i - 1) % subnets.Length],
                VpcId = config.Require("vpcId"),
                InstanceType = config.Get("instanceType") ?? "m7g.large",
                RootVolumeSize = 100,
                InstanceProfileName = profile,
            });
            ids.Add(broker.InstanceId);
        }

        BrokerIds = Output.All(ids);
        Guardrails = guardrails.Verify();
    }

    /// <summary>The brokers' instance ids.</summary>
    [Output("brokerIds")]
    public Output<ImmutableArray<string>> BrokerIds { get; private set; }

    /// <summary>The guardrails' verdict.</summary>
    [Output("guardrails")]
    public Output<string> Guardrails { get; private set; }
}
