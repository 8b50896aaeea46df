using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infra.Core.Aws;
using Infra.Core.Problems;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Settings;

/// <summary>
/// The raw configuration of one stack, keyed without the project namespace (<c>infra:env</c> is <c>env</c>), read
/// either from the JSON the Pulumi engine passes to programs or from the stack file itself.
/// </summary>
public sealed class StackConfig
{
    private StackConfig(string file, string project, string stack, IReadOnlyDictionary<string, JsonNode?> values, IReadOnlyList<ConfigProblem> problems)
    {
        File = file;
        Project = project;
        Stack = stack;
        Values = values;
        ReadProblems = problems;
    }

    /// <summary>The stack file's name as people know it, e.g. <c>Pulumi.prod.yaml</c>; every problem starts with it.</summary>
    public string File { get; }

    /// <summary>The Pulumi project, which is also the configuration namespace.</summary>
    public string Project { get; }

    /// <summary>The stack name.</summary>
    public string Stack { get; }

    /// <summary>The project's configuration values by key, without the namespace.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Values { get; }

    /// <summary>Problems met while reading (a YAML syntax error, a value that is not JSON).</summary>
    public IReadOnlyList<ConfigProblem> ReadProblems { get; }

    /// <summary>The stack name in a stack file's name: <c>Pulumi.prod.yaml</c> is <c>prod</c>.</summary>
    public static string StackNameOf(string path)
    {
        var name = Path.GetFileName(path);
        var parts = name.Split('.');
        return parts.Length == 3 && parts[0] == "Pulumi" && parts[2] is "yaml" or "yml" ? parts[1] : Path.GetFileNameWithoutExtension(name);
    }

    /// <summary>Reads a stack file (<c>Pulumi.&lt;stack&gt;.yaml</c>).</summary>
    public static StackConfig FromStackFile(string path, string project)
    {
        var text = System.IO.File.ReadAllText(path);
        return FromStackYaml(Path.GetFileName(path), text, project, StackNameOf(path));
    }

    /// <summary>Reads the text of a stack file.</summary>
    public static StackConfig FromStackYaml(string fileName, string yaml, string project, string stack)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var problems = new List<ConfigProblem>();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
            {
                if (root.Children.TryGetValue(new YamlScalarNode("config"), out var config) && config is YamlMappingNode map)
                {
                    foreach (var (key, value) in map.Children)
                    {
                        var name = ((YamlScalarNode)key).Value ?? "";
                        if (name.StartsWith(project + ":", StringComparison.Ordinal))
                        {
                            values[name[(project.Length + 1)..]] = ToJson(value);
                        }
                    }
                }
            }
        }
        catch (YamlException e)
        {
            problems.Add(new ConfigProblem($"{fileName} line {e.Start.Line}", null, "the file is not valid YAML: " + e.Message, Sources.Pulumi));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some unterminated flow collections instead of a YamlException.
            problems.Add(new ConfigProblem(fileName, null, "the file is not valid YAML (an unterminated [ or { ?): " + e.Message, Sources.Pulumi));
        }

        return new StackConfig(fileName, project, stack, values, problems);
    }

    /// <summary>
    /// Reads the configuration the Pulumi engine passes in <c>PULUMI_CONFIG</c>: an object of <c>project:key</c> to
    /// string, where structured values are JSON text.
    /// </summary>
    public static StackConfig FromPulumiConfig(string json, string project, string stack)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var problems = new List<ConfigProblem>();
        var file = $"Pulumi.{stack}.yaml";
        var root = JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as JsonObject ?? [];
        foreach (var (name, value) in root)
        {
            if (!name.StartsWith(project + ":", StringComparison.Ordinal))
            {
                continue;
            }

            var key = name[(project.Length + 1)..];
            var text = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString();
            values[key] = ParseEngineValue(text);
        }

        return new StackConfig(file, project, stack, values, problems);
    }

    private static JsonNode? ParseEngineValue(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return JsonValue.Create(text);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text ?? "");
        }

        return text switch
        {
            null or "" or "~" or "null" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                && !(text.Length > 1 && text[0] == '0') => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
