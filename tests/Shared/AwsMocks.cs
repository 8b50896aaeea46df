using System.Collections.Immutable;
using Moq;
using Pulumi.Testing;

namespace Infra.Tests.Shared;

/// <summary>
/// Pulumi's mock engine as these tests use it: a strict <see cref="Mock{IMocks}"/> that echoes every resource's
/// inputs, adds the outputs AWS would compute (ARNs in their real shapes, ids), answers the AMI lookup and a stack
/// reference to the platform stack, and fails on any call a test did not expect.
/// </summary>
internal static class AwsMocks
{
    public const string Account = "210987654321";
    public const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string Ami = "ami-0123456789abcdef0";

    public static Mock<IMocks> Create(Action<MockResourceArgs> record, Action<MockCallArgs>? recordCall = null)
    {
        var mocks = new Mock<IMocks>(MockBehavior.Strict);
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>())).ReturnsAsync((MockResourceArgs args) =>
        {
            record(args);
            var state = args.Inputs.ToBuilder();
            string Input(string key) => args.Inputs.TryGetValue(key, out var value) ? (string)value : args.Name ?? key;
            var id = $"{args.Name}-id";
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
                case "aws:ec2/instance:Instance":
                    id = $"i-{(uint)args.Name!.GetHashCode(StringComparison.Ordinal):x8}";
                    state["privateIp"] = "10.0.1.10";
                    break;
                case "pulumi:pulumi:StackReference":
                    state["secretOutputNames"] = ImmutableArray<object>.Empty;
                    state["outputs"] = ImmutableDictionary<string, object>.Empty.Add("regions", ImmutableDictionary<string, object>.Empty
                        .Add("stg-eu-central-1", ImmutableDictionary<string, object>.Empty.Add("instanceProfileName", "infra-ssm-instance-eu-central-1")));
                    break;
            }

            return (id, (object)state.ToImmutable());
        });
        mocks.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>())).Callback((MockCallArgs call) => recordCall?.Invoke(call)).ReturnsAsync((MockCallArgs call) => call.Token switch
        {
            "aws:ssm/getParameter:getParameter" => ImmutableDictionary<string, object>.Empty.Add("value", Ami).Add("name", call.Args["name"]),
            _ => throw new InvalidOperationException($"the test did not expect a call to {call.Token}"),
        });
        mocks.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>())).Returns(Task.CompletedTask);
        return mocks;
    }

    /// <summary>The repository root: the folder above the test binaries with Pulumi.yaml and documents/.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")) && Directory.Exists(Path.Combine(dir.FullName, "documents")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root is not above " + AppContext.BaseDirectory);
    }
}
