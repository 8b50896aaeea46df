namespace Infra.Components.Tests.Testing;

internal static class RepoDocuments
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "documents");
            if (Directory.Exists(candidate) && File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("documents/ not found above " + AppContext.BaseDirectory);
    }
}
