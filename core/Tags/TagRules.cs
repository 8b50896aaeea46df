using System.Text.RegularExpressions;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Tags;

/// <summary>
/// AWS's tag rules, taken as the intersection of EC2, IAM and SSM so that one tag set is valid on every resource
/// the platform tags.
/// </summary>
public static partial class TagRules
{
    /// <summary>Most tags on one resource (EC2 and IAM: 50; the <c>aws:</c> tags AWS adds do not count).</summary>
    public const int MaxTagsPerResource = 50;

    /// <summary>Longest tag key: the EC2 API model says 127 where the user guide says 128; the stricter wins.</summary>
    public const int MaxKeyLength = 127;

    /// <summary>Longest tag value.</summary>
    public const int MaxValueLength = 256;

    /// <summary>The characters every AWS service accepts in a tag (letters, digits, spaces and <c>+ - = . _ : / @</c>).</summary>
    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex AllowedCharacters();

    /// <summary>Checks one tag key.</summary>
    public static IReadOnlyList<RuleViolation> CheckKey(string? key)
    {
        var violations = new List<RuleViolation>();
        if (string.IsNullOrEmpty(key))
        {
            violations.Add(new("a tag key must have 1 to 127 characters", Sources.Ec2Tags));
            return violations;
        }

        if (key.Length > MaxKeyLength)
        {
            violations.Add(new($"a tag key has at most {MaxKeyLength} characters (this one has {key.Length})", Sources.Ec2Tags));
        }

        if (!AllowedCharacters().IsMatch(key))
        {
            violations.Add(new("a tag key may only use letters, digits, spaces and + - = . _ : / @", Sources.Ec2Tags));
        }

        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(new("the aws: prefix (in any case) is reserved for AWS; choose another key", Sources.Ec2Tags));
        }

        return violations;
    }

    /// <summary>Checks one tag value (an empty value is allowed; a missing one is not).</summary>
    public static IReadOnlyList<RuleViolation> CheckValue(string? value)
    {
        var violations = new List<RuleViolation>();
        if (value is null)
        {
            violations.Add(new("a tag value may be empty but not missing", Sources.Ec2Tags));
            return violations;
        }

        if (value.Length > MaxValueLength)
        {
            violations.Add(new($"a tag value has at most {MaxValueLength} characters (this one has {value.Length})", Sources.Ec2Tags));
        }

        if (!AllowedCharacters().IsMatch(value))
        {
            violations.Add(new("a tag value may only use letters, digits, spaces and + - = . _ : / @", Sources.Ec2Tags));
        }

        return violations;
    }
}
