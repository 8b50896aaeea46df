using Pulumi;
using NativeTag = Pulumi.AwsNative.Inputs.TagArgs;

namespace Infra.Components.Platform;

/// <summary>Turns a tag set decided by <c>Infra.Core</c> into the two shapes the AWS providers take.</summary>
public static class AwsTags
{
    /// <summary>Tags for a Pulumi.Aws resource.</summary>
    public static InputMap<string> Classic(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var map = new InputMap<string>();
        foreach (var (key, value) in tags)
        {
            map.Add(key, value);
        }

        return map;
    }

    /// <summary>Tags for a Pulumi.AwsNative resource (a list of key and value).</summary>
    public static InputList<NativeTag> Native(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var list = new InputList<NativeTag>();
        foreach (var (key, value) in tags)
        {
            list.Add(new NativeTag { Key = key, Value = value });
        }

        return list;
    }
}
