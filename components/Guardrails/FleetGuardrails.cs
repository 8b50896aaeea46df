using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Infra.Core.Guardrails;
using Infra.Core.Instances;
using Pulumi;
using Pulumi.Utilities;
using Aws = Pulumi.Aws;

namespace Infra.Components.Guardrails;

/// <summary>Raised when resources of the stack break the fleet guardrails; lists every offender.</summary>
public sealed class GuardrailException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GuardrailException(IReadOnlyList<string> offences)
        : base(GuardrailRules.Describe(offences)) => Offences = offences;

    /// <summary>One line per offending resource.</summary>
    public IReadOnlyList<string> Offences { get; }
}

/// <summary>
/// A stack-wide check of every resource the program registers, including a raw <c>Aws.Ec2.Instance</c> that no
/// component made: an instance or launch template without an instance profile, allowing IMDSv1, with a public IP, or
/// missing a platform tag, and any taggable AWS resource missing the platform tags.
/// </summary>
/// <remarks>
/// It is a <see cref="ResourceTransformation"/> on the stack: those run inside the program, in every resource's
/// constructor, both under the engine and under Pulumi's test mocks (the newer <c>ResourceTransforms</c> are callbacks
/// run by the engine and do nothing under mocks). The findings are collected and <see cref="Verify"/> fails the
/// program with all of them at once, during preview, before anything is created.
/// </remarks>
public sealed class FleetGuardrails
{
    private readonly ConcurrentBag<Task<string?>> _checks = [];

    /// <summary>Stack options that install the guardrails; pass them to the <see cref="Stack"/> base constructor.</summary>
    public StackOptions StackOptions(StackOptions? options = null)
    {
        var result = options ?? new StackOptions();
        result.ResourceTransformations.Add(Transformation);
        return result;
    }

    /// <summary>The transformation itself, for stacks that compose their own options.</summary>
    public ResourceTransformationResult? Transformation(ResourceTransformationArgs args)
    {
        if (args.Resource is ComponentResource or ProviderResource)
        {
            return null;
        }

        var label = $"{args.Resource.GetResourceType()} \"{args.Resource.GetResourceName()}\"";
        switch (args.Args)
        {
            case Aws.Ec2.InstanceArgs instance:
                _checks.Add(CheckInstance(label, instance));
                break;
            case Aws.Ec2.LaunchTemplateArgs template:
                _checks.Add(CheckLaunchTemplate(label, template));
                break;
            default:
                if (TagsOf(args.Args) is { } tags)
                {
                    _checks.Add(CheckTags(label, tags, instance: false));
                }

                break;
        }

        return null;
    }

    /// <summary>
    /// Resolves every check and fails, listing every offender, when any resource breaks the guardrails. Export the
    /// result as a stack output so the program waits for it.
    /// </summary>
    public Output<string> Verify() => Output.Create(VerifyAsync());

    private async Task<string> VerifyAsync()
    {
        var results = await Task.WhenAll(_checks).ConfigureAwait(false);
        var offences = results.OfType<string>().ToList();
        if (offences.Count > 0)
        {
            throw new GuardrailException(offences);
        }

        return $"{results.Length} resources checked";
    }

    private static async Task<string?> CheckInstance(string label, Aws.Ec2.InstanceArgs args)
    {
        var problems = new List<string>();
        if (args.IamInstanceProfile is null)
        {
            problems.Add("has no instance profile");
        }

        if (args.MetadataOptions is null)
        {
            problems.Add("allows IMDSv1 (set metadataOptions.httpTokens = required)");
        }
        else
        {
            var options = await Known(args.MetadataOptions).ConfigureAwait(false);
            var tokens = options?.HttpTokens is null ? null : await Known(options.HttpTokens).ConfigureAwait(false);
            if (options is not null && tokens != InstanceRules.HttpTokensRequired)
            {
                problems.Add($"allows IMDSv1 (httpTokens is {tokens ?? "unset"}, must be required)");
            }
        }

        if (args.AssociatePublicIpAddress is not null && await Known(args.AssociatePublicIpAddress).ConfigureAwait(false) == true)
        {
            problems.Add("gets a public IP address");
        }

        problems.AddRange(await MissingTags(args.Tags, instance: true).ConfigureAwait(false));
        return problems.Count == 0 ? null : $"{label} {string.Join("; ", problems)}";
    }

