using Infra.Core.Naming;
using Infra.Core.Tags;

namespace Infra.Components.Tests.Testing;

internal static class Fixtures
{
    public static TagContract Contract { get; } = new("Stg", "infra", "stg",
        [new ResourceKind("kafka", "Kafka"), new ResourceKind("bastion", "Bastion")], ["Owner"]);

    public static Dictionary<string, string> DeveloperTags => new() { ["Owner"] = "team-streams" };

    public static PlatformNames Names { get; } = new("stg", "210987654321", "eu-central-1");

    public static IReadOnlyDictionary<string, string> BaseTags => Contract.BaseTags;
}
