namespace Infra.Core.Documents;

/// <summary>
/// The parameters of the AWS-owned documents the platform associates, so that a typo in their values is caught before
/// deployment as it is for our own documents. Parameters not listed here are passed through unchecked.
/// </summary>
public static class AwsOwnedDocuments
{
    /// <summary>Where these parameters are documented.</summary>
    public const string Source = "SSM User Guide: patch-manager-aws-runpatchbaseline, inventory-about (AWS-GatherSoftwareInventory)";

    private static readonly string[] EnabledDisabled = ["Enabled", "Disabled"];

    /// <summary>Known parameters by document: allowed values (empty for free text) and whether they are required.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, (IReadOnlyList<string> Allowed, bool Required)>> Parameters { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, (IReadOnlyList<string>, bool)>>(StringComparer.Ordinal)
        {
            ["AWS-RunPatchBaseline"] = new Dictionary<string, (IReadOnlyList<string>, bool)>(StringComparer.Ordinal)
            {
                ["Operation"] = (["Scan", "Install"], true),
                ["RebootOption"] = (["RebootIfNeeded", "NoReboot"], false),
                ["SnapshotId"] = ([], false),
                ["InstallOverrideList"] = ([], false),
                ["BaselineOverride"] = ([], false),
            },
            ["AWS-GatherSoftwareInventory"] = new Dictionary<string, (IReadOnlyList<string>, bool)>(StringComparer.Ordinal)
            {
                ["applications"] = (EnabledDisabled, false),
                ["awsComponents"] = (EnabledDisabled, false),
                ["networkConfig"] = (EnabledDisabled, false),
                ["services"] = (EnabledDisabled, false),
                ["instanceDetailedInformation"] = (EnabledDisabled, false),
                ["customInventory"] = (EnabledDisabled, false),
                ["billingInfo"] = (EnabledDisabled, false),
                ["windowsUpdates"] = (EnabledDisabled, false),
                ["windowsRoles"] = (EnabledDisabled, false),
            },
        };
}
