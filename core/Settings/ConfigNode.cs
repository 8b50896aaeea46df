using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Settings;

/// <summary>
/// A value in the stack configuration with its key path (<c>infra:associations[1].schedule</c>); its readers add a
/// problem naming the file and path instead of throwing, so that every mistake is found in one pass.
/// </summary>
internal sealed class ConfigNode
{
    private readonly JsonNode? _node;

    public ConfigNode(string file, string path, JsonNode? node, ProblemList problems)
    {
        File = file;
        Path = path;
        _node = node;
        Problems = problems;
    }

    public string File { get; }

    public string Path { get; }

    public ProblemList Problems { get; }

    public bool IsMissing => _node is null;

    public bool IsList => _node is JsonArray;

    public string Where => $"{File}: {Path}";

    /// <summary>The value as text for error messages.</summary>
    public string? Given => _node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => _node.ToJsonString(),
    };

    public void Problem(string rule, string source = Sources.Platform) => Problems.Add(Where, Given, rule, source);

    public void Problem(RuleViolation violation) => Problems.Add(violation.At(Where, Given));

    public void ProblemAll(IEnumerable<RuleViolation> violations)
    {
        foreach (var violation in violations)
        {
            Problem(violation);
        }
    }

    public ConfigNode Child(string key)
    {
        var child = _node is JsonObject obj && obj.TryGetPropertyValue(key, out var value) ? value : null;
        return new ConfigNode(File, $"{Path}.{key}", child, Problems);
    }

    /// <summary>
    /// Whether the value is a mapping to read (false when it is missing or not a mapping); reports keys that are not
    /// in <paramref name="known"/>, with the right spelling for a key that differs only in case.
    /// </summary>
    public bool ExpectObject(params string[] known)
    {
        if (_node is null)
        {
            return false;
        }

        if (_node is not JsonObject obj)
        {
            Problem("expected a mapping of " + string.Join(", ", known));
            return false;
        }

        foreach (var (key, _) in obj)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                var close = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                Problems.Add($"{Where}.{key}", null, close is not null
                    ? $"keys are case-sensitive; did you mean \"{close}\"?"
                    : "unknown key; allowed here: " + string.Join(", ", known), Sources.Platform);
            }
        }

        return true;
    }

    public IReadOnlyList<ConfigNode> Items()
    {
        if (_node is null)
        {
            return [];
        }

        if (_node is not JsonArray array)
        {
            Problem("expected a list");
            return [];
        }

        return array.Select((item, i) => new ConfigNode(File, $"{Path}[{i}]", item, Problems)).ToList();
    }

    public IReadOnlyList<(string Key, ConfigNode Value)> Entries()
    {
        if (_node is null)
        {
            return [];
        }

        if (_node is not JsonObject obj)
        {
            Problem("expected a mapping");
            return [];
        }

        return obj.Select(e => (e.Key, new ConfigNode(File, $"{Path}.{e.Key}", e.Value, Problems))).ToList();
    }

    public string? String(bool required = false, string? fallback = null)
    {
        switch (_node)
        {
            case null:
                if (required)
                {
                    Problem("this key is required");
                }

                return fallback;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return v.ToJsonString();
            default:
                Problem("expected a single text value");
                return fallback;
        }
    }

    public int? Int(int? fallback = null, bool required = false)
    {
        switch (_node)
        {
            case null:
                if (required)
                {
                    Problem("this key is required");
                }

                return fallback;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) && n is >= int.MinValue and <= int.MaxValue:
                return (int)n;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var small):
                return small;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String
                && int.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                Problem("expected a whole number");
                return fallback;
        }
    }

    public bool Bool(bool fallback)
    {
        switch (_node)
        {
            case null:
                return fallback;
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return v.GetValue<bool>();
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && bool.TryParse(v.GetValue<string>(), out var parsed):
                return parsed;
            default:
                Problem("expected true or false");
                return fallback;
        }
    }

    /// <summary>A list of strings; a single string is taken as a list of one.</summary>
    public IReadOnlyList<string> Strings()
    {
        if (_node is null)
        {
            return [];
        }

        if (_node is JsonValue)
        {
            return String() is { } one ? [one] : [];
        }

        return Items().Select(i => i.String()).OfType<string>().ToList();
    }

    /// <summary>A mapping of string to string.</summary>
    public IReadOnlyDictionary<string, string> StringMap()
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries())
        {
            if (value.String(required: true) is { } text)
            {
                map[key] = text;
            }
        }

        return map;
    }
}
