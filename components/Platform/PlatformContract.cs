using Infra.Core.Settings;
using Infra.Core.Tags;
using Pulumi;

namespace Infra.Components.Platform;

/// <summary>The platform's tag contract as a service stack reads it from its own stack configuration.</summary>
public static class PlatformContract
{
    /// <summary>
    /// Reads <c>infra:env</c>, <c>infra:resourceKinds</c> and <c>infra:requiredTags</c> from the running stack's
    /// configuration (the same keys and rules as the platform stack), so a service team's instances carry the same
    /// platform tags. Throws with every problem before any resource is registered.
    /// </summary>
    public static TagContract FromStackConfig()
    {
        var config = StackConfig.FromPulumiConfig(Environment.GetEnvironmentVariable("PULUMI_CONFIG") ?? "{}", "infra", Deployment.Instance.StackName);
        return StackSettingsParser.ParseTagContract(config, Deployment.Instance.ProjectName);
    }
}
