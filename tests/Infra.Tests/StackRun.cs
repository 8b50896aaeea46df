using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Infra.Components.Guardrails;
using Infra.Core.Settings;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pulumi;
using Pulumi.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Infra.Tests;

/// <summary>Runs a Pulumi stack on mocks with the configuration of a real stack file, as the engine would pass it.</summary>
internal static class StackRun
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public static string Root { get; } = FindRoot();

    public static string StackFile(string stack) => File.ReadAllText(Path.Combine(Root, $"Pulumi.{stack}.yaml"));

    /// <summary>The stack file's project configuration as the engine passes it in PULUMI_CONFIG: strings, structured values as JSON text.</summary>
    public static string PulumiConfig(string stack, string yaml)
    {
        var config = StackConfig.FromStackYaml($"Pulumi.{stack}.yaml", yaml, "infra", stack);
        var values = config.Values.ToDictionary(
            v => "infra:" + v.Key,
            v => v.Value is System.Text.Json.Nodes.JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : v.Value?.ToJsonString() ?? "");
        return JsonSerializer.Serialize(values);
    }

    public static async Task<ConcurrentQueue<MockResourceArgs>> Platform(string stack, string? yaml = null, ConcurrentQueue<MockResourceArgs>? into = null)
    {
        var registered = into ?? new ConcurrentQueue<MockResourceArgs>();
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", PulumiConfig(stack, yaml ?? StackFile(stack)));
        try
        {
            await Deployment.TestWithServiceProviderAsync<PlatformStack>(Mocks(registered).Object,
                new Factory(() => new PlatformStack(new FakeTimeProvider(Now), new FleetGuardrails())),
                new TestOptions { IsPreview = false, ProjectName = "infra", StackName = stack });
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }

        return registered;
    }

    /// <summary>Runs the example service stack with its own stack file.</summary>
    public static async Task<ConcurrentQueue<MockResourceArgs>> Service(string stack)
    {
        var registered = new ConcurrentQueue<MockResourceArgs>();
        var yaml = File.ReadAllText(Path.Combine(Root, "examples", "service-stack", $"Pulumi.{stack}.yaml"));
        var service = StackConfig.FromStackYaml($"Pulumi.{stack}.yaml", yaml, "kafka-fleet", stack).Values.ToDictionary(v => "kafka-fleet:" + v.Key, v => Text(v.Value));
        var platform = StackConfig.FromStackYaml($"Pulumi.{stack}.yaml", yaml, "infra", stack).Values.ToDictionary(v => "infra:" + v.Key, v => Text(v.Value));
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(service.Concat(platform).ToDictionary()));
        try
        {
            await Deployment.TestAsync<KafkaFleet.KafkaFleetStack>(Mocks(registered).Object,
                new TestOptions { IsPreview = false, ProjectName = "kafka-fleet", StackName = stack });
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }

        return registered;
    }

    private static string Text(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString() ?? "";

    public static Mock<IMocks> Mocks(ConcurrentQueue<MockResourceArgs> registered)
    {
        var mocks = new Mock<IMocks>(MockBehavior.Strict);
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>())).ReturnsAsync((MockResourceArgs args) =>
        {
            registered.Enqueue(args);
            var state = args.Inputs.ToBuilder();
            string Input(string key) => args.Inputs.TryGetValue(key, out var value) ? (string)value : args.Name ?? key;
            var account = "123456789012";
            var id = $"{args.Name}-id";
            state["arn"] = $"arn:aws:mock:eu-central-1:{account}:{args.Name}";
            switch (args.Type)
            {
                case "aws-native:iam:Role":
                    state["roleName"] = Input("roleName");
                    state["arn"] = $"arn:aws:iam::{account}:role/{Input("roleName")}";
                    break;
                case "aws-native:kms:Key":
                    state["keyId"] = "1234abcd-12ab-34cd-56ef-1234567890ab";
                    state["arn"] = $"arn:aws:kms:eu-central-1:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
                    break;
                case "aws-native:logs:LogGroup":
                    state["arn"] = $"arn:aws:logs:eu-central-1:{account}:log-group:{Input("logGroupName")}";
                    break;
                case "aws-native:s3:Bucket":
                    id = Input("bucketName");
                    state["arn"] = $"arn:aws:s3:::{id}";
                    break;
                case "aws-native:sso:PermissionSet":
                    state["permissionSetArn"] = $"arn:aws:sso:::permissionSet/ssoins-72230cba7e5c1d2f/ps-{Input("name")}";
                    break;
                case "aws-native:ssm:Association":
                    state["associationId"] = $"{args.Name}-association";
                    break;
                case "aws:ssm/document:Document":
                    state["latestVersion"] = "1";
                    state["defaultVersion"] = "1";
                    break;
                case "pulumi:pulumi:StackReference":
                    state["secretOutputNames"] = ImmutableArray<object>.Empty;
                    state["outputs"] = ImmutableDictionary<string, object>.Empty.Add("regions", ImmutableDictionary<string, object>.Empty
                        .Add("stg-eu-central-1", ImmutableDictionary<string, object>.Empty.Add("instanceProfileName", "infra-ssm-instance-eu-central-1")));
                    break;
                case "aws:ec2/instance:Instance":
                    id = $"i-{Math.Abs(args.Name!.GetHashCode(StringComparison.Ordinal)):x8}";
                    break;
            }

            return (id, (object)state.ToImmutable());
        });
        mocks.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>())).ReturnsAsync((MockCallArgs call) => call.Token switch
        {
            "aws:ssm/getParameter:getParameter" => ImmutableDictionary<string, object>.Empty.Add("value", "ami-0123456789abcdef0").Add("name", call.Args["name"]),
            _ => throw new InvalidOperationException($"unexpected call {call.Token}"),
        });
        mocks.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>())).Returns(Task.CompletedTask);
        return mocks;
    }

    private sealed class Factory(Func<Stack> create) : IServiceProvider
    {
        public object? GetService(Type serviceType) => create();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")) && File.Exists(Path.Combine(dir.FullName, "Infra.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
