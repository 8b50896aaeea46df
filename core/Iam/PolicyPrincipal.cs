namespace Infra.Core.Iam;

/// <summary>Who a trust or resource policy statement applies to: one principal type and its identifiers.</summary>
/// <param name="Type">
/// <see cref="ServiceType"/>, <see cref="AwsType"/>, <see cref="FederatedType"/>, <see cref="CanonicalUserType"/>,
/// or <see cref="AnyoneType"/> (rendered as <c>"Principal": "*"</c>).
/// </param>
/// <param name="Identifiers">Service names, ARNs or account ids, provider names; <c>["*"]</c> for <see cref="AnyoneType"/>.</param>
public sealed record PolicyPrincipal(string Type, IReadOnlyList<string> Identifiers)
{
    /// <summary>An AWS service, e.g. <c>ec2.amazonaws.com</c>.</summary>
    public const string ServiceType = "Service";

    /// <summary>An account, role, user or session ARN, or an account id.</summary>
    public const string AwsType = "AWS";

    /// <summary>A web identity or SAML provider.</summary>
    public const string FederatedType = "Federated";

    /// <summary>An S3 canonical user id (bucket policies only).</summary>
    public const string CanonicalUserType = "CanonicalUser";

    /// <summary>Everyone, rendered as <c>"Principal": "*"</c>.</summary>
    public const string AnyoneType = "*";

    /// <summary>Everyone: <c>"Principal": "*"</c>. Use it with conditions or in Deny statements.</summary>
    public static PolicyPrincipal Anyone { get; } = new(AnyoneType, ["*"]);

    /// <summary>One or more AWS service principals, e.g. <c>Service("ec2.amazonaws.com")</c>.</summary>
    public static PolicyPrincipal Service(params string[] services) => new(ServiceType, [.. services]);

    /// <summary>One or more AWS principals (ARNs or account ids).</summary>
    public static PolicyPrincipal Aws(params string[] arns) => new(AwsType, [.. arns]);

    /// <summary>One or more federated identity providers.</summary>
    public static PolicyPrincipal Federated(params string[] providers) => new(FederatedType, [.. providers]);

    /// <summary>Equal when the type and the identifiers, in order, are equal.</summary>
    public bool Equals(PolicyPrincipal? other) =>
        other is not null
        && string.Equals(Type, other.Type, StringComparison.Ordinal)
        && Identifiers.SequenceEqual(other.Identifiers, StringComparer.Ordinal);

    /// <summary>Hash over the type and the identifiers.</summary>
    public override int GetHashCode() => HashCode.Combine(Type, Sequences.Hash(Identifiers));
}
