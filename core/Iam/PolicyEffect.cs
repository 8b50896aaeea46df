namespace Infra.Core.Iam;

/// <summary>Whether a statement allows or denies what it names.</summary>
public enum PolicyEffect
{
    /// <summary>The statement grants its actions.</summary>
    Allow,

    /// <summary>The statement refuses its actions; a Deny always wins over an Allow.</summary>
    Deny,
}
