using System.Diagnostics;
using Infra.Core.Documents;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Tests.Documents;

public sealed class ShippedDocumentsTests
{
    private static readonly string[] RequiredEdrParameters = ["version", "packageUrl", "sha256"];
    private static readonly string[] BashLocations = ["/bin/bash", "/usr/bin/bash"];
    private static readonly DocumentLoadResult Shipped = CommandDocuments.LoadDirectory(RepoFiles.Path("documents"));

    private static CommandDocument Document(string name) =>
        Assert.Single(Shipped.Documents, d => d.Name == name);

    private static DocumentParameter Parameter(string document, string name) =>
        Assert.Single(Document(document).Parameters, p => p.Name == name);

    [Fact]
    public void ShippedDocumentsLoadWithoutProblems()
    {
        Assert.True(Shipped.Problems.Count == 0,
            "shipped documents have problems:" + Environment.NewLine + string.Join(Environment.NewLine, Shipped.Problems));
    }

    [Fact]
    public void ShippedDocumentsAreNamedAfterTheirFiles()
    {
        Assert.Equal(
            ["Infra-edr-agent", "Infra-os-users", "Infra-vulnerability-scan"],
            Shipped.Documents.Select(d => d.Name));
        Assert.Equal(
            ["documents/edr-agent.yaml", "documents/os-users.yaml", "documents/vulnerability-scan.yaml"],
            Shipped.Documents.Select(d => d.File));
    }

    [Fact]
    public void EveryShippedDocumentHasADescription()
    {
        Assert.All(Shipped.Documents, d => Assert.False(string.IsNullOrWhiteSpace(d.Description), $"{d.File} has no description"));
    }

    [Fact]
    public void VulnerabilityScanDeclaresComplianceTypeAndSeverity()
    {
        Assert.Equal(["complianceType", "severity"], Document("Infra-vulnerability-scan").Parameters.Select(p => p.Name));

        var complianceType = Parameter("Infra-vulnerability-scan", "complianceType");
        Assert.Equal("Custom:VulnerabilityScan", complianceType.Default);
        Assert.NotNull(complianceType.AllowedPattern);

        var severity = Parameter("Infra-vulnerability-scan", "severity");
        Assert.Equal("HIGH", severity.Default);
        Assert.Equal(["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED"], severity.AllowedValues);
    }

    [Theory]
    [InlineData("Custom:VulnerabilityScan", true)]
    [InlineData("Custom:-Scan_2", true)]
    [InlineData("Custom:Vuln-Scan", false)] // the API pattern allows '-' only right after "Custom:"
    [InlineData("Custom:a", false)]
    [InlineData("VulnerabilityScan", false)]
    public void ComplianceTypePatternFollowsPutComplianceItems(string value, bool allowed)
    {
        var pattern = Parameter("Infra-vulnerability-scan", "complianceType").AllowedPattern!;

        Assert.Equal(allowed, System.Text.RegularExpressions.Regex.IsMatch(value, pattern));
    }

    [Fact]
    public void ComplianceTypePatternCapsTheNameAt100Characters()
    {
        var pattern = Parameter("Infra-vulnerability-scan", "complianceType").AllowedPattern!;

        Assert.Matches(pattern, "Custom:" + new string('a', 93));
        Assert.DoesNotMatch(pattern, "Custom:" + new string('a', 94));
    }

    [Fact]
    public void EdrAgentRequiresVersionPackageUrlAndSha256()
    {
        Assert.Equal(["version", "packageUrl", "sha256", "packageName", "serviceName"],
            Document("Infra-edr-agent").Parameters.Select(p => p.Name));
        foreach (var name in RequiredEdrParameters)
        {
            Assert.True(Parameter("Infra-edr-agent", name).IsRequired, $"{name} should be required");
        }

        Assert.Equal("edr-agent", Parameter("Infra-edr-agent", "packageName").Default);
        Assert.Equal("edr-agent", Parameter("Infra-edr-agent", "serviceName").Default);
    }

