using System.Collections.Concurrent;
using System.Collections.Immutable;
using Moq;
using Pulumi;
using Pulumi.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Infra.Components.Tests.Testing;

/// <summary>What a run on Pulumi's mocks registered, as the engine would have received it.</summary>
internal sealed class Registered
{
    public ConcurrentQueue<MockResourceArgs> Resources { get; } = new();

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
    public const string Ami = "ami-0123456789abcdef0";

    public const string Account = "210987654321";

    public const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

    public static TestOptions Options => new() { IsPreview = false, ProjectName = "infra", StackName = "stg" };

    public static Mock<IMocks> Mocks(Registered registered)
    {
        var mocks = new Mock<IMocks>(MockBehavior.Strict);
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .ReturnsAsync((MockResourceArgs args) =>
            {
                registered.Resources.Enqueue(args);
                var state = args.Inputs.ToBuilder();
                var id = $"{args.Name}-id";
                string Input(string key) => args.Inputs.TryGetValue(key, out var value) ? (string)value : args.Name ?? key;
                state["arn"] = $"arn:aws:mock:eu-central-1:{Account}:{args.Name}";
                switch (args.Type)
                {
                    case "aws-native:iam:Role":
                        state["roleName"] = Input("roleName");
                        state["arn"] = $"arn:aws:iam::{Account}:role/{Input("roleName")}";
                        break;
                    case "aws-native:kms:Key":
                        state["keyId"] = KeyId;
                        state["arn"] = $"arn:aws:kms:eu-central-1:{Account}:key/{KeyId}";
                        break;
                    case "aws-native:logs:LogGroup":
                        state["arn"] = $"arn:aws:logs:eu-central-1:{Account}:log-group:{Input("logGroupName")}";
                        break;
                    case "aws-native:sso:PermissionSet":
                        state["permissionSetArn"] = $"arn:aws:sso:::permissionSet/ssoins-72230cba7e5c1d2f/ps-{args.Name}";
                        break;
                    case "aws-native:ssm:Association":
                        state["associationId"] = $"{args.Name}-association-id";
                        break;
                    case "aws:ssm/document:Document":
                        state["latestVersion"] = "1";
                        state["defaultVersion"] = "1";
                        break;
                    case "aws:ec2/instance:Instance":
                        state["privateIp"] = "10.0.1.10";
                        break;
                    case "aws-native:s3:Bucket":
                        id = Input("bucketName");
                        state["arn"] = $"arn:aws:s3:::{id}";
                        break;
                }

                return (id, (object)state.ToImmutable());
            });
        mocks.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>()))
            .ReturnsAsync((MockCallArgs call) => call.Token switch
            {
                "aws:ssm/getParameter:getParameter" => ImmutableDictionary<string, object>.Empty.Add("value", Ami).Add("name", call.Args["name"]),
                _ => throw new InvalidOperationException($"the test did not expect a call to {call.Token}"),
            });
        mocks.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>())).Returns(Task.CompletedTask);
        return mocks;
    }

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
