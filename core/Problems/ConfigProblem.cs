using System.Globalization;

namespace Infra.Core.Problems;

/// <summary>
/// One mistake in the platform's input: where it is, what was given, what is allowed and which rule says so.
/// </summary>
/// <param name="Where">The place, e.g. <c>Pulumi.prod.yaml: infra:associations[1].schedule</c> or <c>documents/edr-agent.yaml line 12</c>.</param>
/// <param name="Given">The value as given, or <c>null</c> when the value is missing.</param>
/// <param name="Rule">What is allowed, written so that a person can act on it.</param>
/// <param name="Source">Where the rule comes from (an AWS document or API model, or the platform's contract).</param>
public sealed record ConfigProblem(string Where, string? Given, string Rule, string Source)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var given = Given is null ? " (missing)" : string.Create(CultureInfo.InvariantCulture, $" = \"{Given}\"");
        return $"{Where}{given}: {Rule} [{Source}]";
    }
}
