namespace Infra.Core.Iam;

/// <summary>Value equality helpers for the list-valued members of the policy records.</summary>
internal static class Sequences
{
    public static int Hash<T>(IReadOnlyList<T> items)
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
