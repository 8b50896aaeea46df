using Infra.Core.Documents;

namespace Infra.Core.Tests.Documents;

public sealed class CommandDocumentsDirectoryTests : IDisposable
{
    private const string Valid = """
        schemaVersion: '2.2'
        description: Says hello.
        mainSteps:
          - action: aws:runShellScript
            name: hello
            inputs:
              runCommand: [echo hello]
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("infra-documents-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_directory, name), content);

    [Theory]
    [InlineData("edr-agent.yaml", "Infra-edr-agent")]
    [InlineData("documents/os-users.yml", "Infra-os-users")]
    [InlineData("vulnerability-scan", "Infra-vulnerability-scan")]
    public void NameForIsPrefixAndFileNameWithoutExtension(string file, string name)
    {
        Assert.Equal(name, CommandDocuments.NameFor(file));
    }

    [Fact]
    public void LoadsYamlAndYmlFilesSortedByName()
    {
        Write("b.yml", Valid);
        Write("a.yaml", Valid);
        Write("c.yaml", Valid);

        var result = CommandDocuments.LoadDirectory(_directory);

        Assert.Empty(result.Problems);
        Assert.Equal(["documents/a.yaml", "documents/b.yml", "documents/c.yaml"], result.Documents.Select(d => d.File));
        Assert.Equal(["Infra-a", "Infra-b", "Infra-c"], result.Documents.Select(d => d.Name));
    }

    [Fact]
    public void IgnoresFilesThatAreNotYaml()
    {
        Write("hello.yaml", Valid);
        Write("README.md", "# not a document");
        Write("hello.json", "{}");

        Assert.Equal(["Infra-hello"], CommandDocuments.LoadDirectory(_directory).Documents.Select(d => d.Name));
    }

    [Fact]
    public void ProblemsNameTheDisplayDirectoryFileAndLine()
    {
        Write("broken.yaml", Valid.Replace("aws:runShellScript", "aws:runScript", StringComparison.Ordinal));

        var problem = Assert.Single(CommandDocuments.LoadDirectory(_directory, "ops/documents").Problems);

        Assert.Equal("ops/documents/broken.yaml line 4: mainSteps[0].action", problem.Where);
    }

    [Fact]
    public void InvalidDocumentIsLeftOutButOthersLoad()
    {
        Write("good.yaml", Valid);
        Write("bad.yaml", "schemaVersion: '2.2'\n");

        var result = CommandDocuments.LoadDirectory(_directory);

        Assert.Equal(["Infra-good"], result.Documents.Select(d => d.Name));
        Assert.Contains(result.Problems, p => p.Where.StartsWith("documents/bad.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void FilesThatBecomeTheSameDocumentNameAreReported()
    {
        Write("hello.yaml", Valid);
        Write("hello.yml", Valid);

        var result = CommandDocuments.LoadDirectory(_directory);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("documents/hello.yml: document name", problem.Where);
        Assert.Equal("Infra-hello", problem.Given);
        Assert.Equal(["documents/hello.yaml"], result.Documents.Select(d => d.File));
    }

    [Fact]
    public void ContentIsKeptExactlyAsRead()
    {
        Write("hello.yaml", Valid + "\n# trailing comment\n");

        Assert.Equal(Valid + "\n# trailing comment\n", Assert.Single(CommandDocuments.LoadDirectory(_directory).Documents).Content);
    }

    [Fact]
    public void MissingDirectoryIsReported()
    {
        var result = CommandDocuments.LoadDirectory(Path.Combine(_directory, "absent"));

        Assert.Empty(result.Documents);
        Assert.Equal("documents", Assert.Single(result.Problems).Where);
    }
}
