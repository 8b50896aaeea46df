using Infra.Core.Documents;

namespace Infra.Core.Tests.Documents;

public sealed class CommandDocumentValidationTests
{
    private const string File = "documents/example.yaml";

    private const string Valid = """
        schemaVersion: '2.2'
        description: Prints a greeting.
        parameters:
          message:
            type: String
            description: What to print.
            default: hello
            allowedPattern: '^[a-z ]{1,40}$'
            interpolationType: ENV_VAR
        mainSteps:
          - action: aws:runShellScript
            name: greet
            precondition:
              StringEquals: [platformType, Linux]
            inputs:
              timeoutSeconds: '60'
              runCommand:
                - echo "$SSM_message"
        """;

    private static DocumentLoadResult Parse(string yaml, string? name = "Infra-example") =>
        CommandDocuments.Parse(File, yaml, name);

    /// <summary>The one problem found, with a readable failure when there are more or none.</summary>
    private static ConfigProblem Single(DocumentLoadResult result)
    {
        Assert.True(result.Problems.Count == 1,
            $"expected one problem, got {result.Problems.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
        return result.Problems[0];
    }

    private static void AssertAt(ConfigProblem problem, int line, string path) =>
        Assert.Equal($"{File} line {line}: {path}", problem.Where);

    private static string WithStep(string step) => $"""
        schemaVersion: '2.2'
        mainSteps:
        {step}
        """;

    [Fact]
    public void ValidDocumentHasNoProblemsAndIsReturned()
    {
        var result = Parse(Valid);

        Assert.Empty(result.Problems);
        var document = Assert.Single(result.Documents);
        Assert.Equal("Infra-example", document.Name);
        Assert.Equal(File, document.File);
        Assert.Equal("Prints a greeting.", document.Description);
        Assert.Equal(Valid, document.Content);
    }

    [Fact]
    public void ParametersAreReturnedAsDeclared()
    {
        var parameter = Assert.Single(Assert.Single(Parse(Valid).Documents).Parameters);

        Assert.Equal("message", parameter.Name);
        Assert.Equal("String", parameter.Type);
        Assert.Equal("hello", parameter.Default);
        Assert.Empty(parameter.AllowedValues);
        Assert.Equal("^[a-z ]{1,40}$", parameter.AllowedPattern);
        Assert.Equal("What to print.", parameter.Description);
        Assert.False(parameter.IsRequired);
    }

    [Fact]
    public void ParameterWithoutDefaultIsRequired()
    {
        var yaml = Valid.Replace("    default: hello\n", "", StringComparison.Ordinal);

        Assert.True(Assert.Single(Assert.Single(Parse(yaml).Documents).Parameters).IsRequired);
    }

    [Fact]
    public void StringListDefaultIsRenderedAsJsonArray()
    {
        var yaml = """
            schemaVersion: '2.2'
            parameters:
              commands:
                type: StringList
                default: [ls, pwd]
            mainSteps:
              - action: aws:runShellScript
                name: run
                inputs:
                  runCommand: '{{ commands }}'
            """;

        Assert.Equal("[\"ls\",\"pwd\"]", Assert.Single(Assert.Single(Parse(yaml).Documents).Parameters).Default);
    }

    [Fact]
    public void DocumentWithProblemsIsNotReturned()
    {
        var result = Parse(Valid.Replace("aws:runShellScript", "aws:runShelScript", StringComparison.Ordinal));

        Assert.NotEmpty(result.Problems);
        Assert.Empty(result.Documents);
    }

    [Fact]
    public void NameDefaultsToPrefixAndFileName()
    {
        var result = CommandDocuments.Parse("documents/edr-agent.yaml", Valid);

        Assert.Equal("Infra-edr-agent", Assert.Single(result.Documents).Name);
    }

    [Fact]
    public void BadYamlIsReportedWithLine()
    {
        var yaml = """
            schemaVersion: '2.2'
            mainSteps:
              - action: aws:runShellScript
               name: broken
            """;

        var problem = Single(Parse(yaml));

        Assert.StartsWith($"{File} line 4", problem.Where, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedFlowSequenceIsReportedWithLineInsteadOfThrown()
    {
        var yaml = """
            schemaVersion: '2.2'
            mainSteps: [1, 2
            description: x
            """;

        var problem = Single(Parse(yaml));

        Assert.Matches(@"^documents/example\.yaml line \d+$", problem.Where);
        Assert.Contains("not valid YAML", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKeyIsReportedWithLine()
    {
        var yaml = """
            schemaVersion: '2.2'
            description: one
            description: two
            mainSteps: []
            """;

        var problem = Single(Parse(yaml));

        Assert.Equal($"{File} line 3", problem.Where);
        Assert.Contains("Duplicate key", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void TabIndentationIsReportedOnTheLineWithTheTab()
    {
        var problem = Single(Parse("schemaVersion: '2.2'\nmainSteps:\n\t- action: aws:runShellScript\n"));

        Assert.Equal($"{File} line 3", problem.Where);
    }

    [Fact]
    public void EmptyFileIsReported()
    {
        var problem = Single(Parse(""));

        Assert.Contains("no YAML document", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void TopLevelMustBeAMapping()
    {
        var problem = Single(Parse("- a\n- b\n"));

        AssertAt(problem, 1, "(top level)");
    }

    [Fact]
    public void WrongSchemaVersionIsReported()
    {
        var problem = Single(Parse(Valid.Replace("'2.2'", "'0.3'", StringComparison.Ordinal)));

        AssertAt(problem, 1, "schemaVersion");
        Assert.Equal("0.3", problem.Given);
        Assert.Contains("'2.2'", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnquotedSchemaVersionIsReported()
    {
        var problem = Single(Parse(Valid.Replace("'2.2'", "2.2", StringComparison.Ordinal)));

        AssertAt(problem, 1, "schemaVersion");
        Assert.Contains("Quote", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingSchemaVersionIsReported()
    {
        var problem = Single(Parse(Valid.Replace("schemaVersion: '2.2'\n", "", StringComparison.Ordinal)));

        AssertAt(problem, 1, "schemaVersion");
        Assert.Null(problem.Given);
    }

    [Theory]
    [InlineData("runtimeConfig", "schema 1.2")]
    [InlineData("outputs", "Automation")]
    [InlineData("files", "Automation")]
    [InlineData("targetType", "Unknown top-level key")]
    public void UnknownTopLevelKeyIsRejectedWithExplanation(string key, string explanation)
    {
        var problem = Single(Parse(Valid + $"\n{key}: {{}}\n"));

        AssertAt(problem, 19, key);
        Assert.Contains(explanation, problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMainStepsIsReported()
    {
        var problem = Single(Parse("schemaVersion: '2.2'\ndescription: nothing to do\n"));

        AssertAt(problem, 1, "mainSteps");
    }

    [Fact]
    public void EmptyMainStepsIsReported()
    {
        var problem = Single(Parse("schemaVersion: '2.2'\nmainSteps: []\n"));

        AssertAt(problem, 2, "mainSteps");
        Assert.Contains("at least one step", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPluginActionIsReportedWithLineNumber()
    {
        var yaml = """
            schemaVersion: '2.2'
            mainSteps:
              - action: aws:runShellScript
                name: first
                inputs:
                  runCommand: [echo one]
              - action: aws:runShelScript
                name: second
                inputs:
                  runCommand: [echo two]
            """;

        var problem = Single(Parse(yaml));

        AssertAt(problem, 7, "mainSteps[1].action");
        Assert.Equal("aws:runShelScript", problem.Given);
        Assert.Contains("aws:runShellScript", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void AutomationActionIsExplained()
    {
        var problem = Single(Parse(WithStep("""
              - action: aws:executeScript
                name: script
                inputs: {}
            """)));

        AssertAt(problem, 3, "mainSteps[0].action");
        Assert.Contains("Automation action", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginNamesAreCaseSensitive()
    {
        var problem = Single(Parse(Valid.Replace("aws:runShellScript", "aws:RunShellScript", StringComparison.Ordinal)));

        Assert.Contains("write aws:runShellScript", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateStepNamesAreReported()
    {
        var yaml = """
            schemaVersion: '2.2'
            mainSteps:
              - action: aws:runShellScript
                name: install
                inputs:
                  runCommand: [echo one]
              - action: aws:runShellScript
                name: Install
                inputs:
                  runCommand: [echo two]
            """;

        var problem = Single(Parse(yaml));

        AssertAt(problem, 8, "mainSteps[1].name");
        Assert.Contains("unique", problem.Rule, StringComparison.Ordinal);
        Assert.Contains("line 4", problem.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("install agent")]
    [InlineData("install-agent")]
    [InlineData("aws:runShellScript")]
    public void StepNameOutsideThePatternIsReported(string name)
    {
        var problem = Single(Parse(Valid.Replace("name: greet", $"name: '{name}'", StringComparison.Ordinal)));

        AssertAt(problem, 12, "mainSteps[0].name");
    }

    [Theory]
    [InlineData("action", "  - name: greet\n    inputs: { runCommand: [echo hi] }\n")]
    [InlineData("name", "  - action: aws:runShellScript\n    inputs: { runCommand: [echo hi] }\n")]
    [InlineData("inputs", "  - action: aws:runShellScript\n    name: greet\n")]
    public void MissingStepKeyIsReported(string key, string step)
    {
        var problem = Single(Parse("schemaVersion: '2.2'\nmainSteps:\n" + step));

        AssertAt(problem, 3, "mainSteps[0]." + key);
        Assert.Null(problem.Given);
    }

    [Fact]
    public void UnknownStepKeyIsRejected()
    {
        var problem = Single(Parse(Valid + "\n    retries: 3\n"));

        AssertAt(problem, 19, "mainSteps[0].retries");
    }

    [Theory]
    [InlineData("onFailure: exit")]
    [InlineData("onSuccess: exit")]
    [InlineData("finallyStep: true")]
    [InlineData("timeoutSeconds: 60")]
    public void SharedInputAtStepLevelIsReportedBecauseTheAgentIgnoresIt(string line)
    {
        var problem = Single(Parse(Valid + $"\n    {line}\n"));

        AssertAt(problem, 19, "mainSteps[0]." + line[..line.IndexOf(':', StringComparison.Ordinal)]);
        Assert.Contains("inputs", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedInputsUnderInputsAreAccepted()
    {
        var yaml = """
            schemaVersion: '2.2'
            mainSteps:
              - action: aws:runShellScript
                name: first
                inputs:
                  onFailure: exit
                  onSuccess: exit
                  runCommand: [echo one]
              - action: aws:runShellScript
                name: last
                inputs:
                  finallyStep: true
                  runCommand: [echo done]
            """;

        Assert.Empty(Parse(yaml).Problems);
    }

    [Theory]
    [InlineData("onFailure: continue", "onFailure")]
    [InlineData("onSuccess: successAndExit", "onSuccess")]
    [InlineData("finallyStep: 'true'", "finallyStep")]
    public void SharedInputValueOutsideItsSetIsReported(string line, string key)
    {
        var problem = Single(Parse(Valid.Replace("      timeoutSeconds: '60'", "      " + line, StringComparison.Ordinal)));

        AssertAt(problem, 16, "mainSteps[0].inputs." + key);
    }

    [Fact]
    public void FinallyStepIsReportedWhenNotOnTheLastStep()
    {
        var yaml = """
            schemaVersion: '2.2'
            mainSteps:
              - action: aws:runShellScript
                name: cleanup
                inputs:
                  finallyStep: true
                  runCommand: [echo cleanup]
              - action: aws:runShellScript
                name: work
                inputs:
                  runCommand: [echo work]
            """;

        var problem = Single(Parse(yaml));

        AssertAt(problem, 6, "mainSteps[0].inputs.finallyStep");
        Assert.Contains("last step", problem.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'0'")]
    [InlineData("4")]
    [InlineData("172801")]
    [InlineData("'1.5'")]
    [InlineData("one minute")]
    public void TimeoutSecondsOutsideTheAgentsRangeIsReported(string value)
    {
        var problem = Single(Parse(Valid.Replace("timeoutSeconds: '60'", "timeoutSeconds: " + value, StringComparison.Ordinal)));

        AssertAt(problem, 16, "mainSteps[0].inputs.timeoutSeconds");
        Assert.Contains("3600", problem.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("'172800'")]
    public void TimeoutSecondsAtTheAgentsLimitsIsAccepted(string value)
    {
        Assert.Empty(Parse(Valid.Replace("timeoutSeconds: '60'", "timeoutSeconds: " + value, StringComparison.Ordinal)).Problems);
    }

    [Fact]
    public void TimeoutSecondsFromAParameterIsAccepted()
    {
        var yaml = Valid.Replace("timeoutSeconds: '60'", "timeoutSeconds: '{{ message }}'", StringComparison.Ordinal);

        Assert.Empty(Parse(yaml).Problems);
    }

    [Fact]
    public void MissingRunCommandIsReported()
    {
        var problem = Single(Parse(WithStep("""
              - action: aws:runShellScript
                name: nothing
                inputs:
                  workingDirectory: /tmp
            """)));

        AssertAt(problem, 6, "mainSteps[0].inputs.runCommand");
        Assert.Null(problem.Given);
    }

    [Fact]
    public void RunCommandAsPlainStringIsReported()
    {
        var problem = Single(Parse(Valid.Replace("runCommand:\n        - echo \"$SSM_message\"", "runCommand: echo hi", StringComparison.Ordinal)));

        AssertAt(problem, 17, "mainSteps[0].inputs.runCommand");
    }

    [Fact]
    public void RunCommandFromOneParameterReferenceIsAccepted()
    {
        var yaml = """
            schemaVersion: '2.2'
            parameters:
              commands:
                type: StringList
            mainSteps:
              - action: aws:runShellScript
                name: run
                inputs:
                  runCommand: "{{ commands }}"
            """;

        Assert.Empty(Parse(yaml).Problems);
    }

    [Fact]
    public void RunCommandLineThatYamlReadsAsABooleanIsReported()
    {
        var problem = Single(Parse(Valid.Replace("- echo \"$SSM_message\"", "- true", StringComparison.Ordinal)));

        AssertAt(problem, 18, "mainSteps[0].inputs.runCommand[0]");
        Assert.Contains("boolean", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownScriptInputIsRejected()
    {
        var problem = Single(Parse(Valid.Replace("      timeoutSeconds: '60'", "      environment: {}", StringComparison.Ordinal)));

        AssertAt(problem, 16, "mainSteps[0].inputs.environment");
    }

    [Fact]
    public void UndeclaredParameterReferenceIsReportedWithLine()
    {
        var yaml = """
            schemaVersion: '2.2'
            parameters:
              version:
                type: String
            mainSteps:
              - action: aws:runShellScript
                name: install
                inputs:
                  runCommand:
                    - |
                      set -e
                      echo "installing {{ version }}"
                      echo "from {{packageUrl}}"
            """;

        var problem = Single(Parse(yaml));

        AssertAt(problem, 13, "mainSteps[0].inputs.runCommand[0]");
        Assert.Equal("{{packageUrl}}", problem.Given);
        Assert.Contains("version", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceToParameterWithOtherCaseIsReported()
    {
        var problem = Single(Parse(Valid.Replace("- echo \"$SSM_message\"", "- echo '{{ Message }}'", StringComparison.Ordinal)));

        AssertAt(problem, 18, "mainSteps[0].inputs.runCommand[0]");
    }

    [Fact]
    public void ParameterStoreReferenceIsAccepted()
    {
        Assert.Empty(Parse(Valid.Replace("- echo \"$SSM_message\"", "- echo '{{ssm:/infra/greeting}}'", StringComparison.Ordinal)).Problems);
    }

    [Fact]
    public void SecureStringReferenceInAScriptIsReported()
    {
        var problem = Single(Parse(Valid.Replace("- echo \"$SSM_message\"", "- echo '{{ ssm-secure:/infra/token }}'", StringComparison.Ordinal)));

        AssertAt(problem, 18, "mainSteps[0].inputs.runCommand[0]");
        Assert.Contains("get-parameter --with-decryption", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void GoTemplateBracesAreNotParameterReferences()
    {
        Assert.Empty(Parse(Valid.Replace("- echo \"$SSM_message\"", "- docker inspect --format '{{.State.Status}}' web", StringComparison.Ordinal)).Problems);
    }

    [Fact]
    public void IntegerParameterTypeIsRejectedInCommandDocuments()
    {
        var problem = Single(Parse(Valid.Replace("type: String", "type: Integer", StringComparison.Ordinal)));

        AssertAt(problem, 5, "parameters.message.type");
        Assert.Equal("Integer", problem.Given);
        Assert.Contains("only the String and StringList", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingParameterTypeIsReported()
    {
        var problem = Single(Parse(Valid.Replace("    type: String\n", "", StringComparison.Ordinal)));

        AssertAt(problem, 5, "parameters.message.type");
    }

    [Theory]
    [InlineData("package_name")]
    [InlineData("package-name")]
    [InlineData("1package")]
    public void ParameterNameThatTheAgentWouldDropIsReported(string name)
    {
        var yaml = Valid.Replace("  message:", $"  {name}:", StringComparison.Ordinal);

        var problem = Single(Parse(yaml));

        AssertAt(problem, 4, $"parameters.{name}");
        Assert.Contains("SSM Agent", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownParameterPropertyIsRejected()
    {
        var problem = Single(Parse(Valid.Replace("    default: hello", "    required: true", StringComparison.Ordinal)));

        AssertAt(problem, 7, "parameters.message.required");
    }

    [Fact]
    public void DefaultThatDoesNotMatchAllowedPatternIsReported()
    {
        var problem = Single(Parse(Valid.Replace("default: hello", "default: Hello!", StringComparison.Ordinal)));

        AssertAt(problem, 7, "parameters.message.default");
        Assert.Equal("Hello!", problem.Given);
    }

    [Fact]
    public void DefaultOutsideAllowedValuesIsReported()
    {
        var yaml = Valid.Replace("    allowedPattern: '^[a-z ]{1,40}$'", "    allowedValues: [hi, bye]", StringComparison.Ordinal);

        var problem = Single(Parse(yaml));

        AssertAt(problem, 7, "parameters.message.default");
        Assert.Contains("hi, bye", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedValueThatDoesNotMatchAllowedPatternIsReported()
    {
        var yaml = Valid.Replace("    default: hello\n", "    default: hello\n    allowedValues: [hello, HELLO]\n", StringComparison.Ordinal);

        var problem = Single(Parse(yaml));

        AssertAt(problem, 8, "parameters.message.allowedValues[1]");
    }

    [Fact]
    public void AllowedPatternThatDoesNotCompileIsReported()
    {
        var problem = Single(Parse(Valid.Replace("'^[a-z ]{1,40}$'", "'^[a-z'", StringComparison.Ordinal)));

        AssertAt(problem, 8, "parameters.message.allowedPattern");
    }

    [Fact]
    public void AllowedPatternThatGoCannotCompileIsReported()
    {
        var problem = Single(Parse(Valid.Replace("'^[a-z ]{1,40}$'", "'^(?!root)[a-z ]{1,40}$'", StringComparison.Ordinal)));

        AssertAt(problem, 8, "parameters.message.allowedPattern");
        Assert.Contains("Go", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void StringDefaultThatYamlReadsAsANumberIsReported()
    {
        var problem = Single(Parse(Valid.Replace("default: hello", "default: 10", StringComparison.Ordinal)
            .Replace("    allowedPattern: '^[a-z ]{1,40}$'\n", "", StringComparison.Ordinal)));

        AssertAt(problem, 7, "parameters.message.default");
        Assert.Contains("quote it", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void StringListDefaultMustBeAList()
    {
        var yaml = """
            schemaVersion: '2.2'
            parameters:
              hosts:
                type: StringList
                default: a,b
            mainSteps:
              - action: aws:runShellScript
                name: run
                inputs:
                  runCommand: [echo]
            """;

        AssertAt(Single(Parse(yaml)), 5, "parameters.hosts.default");
    }

    [Fact]
    public void StringListDefaultFromParameterStoreIsAccepted()
    {
        var yaml = """
            schemaVersion: '2.2'
            parameters:
              commands:
                type: StringList
                default: '{{ ssm:myShellCommands }}'
            mainSteps:
              - action: aws:runShellScript
                name: run
                inputs:
                  runCommand: ['{{ commands }}']
            """;

        Assert.Empty(Parse(yaml).Problems);
    }

    [Fact]
    public void MinItemsOnAStringIsReported()
    {
        var problem = Single(Parse(Valid.Replace("    default: hello\n", "    default: hello\n    minItems: 1\n", StringComparison.Ordinal)));

        AssertAt(problem, 8, "parameters.message.minItems");
    }

    [Fact]
    public void MinCharsAboveMaxCharsIsReported()
    {
        var yaml = Valid.Replace("    default: hello\n", "    default: hello\n    minChars: 9\n    maxChars: 3\n", StringComparison.Ordinal);

        var problems = Parse(yaml).Problems;

        Assert.Contains(problems, p => p.Where == $"{File} line 8: parameters.message.minChars");
        Assert.Contains(problems, p => p.Where == $"{File} line 7: parameters.message.default");
    }

    [Fact]
    public void NegativeLimitIsReported()
    {
        var problem = Single(Parse(Valid.Replace("    default: hello\n", "    default: hello\n    maxChars: -1\n", StringComparison.Ordinal)));

        AssertAt(problem, 8, "parameters.message.maxChars");
    }

    [Fact]
    public void DisplayTypeOutsideTextfieldAndTextareaIsReported()
    {
        var problem = Single(Parse(Valid.Replace("    default: hello\n", "    default: hello\n    displayType: dropdown\n", StringComparison.Ordinal)));

        AssertAt(problem, 8, "parameters.message.displayType");
    }

    [Fact]
    public void InterpolationTypeOtherThanEnvVarIsReported()
    {
        var problem = Single(Parse(Valid.Replace("interpolationType: ENV_VAR", "interpolationType: INLINE", StringComparison.Ordinal)));

        AssertAt(problem, 9, "parameters.message.interpolationType");
    }

    [Fact]
    public void BadPreconditionOperatorIsReported()
    {
        var problem = Single(Parse(Valid.Replace("StringEquals:", "StringLike:", StringComparison.Ordinal)));

        AssertAt(problem, 14, "mainSteps[0].precondition.StringLike");
        Assert.Contains("Only the StringEquals operator", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void PreconditionWithThreeItemsIsReported()
    {
        var problem = Single(Parse(Valid.Replace("[platformType, Linux]", "[platformType, Linux, Windows]", StringComparison.Ordinal)));

        AssertAt(problem, 14, "mainSteps[0].precondition.StringEquals");
        Assert.Equal("3 items", problem.Given);
    }

    [Fact]
    public void PreconditionWithTwoOperatorsIsReported()
    {
        var yaml = Valid.Replace("      StringEquals: [platformType, Linux]",
            "      StringEquals: [platformType, Linux]\n      StringNotEquals: [platformType, Windows]",
            StringComparison.Ordinal);

        var problems = Parse(yaml).Problems;

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Rule.Contains("exactly one operator", StringComparison.Ordinal));
    }

    [Fact]
    public void PreconditionPlatformTypeMustBeLinuxMacOsOrWindows()
    {
        var problem = Single(Parse(Valid.Replace("[platformType, Linux]", "[platformType, linux]", StringComparison.Ordinal)));

        AssertAt(problem, 14, "mainSteps[0].precondition.StringEquals[1]");
    }

    [Fact]
    public void PreconditionOnAParameterIsAccepted()
    {
        var yaml = Valid.Replace("[platformType, Linux]", "['{{ message }}', hello]", StringComparison.Ordinal);

        Assert.Empty(Parse(yaml).Problems);
    }

    [Fact]
    public void PreconditionOnAnUndeclaredParameterIsReported()
    {
        var problem = Single(Parse(Valid.Replace("[platformType, Linux]", "['{{ action }}', Install]", StringComparison.Ordinal)));

        AssertAt(problem, 14, "mainSteps[0].precondition.StringEquals[0]");
    }

    [Fact]
    public void PreconditionFirstOperandMustBePlatformTypeOrAParameter()
    {
        var problem = Single(Parse(Valid.Replace("[platformType, Linux]", "[Linux, platformType]", StringComparison.Ordinal)));

        AssertAt(problem, 14, "mainSteps[0].precondition.StringEquals[0]");
    }

    [Theory]
    [InlineData("AWS-Foo", "AWS")]
    [InlineData("amzn-x", "amzn")]
    [InlineData("awsec2x", "awsec2")]
    [InlineData("Amazon-Baseline", "Amazon")]
    [InlineData("awssupport-tool", "awssupport")]
    public void ReservedNamePrefixIsRejectedWhateverItsCase(string name, string prefix)
    {
        var problem = Single(Parse(Valid, name));

        Assert.Equal($"{File}: document name", problem.Where);
        Assert.Equal(name, problem.Given);
        Assert.Contains($"starts with '{prefix}'", problem.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Infra-edr agent")]
    [InlineData("Infra-édr")]
    public void NameOutsideThePatternIsRejected(string name)
    {
        var violation = Assert.Single(CommandDocuments.CheckName(name));

        Assert.Contains("3 to 128 characters", violation.Rule, StringComparison.Ordinal);
        Assert.Equal(Infra.Core.Aws.Sources.SsmDocumentApi, violation.Source);
    }

    [Fact]
    public void NameOf129CharactersIsRejected()
    {
        Assert.Single(CommandDocuments.CheckName("Infra-" + new string('x', 123)));
        Assert.Empty(CommandDocuments.CheckName("Infra-" + new string('x', 122)));
    }

    [Fact]
    public void NameTooShortIsReportedForTheFile()
    {
        var problem = Single(Parse(Valid, "ab"));

        Assert.Equal($"{File}: document name", problem.Where);
    }

    [Fact]
    public void ContentOver64KbIsRejected()
    {
        var yaml = Pad(Valid, 65537);

        var problem = Single(Parse(yaml));

        Assert.Equal(File, problem.Where);
        Assert.Equal("65537 bytes", problem.Given);
        Assert.Equal(Infra.Core.Aws.Sources.SsmDocumentApi, problem.Source);
    }

    [Fact]
    public void ContentOfExactly64KbIsAccepted()
    {
        Assert.Empty(Parse(Pad(Valid, 65536)).Problems);
    }

    [Fact]
    public void ContentSizeCountsUtf8Bytes()
    {
        // 'é' is two bytes in UTF-8: 65536 characters, 65537 bytes.
        var yaml = Pad(Valid, 65536);
        yaml = yaml[..^2] + "é\n";

        Assert.Equal("65537 bytes", Single(Parse(yaml)).Given);
    }

    [Fact]
    public void SeveralMistakesAreAllReported()
    {
        var yaml = """
            schemaVersion: '2.0'
            runtimeConfig: {}
            parameters:
              count:
                type: Integer
            mainSteps:
              - action: aws:runShelScript
                name: step
                inputs:
                  runCommand:
                    - echo "{{ missing }}"
              - action: aws:runShellScript
                name: step
                precondition:
                  StringEquals: [platformType, Linux, MacOS]
                inputs:
                  timeoutSeconds: '0'
                  runCommand: [echo]
            """;

        var result = Parse(yaml, "aws-everything");

        Assert.Equal(
        [
            $"{File}: document name",
            $"{File} line 1: schemaVersion",
            $"{File} line 2: runtimeConfig",
            $"{File} line 5: parameters.count.type",
            $"{File} line 7: mainSteps[0].action",
            $"{File} line 11: mainSteps[0].inputs.runCommand[0]",
            $"{File} line 13: mainSteps[1].name",
            $"{File} line 15: mainSteps[1].precondition.StringEquals",
            $"{File} line 17: mainSteps[1].inputs.timeoutSeconds",
        ], result.Problems.Select(p => p.Where));
        Assert.Empty(result.Documents);
    }

    [Fact]
    public void ProblemReadsAsFileLineKeyValueRuleAndSource()
    {
        var problem = Single(Parse(Valid.Replace("aws:runShellScript", "aws:runShelScript", StringComparison.Ordinal)));

        Assert.StartsWith(
            "documents/example.yaml line 11: mainSteps[0].action = \"aws:runShelScript\": Unknown plugin; ",
            problem.ToString(), StringComparison.Ordinal);
        Assert.EndsWith($"[{Infra.Core.Aws.Sources.SsmDocumentSchema}]", problem.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Appends a comment so the text is exactly <paramref name="bytes"/> long in UTF-8.</summary>
    private static string Pad(string yaml, int bytes)
    {
        var prefix = yaml + "\n# ";
        var padding = bytes - System.Text.Encoding.UTF8.GetByteCount(prefix) - 1;
        return prefix + new string('x', padding) + "\n";
    }
}
