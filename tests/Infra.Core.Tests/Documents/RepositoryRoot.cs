namespace Infra.Core.Tests.Documents;

/// <summary>Finds the repository root from the test's output directory.</summary>
internal static class RepositoryRoot
{
    /// <summary>
    /// The nearest ancestor of the test binaries that holds Pulumi.yaml, or both a documents and a core directory
    /// (Pulumi.yaml may not exist yet).
    /// </summary>
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml"))
                    || (Directory.Exists(System.IO.Path.Combine(dir.FullName, "documents"))
                        && Directory.Exists(System.IO.Path.Combine(dir.FullName, "core"))))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>The documents directory.</summary>
    public static string Documents => System.IO.Path.Combine(Path, "documents");
}
