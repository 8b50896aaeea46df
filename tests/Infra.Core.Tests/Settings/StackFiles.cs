using Infra.Core.Documents;
using Infra.Core.Settings;
using Microsoft.Extensions.Time.Testing;

namespace Infra.Core.Tests.Settings;

/// <summary>Loads the real stack files, or variants of them, the way the offline check and the stack do.</summary>
internal static class StackFiles
{
    /// <summary>The moment the shipped stack files are judged at: the stg grant of jonas.weber is active, lea.fischer's expired.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<CommandDocument> Documents { get; } = CommandDocuments.LoadDirectory(RepoFiles.Path("documents")).Documents;

    public static string Text(string stack) => File.ReadAllText(RepoFiles.Path($"Pulumi.{stack}.yaml"));

    public static (StackSettings? Settings, IReadOnlyList<ConfigProblem> Problems) Parse(string stack, string? yaml = null) =>
        StackSettingsParser.TryParse(StackConfig.FromStackYaml($"Pulumi.{stack}.yaml", yaml ?? Text(stack), "infra", stack), Documents, new FakeTimeProvider(Now));

    /// <summary>The stack file with one line replaced; fails if the line is not there, so a test cannot silently test nothing.</summary>
    public static string With(string stack, string line, string replacement)
    {
        var text = Text(stack);
        Assert.Contains(line, text, StringComparison.Ordinal);
        return text.Replace(line, replacement, StringComparison.Ordinal);
    }
}
