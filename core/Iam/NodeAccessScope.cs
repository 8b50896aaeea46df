namespace Infra.Core.Iam;

/// <summary>Which instances a node-access permission set may open Session Manager sessions on.</summary>
/// <param name="ResourceTagValue">Value of the <paramref name="ResourceTagKey"/> tag the instances carry, e.g. <c>Bastion</c>. Required.</param>
/// <param name="EnvTagValue">Value of the <paramref name="EnvTagKey"/> tag, e.g. <c>Prod</c>; null (no environment condition) to allow every environment.</param>
/// <param name="PreferencesDocumentName">The Session Manager preferences document sessions must use, normally <c>SSM-SessionManagerRunShell</c>.</param>
/// <param name="SessionKeyArns">KMS keys that encrypt session data; users get <c>kms:GenerateDataKey</c> on them. Empty when sessions are not KMS-encrypted.</param>
/// <param name="AccountIds">Accounts whose instances are in scope; null (the default) for every account the permission set is provisioned to.</param>
/// <param name="ResourceTagKey">Tag key of the resource role; default <c>Resource</c>.</param>
/// <param name="EnvTagKey">Tag key of the environment; default <c>Env</c>.</param>
public sealed record NodeAccessScope(
    string ResourceTagValue,
    string? EnvTagValue,
    string PreferencesDocumentName,
    IReadOnlyList<string> SessionKeyArns,
    IReadOnlyList<string>? AccountIds = null,
    string ResourceTagKey = "Resource",
    string EnvTagKey = "Env");
