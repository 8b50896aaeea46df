using Pulumi.Testing;

namespace Infra.Tests;

public sealed class PlatformStackTests
{
    private static List<MockResourceArgs> OfType(IEnumerable<MockResourceArgs> registered, string type) => registered.Where(r => r.Type == type).ToList();

    [Theory]
    [InlineData("stg", 1)]
    [InlineData("prod", 4)]
    public async Task EveryAccountAndRegionGetsTheBaseline(string stack, int targets)
    {
        var registered = await StackRun.Platform(stack);

        Assert.Equal(targets, OfType(registered, "aws:ssm/serviceSetting:ServiceSetting").Count);
        Assert.Equal(targets, OfType(registered, "aws-native:iam:InstanceProfile").Count);
        Assert.Equal(targets, OfType(registered, "aws-native:logs:LogGroup").Count);
        Assert.Equal(targets, OfType(registered, "aws-native:ssm:Document").Count(d => (string)d.Inputs["name"] == "SSM-SessionManagerRunShell"));
        Assert.Equal(targets * 3, OfType(registered, "aws:ssm/document:Document").Count);
        Assert.Equal(targets, OfType(registered, "aws-native:ssm:ResourceDataSync").Count);
    }

    [Theory]
    [InlineData("stg", 1)]
    [InlineData("prod", 5)]
    public async Task EachAccountAndRegionIsDeployedThroughItsOwnProvider(string stack, int accountRegions)
    {
        var registered = await StackRun.Platform(stack);

        // One pair per account and region, the Identity Center account's included (in stg it is the fleet's account).
        Assert.Equal(accountRegions, OfType(registered, "pulumi:providers:aws").Count);
        var providers = OfType(registered, "pulumi:providers:aws-native");
        Assert.Equal(accountRegions, providers.Count);
        Assert.All(providers, p =>
        {
            using var assumeRole = System.Text.Json.JsonDocument.Parse((string)p.Inputs["assumeRole"]);
            Assert.Equal("infra-platform", assumeRole.RootElement.GetProperty("sessionName").GetString());
        });
        foreach (var setting in OfType(registered, "aws:ssm/serviceSetting:ServiceSetting"))
        {
            var arn = (string)setting.Inputs["settingId"];
            var region = arn.Split(':')[3];
            var account = arn.Split(':')[4];
            Assert.Contains($"-{region}-aws::", setting.Provider, StringComparison.Ordinal);
            var provider = OfType(registered, "pulumi:providers:aws").Single(p => setting.Provider!.Contains($"::{p.Name}::", StringComparison.Ordinal));
            Assert.Equal(region, provider.Inputs["region"]);
            Assert.Contains(account, System.Text.Json.JsonSerializer.Serialize(provider.Inputs["assumeRoles"]), StringComparison.Ordinal);
        }

        foreach (var association in OfType(registered, "aws-native:ssm:Association"))
        {
            Assert.Contains(providers, p => association.Provider!.Contains($"::{p.Name}::", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("stg", "2.0.0")]
    [InlineData("prod", "1.4.2")]
    public async Task EdrAgentRunsTheVersionTheStackNamesOnKafkaOnly(string stack, string version)
    {
        var registered = await StackRun.Platform(stack);

        var edr = OfType(registered, "aws-native:ssm:Association").Where(a => (string)a.Inputs["associationName"] == "edr-agent").ToList();
        Assert.NotEmpty(edr);
        Assert.All(edr, a =>
        {
            var parameters = (System.Collections.Immutable.ImmutableDictionary<string, object>)a.Inputs["parameters"];
            Assert.Equal(version, Assert.Single((System.Collections.Immutable.ImmutableArray<object>)parameters["version"]));
            Assert.Equal("Infra-edr-agent", a.Inputs["name"]);
            Assert.Equal("cron(0 */1 * * ? *)", a.Inputs["scheduleExpression"]);
        });
    }

    [Fact]
    public async Task ExpiredGrantDeploysNothingAndTheActiveOneIsScheduledForRevocation()
    {
        var registered = await StackRun.Platform("stg");

        var schedule = Assert.Single(OfType(registered, "aws:scheduler/schedule:Schedule"));
        Assert.Equal("at(2026-12-14T18:00:00)", schedule.Inputs["scheduleExpression"]);
        Assert.DoesNotContain(OfType(registered, "aws-native:sso:Assignment"), a => (string)a.Inputs["principalId"] == "e7f9b1d3-5a7c-4e9f-8b1d-3f5a7c9e1b2d");
        Assert.Contains(OfType(registered, "aws-native:sso:Assignment"), a => (string)a.Inputs["principalId"] == "c2e4a6b8-1d3f-4a5c-9e7b-0f2d4c6a8e1b");
    }

    [Theory]
    [InlineData("stg", 1)]
    [InlineData("prod", 2)]
    public async Task BastionsAreManagedInstancesReachableOnlyThroughSessionManager(string stack, int count)
    {
        var registered = await StackRun.Platform(stack);

        var bastions = OfType(registered, "aws:ec2/instance:Instance");
        Assert.Equal(count, bastions.Count);
        Assert.All(bastions, b =>
        {
            Assert.Equal("Bastion", ((System.Collections.Immutable.ImmutableDictionary<string, object>)b.Inputs["tags"])["Resource"]);
            Assert.Equal(false, b.Inputs["associatePublicIpAddress"]);
            Assert.StartsWith("infra-ssm-instance-", (string)b.Inputs["iamInstanceProfile"], StringComparison.Ordinal);
        });
        Assert.All(OfType(registered, "aws:ec2/securityGroup:SecurityGroup"), g => Assert.False(g.Inputs.ContainsKey("ingress")));
    }

    [Fact]
    public async Task BrokenStackFileRegistersNothingAndRaisesTheCoreError()
    {
        var broken = StackRun.StackFile("prod").Replace("values: [Kafka]", "values: [kafka]", StringComparison.Ordinal);
        var registered = new System.Collections.Concurrent.ConcurrentQueue<MockResourceArgs>();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRun.Platform("prod", broken, registered));

        Assert.Contains("Pulumi.prod.yaml: infra:associations[1].targets[0].values[0] = \"kafka\"", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("InfraConfigurationException", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(registered);
    }

    [Fact]
    public async Task AccountThatAdoptsItsPreferencesImportsTheExistingDocument()
    {
        var yaml = StackRun.StackFile("prod").Replace(
            "deployRole: arn:aws:iam::456789012345:role/infra-deploy\n", "deployRole: arn:aws:iam::456789012345:role/infra-deploy\n      adoptSessionPreferences: true\n", StringComparison.Ordinal);
        Assert.Contains("adoptSessionPreferences", yaml, StringComparison.Ordinal);

        var registered = await StackRun.Platform("prod", yaml);

        var preferences = OfType(registered, "aws-native:ssm:Document").Where(d => (string)d.Inputs["name"] == "SSM-SessionManagerRunShell").ToList();
        Assert.Equal(2, preferences.Count(p => p.Id == "SSM-SessionManagerRunShell" && p.Name!.StartsWith("data-prod-", StringComparison.Ordinal)));
        Assert.All(preferences.Where(p => p.Name!.StartsWith("payments-prod-", StringComparison.Ordinal)), p => Assert.True(string.IsNullOrEmpty(p.Id)));
    }

    [Fact]
    public async Task OutputsGiveServiceStacksTheProfileLogsDocumentsAndAssociationsOfEveryAccountAndRegion()
    {
        var (_, stack) = await StackRun.PlatformRun("prod");

        var regions = await Pulumi.Utilities.OutputUtilities.GetValueAsync(stack.Regions);
        Assert.Equal(["data-prod-eu-central-1", "data-prod-eu-west-1", "payments-prod-eu-central-1", "payments-prod-eu-west-1"], regions.Keys.Order(StringComparer.Ordinal));
        var region = (IDictionary<string, object>)regions["payments-prod-eu-west-1"];
        Assert.Equal("infra-ssm-instance-eu-west-1", await Pulumi.Utilities.OutputUtilities.GetValueAsync((Pulumi.Output<string>)region["instanceProfileName"]));
        Assert.Equal("/infra/session-manager", await Pulumi.Utilities.OutputUtilities.GetValueAsync((Pulumi.Output<string>)region["sessionLogGroup"]));
        var associations = (Dictionary<string, object>)region["associations"];
        Assert.Equal("cron(0 */1 * * ? *)", ((Dictionary<string, object>)associations["vulnerability-scan"])["schedule"]);
        Assert.Equal("tag:Resource=Kafka", ((Dictionary<string, object>)associations["edr-agent"])["targets"]);
        var documents = await Pulumi.Utilities.OutputUtilities.GetValueAsync((Pulumi.Output<System.Collections.Immutable.ImmutableDictionary<string, string>>)region["documents"]);
        Assert.Equal("1", documents["Infra-edr-agent"]);
        var sets = await Pulumi.Utilities.OutputUtilities.GetValueAsync(stack.PermissionSets);
        Assert.Equal(["ProdBastionAccess", "ProdReadOnly"], sets.Keys.Order(StringComparer.Ordinal));
        Assert.EndsWith("resources checked", await Pulumi.Utilities.OutputUtilities.GetValueAsync(stack.Guardrails), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedInstanceRoleMayReadTheEdrPackageOfItsStack()
    {
        var registered = await StackRun.Platform("stg");

        var role = OfType(registered, "aws-native:iam:Role").Single(r => (string)r.Inputs["roleName"] == "infra-ssm-instance-eu-central-1");
        var policies = System.Text.Json.JsonSerializer.Serialize(role.Inputs["policies"]);
        Assert.Contains("arn:aws:s3:::infra-artifacts-210987654321/edr-agent/2.0.0/edr-agent-2.0.0.x86_64.rpm", policies, StringComparison.Ordinal);
        Assert.Contains("session-logging", policies, StringComparison.Ordinal);
    }
}
