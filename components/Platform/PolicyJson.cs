using System.Text.Json;
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
        using var document = JsonDocument.Parse(policy.ToJson());
        return Convert(document.RootElement)!;
    }

    private static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
