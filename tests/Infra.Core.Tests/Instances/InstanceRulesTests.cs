using System.Diagnostics;
using Infra.Core.Instances;

namespace Infra.Core.Tests.Instances;

public sealed class InstanceRulesTests
{
    [Theory]
    [InlineData("t3.micro", InstanceRules.LatestAmazonLinux2023X86)]
    [InlineData("m5.large", InstanceRules.LatestAmazonLinux2023X86)]
    [InlineData("g5.xlarge", InstanceRules.LatestAmazonLinux2023X86)]
    [InlineData("r7iz.large", InstanceRules.LatestAmazonLinux2023X86)]
    [InlineData("m7g.large", InstanceRules.LatestAmazonLinux2023Arm)]
    [InlineData("t4g.small", InstanceRules.LatestAmazonLinux2023Arm)]
    [InlineData("c7gn.xlarge", InstanceRules.LatestAmazonLinux2023Arm)]
    [InlineData("im4gn.large", InstanceRules.LatestAmazonLinux2023Arm)]
    public void GravitonTypesGetTheArmAmazonLinuxParameter(string type, string parameter)
    {
        Assert.Equal(parameter, InstanceRules.LatestAmiParameter(type));
    }

    [Fact]
    public void AmiParametersAreTheAmazonLinux2023PublicParameters()
    {
        Assert.Equal("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", InstanceRules.LatestAmazonLinux2023X86);
        Assert.Equal("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64", InstanceRules.LatestAmazonLinux2023Arm);
    }

    [Theory]
    [InlineData("t3.micro", 20, 1, null, 0)]
    [InlineData("t3", 20, 1, null, 1)]
    [InlineData("t3.micro", 4, 1, null, 1)]
    [InlineData("t3.micro", 20, 0, null, 1)]
    [InlineData("t3.micro", 20, 65, null, 1)]
    [InlineData("t3.micro", 20, 1, "ami-123", 1)]
    [InlineData("T3.Micro", 2, 0, "img", 4)]
    public void InstanceInputsAreCheckedAllAtOnce(string type, int volume, int hopLimit, string? ami, int problems)
    {
        Assert.Equal(problems, InstanceRules.Check(type, volume, hopLimit, ami).Count);
    }

    [Fact]
    public void UserDataInstallsAndStartsTheAgentFromTheRegionsOfficialLocation()
    {
        var script = InstanceRules.AgentUserData(null);

        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        Assert.Contains("https://s3.${region}.amazonaws.com/amazon-ssm-${region}/latest", script, StringComparison.Ordinal);
        Assert.Contains("linux_${arch}/amazon-ssm-agent.rpm", script, StringComparison.Ordinal);
        Assert.Contains("debian_${arch}/amazon-ssm-agent.deb", script, StringComparison.Ordinal);
        Assert.Contains("systemctl enable --now amazon-ssm-agent", script, StringComparison.Ordinal);
        Assert.Contains("X-aws-ec2-metadata-token", script, StringComparison.Ordinal);
    }

    [Fact]
    public void UserDataIsValidBash()
    {
        if (!File.Exists("/bin/bash"))
        {
            return;
        }

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, InstanceRules.AgentUserData("echo extra"));
            using var bash = Process.Start(new ProcessStartInfo("/bin/bash", ["-n", file]) { RedirectStandardError = true })!;
            var error = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
