namespace Infra.Core.Iam;

/// <summary>
/// One statement of a policy document. Lists that are empty are left out of the JSON; <see cref="PolicyRules"/>
/// says which elements each <see cref="PolicyKind"/> needs.
/// </summary>
public sealed record PolicyStatement
{
    /// <summary>Statement id: letters and digits only, unique within the document. Null (the default) leaves it out.</summary>
    public string? Sid { get; init; }

    /// <summary>Allow or Deny. Required.</summary>
    public required PolicyEffect Effect { get; init; }

    /// <summary>Who the statement applies to (trust and resource policies only). Default: none.</summary>
    public IReadOnlyList<PolicyPrincipal> Principals { get; init; } = [];

    /// <summary>Everyone except these (resource policies, Deny statements only). Default: none.</summary>
    public IReadOnlyList<PolicyPrincipal> NotPrincipals { get; init; } = [];

    /// <summary>Actions such as <c>s3:GetObject</c>; exactly one of this and <see cref="NotActions"/> is needed. Default: none.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>Every action except these. Default: none.</summary>
    public IReadOnlyList<string> NotActions { get; init; } = [];

    /// <summary>Resource ARNs, or <c>*</c>. Default: none.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Every resource except these. Default: none.</summary>
    public IReadOnlyList<string> NotResources { get; init; } = [];

    /// <summary>Conditions, all of which must hold; rendered grouped by operator. Default: none.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = [];

    /// <summary>An Allow statement for <paramref name="actions"/> on <paramref name="resources"/>.</summary>
    public static PolicyStatement Allow(IEnumerable<string> actions, IEnumerable<string> resources, string? sid = null) =>
        new() { Sid = sid, Effect = PolicyEffect.Allow, Actions = [.. actions], Resources = [.. resources] };

    /// <summary>A Deny statement for <paramref name="actions"/> on <paramref name="resources"/>.</summary>
    public static PolicyStatement Deny(IEnumerable<string> actions, IEnumerable<string> resources, string? sid = null) =>
        new() { Sid = sid, Effect = PolicyEffect.Deny, Actions = [.. actions], Resources = [.. resources] };

    /// <summary>A copy of this statement with <paramref name="principals"/> added to <see cref="Principals"/>.</summary>
    public PolicyStatement WithPrincipals(params PolicyPrincipal[] principals) =>
        this with { Principals = [.. Principals, .. principals] };

    /// <summary>A copy of this statement with one more condition.</summary>
    public PolicyStatement WithCondition(string conditionOperator, string key, params string[] values) =>
        this with { Conditions = [.. Conditions, new PolicyCondition(conditionOperator, key, [.. values])] };

    /// <summary>Equal when every element, list order included, is equal.</summary>
    public bool Equals(PolicyStatement? other) =>
        other is not null
        && string.Equals(Sid, other.Sid, StringComparison.Ordinal)
        && Effect == other.Effect
        && Principals.SequenceEqual(other.Principals)
        && NotPrincipals.SequenceEqual(other.NotPrincipals)
        && Actions.SequenceEqual(other.Actions, StringComparer.Ordinal)
        && NotActions.SequenceEqual(other.NotActions, StringComparer.Ordinal)
        && Resources.SequenceEqual(other.Resources, StringComparer.Ordinal)
        && NotResources.SequenceEqual(other.NotResources, StringComparer.Ordinal)
        && Conditions.SequenceEqual(other.Conditions);

    /// <summary>Hash over every element.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Sid);
        hash.Add(Effect);
        hash.Add(Sequences.Hash(Principals));
        hash.Add(Sequences.Hash(NotPrincipals));
        hash.Add(Sequences.Hash(Actions));
        hash.Add(Sequences.Hash(NotActions));
        hash.Add(Sequences.Hash(Resources));
        hash.Add(Sequences.Hash(NotResources));
        hash.Add(Sequences.Hash(Conditions));
        return hash.ToHashCode();
    }
}
