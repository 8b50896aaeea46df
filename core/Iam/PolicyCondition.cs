namespace Infra.Core.Iam;

/// <summary>One condition of a statement: <c>"Condition": { Operator: { Key: Values } }</c>.</summary>
/// <param name="Operator">A condition operator such as <c>StringEquals</c>, <c>ArnLike</c>, <c>Bool</c>, <c>BoolIfExists</c>, optionally prefixed with <c>ForAnyValue:</c> or <c>ForAllValues:</c>.</param>
/// <param name="Key">The condition key, e.g. <c>aws:SourceAccount</c>.</param>
/// <param name="Values">The values; the condition matches when any of them matches.</param>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    /// <summary>A condition with the given values.</summary>
    public static PolicyCondition Of(string conditionOperator, string key, params string[] values) =>
        new(conditionOperator, key, [.. values]);

    /// <summary>Equal when operator, key and values, in order, are equal.</summary>
    public bool Equals(PolicyCondition? other) =>
        other is not null
        && string.Equals(Operator, other.Operator, StringComparison.Ordinal)
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    /// <summary>Hash over operator, key and values.</summary>
    public override int GetHashCode() => HashCode.Combine(Operator, Key, Sequences.Hash(Values));
}
