using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Iam;

/// <summary>Writes and reads the JSON form of <see cref="PolicyDocument"/>.</summary>
internal static class PolicyJson
{
    private static readonly string[] DocumentKeys = ["Version", "Statement"];

    private static readonly string[] StatementKeys =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public static string Write(PolicyDocument document, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions
        {
            Indented = indented,
            NewLine = "\n",
            // Policies are never embedded in HTML; the default encoder would turn '+' in role names into \u002B
            // and inflate the size IAM counts.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", document.Version);
            writer.WritePropertyName("Statement");
            writer.WriteStartArray();
            foreach (var statement in document.Statements)
            {
                WriteStatement(writer, statement);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteStatement(Utf8JsonWriter writer, PolicyStatement statement)
    {
        writer.WriteStartObject();
        if (!string.IsNullOrEmpty(statement.Sid))
        {
            writer.WriteString("Sid", statement.Sid);
        }

        writer.WriteString("Effect", statement.Effect == PolicyEffect.Deny ? "Deny" : "Allow");
        WritePrincipals(writer, "Principal", statement.Principals);
        WritePrincipals(writer, "NotPrincipal", statement.NotPrincipals);
        WriteList(writer, "Action", statement.Actions);
        WriteList(writer, "NotAction", statement.NotActions);
        WriteList(writer, "Resource", statement.Resources);
        WriteList(writer, "NotResource", statement.NotResources);
        WriteConditions(writer, statement.Conditions);
        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WritePropertyName(name);
        WriteValues(writer, values);
    }

    private static void WriteValues(Utf8JsonWriter writer, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            writer.WriteStringValue(values[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WritePrincipals(Utf8JsonWriter writer, string name, IReadOnlyList<PolicyPrincipal> principals)
    {
        if (principals.Count == 0)
        {
            return;
        }

        if (principals.Count == 1 && principals[0].Type == PolicyPrincipal.AnyoneType)
        {
            writer.WriteString(name, "*");
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var group in GroupInOrder(principals, p => p.Type, p => p.Identifiers))
        {
            writer.WritePropertyName(group.Key);
            WriteValues(writer, group.Values);
        }

        writer.WriteEndObject();
    }

    private static void WriteConditions(Utf8JsonWriter writer, IReadOnlyList<PolicyCondition> conditions)
    {
        if (conditions.Count == 0)
        {
            return;
        }

        writer.WritePropertyName("Condition");
        writer.WriteStartObject();
        foreach (var byOperator in GroupInOrder<PolicyCondition, PolicyCondition>(conditions, c => c.Operator, c => [c]))
        {
            writer.WritePropertyName(byOperator.Key);
            writer.WriteStartObject();
            foreach (var byKey in GroupInOrder(byOperator.Values, c => c.Key, c => c.Values))
            {
                writer.WritePropertyName(byKey.Key);
                WriteValues(writer, byKey.Values);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Groups items by key in order of first appearance, concatenating their values without repeats.</summary>
    private static List<(string Key, List<TValue> Values)> GroupInOrder<TItem, TValue>(
        IEnumerable<TItem> items, Func<TItem, string> key, Func<TItem, IEnumerable<TValue>> values)
    {
        var groups = new List<(string Key, List<TValue> Values)>();
        foreach (var item in items)
        {
            var k = key(item);
            var index = groups.FindIndex(g => string.Equals(g.Key, k, StringComparison.Ordinal));
            if (index < 0)
            {
                groups.Add((k, []));
                index = groups.Count - 1;
            }

            foreach (var value in values(item))
            {
                if (!groups[index].Values.Contains(value))
                {
                    groups[index].Values.Add(value);
                }
            }
        }

        return groups;
    }

    /// <summary>
    /// Reads a document, adding a violation for everything that is not a well-formed policy. Returns null only when
    /// the text is not a JSON object; otherwise the best reading, so that the typed rules can still run.
    /// </summary>
    public static PolicyDocument? Read(string json, List<RuleViolation> problems)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            problems.Add(Problem($"The policy is not valid JSON ({ex.Message}); fix the syntax."));
            return null;
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Problem("A policy document is a JSON object with Version and Statement; the text is not an object."));
                return null;
            }

            string? version = null;
            var statements = new List<PolicyStatement>();
            foreach (var property in Properties(root, "The policy document", DocumentKeys, problems))
            {
                switch (property.Name)
                {
                    case "Version":
                        version = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                        break;
                    case "Statement":
                        ReadStatements(property.Value, statements, problems);
                        break;
                }
            }

            if (version is null)
            {
                problems.Add(Problem($"The policy has no Version; add \"Version\": \"{PolicyDocument.LanguageVersion}\" (without it IAM applies 2008-10-17, where policy variables such as ${{aws:userid}} are not replaced)."));
            }
            else if (!string.Equals(version, PolicyDocument.LanguageVersion, StringComparison.Ordinal))
            {
                problems.Add(Problem($"The policy Version is \"{version}\"; use \"{PolicyDocument.LanguageVersion}\"."));
            }

            return new PolicyDocument(statements);
        }
    }

    private static void ReadStatements(JsonElement element, List<PolicyStatement> statements, List<RuleViolation> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                statements.Add(ReadStatement(element, 0, problems));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        statements.Add(ReadStatement(item, index, problems));
                    }
                    else
                    {
                        problems.Add(Problem($"Statement[{index}] is not an object; write each statement as {{\"Effect\": ..., \"Action\": ..., ...}}."));
                    }

                    index++;
                }

                break;
            default:
                problems.Add(Problem("Statement must be an object or an array of objects."));
                break;
        }
    }

    private static PolicyStatement ReadStatement(JsonElement element, int index, List<RuleViolation> problems)
    {
        var where = $"Statement[{index}]";
        string? sid = null;
        PolicyEffect? effect = null;
        IReadOnlyList<PolicyPrincipal> principals = [], notPrincipals = [];
        IReadOnlyList<string> actions = [], notActions = [], resources = [], notResources = [];
        IReadOnlyList<PolicyCondition> conditions = [];

        foreach (var property in Properties(element, where, StatementKeys, problems))
        {
            var name = $"{where}.{property.Name}";
            switch (property.Name)
            {
                case "Sid":
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        sid = property.Value.GetString();
                    }
                    else
                    {
                        problems.Add(Problem($"{name} must be a string of letters and digits."));
                    }

                    break;
                case "Effect":
                    effect = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() switch
                    {
                        "Allow" => PolicyEffect.Allow,
                        "Deny" => PolicyEffect.Deny,
                        _ => null,
                    } : null;
                    if (effect is null)
                    {
                        problems.Add(Problem($"{name} is {property.Value.GetRawText()}; write \"Allow\" or \"Deny\" (case matters)."));
                        effect = PolicyEffect.Allow;
                    }

                    break;
                case "Principal":
                    principals = ReadPrincipals(property.Value, name, problems);
                    break;
                case "NotPrincipal":
                    notPrincipals = ReadPrincipals(property.Value, name, problems);
                    break;
                case "Action":
                    actions = ReadStrings(property.Value, name, problems);
                    break;
                case "NotAction":
                    notActions = ReadStrings(property.Value, name, problems);
                    break;
                case "Resource":
                    resources = ReadStrings(property.Value, name, problems);
                    break;
                case "NotResource":
                    notResources = ReadStrings(property.Value, name, problems);
                    break;
                case "Condition":
                    conditions = ReadConditions(property.Value, name, problems);
                    break;
            }
        }

        if (effect is null)
        {
            problems.Add(Problem($"{where}{(sid is null ? "" : $" (Sid \"{sid}\")")} has no Effect; add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"."));
        }

        return new PolicyStatement
        {
            Sid = sid,
            // A statement without Effect is already reported; read it as Allow so the least-privilege rules still look at it.
            Effect = effect ?? PolicyEffect.Allow,
            Principals = principals,
            NotPrincipals = notPrincipals,
            Actions = actions,
            NotActions = notActions,
            Resources = resources,
            NotResources = notResources,
            Conditions = conditions,
        };
    }

