using System.Collections.Frozen;
using Infra.Core.Aws;

namespace Infra.Core.Documents;

/// <summary>The limits, names and sources that the Command document checks quote.</summary>
internal static class DocumentRules
{
    /// <summary>CreateDocument: "The content of the document must not exceed 64KB" (UTF-8 bytes).</summary>
    public const int MaxContentBytes = 64 * 1024;

    /// <summary>The only schema version this platform writes Command documents in.</summary>
    public const string SchemaVersion = "2.2";

    /// <summary>
    /// SSM Agent runs a script for at least 5 and at most 172800 seconds; any other value is silently replaced by
    /// the default of 3600 (agent/plugins/pluginutil/pluginutil.go, ValidateExecutionTimeout). The plugin reference
    /// gives no lower bound, so the agent's is the stricter one.
    /// </summary>
    public const int MinTimeoutSeconds = 5;

    /// <summary>The agent's upper bound for <c>timeoutSeconds</c> (48 hours).</summary>
    public const int MaxTimeoutSeconds = 172_800;

    /// <summary>The plugins a Command document can run (SSM User Guide, Command document plugin reference).</summary>
    public static readonly FrozenSet<string> CommandPlugins = new[]
    {
        "aws:applications", "aws:cloudWatch", "aws:configureDocker", "aws:configurePackage", "aws:domainJoin",
        "aws:downloadContent", "aws:psModule", "aws:refreshAssociation", "aws:runDockerAction", "aws:runDocument",
        "aws:runPowerShellScript", "aws:runShellScript", "aws:softwareInventory", "aws:updateAgent",
        "aws:updateSsmAgent",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Plugins whose inputs are <c>runCommand</c>, <c>timeoutSeconds</c> and <c>workingDirectory</c>.</summary>
    public static readonly FrozenSet<string> ScriptPlugins =
        new[] { "aws:runShellScript", "aws:runPowerShellScript" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Common Automation actions, named so that a mix-up gets a precise explanation.</summary>
    public static readonly FrozenSet<string> AutomationActions = new[]
    {
        "aws:approve", "aws:assertAwsResourceProperty", "aws:branch", "aws:changeInstanceState", "aws:copyImage",
        "aws:createImage", "aws:createStack", "aws:createTags", "aws:deleteImage", "aws:deleteStack",
        "aws:executeAutomation", "aws:executeAwsApi", "aws:executeScript", "aws:executeStateMachine",
        "aws:invokeLambdaFunction", "aws:invokeWebhook", "aws:loop", "aws:pause", "aws:runCommand",
        "aws:runInstances", "aws:sleep", "aws:updateVariable", "aws:waitForAwsResourceProperty",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The parameter types SSM knows, of which Command documents accept only String and StringList.</summary>
    public static readonly FrozenSet<string> OtherParameterTypes =
        new[] { "Integer", "Boolean", "MapList", "StringMap" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The platform types a precondition can test (SSM User Guide, documents-schemas-features).</summary>
    public static readonly FrozenSet<string> PlatformTypes =
        new[] { "Linux", "MacOS", "Windows" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Prefixes AWS reserves for its own document names (SSM API: CreateDocument.Name).</summary>
    public static readonly IReadOnlyList<string> ReservedNamePrefixes =
        ["aws", "amazon", "amzn", "AWSEC2", "AWSConfigRemediation", "AWSSupport"];

    /// <summary>SSM User Guide page on document parameters and <c>interpolationType</c>.</summary>
    public const string ParameterSyntax = "SSM User Guide: documents-syntax-data-elements-parameters";

    /// <summary>SSM Agent source on parameter names and <c>{{ }}</c> substitution.</summary>
    public const string AgentParameters = "SSM Agent source: agent/framework/docparser/parameters/parameters.go";

    /// <summary>SSM Agent source on allowedPattern, allowedValues, min/max chars and items.</summary>
    public const string AgentParameterValidation = "SSM Agent source: agent/framework/docparser/paramvalidator";

    /// <summary>SSM Agent source on preconditions and shared inputs (onFailure, onSuccess, finallyStep).</summary>
    public const string AgentSteps = "SSM Agent source: agent/framework/runpluginutil/runpluginutil.go";

    /// <summary>SSM Agent source on the script plugins' inputs.</summary>
    public const string AgentScripts = "SSM Agent source: agent/plugins/pluginutil/pluginutil.go";

    /// <summary>SSM Agent source on Parameter Store references.</summary>
    public const string AgentParameterStore = "SSM Agent source: agent/framework/docparser/parameterstore, agent/ssm/ssmparameterresolver";

    /// <summary>The YAML language, as read by YamlDotNet.</summary>
    public const string Yaml = "YAML 1.2 specification (read with YamlDotNet)";

    /// <summary>Joins sources for a rule that several documents state.</summary>
    public static string Both(string first, string second) => first + "; " + second;

    /// <summary>The sources of the document schema rules.</summary>
    public static string Schema => Sources.SsmDocumentSchema;
}