    private static async Task<string?> CheckLaunchTemplate(string label, Aws.Ec2.LaunchTemplateArgs args)
    {
        var problems = new List<string>();
        if (args.IamInstanceProfile is null)
        {
            problems.Add("has no instance profile");
        }

        var options = args.MetadataOptions is null ? null : await Known(args.MetadataOptions).ConfigureAwait(false);
        var tokens = options?.HttpTokens is null ? null : await Known(options.HttpTokens).ConfigureAwait(false);
        if (tokens != InstanceRules.HttpTokensRequired)
        {
            problems.Add($"allows IMDSv1 (httpTokens is {tokens ?? "unset"}, must be required)");
        }

        var interfaces = await Known<ImmutableArray<Aws.Ec2.Inputs.LaunchTemplateNetworkInterfaceArgs>>(args.NetworkInterfaces).ConfigureAwait(false);
        foreach (var networkInterface in interfaces.IsDefault ? [] : interfaces)
        {
            if (networkInterface.AssociatePublicIpAddress is not null && await Known(networkInterface.AssociatePublicIpAddress).ConfigureAwait(false) == "true")
            {
                problems.Add("gives instances a public IP address");
                break;
            }
        }

        problems.AddRange(await MissingTags(args.Tags, instance: true).ConfigureAwait(false));
        return problems.Count == 0 ? null : $"{label} {string.Join("; ", problems)}";
    }

    private static async Task<string?> CheckTags(string label, Func<Task<IReadOnlyList<string>?>> tags, bool instance)
    {
        var keys = await tags().ConfigureAwait(false);
        if (keys is null)
        {
            return null;
        }

        var missing = GuardrailRules.MissingTags(keys, instance);
        return missing.Count == 0 ? null : $"{label} misses the platform tags {string.Join(", ", missing)}";
    }

    private static async Task<IReadOnlyList<string>> MissingTags(InputMap<string>? tags, bool instance)
    {
        if (tags is null)
        {
            return [$"misses the platform tags {string.Join(", ", instance ? GuardrailRules.RequiredInstanceTags : GuardrailRules.RequiredTags)}"];
        }

        var output = (Output<ImmutableDictionary<string, string>>)tags;
        if (!await OutputUtilities.GetIsKnownAsync(output).ConfigureAwait(false))
        {
            return [];
        }

        var missing = GuardrailRules.MissingTags((await OutputUtilities.GetValueAsync(output).ConfigureAwait(false)).Keys, instance);
        return missing.Count == 0 ? [] : [$"misses the platform tags {string.Join(", ", missing)}"];
    }

    /// <summary>Finds a resource's tags, whichever shape its provider uses (a map, or a list of key and value).</summary>
    private static Func<Task<IReadOnlyList<string>?>>? TagsOf(ResourceArgs args)
    {
        var property = args.GetType().GetProperty("Tags", BindingFlags.Public | BindingFlags.Instance);
        if (property is null)
        {
            return null;
        }

        var value = property.GetValue(args);
        switch (value)
        {
            case InputMap<string> map:
                return async () =>
                {
                    var output = (Output<ImmutableDictionary<string, string>>)map;
                    return await OutputUtilities.GetIsKnownAsync(output).ConfigureAwait(false)
                        ? (await OutputUtilities.GetValueAsync(output).ConfigureAwait(false)).Keys.ToList()
                        : null;
                };
            case InputList<Pulumi.AwsNative.Inputs.TagArgs> list:
                return async () =>
                {
                    var output = (Output<ImmutableArray<Pulumi.AwsNative.Inputs.TagArgs>>)list;
                    if (!await OutputUtilities.GetIsKnownAsync(output).ConfigureAwait(false))
                    {
                        return null;
                    }

                    var keys = new List<string>();
                    foreach (var tag in await OutputUtilities.GetValueAsync(output).ConfigureAwait(false))
                    {
                        keys.Add(await OutputUtilities.GetValueAsync(tag.Key.ToOutput()).ConfigureAwait(false));
                    }

                    return keys;
                };
            case null when property.PropertyType == typeof(InputMap<string>) || property.PropertyType == typeof(InputList<Pulumi.AwsNative.Inputs.TagArgs>):
                return () => Task.FromResult<IReadOnlyList<string>?>([]);
            default:
                return null;
        }
    }

    private static async Task<T?> Known<T>(Input<T> input)
    {
        Output<T> output = input;
        return await OutputUtilities.GetIsKnownAsync(output).ConfigureAwait(false)
            ? await OutputUtilities.GetValueAsync(output).ConfigureAwait(false)
            : default;
    }
}
