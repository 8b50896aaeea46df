using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Infra.Components.Guardrails;
using Infra.Core.Settings;
using Infra.Tests.Shared;
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

    public static string Root => AwsMocks.RepositoryRoot;

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

    public static async Task<ConcurrentQueue<MockResourceArgs>> Platform(string stack, string? yaml = null, ConcurrentQueue<MockResourceArgs>? into = null) =>
        (await PlatformRun(stack, yaml, into)).Registered;

    /// <summary>Runs the platform stack and returns both what was registered and the stack itself, for its outputs.</summary>
    public static async Task<(ConcurrentQueue<MockResourceArgs> Registered, PlatformStack Stack)> PlatformRun(string stack, string? yaml = null, ConcurrentQueue<MockResourceArgs>? into = null)
    {
        var registered = into ?? new ConcurrentQueue<MockResourceArgs>();
        PlatformStack? created = null;
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", PulumiConfig(stack, yaml ?? StackFile(stack)));
        try
        {
            await Deployment.TestWithServiceProviderAsync<PlatformStack>(Mocks(registered).Object,
                new Factory(() => created = new PlatformStack(new FakeTimeProvider(Now), new FleetGuardrails())),
                new TestOptions { IsPreview = false, ProjectName = "infra", StackName = stack });
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }

        return (registered, created!);
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

    public static Mock<IMocks> Mocks(ConcurrentQueue<MockResourceArgs> registered) => AwsMocks.Create(registered.Enqueue);

    private sealed class Factory(Func<Stack> create) : IServiceProvider
    {
        public object? GetService(Type serviceType) => create();
    }
}
