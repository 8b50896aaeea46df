using System.Net;
using System.Text.RegularExpressions;
using Infra.Core.Problems;

namespace Infra.Core.Aws;

/// <summary>Small AWS naming rules shared by several parts of the platform.</summary>
public static partial class AwsRules
{
    /// <summary>The retention periods CloudWatch Logs accepts, in days.</summary>
    public static IReadOnlyList<int> LogRetentionDays { get; } =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]?)?-(central|north|south|east|west|northeast|northwest|southeast|southwest)-\d$")]
    private static partial Regex Region();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex SubnetId();

    [GeneratedRegex(@"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex VpcId();

    [GeneratedRegex(@"^sg-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex SecurityGroupId();

    [GeneratedRegex(@"^ami-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex AmiId();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*\.[a-z0-9]+$")]
    private static partial Regex InstanceType();

    [GeneratedRegex(@"^[a-z_][a-z0-9_.-]{0,31}$")]
    private static partial Regex LinuxUser();

    /// <summary>Checks an AWS region code such as <c>eu-central-1</c>.</summary>
    public static IReadOnlyList<RuleViolation> CheckRegion(string? region) =>
        region is not null && Region().IsMatch(region) ? [] : [new("a region is an AWS region code such as eu-central-1 or us-east-1", "AWS General Reference: regions")];

    /// <summary>Checks an IAM role ARN.</summary>
    public static IReadOnlyList<RuleViolation> CheckRoleArn(string? arn) =>
        arn is not null && RoleArn().IsMatch(arn) ? [] : [new("a role ARN looks like arn:aws:iam::123456789012:role/infra-deploy", "IAM API: Role")];

    /// <summary>The account id inside a role ARN, or null.</summary>
    public static string? AccountOfArn(string arn) => arn.Split(':') is { Length: >= 6 } parts ? parts[4] : null;

    /// <summary>Checks an S3 bucket name against S3's naming rules.</summary>
    public static IReadOnlyList<RuleViolation> CheckBucketName(string? name)
    {
        var problems = new List<RuleViolation>();
        if (name is null || !BucketName().IsMatch(name))
        {
            problems.Add(new("a bucket name has 3 to 63 lower-case letters, digits, dots and hyphens, and begins and ends with a letter or digit", Sources.S3Naming));
            return problems;
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            problems.Add(new("a bucket name has no two adjacent dots", Sources.S3Naming));
        }

        if (IPAddress.TryParse(name, out _))
        {
            problems.Add(new("a bucket name is not formatted as an IP address", Sources.S3Naming));
        }

        if (name.StartsWith("xn--", StringComparison.Ordinal) || name.StartsWith("sthree-", StringComparison.Ordinal))
        {
            problems.Add(new("a bucket name does not start with the reserved prefixes xn-- or sthree-", Sources.S3Naming));
        }

        if (name.EndsWith("-s3alias", StringComparison.Ordinal) || name.EndsWith("--ol-s3", StringComparison.Ordinal))
        {
            problems.Add(new("a bucket name does not end with the reserved suffixes -s3alias or --ol-s3", Sources.S3Naming));
        }

        return problems;
    }

    /// <summary>Checks a subnet id.</summary>
    public static IReadOnlyList<RuleViolation> CheckSubnetId(string? id) =>
        id is not null && SubnetId().IsMatch(id) ? [] : [new("a subnet id looks like subnet-0123456789abcdef0", "EC2 API: Subnet")];

    /// <summary>Checks a VPC id.</summary>
    public static IReadOnlyList<RuleViolation> CheckVpcId(string? id) =>
        id is not null && VpcId().IsMatch(id) ? [] : [new("a VPC id looks like vpc-0123456789abcdef0", "EC2 API: Vpc")];

    /// <summary>Checks a security group id.</summary>
    public static IReadOnlyList<RuleViolation> CheckSecurityGroupId(string? id) =>
        id is not null && SecurityGroupId().IsMatch(id) ? [] : [new("a security group id looks like sg-0123456789abcdef0", "EC2 API: SecurityGroup")];

    /// <summary>Checks an AMI id.</summary>
    public static IReadOnlyList<RuleViolation> CheckAmiId(string? id) =>
        id is not null && AmiId().IsMatch(id) ? [] : [new("an AMI id looks like ami-0123456789abcdef0", "EC2 API: Image")];

    /// <summary>Checks an instance type such as <c>t3.micro</c>.</summary>
    public static IReadOnlyList<RuleViolation> CheckInstanceType(string? type) =>
        type is not null && InstanceType().IsMatch(type) ? [] : [new("an instance type looks like t3.micro or m7g.large", "EC2 API: InstanceType")];

    /// <summary>Checks a Linux user name for Session Manager RunAs; root is refused, as Session Manager refuses it.</summary>
    public static IReadOnlyList<RuleViolation> CheckRunAsUser(string? user) =>
        user is null || !LinuxUser().IsMatch(user) ? [new("an OS user name has 1 to 32 lower-case letters, digits, _ . - and starts with a letter or _", "useradd(8); SSM User Guide: session-preferences-run-as")]
        : user == "root" ? [new("Session Manager does not run sessions as root; name an ordinary user", "SSM User Guide: session-preferences-run-as")]
        : [];
}
