using System.Text.Json.Nodes;
using Infra.Core.Settings;
using Json.Schema;
using YamlDotNet.Serialization;

namespace Infra.Core.Tests.Settings;

public sealed class ProjectFileTests
{
    private static JsonNode ProjectAsJson(string path = "Pulumi.yaml")
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(RepoFiles.Path(path)));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
        return JsonNode.Parse(json)!;
    }

    [Fact]
    public void ProjectFileRunsTheStackProgramWithTheDotnetRuntime()
    {
        var project = ProjectAsJson();

        Assert.Equal("infra", project["name"]!.GetValue<string>());
        Assert.Equal("dotnet", project["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("Infra.csproj", project["main"]!.GetValue<string>());
        Assert.True(File.Exists(RepoFiles.Path("Infra.csproj")));
    }

    [Fact]
    public void ProjectFileDeclaresEveryKeyTheSettingsRead()
    {
        var config = ProjectAsJson()["config"]!.AsObject();

        Assert.Equal(StackSettingsParser.Keys.Select(k => k.Key).Order(StringComparer.Ordinal), config.Select(c => c.Key).Order(StringComparer.Ordinal));
        foreach (var (key, type, _, fallback) in StackSettingsParser.Keys)
        {
            Assert.Equal(type, config[key]!["type"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(config[key]!["description"]?.GetValue<string>()), $"{key} has no description");
            var declared = config[key]!["default"];
            Assert.True((fallback is null) == (declared is null), $"{key}: default in Pulumi.yaml and in the settings differ");
            if (fallback is not null)
            {
                Assert.Equal(JsonNode.Parse(fallback is string s && type != "string" ? s : $"\"{fallback}\"")!.ToJsonString(), declared!.ToJsonString());
            }
        }
    }

    // The CLI's schema for Pulumi.yaml (pulumi/pulumi sdk/go/common/workspace/project.json) is kept beside the
    // repository, not in it; where it is absent there is nothing to validate against.
    private static readonly Lazy<JsonSchema?> Schema = new(() =>
    {
        var path = Path.Combine(RepoFiles.Root, "..", "shared", "pulumi-schemas", "project.json");
        return File.Exists(path) ? JsonSchema.FromText(File.ReadAllText(path)) : null;
    });

    private static EvaluationResults? Validate(JsonNode project)
    {
        using var instance = System.Text.Json.JsonDocument.Parse(project.ToJsonString());
        return Schema.Value?.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    [Theory]
    [InlineData("Pulumi.yaml")]
    [InlineData("examples/service-stack/Pulumi.yaml")]
    public void ProjectFileIsValidAgainstThePulumiProjectSchema(string path)
    {
        var result = Validate(ProjectAsJson(path));

        Assert.True(result?.IsValid ?? true, string.Join("; ", (result?.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void SchemaCheckRejectsAConfigTypeTheCliDoesNotKnow()
    {
        var project = ProjectAsJson();
        project["config"]!["env"]!["type"] = "map";

        Assert.False(Validate(project)?.IsValid ?? false, "a config type the CLI rejects must fail the check");
    }

    [Fact]
    public void ReadmeConfigurationTableHasEveryKey()
    {
        var readme = File.ReadAllText(RepoFiles.Path("README.md"));

        Assert.All(StackSettingsParser.Keys, k => Assert.Contains($"| `{k.Key}` |", readme, StringComparison.Ordinal));
    }
}
