using System.Text.RegularExpressions;

namespace Infra.Core.Iam;

/// <summary>Argument checks for the ARNs, account ids, regions and partitions the policy builders put into policies.</summary>
internal static partial class Arns
{
    [GeneratedRegex("^aws(-[a-z]{1,5}){0,3}$")]
    private static partial Regex PartitionPattern();

    [GeneratedRegex("^\\d{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-\\d+$")]
    private static partial Regex RegionPattern();

    public static string Partition(string partition, string paramName)
    {
        ArgumentNullException.ThrowIfNull(partition, paramName);
        return PartitionPattern().IsMatch(partition)
            ? partition
            : throw new ArgumentException($"\"{partition}\" is not an AWS partition; use \"aws\", \"aws-cn\" or \"aws-us-gov\".", paramName);
    }

    public static string Account(string accountId, string paramName)
    {
        ArgumentNullException.ThrowIfNull(accountId, paramName);
        return AccountPattern().IsMatch(accountId)
            ? accountId
            : throw new ArgumentException($"\"{accountId}\" is not an AWS account id; give the 12 digits, e.g. \"123456789012\".", paramName);
    }

    public static string Region(string region, string paramName)
    {
        ArgumentNullException.ThrowIfNull(region, paramName);
        return RegionPattern().IsMatch(region)
            ? region
            : throw new ArgumentException($"\"{region}\" is not an AWS region code; give one such as \"eu-west-1\".", paramName);
    }

    /// <summary>Splits an ARN into its six parts (the last keeps any further ':'), checking the service.</summary>
    public static string[] Split(string arn, string service, string example, string paramName)
    {
        ArgumentNullException.ThrowIfNull(arn, paramName);
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || !PartitionPattern().IsMatch(parts[1])
            || parts[2] != service || string.IsNullOrEmpty(parts[5]))
        {
            throw new ArgumentException($"\"{arn}\" is not a {service} ARN; give one such as \"{example}\".", paramName);
        }

        return parts;
    }

    /// <summary>An S3 bucket ARN, <c>arn:aws:s3:::name</c>, without an object path.</summary>
    public static string Bucket(string bucketArn, string paramName)
    {
        var parts = Split(bucketArn, "s3", "arn:aws:s3:::my-bucket", paramName);
        if (parts[3].Length > 0 || parts[4].Length > 0 || parts[5].Contains('/', StringComparison.Ordinal) || parts[5].Contains('*', StringComparison.Ordinal))
        {
            throw new ArgumentException($"\"{bucketArn}\" is not a bucket ARN; give the bucket itself, e.g. \"arn:aws:s3:::my-bucket\" (no object path).", paramName);
        }

        return bucketArn;
    }

    /// <summary>A KMS key ARN, <c>arn:aws:kms:region:account:key/id</c>.</summary>
    public static string KmsKey(string keyArn, string paramName)
    {
        var parts = Split(keyArn, "kms", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", paramName);
        if (!parts[5].StartsWith("key/", StringComparison.Ordinal) || parts[5].Length == 4)
        {
            throw new ArgumentException($"\"{keyArn}\" is not a KMS key ARN; give the key ARN (…:key/<id>), not an alias.", paramName);
        }

        return keyArn;
    }

    /// <summary>Joins a bucket ARN and a key prefix into an object ARN pattern: <c>{bucket}/{prefix}/{rest}</c>, or <c>{bucket}/{rest}</c> without a prefix.</summary>
    public static string Objects(string bucketArn, string prefix, string rest)
    {
        var trimmed = prefix.Trim('/');
        return trimmed.Length == 0 ? $"{bucketArn}/{rest}" : $"{bucketArn}/{trimmed}/{rest}";
    }
}
