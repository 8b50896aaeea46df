namespace Infra.Core.Iam;

/// <summary>Where a policy document is attached; decides which elements it needs and how long it may be.</summary>
public enum PolicyKind
{
    /// <summary>A customer managed policy (identity-based): at most 6,144 non-whitespace characters.</summary>
    Identity,

    /// <summary>An inline policy of an IAM role: at most 10,240 non-whitespace characters for all of the role's inline policies together.</summary>
    RoleInline,

    /// <summary>The inline policy of an IAM Identity Center permission set: at most 32,768 characters and 10,240 non-whitespace characters.</summary>
    PermissionSetInline,

    /// <summary>A role trust policy (<c>AssumeRolePolicyDocument</c>): at most 2,048 non-whitespace characters by default.</summary>
    Trust,

    /// <summary>A resource-based policy such as an S3 bucket policy or a KMS key policy: at most 20,480 non-whitespace characters (the S3 bucket policy limit of 20 KB, the smaller of bucket and KMS key policy limits).</summary>
    Resource,
}
