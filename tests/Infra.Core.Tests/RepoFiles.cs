namespace Infra.Core.Tests;

/// <summary>Finds the repository's own files (stack files, documents) from the test's output folder.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "documents")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (with Pulumi.yaml and documents/) is not above " + AppContext.BaseDirectory);
    }
}
