using Infra.Core.Aws;
using Infra.Core.Iam;

namespace Infra.Components.Platform;

/// <summary>Hands a policy decided by <c>Infra.Core</c> to a provider.</summary>
public static class PolicyJson
{
    /// <summary>
    /// The policy as a JSON object tree (dictionaries and lists), for Pulumi.AwsNative properties typed <c>object</c>
    /// such as <c>AssumeRolePolicyDocument</c>; Pulumi serialises it back to the same JSON.
    /// </summary>
    public static object ToObject(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return PlainJson.Parse(policy.ToJson())!;
    }
}
