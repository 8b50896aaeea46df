using Infra.Core.Grants;
using Infra.Core.Settings;
using Microsoft.Extensions.Time.Testing;

namespace Infra.Core.Tests.Settings;

public sealed class ShippedStackTests
{
    [Theory]
    [InlineData("stg")]
    [InlineData("prod")]
    public void ShippedStackFileValidatesClean(string stack)
    {
        var (settings, problems) = StackFiles.Parse(stack);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.NotNull(settings);
    }

    [Fact]
    public void StgHasOneAccountInOneRegionAndProdTwoAccountsInTwoRegions()
    {
        var stg = StackFiles.Parse("stg").Settings!;
        var prod = StackFiles.Parse("prod").Settings!;

        Assert.Single(stg.Targets);
        Assert.Equal(2, prod.Accounts.Count);
        Assert.All(prod.Accounts, a => Assert.Equal(2, a.Regions.Count));
        Assert.Equal(4, prod.Targets.Count());
    }

    [Fact]
    public void StgRunsEdrVersionTwoWhileProdStillRunsVersionOne()
    {
        static string Version(string stack) =>
            StackFiles.Parse(stack).Settings!.Associations.Single(a => a.Document == "edr-agent").Parameters["version"].Single();

        Assert.StartsWith("2.", Version("stg"), StringComparison.Ordinal);
        Assert.StartsWith("1.", Version("prod"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stg")]
    [InlineData("prod")]
    public void ShippedStacksHaveTheBaselineAssociations(string stack)
    {
        var associations = StackFiles.Parse(stack).Settings!.Associations;

        var scan = associations.Single(a => a.Document == "vulnerability-scan");
        Assert.Equal("cron(0 */1 * * ? *)", scan.Schedule.Expression);
        Assert.Equal([AssociationTarget.AllInstances], scan.Targets);

        var edr = associations.Single(a => a.Document == "edr-agent");
        Assert.Equal([AssociationTarget.Tag("Resource", ["Kafka"])], edr.Targets.ToList(), new TargetComparer());

        Assert.Equal("rate(30 minutes)", associations.Single(a => a.Document == "AWS-GatherSoftwareInventory").Schedule.Expression);
        var patch = associations.Where(a => a.Document == "AWS-RunPatchBaseline").ToList();
        Assert.Contains(patch, a => a.Parameters["Operation"].Single() == "Scan");
        Assert.Contains(patch, a => a.Parameters["Operation"].Single() == "Install");
        Assert.Contains(associations, a => a.Document == "os-users" && a.Targets.Single().Values.Single() == "Bastion");
    }

    [Fact]
    public void StgHasAnActiveAndAnExpiredGrant()
    {
        var grants = StackFiles.Parse("stg").Settings!.Grants;
        var clock = new FakeTimeProvider(StackFiles.Now);

        var states = grants.Select(g => AccessGrants.Evaluate(g, clock).State).ToList();

        Assert.Contains(GrantState.Active, states);
        Assert.Contains(GrantState.Expired, states);
    }

    [Theory]
    [InlineData("stg")]
    [InlineData("prod")]
    public void StackRefusesResourcesWithoutAnExplicitProvider(string stack)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(StackFiles.Text(stack)));
        var config = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode)["config"];

        var disabled = ((YamlDotNet.RepresentationModel.YamlSequenceNode)config["pulumi:disable-default-providers"]).Select(n => n.ToString()).ToList();

        Assert.Contains("aws", disabled);
        Assert.Contains("aws-native", disabled);
    }

    private sealed class TargetComparer : IEqualityComparer<AssociationTarget>
    {
        public bool Equals(AssociationTarget? x, AssociationTarget? y) => x?.Key == y?.Key && x!.Values.SequenceEqual(y!.Values);

        public int GetHashCode(AssociationTarget obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
    }
}
