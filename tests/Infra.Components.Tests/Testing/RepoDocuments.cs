using Infra.Tests.Shared;

namespace Infra.Components.Tests.Testing;

internal static class RepoDocuments
{
    public static string Path { get; } = System.IO.Path.Combine(AwsMocks.RepositoryRoot, "documents");
}
