using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Instances;

/// <summary>What every managed instance gets, and the checks of a managed instance's inputs.</summary>
public static class InstanceRules
{
    /// <summary>The public SSM parameter with the latest Amazon Linux 2023 AMI for x86_64.</summary>
    public const string LatestAmazonLinux2023X86 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    /// <summary>The public SSM parameter with the latest Amazon Linux 2023 AMI for arm64 (Graviton).</summary>
    public const string LatestAmazonLinux2023Arm = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

    /// <summary>IMDS <c>HttpTokens</c> value that requires IMDSv2 session tokens (IMDSv1 off).</summary>
    public const string HttpTokensRequired = "required";

    /// <summary>The root volume type: gp3, encrypted.</summary>
    public const string RootVolumeType = "gp3";

    /// <summary>
    /// The only outbound port a managed instance needs: SSM Agent opens every connection itself, over HTTPS, to Systems
    /// Manager, KMS, CloudWatch Logs and S3. No inbound rule is needed at all.
    /// </summary>
    public const int AgentEgressPort = 443;

    /// <summary>Default root volume size in GiB.</summary>
    public const int DefaultRootVolumeGiB = 20;

    /// <summary>Default IMDS PUT response hop limit: 1, so containers on the host cannot reach the credentials.</summary>
    public const int DefaultHopLimit = 1;

    /// <summary>The AMI parameter for an instance type: arm64 for Graviton families (a <c>g</c> after the generation digit).</summary>
    public static string LatestAmiParameter(string instanceType)
    {
        ArgumentNullException.ThrowIfNull(instanceType);
        var family = instanceType.Split('.')[0];
        var digit = family.AsSpan().IndexOfAnyInRange('0', '9');
        var graviton = digit >= 0 && family[(digit + 1)..].Contains('g', StringComparison.Ordinal);
        return graviton ? LatestAmazonLinux2023Arm : LatestAmazonLinux2023X86;
    }

    /// <summary>Checks the plain inputs of a managed instance.</summary>
    public static IReadOnlyList<(string Field, string? Given, RuleViolation Violation)> Check(string instanceType, int rootVolumeGiB, int hopLimit, string? ami)
    {
        var problems = new List<(string, string?, RuleViolation)>();
        problems.AddRange(AwsRules.CheckInstanceType(instanceType).Select(v => ("instanceType", (string?)instanceType, v)));
        if (rootVolumeGiB is < 8 or > 16384)
        {
            problems.Add(("rootVolumeSize", rootVolumeGiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new("a gp3 root volume has 8 GiB (the AMI's size) to 16,384 GiB", "EC2 User Guide: EBS volume types")));
        }

        if (hopLimit is < 1 or > 64)
        {
            problems.Add(("metadataHopLimit", hopLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new("the IMDS hop limit is 1 to 64", "EC2 API: InstanceMetadataOptionsRequest")));
        }

        if (ami is not null)
        {
            problems.AddRange(AwsRules.CheckAmiId(ami).Select(v => ("ami", (string?)ami, v)));
        }

        return problems;
    }

    /// <summary>
    /// User data that makes sure SSM Agent is installed, enabled and running: Amazon Linux 2023 ships it, but other
    /// AMIs (RHEL, Debian) may not, and an agent that is installed but stopped leaves the instance unmanaged.
    /// </summary>
    public static string AgentUserData(string? extra)
    {
        const string script = """
            #!/bin/bash
            # Infra: make sure SSM Agent is installed and running, whatever the AMI.
            set -u
            if ! systemctl list-unit-files | grep -qE '^(amazon-ssm-agent|snap.amazon-ssm-agent.amazon-ssm-agent)'; then
              . /etc/os-release
              case "$(uname -m)" in aarch64) arch=arm64 ;; *) arch=amd64 ;; esac
              token=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
              region=$(curl -sS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/placement/region)
              base="https://s3.${region}.amazonaws.com/amazon-ssm-${region}/latest"
              case " ${ID} ${ID_LIKE:-} " in
                *" debian "*|*" ubuntu "*) curl -sSfo /tmp/ssm.deb "$base/debian_${arch}/amazon-ssm-agent.deb" && dpkg -i /tmp/ssm.deb ;;
                *) dnf install -y amazon-ssm-agent || yum install -y "$base/linux_${arch}/amazon-ssm-agent.rpm" ;;
              esac
            fi
            systemctl enable --now amazon-ssm-agent 2>/dev/null || systemctl enable --now snap.amazon-ssm-agent.amazon-ssm-agent
            """;
        return string.IsNullOrWhiteSpace(extra) ? script + "\n" : script + "\n\n# Extra user data of this instance\n" + extra.TrimEnd() + "\n";
    }
}
