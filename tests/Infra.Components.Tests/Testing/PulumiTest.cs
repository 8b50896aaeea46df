using System.Collections.Concurrent;
using System.Collections.Immutable;
using Infra.Tests.Shared;
using Moq;
using Pulumi;
using Pulumi.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Infra.Components.Tests.Testing;

/// <summary>What a run on Pulumi's mocks registered, as the engine would have received it.</summary>
internal sealed class Registered
{
    public ConcurrentQueue<MockResourceArgs> Resources { get; } = new();

    public ConcurrentQueue<MockCallArgs> Calls { get; } = new();

    public IReadOnlyList<MockResourceArgs> OfType(string type) => Resources.Where(r => r.Type == type).ToList();

    public MockResourceArgs Single(string type) => Assert.Single(OfType(type));

    public MockResourceArgs Named(string name) => Resources.Single(r => r.Name == name);
}

/// <summary>
/// Runs components on Pulumi's mock engine with a <see cref="Mock{IMocks}"/> that echoes inputs, adds the outputs AWS
/// would compute (ARNs, ids), answers the AMI lookup, and records every resource.
/// </summary>
internal static class PulumiTest
{
    public const string Ami = AwsMocks.Ami;

    public const string Account = AwsMocks.Account;

    public const string KeyId = AwsMocks.KeyId;

    public static TestOptions Options => new() { IsPreview = false, ProjectName = "infra", StackName = "stg" };

    public static Mock<IMocks> Mocks(Registered registered) => AwsMocks.Create(registered.Resources.Enqueue, registered.Calls.Enqueue);

    /// <summary>Runs <paramref name="create"/> on the mocks and returns what it registered.</summary>
    public static async Task<Registered> Run(Action create)
    {
        var registered = new Registered();
        await Deployment.TestAsync(Mocks(registered).Object, Options, create);
        return registered;
    }

    /// <summary>Reads an output's value.</summary>
    public static Task<T> Value<T>(Output<T> output) => Pulumi.Utilities.OutputUtilities.GetValueAsync(output);

    public static ImmutableDictionary<string, object> Map(object value) => (ImmutableDictionary<string, object>)value;

    public static ImmutableArray<object> List(object value) => (ImmutableArray<object>)value;
}
