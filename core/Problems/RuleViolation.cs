namespace Infra.Core.Problems;

/// <summary>
/// A rule that a value breaks, before it is placed: the caller adds where the value came from and what it was,
/// turning it into a <see cref="ConfigProblem"/>.
/// </summary>
/// <param name="Rule">What is allowed, written so that a person can act on it.</param>
/// <param name="Source">Where the rule comes from.</param>
public sealed record RuleViolation(string Rule, string Source)
{
    /// <summary>Places the violation: <paramref name="where"/> is the file and key, <paramref name="given"/> the value.</summary>
    public ConfigProblem At(string where, string? given) => new(where, given, Rule, Source);
}
