using Infra.Core.Tags;

namespace Infra.Core.Guardrails;

/// <summary>What the fleet guardrails require of every resource a stack registers.</summary>
public static class GuardrailRules
{
    /// <summary>The platform tags every taggable AWS resource must carry.</summary>
    public static IReadOnlyList<string> RequiredTags { get; } =
        [PlatformTagKeys.Env, PlatformTagKeys.ManagedBy, PlatformTagKeys.PulumiProject, PlatformTagKeys.PulumiStack];

    /// <summary>The platform tags an instance or launch template must carry: the base ones and its Resource kind.</summary>
    public static IReadOnlyList<string> RequiredInstanceTags { get; } = [.. RequiredTags, PlatformTagKeys.Resource];

    /// <summary>The platform tags missing from <paramref name="keys"/>.</summary>
    public static IReadOnlyList<string> MissingTags(IEnumerable<string> keys, bool instance)
    {
        var present = keys.ToHashSet(StringComparer.Ordinal);
        return (instance ? RequiredInstanceTags : RequiredTags).Where(k => !present.Contains(k)).ToList();
    }

    /// <summary>Formats every offence into one message, one line per resource.</summary>
    public static string Describe(IEnumerable<string> offences)
    {
        var list = offences.Order(StringComparer.Ordinal).ToList();
        return $"{list.Count} resource{(list.Count == 1 ? "" : "s")} break the fleet guardrails; nothing should be deployed until they are fixed:"
            + Environment.NewLine + string.Join(Environment.NewLine, list.Select(o => "  - " + o));
    }
}