    [Theory]
    [InlineData("https://downloads.example.com/edr/edr-agent-7.10.0.x86_64.rpm", true)]
    [InlineData("https://bucket.s3.eu-west-1.amazonaws.com/edr/agent_7.10.0_amd64.deb?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20240101%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Signature=ab12", true)]
    [InlineData("s3://infra-artifacts/edr/edr-agent-7.10.0.rpm", true)]
    [InlineData("http://downloads.example.com/edr/edr-agent.rpm", false)]
    [InlineData("https://downloads.example.com/edr/edr-agent.tar.gz", false)]
    [InlineData("https://downloads.example.com/edr/$(reboot).rpm", false)]
    public void EdrPackageUrlIsHttpsOrS3OfAnRpmOrDeb(string url, bool allowed)
    {
        var pattern = Parameter("Infra-edr-agent", "packageUrl").AllowedPattern!;

        Assert.Equal(allowed, System.Text.RegularExpressions.Regex.IsMatch(url, pattern));
    }

    [Fact]
    public void EdrChecksumIsSixtyFourHexDigits()
    {
        var pattern = Parameter("Infra-edr-agent", "sha256").AllowedPattern!;

        Assert.Matches(pattern, new string('a', 64));
        Assert.DoesNotMatch(pattern, new string('a', 63));
        Assert.DoesNotMatch(pattern, new string('g', 64));
    }

    [Fact]
    public void OsUsersRequiresUsersAndGrantsSudoToNobodyByDefault()
    {
        Assert.Equal(["users", "sudoUsers"], Document("Infra-os-users").Parameters.Select(p => p.Name));
        Assert.True(Parameter("Infra-os-users", "users").IsRequired);
        Assert.Equal(string.Empty, Parameter("Infra-os-users", "sudoUsers").Default);
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("first.last, bob  carol", true)]
    [InlineData("svc_deploy,ops-1", true)]
    [InlineData("first.last@example.com", false)]
    [InlineData("Alice", false)]
    [InlineData("alice;reboot", false)]
    [InlineData("", false)]
    public void OsUserNamesArePortable(string users, bool allowed)
    {
        var pattern = Parameter("Infra-os-users", "users").AllowedPattern!;

        Assert.Equal(allowed, System.Text.RegularExpressions.Regex.IsMatch(users, pattern));
    }

    [Fact]
    public void EveryShippedParameterIsPassedAsAnEnvironmentVariable()
    {
        foreach (var document in Shipped.Documents)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(document.Content));
            var parameters = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["parameters"];
            foreach (var (name, definition) in parameters.Children)
            {
                var map = (YamlMappingNode)definition;
                Assert.True(map.Children.TryGetValue(new YamlScalarNode("interpolationType"), out var value)
                    && value.ToString() == "ENV_VAR", $"{document.File}: parameter {name} is not interpolationType ENV_VAR");
            }
        }
    }

    [Fact]
    public void ShippedScriptsNeverPasteParametersIntoShellCode()
    {
        // With ENV_VAR the values arrive as SSM_<name>; a {{ }} reference would still paste them into the script.
        Assert.All(Shipped.Documents, d => Assert.DoesNotContain("{{", d.Content, StringComparison.Ordinal));
    }

    [Fact]
    public void ShippedScriptsRunUnderBashInStrictMode()
    {
        Assert.All(Scripts(), script =>
        {
            Assert.StartsWith("#!/bin/bash\n", script.Text, StringComparison.Ordinal);
            Assert.Contains("\nset -euo pipefail\n", script.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ShippedScriptsUseOnlyImdsV2()
    {
        var scripts = Scripts().Where(s => s.Text.Contains("169.254.169.254", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains("X-aws-ec2-metadata-token", s.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void ShippedScriptsAreValidBash()
    {
        var bash = BashLocations.FirstOrDefault(File.Exists);
        if (bash is null)
        {
            return; // bash -n needs bash; CI runs on Linux, where it is always present.
        }

        foreach (var script in Scripts())
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, script.Text);
                using var process = Process.Start(new ProcessStartInfo(bash, ["-n", path]) { RedirectStandardError = true })!;
                var errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"{script.File} {script.Step}: bash -n failed: {errors}");
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    private sealed record Script(string File, string Step, string Text);

    private static List<Script> Scripts()
    {
        var scripts = new List<Script>();
        foreach (var document in Shipped.Documents)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(document.Content));
            var steps = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["mainSteps"];
            foreach (var step in steps.Children.Cast<YamlMappingNode>())
            {
                var lines = (YamlSequenceNode)((YamlMappingNode)step["inputs"])["runCommand"];
                var text = string.Join("\n", lines.Children.Cast<YamlScalarNode>().Select(l => l.Value));
                scripts.Add(new Script(document.File, step["name"].ToString(), text));
            }
        }

        return scripts;
    }
}
