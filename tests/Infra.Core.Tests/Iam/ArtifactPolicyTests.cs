using Infra.Core.Iam;
using Infra.Core.Schedules;
using Infra.Core.Settings;

namespace Infra.Core.Tests.Iam;

public sealed class ArtifactPolicyTests
{
    private static AssociationSettings With(params (string Name, string Value)[] parameters) => new()
    {
        Name = "edr-agent",
        Document = "edr-agent",
        DocumentName = "Infra-edr-agent",
        IsPlatformDocument = true,
        Schedule = AssociationSchedules.Parse("rate(1 hour)").Schedule!,
        Targets = [AssociationTarget.AllInstances],
        Parameters = parameters.ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[p.Value]),
    };

    [Fact]
    public void S3PackageLocationsOfAnAssociationBecomeObjectArns()
    {
        var association = With(("packageUrl", "s3://infra-artifacts-210987654321/edr-agent/2.0.0/edr-agent-2.0.0.x86_64.rpm"), ("version", "2.0.0"));

        Assert.Equal(["arn:aws:s3:::infra-artifacts-210987654321/edr-agent/2.0.0/edr-agent-2.0.0.x86_64.rpm"], association.ArtifactObjectArns);
    }

    [Theory]
    [InlineData("https://example.com/agent.rpm")]
    [InlineData("s3://bucket-only")]
    [InlineData("s3://bucket/prefix/")]
    public void ValuesThatNameNoS3ObjectGrantNothing(string value)
    {
        Assert.Empty(With(("packageUrl", value)).ArtifactObjectArns);
    }

    [Fact]
    public void ArtifactPolicyReadsExactlyTheNamedObjects()
    {
        var policy = PlatformPolicies.ReadArtifacts(["arn:aws:s3:::b/k2", "arn:aws:s3:::b/k1", "arn:aws:s3:::b/k1"]);

        var statement = Assert.Single(policy.Statements);
        Assert.Equal(["s3:GetObject"], statement.Actions);
        Assert.Equal(["arn:aws:s3:::b/k1", "arn:aws:s3:::b/k2"], statement.Resources);
        Assert.Empty(PolicyRules.Check(policy, PolicyKind.RoleInline));
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("*")]
    public void ArtifactPolicyRefusesAnythingButObjects(string arn)
    {
        Assert.Throws<ArgumentException>(() => PlatformPolicies.ReadArtifacts([arn]));
    }
}
