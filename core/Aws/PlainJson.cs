using System.Text.Json;
using System.Text.Json.Nodes;

namespace Infra.Core.Aws;

/// <summary>
/// JSON as plain dictionaries, lists, strings, numbers and booleans: the shape providers take for properties typed as
/// a JSON object (policies, document content).
/// </summary>
public static class PlainJson
{
    /// <summary>Converts a JSON tree.</summary>
    public static object? From(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToDictionary(p => p.Key, p => From(p.Value)),
        JsonArray array => array.Select(From).ToList(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value => value.GetValue<double>(),
        _ => null,
    };

    /// <summary>Converts JSON text.</summary>
    public static object? Parse(string json) => From(JsonNode.Parse(json));
}
