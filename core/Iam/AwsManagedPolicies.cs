namespace Infra.Core.Iam;

/// <summary>ARNs of the AWS managed policies the platform attaches.</summary>
public static class AwsManagedPolicies
{
    /// <summary>Name of the policy an instance profile role needs to be managed by Systems Manager.</summary>
    public const string SsmManagedInstanceCoreName = "AmazonSSMManagedInstanceCore";

    /// <summary>Name of the policy of the Default Host Management Configuration role.</summary>
    public const string SsmManagedEc2InstanceDefaultPolicyName = "AmazonSSMManagedEC2InstanceDefaultPolicy";

    /// <summary><c>arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore</c> (commercial partition).</summary>
    public const string SsmManagedInstanceCore = "arn:aws:iam::aws:policy/" + SsmManagedInstanceCoreName;

    /// <summary><c>arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy</c> (commercial partition).</summary>
    public const string SsmManagedEc2InstanceDefaultPolicy = "arn:aws:iam::aws:policy/" + SsmManagedEc2InstanceDefaultPolicyName;

    /// <summary>The ARN of the AWS managed policy <paramref name="policyName"/> in <paramref name="partition"/>.</summary>
    /// <param name="policyName">The policy name, optionally with its path, e.g. <c>service-role/AmazonSSMAutomationRole</c>.</param>
    /// <param name="partition">The partition; default <c>aws</c>.</param>
    public static string Arn(string policyName, string partition = "aws")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        return $"arn:{Arns.Partition(partition, nameof(partition))}:iam::aws:policy/{policyName.TrimStart('/')}";
    }

    /// <summary><see cref="SsmManagedInstanceCore"/> in <paramref name="partition"/>; default <c>aws</c>.</summary>
    public static string SsmManagedInstanceCoreIn(string partition = "aws") => Arn(SsmManagedInstanceCoreName, partition);

    /// <summary><see cref="SsmManagedEc2InstanceDefaultPolicy"/> in <paramref name="partition"/>; default <c>aws</c>.</summary>
    public static string SsmManagedEc2InstanceDefaultPolicyIn(string partition = "aws") => Arn(SsmManagedEc2InstanceDefaultPolicyName, partition);
}
