using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Infra.Core.Aws;
using Infra.Core.Problems;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Infra.Core.Documents.DocumentRules;

namespace Infra.Core.Documents;

/// <summary>
/// Checks the text of one SSM Command document (schema 2.2) and collects every problem, each with its line and key path.
/// </summary>
/// <remarks>
/// Rules come from the SSM API (CreateDocument), the SSM User Guide (schema 2.2, plugin reference, parameters) and,
/// where the guide is silent and the agent is stricter, from SSM Agent's source: a document the agent would
/// silently misread (a dropped parameter, an ignored timeout, an ignored onFailure) is reported as a problem.
/// </remarks>
internal sealed partial class CommandDocumentValidator(string file, string content)
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    // Readable JSON for StringList defaults: '+', '<' and non-ASCII letters are kept as they are.
    private static readonly JsonSerializerOptions JsonText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<(long Line, ConfigProblem Problem)> _problems = [];
    private readonly Dictionary<string, Declared> _declared = new(StringComparer.Ordinal);
    private readonly List<DocumentParameter> _parameters = [];
    private string _description = string.Empty;

    /// <summary>The outcome for one document.</summary>
    /// <param name="Description">The top-level description, or empty.</param>
    /// <param name="Parameters">The declared parameters, in the order written.</param>
    /// <param name="Problems">Every problem, ordered by line.</param>
    public sealed record Result(string Description, IReadOnlyList<DocumentParameter> Parameters, IReadOnlyList<ConfigProblem> Problems);

    private sealed record Declared(IReadOnlyList<string> AllowedValues);

    /// <summary>Runs every check.</summary>
    public Result Validate()
    {
        CheckSize();
        var root = Load();
        if (root is not null)
        {
            CheckTopLevel(root);
        }

        var ordered = _problems
            .Select((entry, index) => (entry.Line, Index: index, entry.Problem))
            .OrderBy(entry => entry.Line)
            .ThenBy(entry => entry.Index)
            .Select(entry => entry.Problem)
            .ToList();
        return new Result(_description, _parameters, ordered);
    }

    // ---- file level -------------------------------------------------------------------------------------------

    private void CheckSize()
    {
        var bytes = Encoding.UTF8.GetByteCount(content);
        if (bytes > MaxContentBytes)
        {
            _problems.Add((0, new ConfigProblem(file, Invariant($"{bytes} bytes"),
                Invariant($"The content of an SSM document must not exceed 64 KB ({MaxContentBytes} bytes of UTF-8); the quota also counts parameter values given at run time, so leave room"),
                Sources.SsmDocumentApi)));
        }
    }

    private YamlNode? Load()
    {
        var parser = new TrackingParser(new Parser(new StringReader(content)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // YamlDotNet places tab errors at the start of the enclosing mapping; the offending line is more useful.
            var line = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? FirstTabIndentedLine() ?? e.Start.Line : e.Start.Line;
            AddParseProblem(line, e.Message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this without a position for some malformed flow collections.
            AddParseProblem(parser.LastGoodLine, "the YAML parser stopped after this line (an unclosed [ ] or { }, or a stray character)");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            Add(1, file, null,
                "The file holds no YAML document; a Command document needs at least schemaVersion and mainSteps",
                Sources.SsmDocumentApi);
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            Add(second, "(second YAML document)", "---",
                "A file holds exactly one SSM document; remove the second YAML document (after ---) or move it to its own file",
                Sources.SsmDocumentApi);
        }

        return stream.Documents[0].RootNode;
    }

    private long? FirstTabIndentedLine()
    {
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i][..indent].Contains('\t', StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    private void AddParseProblem(long line, string message)
    {
        var lines = content.Split('\n');
        var text = line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r').Trim() : null;
        Add(line, Invariant($"{file} line {line}"), text is null ? null : YamlNodes.Shorten(text),
            $"The file is not valid YAML: {message.TrimEnd('.')}", Yaml);
    }

    // ---- top level ---------------------------------------------------------------------------------------------

    private void CheckTopLevel(YamlNode root)
    {
        if (root is not YamlMappingNode top)
        {
            Add(root, "(top level)", YamlNodes.Given(root),
                "A Command document is a mapping with schemaVersion, description, parameters and mainSteps", Schema);
            return;
        }

        YamlNode? parameters = null;
        YamlNode? mainSteps = null;
        var sawSchemaVersion = false;
        foreach (var (key, keyNode, value) in Entries(top, string.Empty))
        {
            switch (key)
            {
                case "schemaVersion":
                    sawSchemaVersion = true;
                    CheckSchemaVersion(value);
                    break;
                case "description":
                    _description = String(value, "description", "The document description", Schema) ?? string.Empty;
                    break;
                case "parameters":
                    parameters = value;
                    break;
                case "mainSteps":
                    mainSteps = value;
                    break;
                case "runtimeConfig":
                    Add(keyNode, key, key,
                        "runtimeConfig belongs to schema 1.2; a schema 2.2 document lists its plugins as steps under mainSteps",
                        Schema);
                    break;
                case "outputs" or "files" or "assumeRole":
                    Add(keyNode, key, key,
                        $"{key} is an Automation runbook (schema 0.3) element; Command documents (schema 2.2) have only schemaVersion, description, parameters and mainSteps",
                        Schema);
                    break;
                default:
                    Add(keyNode, key, key,
                        "Unknown top-level key; a Command document (schema 2.2) has only schemaVersion, description, parameters and mainSteps",
                        Schema);
                    break;
            }
        }

        if (!sawSchemaVersion)
        {
            Add(top, "schemaVersion", null, "schemaVersion is required; platform Command documents use '2.2'", Schema);
        }

        // Parameters first, whatever the order in the file: the steps' {{ }} references are checked against them.
        if (parameters is not null)
        {
            CheckParameters(parameters);
        }

        if (mainSteps is null)
        {
            Add(top, "mainSteps", null, "mainSteps is required: the list of steps the document runs, in order", Schema);
        }
        else
        {
            CheckMainSteps(mainSteps);
        }
    }

    private void CheckSchemaVersion(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            Add(node, "schemaVersion", YamlNodes.Given(node), "schemaVersion is the string '2.2'", Schema);
            return;
        }

        var value = scalar.Value ?? string.Empty;
        if (value != SchemaVersion)
        {
            Add(node, "schemaVersion", value,
                "Platform Command documents use schema version '2.2' (1.2 and 2.0 have no preconditions or shared inputs; 0.3 is for Automation runbooks)",
                Schema);
        }
        else if (YamlNodes.KindOf(scalar) != ScalarKind.String)
        {
            Add(node, "schemaVersion", value,
                "Quote the schema version ('2.2'): unquoted, YAML reads 2.2 as a number, and SSM expects the string",
                DocumentRules.Both(Schema, Yaml));
        }
    }

    // ---- parameters --------------------------------------------------------------------------------------------

    private void CheckParameters(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            Add(node, "parameters", YamlNodes.Given(node),
                "parameters is a mapping from each parameter's name to its definition", ParameterSyntax);
            return;
        }

        foreach (var (name, keyNode, value) in Entries(map, "parameters"))
        {
            var path = "parameters." + name;
            // AWS publishes no pattern for parameter names, but SSM Agent drops any parameter whose name is not
            // ^[a-zA-Z0-9]+$ and leaves its {{ }} references unreplaced. The leading letter (it also names the
            // SSM_<name> environment variable) and the 128-character cap are the platform's choice.
            if (!ParameterNamePattern().IsMatch(name))
            {
                Add(keyNode, path, name,
                    "A parameter name is letters and digits only, starting with a letter, at most 128 characters (^[A-Za-z][A-Za-z0-9]{0,127}$): SSM Agent ignores parameters with other names (no '_' or '-') and never replaces their {{ }} references",
                    DocumentRules.Both(AgentParameters, Sources.Platform));
            }

            CheckParameter(name, path, value);
        }
    }

    private void CheckParameter(string name, string path, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            Add(node, path, YamlNodes.Given(node),
                "A parameter is a mapping with at least its type, e.g. { type: String, description: ... }", ParameterSyntax);
            _declared[name] = new Declared([]);
            return;
        }

        string? type = null;
        string description = string.Empty;
        YamlNode? defaultNode = null;
        YamlNode? allowedValuesNode = null;
        YamlNode? patternNode = null;
        (int Value, YamlNode Node)? minItems = null, maxItems = null, minChars = null, maxChars = null;
        var sawType = false;

        foreach (var (key, keyNode, value) in Entries(map, path))
        {
            var keyPath = path + "." + key;
            switch (key)
            {
                case "type":
                    sawType = true;
                    type = CheckParameterType(value, keyPath);
                    break;
                case "description":
                    description = String(value, keyPath, "A parameter description", ParameterSyntax) ?? string.Empty;
                    break;
                case "default":
                    defaultNode = value;
                    break;
                case "allowedValues":
                    allowedValuesNode = value;
                    break;
                case "allowedPattern":
                    patternNode = value;
                    break;
                case "displayType":
                    var display = String(value, keyPath, "displayType", ParameterSyntax);
                    if (display is not null and not "textfield" and not "textarea")
                    {
                        Add(value, keyPath, display, "displayType is textfield (one line) or textarea (several lines)", ParameterSyntax);
                    }

                    break;
                case "minItems":
                    minItems = Count(value, keyPath);
                    break;
                case "maxItems":
                    maxItems = Count(value, keyPath);
                    break;
                case "minChars":
                    minChars = Count(value, keyPath);
                    break;
                case "maxChars":
                    maxChars = Count(value, keyPath);
                    break;
                case "interpolationType":
                    var interpolation = String(value, keyPath, "interpolationType", ParameterSyntax);
                    if (interpolation is not null and not "ENV_VAR")
                    {
                        Add(value, keyPath, interpolation,
                            "interpolationType takes the single value ENV_VAR (the value reaches the script as the environment variable SSM_<name>)",
                            ParameterSyntax);
                    }

                    break;
                default:
                    Add(keyNode, keyPath, key,
                        "Unknown parameter property; a Command document parameter takes type, description, default, allowedValues, allowedPattern, displayType, minItems, maxItems, minChars, maxChars and interpolationType",
                        ParameterSyntax);
                    break;
            }
        }

        if (!sawType)
        {
            Add(map, path + ".type", null, "Every parameter needs a type: String or StringList", ParameterSyntax);
        }

        var effectiveType = type ?? "String";
        var pattern = patternNode is null ? null : CheckAllowedPattern(patternNode, path + ".allowedPattern");
        var allowedValues = allowedValuesNode is null
            ? []
            : CheckAllowedValues(allowedValuesNode, path + ".allowedValues", pattern);
        var (defaultText, defaultItems) = defaultNode is null
            ? (null, null)
            : CheckDefault(defaultNode, path + ".default", effectiveType);

        CheckBounds(path, minItems, maxItems, "minItems", "maxItems");
        CheckBounds(path, minChars, maxChars, "minChars", "maxChars");
        if (effectiveType == "String")
        {
            foreach (var (key, limit) in new[] { ("minItems", minItems), ("maxItems", maxItems) })
            {
                if (limit is { } set)
                {
                    Add(set.Node, path + "." + key, Invariant($"{set.Value}"),
                        $"{key} applies only to StringList parameters; SSM Agent ignores it on a String",
                        DocumentRules.Both(ParameterSyntax, AgentParameterValidation));
                }
            }
        }

        if (defaultItems is not null && defaultNode is not null)
        {
            CheckDefaultValues(defaultNode, path + ".default", defaultItems, effectiveType, pattern, allowedValues,
                (minChars?.Value, maxChars?.Value), (minItems?.Value, maxItems?.Value));
        }

        _declared[name] = new Declared(allowedValues);
        _parameters.Add(new DocumentParameter(name, type ?? string.Empty, defaultText, allowedValues, pattern?.Text, description));
    }

    private string? CheckParameterType(YamlNode value, string path)
    {
        var type = String(value, path, "The parameter type", ParameterSyntax);
        switch (type)
        {
            case null:
                return null;
            case "String" or "StringList":
                return type;
            default:
                var rule = OtherParameterTypes.Contains(type)
                    ? $"Command documents support only the String and StringList parameter types, not {type}; pass it as a String (with an allowedPattern) and convert it in the script"
                    : "The parameter type must be String or StringList (the only types Command documents support)";
                Add(value, path, type, rule, DocumentRules.Both(ParameterSyntax, "SSM API: DocumentParameterType"));
                return null;
        }
    }

    private (Regex? Regex, string Text)? CheckAllowedPattern(YamlNode node, string path)
    {
        var text = String(node, path, "allowedPattern", ParameterSyntax);
        if (text is null)
        {
            return null;
        }

        // The pattern is checked by Java's regex library at the API and by Go's regexp (RE2) on the agent, so it
        // must be valid in both; RE2 has no lookaround, backreferences, atomic groups or possessive quantifiers.
        if (Re2UnsupportedPattern().Match(text) is { Success: true } unsupported)
        {
            Add(node, path, text,
                $"allowedPattern uses '{unsupported.Value}', which Go's regexp (used by SSM Agent to check values) does not support: no lookahead/lookbehind, backreferences, atomic groups or possessive quantifiers",
                DocumentRules.Both(ParameterSyntax, AgentParameterValidation));
            return (null, text);
        }

        try
        {
            return (new Regex(text, RegexOptions.CultureInvariant, PatternTimeout), text);
        }
        catch (ArgumentException e)
        {
            Add(node, path, text, $"allowedPattern is not a valid regular expression: {e.Message}", ParameterSyntax);
            return (null, text);
        }
    }

    private List<string> CheckAllowedValues(YamlNode node, string path, (Regex? Regex, string Text)? pattern)
    {
        var values = new List<string>();
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            Add(node, path, YamlNodes.Given(node), "allowedValues is a non-empty list of strings", ParameterSyntax);
            return values;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = Invariant($"{path}[{i}]");
            var value = String(sequence.Children[i], itemPath, "An allowed value", ParameterSyntax);
            if (value is null)
            {
                continue;
            }

            values.Add(value);
            if (pattern is { Regex: { } regex } && !Matches(regex, value))
            {
                Add(sequence.Children[i], itemPath, value,
                    $"This allowed value does not match the parameter's allowedPattern {pattern.Value.Text}, so it could never be used",
                    DocumentRules.Both(ParameterSyntax, AgentParameterValidation));
            }
        }

        return values;
    }

    /// <summary>
    /// Returns the default as <see cref="DocumentParameter.Default"/> records it, and the values to check against the
    /// parameter's other properties (none for a Parameter Store reference, which is resolved at run time).
    /// </summary>
    private (string? Text, List<(YamlNode Node, string Value)>? Items) CheckDefault(YamlNode node, string path, string type)
    {
        if (type == "StringList")
        {
            if (node is YamlScalarNode reference && YamlNodes.KindOf(reference) == ScalarKind.String
                && SsmReferencePattern().IsMatch(reference.Value ?? string.Empty))
            {
                // A Parameter Store StringList, resolved when the document runs (SSM User Guide example).
                return (reference.Value, null);
            }

            if (node is not YamlSequenceNode sequence)
            {
                Add(node, path, YamlNodes.Given(node),
                    "A StringList default is a list of strings (or a single {{ ssm:name }} Parameter Store reference)",
                    ParameterSyntax);
                return (string.Empty, null);
            }

            var items = new List<(YamlNode, string)>();
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var value = String(sequence.Children[i], Invariant($"{path}[{i}]"), "A StringList default item", ParameterSyntax);
                if (value is not null)
                {
                    items.Add((sequence.Children[i], value));
                }
            }

            return (JsonSerializer.Serialize(items.Select(item => item.Item2).ToArray(), JsonText), items);
        }

        var text = String(node, path, "A String parameter's default", ParameterSyntax);
        if (text is null)
        {
            return (string.Empty, null);
        }

        return SsmReferencePattern().IsMatch(text) ? (text, null) : (text, [(node, text)]);
    }

    private void CheckDefaultValues(YamlNode defaultNode, string path, List<(YamlNode Node, string Value)> items, string type,
        (Regex? Regex, string Text)? pattern, List<string> allowedValues, (int? Min, int? Max) chars, (int? Min, int? Max) count)
    {
        var source = DocumentRules.Both(ParameterSyntax, AgentParameterValidation);
        foreach (var (node, value) in items)
        {
            if (pattern is { Regex: { } regex } && !Matches(regex, value))
            {
                Add(node, path, value,
                    $"The default does not match the parameter's own allowedPattern {pattern.Value.Text}, so every run that relies on it fails",
                    source);
            }

            if (allowedValues.Count > 0 && !allowedValues.Contains(value, StringComparer.Ordinal))
            {
                Add(node, path, value,
                    $"The default is not one of the parameter's allowedValues ({string.Join(", ", allowedValues)})", source);
            }

            if (value.Length < (chars.Min ?? 0) || value.Length > (chars.Max ?? int.MaxValue))
            {
                Add(node, path, value,
                    Invariant($"The default has {value.Length} characters, outside the parameter's minChars/maxChars ({chars.Min ?? 0} to {(chars.Max is { } max ? max.ToString(CultureInfo.InvariantCulture) : "any")})"),
                    source);
            }
        }

        if (type == "StringList" && (items.Count < (count.Min ?? 0) || items.Count > (count.Max ?? int.MaxValue)))
        {
            Add(defaultNode, path, Invariant($"{items.Count} items"),
                "The default's number of items is outside the parameter's minItems/maxItems", source);
        }
    }

    private (int Value, YamlNode Node)? Count(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar && YamlNodes.KindOf(scalar) == ScalarKind.Integer
            && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return (count, node);
        }

        Add(node, path, YamlNodes.Given(node), "This limit is a whole number, 0 or more, written without quotes", ParameterSyntax);
        return null;
    }

    private void CheckBounds(string path, (int Value, YamlNode Node)? min, (int Value, YamlNode Node)? max, string minName, string maxName)
    {
        if (min is { } low && max is { } high && low.Value > high.Value)
        {
            Add(low.Node, path + "." + minName, Invariant($"{low.Value}"),
                Invariant($"{minName} ({low.Value}) is larger than {maxName} ({high.Value}), so no value can pass"),
                ParameterSyntax);
        }
    }

    private static bool Matches(Regex regex, string value)
    {
        try
        {
            // Go's MatchString, which the agent uses, finds a match anywhere: anchor patterns with ^ and $.
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    // ---- steps -------------------------------------------------------------------------------------------------

    private void CheckMainSteps(YamlNode node)
    {
        if (node is not YamlSequenceNode steps)
        {
            Add(node, "mainSteps", YamlNodes.Given(node), "mainSteps is a list of steps, each with action, name and inputs", Schema);
            return;
        }

        if (steps.Children.Count == 0)
        {
            Add(node, "mainSteps", "[]", "mainSteps needs at least one step", Schema);
            return;
        }

        var names = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < steps.Children.Count; i++)
        {
            CheckStep(steps.Children[i], Invariant($"mainSteps[{i}]"), i == steps.Children.Count - 1, names);
        }
    }

    private void CheckStep(YamlNode node, string path, bool isLast, Dictionary<string, long> names)
    {
        if (node is not YamlMappingNode step)
        {
            Add(node, path, YamlNodes.Given(node), "A step is a mapping with action, name and inputs (and optionally precondition)", Schema);
            return;
        }

        string? action = null;
        YamlNode? inputs = null;
        YamlNode? precondition = null;
        bool sawAction = false, sawName = false;
        foreach (var (key, keyNode, value) in Entries(step, path))
        {
            var keyPath = path + "." + key;
            switch (key)
            {
                case "action":
                    sawAction = true;
                    action = CheckAction(value, keyPath);
                    break;
                case "name":
                    sawName = true;
                    CheckStepName(value, keyPath, names);
                    break;
                case "inputs":
                    inputs = value;
                    break;
                case "precondition":
                    precondition = value;
                    break;
                case "onFailure" or "onSuccess" or "finallyStep":
                    Add(keyNode, keyPath, key,
                        $"{key} is a shared input: write it under the step's inputs. SSM Agent reads it only from inputs and silently ignores it here",
                        DocumentRules.Both(Schema, AgentSteps));
                    break;
                case "timeoutSeconds":
                    Add(keyNode, keyPath, key,
                        "timeoutSeconds is an input of the script plugins: write it under inputs. At step level SSM Agent ignores it",
                        DocumentRules.Both(Schema, AgentSteps));
                    break;
                case "maxAttempts" or "isEnd" or "nextStep" or "isCritical" or "description":
                    Add(keyNode, keyPath, key,
                        $"{key} is an Automation runbook step property; a Command document step has only action, name, inputs and precondition",
                        Schema);
                    break;
                default:
                    Add(keyNode, keyPath, key,
                        "Unknown step key; a Command document step has only action, name, inputs and precondition (onFailure, onSuccess and finallyStep go under inputs)",
                        Schema);
                    break;
            }
        }

        if (!sawAction)
        {
            Add(step, path + ".action", null, "Every step needs an action: the plugin it runs, e.g. aws:runShellScript", Schema);
        }

        if (!sawName)
        {
            Add(step, path + ".name", null, "Every step needs a name, unique within the document", Schema);
        }

        if (inputs is null)
        {
            Add(step, path + ".inputs", null, "Every step needs inputs: the plugin's settings, e.g. runCommand for aws:runShellScript", Schema);
        }
        else
        {
            CheckInputs(inputs, path + ".inputs", action, isLast);
            CheckReferences(inputs, path + ".inputs", action);
        }

        if (precondition is not null)
        {
            CheckPrecondition(precondition, path + ".precondition");
            CheckReferences(precondition, path + ".precondition", action);
        }
    }

    private string? CheckAction(YamlNode node, string path)
    {
        var action = String(node, path, "The action", Schema);
        if (action is null || CommandPlugins.Contains(action))
        {
            return action;
        }

        var plugins = string.Join(", ", CommandPlugins.Order(StringComparer.Ordinal));
        var sameButCase = CommandPlugins.FirstOrDefault(p => p.Equals(action, StringComparison.OrdinalIgnoreCase));
        var rule = sameButCase is not null
            ? $"Plugin names are case-sensitive: write {sameButCase}"
            : AutomationActions.Contains(action)
                ? $"{action} is an Automation action, not a Command document plugin; a Command document runs one of: {plugins}"
                : $"Unknown plugin; a Command document step runs one of: {plugins}";
        Add(node, path, action, rule, Schema);
        return null;
    }

    private void CheckStepName(YamlNode node, string path, Dictionary<string, long> names)
    {
        var name = String(node, path, "The step name", Schema);
        if (name is null)
        {
            return;
        }

        // AWS publishes no pattern for step names. SSM Agent uses the name as a directory name on the instance and in
        // S3 output keys, so the platform allows only ^[a-zA-Z0-9_]{1,128}$, the set AWS's own documents use.
        if (!StepNamePattern().IsMatch(name))
        {
            Add(node, path, name,
                "A step name is 1 to 128 letters, digits and underscores (^[a-zA-Z0-9_]{1,128}$); SSM Agent uses it as a directory name and in S3 output keys",
                DocumentRules.Both(Schema, Sources.Platform));
        }

        // Compared without case: the directory names collide on case-insensitive file systems (Windows, macOS).
        if (names.TryGetValue(name, out var firstLine))
        {
            Add(node, path, name,
                Invariant($"Step names must be unique within the document (ignoring case); line {firstLine} already uses it"),
                DocumentRules.Both(Schema, Sources.Platform));
        }
        else
        {
            names[name] = YamlNodes.Line(node);
        }
    }

    private void CheckInputs(YamlNode node, string path, string? action, bool isLast)
    {
        if (node is not YamlMappingNode inputs)
        {
            Add(node, path, YamlNodes.Given(node), "inputs is a mapping of the plugin's settings", Schema);
            return;
        }

        var isScript = action is not null && ScriptPlugins.Contains(action);
        var sawRunCommand = false;
        foreach (var (key, keyNode, value) in Entries(inputs, path))
        {
            var keyPath = path + "." + key;
            switch (key)
            {
                case "onFailure":
                    var onFailure = String(value, keyPath, "onFailure", Schema);
                    if (onFailure is not null and not "exit" and not "successAndExit")
                    {
                        Add(value, keyPath, onFailure, "onFailure is exit or successAndExit (SSM Agent 3.0.502 or later)", Schema);
                    }

                    break;
                case "onSuccess":
                    var onSuccess = String(value, keyPath, "onSuccess", Schema);
                    if (onSuccess is not null and not "exit")
                    {
                        Add(value, keyPath, onSuccess, "onSuccess takes only the value exit (SSM Agent 3.0.502 or later)", Schema);
                    }

                    break;
                case "finallyStep":
                    if (value is not YamlScalarNode flag || YamlNodes.KindOf(flag) != ScalarKind.Boolean
                        || flag.Value is not ("true" or "false"))
                    {
                        Add(value, keyPath, YamlNodes.Given(value), "finallyStep is the boolean true or false, without quotes", Schema);
                    }
                    else if (flag.Value == "true" && !isLast)
                    {
                        Add(value, keyPath, "true",
                            "finallyStep works only on the last step of mainSteps; SSM Agent ignores it on any other step",
                            DocumentRules.Both(Schema, AgentSteps));
                    }

                    break;
                case "runCommand" when isScript:
                    sawRunCommand = true;
                    CheckRunCommand(value, keyPath);
                    break;
                case "timeoutSeconds" when isScript:
                    CheckTimeout(value, keyPath);
                    break;
                case "workingDirectory" when isScript:
                    String(value, keyPath, "workingDirectory", Schema);
                    break;
                default:
                    if (isScript)
                    {
                        Add(keyNode, keyPath, key,
                            $"Unknown input for {action}; it takes runCommand, timeoutSeconds and workingDirectory, plus the shared inputs onFailure, onSuccess and finallyStep",
                            Schema);
                    }

                    break;
            }
        }

        if (isScript && !sawRunCommand)
        {
            Add(inputs, path + ".runCommand", null, $"{action} needs runCommand: the script's lines", Schema);
        }
    }

    private void CheckRunCommand(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar && YamlNodes.KindOf(scalar) == ScalarKind.String
            && SingleReferencePattern().IsMatch(scalar.Value ?? string.Empty))
        {
            return;
        }

        if (node is not YamlSequenceNode lines)
        {
            Add(node, path, YamlNodes.Given(node),
                "runCommand is a list of script lines (a YAML sequence, e.g. a single '- |' block), or a single {{ parameter }} reference",
                Schema);
            return;
        }

        if (lines.Children.Count == 0)
        {
            Add(node, path, "[]", "runCommand needs at least one line", Schema);
            return;
        }

        for (var i = 0; i < lines.Children.Count; i++)
        {
            var line = lines.Children[i];
            var linePath = Invariant($"{path}[{i}]");
            if (line is not YamlScalarNode text)
            {
                Add(line, linePath, YamlNodes.Given(line), "Each runCommand item is one string (one or more script lines)", Schema);
            }
            else if (YamlNodes.KindOf(text) != ScalarKind.String)
            {
                Add(line, linePath, text.Value,
                    $"YAML reads this unquoted line as a {YamlNodes.Describe(YamlNodes.KindOf(text))}, and SSM Agent drops runCommand items that are not strings; quote it",
                    DocumentRules.Both(Yaml, AgentScripts));
            }
        }
    }

    private void CheckTimeout(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar)
        {
            var value = scalar.Value ?? string.Empty;
            var kind = YamlNodes.KindOf(scalar);
            if (kind == ScalarKind.String && SingleReferencePattern().IsMatch(value))
            {
                return;
            }

            if ((kind is ScalarKind.String or ScalarKind.Integer)
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= MinTimeoutSeconds and <= MaxTimeoutSeconds)
            {
                return;
            }
        }

        Add(node, path, YamlNodes.Given(node),
            Invariant($"timeoutSeconds is a whole number of seconds from {MinTimeoutSeconds} to {MaxTimeoutSeconds} (48 hours), or a {{{{ parameter }}}} reference; SSM Agent silently replaces any other value by 3600"),
            DocumentRules.Both(Schema, AgentScripts));
    }

    private void CheckPrecondition(YamlNode node, string path)
    {
        const string form = "precondition is { StringEquals: [platformType, Linux] } (or MacOS, Windows), or { StringEquals: [\"{{ parameter }}\", value] }";
        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Add(node, path, YamlNodes.Given(node), form, DocumentRules.Both(Schema, AgentSteps));
            return;
        }

        var entries = Entries(map, path).ToList();
        if (entries.Count > 1)
        {
            Add(map, path, Invariant($"{entries.Count} operators"),
                "A precondition has exactly one operator, StringEquals", DocumentRules.Both(Schema, AgentSteps));
        }

        foreach (var (op, keyNode, value) in entries)
        {
            var opPath = path + "." + op;
            if (op != "StringEquals")
            {
                Add(keyNode, opPath, op,
                    "Only the StringEquals operator is supported in preconditions; SSM Agent fails the step on any other",
                    DocumentRules.Both(Schema, AgentSteps));
                continue;
            }

            if (value is not YamlSequenceNode operands || operands.Children.Count != 2)
            {
                var given = value is YamlSequenceNode many ? Invariant($"{many.Children.Count} items") : YamlNodes.Given(value);
                Add(value, opPath, given,
                    "StringEquals takes exactly 2 strings: [platformType, Linux|MacOS|Windows] or [\"{{ parameter }}\", value]",
                    DocumentRules.Both(Schema, AgentSteps));
                continue;
            }

            var first = String(operands.Children[0], opPath + "[0]", "A StringEquals operand", Schema);
            var second = String(operands.Children[1], opPath + "[1]", "A StringEquals operand", Schema);
            if (first is null || second is null)
            {
                continue;
            }

            CheckOperands(operands, opPath, first, second);
        }
    }

    private void CheckOperands(YamlSequenceNode operands, string path, string first, string second)
    {
        var source = DocumentRules.Both(Schema, AgentSteps);
        if (first == "platformType")
        {
            if (!PlatformTypes.Contains(second))
            {
                Add(operands.Children[1], path + "[1]", second,
                    "platformType is compared with Linux, MacOS or Windows (written exactly so, without parameters)", source);
            }

            return;
        }

        var reference = SingleReferencePattern().Match(first);
        if (!reference.Success)
        {
            Add(operands.Children[0], path + "[0]", first,
                "The first StringEquals operand is platformType or a single {{ parameter }} reference", source);
            return;
        }

        if (StoreReferencePattern().IsMatch(second))
        {
            Add(operands.Children[1], path + "[1]", second,
                "Precondition operands can't contain Parameter Store references; SSM Agent fails the step", source);
        }
        else if (second == first)
        {
            Add(operands.Children[1], path + "[1]", second, "The two StringEquals operands must differ; SSM Agent fails the step", source);
        }
        else if (second == "platformType")
        {
            Add(operands.Children[1], path + "[1]", second, "Write platformType first: [platformType, Linux]", source);
        }
        else if (_declared.TryGetValue(reference.Groups[1].Value, out var declared) && declared.AllowedValues.Count > 0
                 && !ParameterReferencePattern().IsMatch(second) && !declared.AllowedValues.Contains(second, StringComparer.Ordinal))
        {
            Add(operands.Children[1], path + "[1]", second,
                $"The parameter never has this value (its allowedValues are {string.Join(", ", declared.AllowedValues)}), so the step would never run",
                DocumentRules.Both(Schema, ParameterSyntax));
        }
    }

    // ---- {{ }} references -------------------------------------------------------------------------------------

    private void CheckReferences(YamlNode node, string path, string? action)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                CheckReferencesIn(scalar, path, action);
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    CheckReferences(sequence.Children[i], Invariant($"{path}[{i}]"), action);
                }

                break;
            case YamlMappingNode mapping:
                foreach (var pair in mapping.Children)
                {
                    var key = (pair.Key as YamlScalarNode)?.Value ?? "?";
                    CheckReferences(pair.Value, path + "." + key, action);
                }

                break;
        }
    }

    private void CheckReferencesIn(YamlScalarNode scalar, string path, string? action)
    {
        var text = scalar.Value ?? string.Empty;
        foreach (Match match in BracesPattern().Matches(text))
        {
            var inner = match.Groups[1].Value;
            var line = YamlNodes.LineWithin(scalar, match.Index);
            var where = Invariant($"{file} line {line}: {path}");
            if (inner.StartsWith("ssm:", StringComparison.Ordinal))
            {
                if (!SsmReferencePattern().IsMatch(match.Value))
                {
                    Add(line, where, match.Value,
                        "A Parameter Store reference is {{ssm:name}} with a name of letters, digits and / _ . : -",
                        AgentParameterStore);
                }
            }
            else if (inner.StartsWith("ssm-secure:", StringComparison.Ordinal))
            {
                if (action != "aws:downloadContent")
                {
                    Add(line, where, match.Value,
                        "SecureString references ({{ssm-secure:...}}) are not resolved in Command document steps (only in aws:downloadContent's sourceInfo); read the secret in the script with aws ssm get-parameter --with-decryption",
                        DocumentRules.Both(ParameterSyntax, AgentParameterStore));
                }
            }
            else if (ParameterTokenPattern().IsMatch(inner))
            {
                if (!_declared.ContainsKey(inner))
                {
                    var declared = _declared.Count == 0 ? "none" : string.Join(", ", _declared.Keys);
                    Add(line, where, match.Value,
                        $"{{{{ {inner} }}}} refers to no declared parameter (declared: {declared}); declare it under parameters or fix the name (names are case-sensitive)",
                        DocumentRules.Both(ParameterSyntax, AgentParameters));
                }
            }
            else if (PrefixedTokenPattern().IsMatch(inner))
            {
                Add(line, where, match.Value,
                    "Command documents resolve only document parameters ({{ name }}) and Parameter Store references ({{ssm:name}}); other {{ prefix:... }} forms belong to Automation or CloudFormation and stay literal",
                    DocumentRules.Both(ParameterSyntax, AgentParameterStore));
            }

            // Anything else in braces (a Go template such as {{.State}}) is not a reference and reaches the script as written.
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string path)
    {
        foreach (var pair in map.Children)
        {
            if (pair.Key is YamlScalarNode key && key.Value is not null)
            {
                yield return (key.Value, key, pair.Value);
            }
            else
            {
                Add(pair.Key, path.Length == 0 ? "(key)" : path, YamlNodes.Given(pair.Key), "Keys are plain strings", Yaml);
            }
        }
    }

    /// <summary>The node's text when it is a YAML string; otherwise adds a problem and returns null.</summary>
    private string? String(YamlNode node, string path, string what, string source)
    {
        if (node is not YamlScalarNode scalar)
        {
            Add(node, path, YamlNodes.Given(node), $"{what} is a string, not a {(node is YamlSequenceNode ? "list" : "mapping")}", source);
            return null;
        }

        var kind = YamlNodes.KindOf(scalar);
        if (kind == ScalarKind.String)
        {
            return scalar.Value ?? string.Empty;
        }

        var rule = kind == ScalarKind.Null
            ? $"{what} is missing its value"
            : $"{what} is a string, but YAML reads this unquoted value as a {YamlNodes.Describe(kind)}; quote it";
        if (kind == ScalarKind.Boolean && !bool.TryParse(scalar.Value, out _))
        {
            rule += " (YAML 1.1 parsers, still common, read yes/no/on/off/y/n as booleans)";
        }
        Add(node, path, scalar.Value, rule, DocumentRules.Both(source, Yaml));
        return null;
    }

    private void Add(YamlNode node, string path, string? given, string rule, string source)
    {
        var line = YamlNodes.Line(node);
        var where = path.Length == 0 ? Invariant($"{file} line {line}") : Invariant($"{file} line {line}: {path}");
        Add(line, where, given, rule, source);
    }

    private void Add(long line, string where, string? given, string rule, string source) =>
        _problems.Add((line, new ConfigProblem(where, given is null ? null : YamlNodes.Shorten(given), rule, source)));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterNamePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9_]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex StepNamePattern();

    /// <summary>Every <c>{{ ... }}</c> on one line; group 1 is the text inside, trimmed.</summary>
    [GeneratedRegex(@"\{\{\s*([^{}\r\n]*?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex BracesPattern();

    /// <summary>What the agent treats as a parameter reference; wider than valid names so misspellings are caught.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_\-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterTokenPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedTokenPattern();

    /// <summary>A whole value that is one parameter reference; group 1 is the name.</summary>
    [GeneratedRegex(@"^\{\{\s*([A-Za-z0-9_\-]+)\s*\}\}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SingleReferencePattern();

    [GeneratedRegex(@"\{\{\s*[A-Za-z0-9_\-]+\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterReferencePattern();

    /// <summary>SSM Agent's own form: <c>\{\{ *ssm:[/\w.:-]+ *\}\}</c>.</summary>
    [GeneratedRegex(@"^\{\{ *ssm:[/A-Za-z0-9_.:\-]+ *\}\}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SsmReferencePattern();

    [GeneratedRegex(@"\{\{\s*ssm(?:-secure)?:", RegexOptions.CultureInvariant)]
    private static partial Regex StoreReferencePattern();

    /// <summary>Constructs Java accepts but Go's RE2 rejects.</summary>
    [GeneratedRegex(@"\(\?<?[=!]|\(\?>|\\[1-9]|\\k<|[*+?}][+]", RegexOptions.CultureInvariant)]
    private static partial Regex Re2UnsupportedPattern();
}
