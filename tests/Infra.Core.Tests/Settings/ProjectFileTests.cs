using System.Text.Json.Nodes;
using Infra.Core.Settings;
using Json.Schema;
using YamlDotNet.Serialization;

namespace Infra.Core.Tests.Settings;

public sealed class ProjectFileTests
{
    private static JsonNode ProjectAsJson()
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(RepoFiles.Path("Pulumi.yaml")));
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

    [Fact]
    public void ProjectFileIsValidAgainstThePulumiProjectSchema()
    {
        // The CLI's schema for Pulumi.yaml (pulumi/pulumi sdk/go/common/workspace/project.json) is kept beside the
        // repository, not in it; where it is absent there is nothing to validate against.
        var schemaPath = Path.Combine(RepoFiles.Root, "..", "shared", "pulumi-schemas", "project.json");
        if (!File.Exists(schemaPath))
        {
            return;
        }

        var schema = JsonSchema.FromText(File.ReadAllText(schemaPath));
        using var instance = System.Text.Json.JsonDocument.Parse(ProjectAsJson().ToJsonString());
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}