    private static List<PolicyPrincipal> ReadPrincipals(JsonElement element, string where, List<RuleViolation> problems)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            if (element.GetString() == "*")
            {
                return [PolicyPrincipal.Anyone];
            }

            problems.Add(Problem($"{where} is a string other than \"*\"; write an object such as {{\"Service\": \"ec2.amazonaws.com\"}} or {{\"AWS\": \"arn:aws:iam::123456789012:root\"}}."));
            return [];
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Problem($"{where} must be \"*\" or an object of principal type to identifiers."));
            return [];
        }

        var principals = new List<PolicyPrincipal>();
        foreach (var property in Properties(element, where, null, problems))
        {
            principals.Add(new PolicyPrincipal(property.Name, ReadStrings(property.Value, $"{where}.{property.Name}", problems)));
        }

        return principals;
    }

    private static List<PolicyCondition> ReadConditions(JsonElement element, string where, List<RuleViolation> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Problem($"{where} must be an object of operator to {{key: value}}, e.g. {{\"StringEquals\": {{\"aws:SourceAccount\": \"123456789012\"}}}}."));
            return [];
        }

        var conditions = new List<PolicyCondition>();
        foreach (var byOperator in Properties(element, where, null, problems))
        {
            var operatorWhere = $"{where}.{byOperator.Name}";
            if (byOperator.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Problem($"{operatorWhere} must be an object of condition key to value."));
                continue;
            }

            foreach (var byKey in Properties(byOperator.Value, operatorWhere, null, problems))
            {
                conditions.Add(new PolicyCondition(byOperator.Name, byKey.Name, ReadStrings(byKey.Value, $"{operatorWhere}.{byKey.Name}", problems, scalars: true)));
            }
        }

        return conditions;
    }

    private static List<string> ReadStrings(JsonElement element, string where, List<RuleViolation> problems, bool scalars = false)
    {
        if (TryScalar(element, scalars, out var single))
        {
            return [single];
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            var values = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                if (TryScalar(item, scalars, out var value))
                {
                    values.Add(value);
                }
                else
                {
                    problems.Add(Problem($"{where} holds {item.GetRawText()}; every item must be a string."));
                }
            }

            return values;
        }

        problems.Add(Problem($"{where} must be a string or an array of strings."));
        return [];
    }

    private static bool TryScalar(JsonElement element, bool scalars, out string value)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                value = element.GetString() ?? "";
                return true;
            case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number when scalars:
                value = element.GetRawText();
                return true;
            default:
                value = "";
                return false;
        }
    }

    /// <summary>The object's properties, reporting repeated names and, when <paramref name="allowed"/> is given, unknown ones.</summary>
    private static List<JsonProperty> Properties(JsonElement element, string where, string[]? allowed, List<RuleViolation> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                problems.Add(Problem($"{where} has \"{property.Name}\" twice; JSON readers keep only one of them, so merge them."));
                continue;
            }

            if (allowed is not null && !allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add(Problem(string.Create(CultureInfo.InvariantCulture,
                    $"{where} has \"{property.Name}\", which is not supported here; use only {string.Join(", ", allowed)} (names are case-sensitive).")));
                continue;
            }

            result.Add(property);
        }

        return result;
    }

    private static RuleViolation Problem(string rule) => new(rule, Sources.IamPolicy);
}
