namespace Infra.Core.Documents;

/// <summary>
/// One parameter a Command document declares, as written in its <c>parameters</c> section.
/// </summary>
/// <param name="Name">The parameter name, e.g. <c>version</c>; with <c>interpolationType: ENV_VAR</c> the script sees it as <c>SSM_version</c>.</param>
/// <param name="Type"><c>String</c> or <c>StringList</c>, the only types Command documents support.</param>
/// <param name="Default">
/// The default value, or <c>null</c> when the parameter has none and must be given.
/// A <c>StringList</c> default is rendered as a JSON array, e.g. <c>["a","b"]</c>; a Parameter Store reference
/// (<c>{{ ssm:name }}</c>) is kept as written.
/// </param>
/// <param name="AllowedValues">The values the parameter accepts; empty when any value is allowed.</param>
/// <param name="AllowedPattern">The regular expression values must match, or <c>null</c> when there is none.</param>
/// <param name="Description">The parameter's description; empty when the document gives none.</param>
public sealed record DocumentParameter(
    string Name,
    string Type,
    string? Default,
    IReadOnlyList<string> AllowedValues,
    string? AllowedPattern,
    string Description)
{
    /// <summary>True when the parameter has no default, so every run or association must give a value.</summary>
    public bool IsRequired => Default is null;
}
