using System.Text.Json;
using Infra.Components.Ssm;
using Infra.Components.Tests.Testing;
using Infra.Core.Documents;
using Infra.Core.Schedules;
using Infra.Core.Settings;
using Pulumi;
using static Infra.Components.Tests.Testing.PulumiTest;

namespace Infra.Components.Tests;

public sealed class SsmComponentTests
{
    private static readonly string[] PublicAccessSettings = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task SharedProfileRoleIsTrustedByEc2AndHasSsmCore()
    {
        var registered = await Run(() => _ = new SsmInstanceProfile("p", new SsmInstanceProfileArgs { RoleName = "infra-ssm-instance-eu-central-1", Tags = Fixtures.BaseTags }));

        var role = registered.Single("aws-native:iam:Role");
        Assert.Contains("\"Service\":\"ec2.amazonaws.com\"", Json(role.Inputs["assumeRolePolicyDocument"]), StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", Assert.Single(List(role.Inputs["managedPolicyArns"])));
        var profile = registered.Single("aws-native:iam:InstanceProfile");
        Assert.Equal("infra-ssm-instance-eu-central-1", profile.Inputs["instanceProfileName"]);
    }

    [Fact]
    public async Task SessionLoggingRightsAreScopedToTheLogResources()
    {
        var registered = await Run(() => _ = new SsmInstanceProfile("p", new SsmInstanceProfileArgs
        {
            RoleName = "infra-ssm-instance-eu-central-1",
            Tags = Fixtures.BaseTags,
            SessionLogging = new SessionLoggingTarget(Output.Create("arn:aws:s3:::infra-session-logs-210987654321-eu-central-1"), "sessions",
                Output.Create("arn:aws:logs:eu-central-1:210987654321:log-group:/infra/session-manager"),
                Output.Create("arn:aws:kms:eu-central-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab")),
        }));

        var policy = Json(Map(Assert.Single(List(registered.Single("aws-native:iam:Role").Inputs["policies"])))["policyDocument"]);
        Assert.Contains("arn:aws:s3:::infra-session-logs-210987654321-eu-central-1/sessions/*", policy, StringComparison.Ordinal);
        Assert.Contains("key/1234abcd-12ab-34cd-56ef-1234567890ab", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Resource\":\"*\"", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstancesMayReadExactlyTheArtifactsTheirAssociationsInstall()
    {
        var registered = await Run(() => _ = new SsmInstanceProfile("p", new SsmInstanceProfileArgs
        {
            RoleName = "infra-ssm-instance-eu-central-1",
            Tags = Fixtures.BaseTags,
            ArtifactObjectArns = ["arn:aws:s3:::infra-artifacts-210987654321/edr-agent/2.0.0/edr-agent-2.0.0.x86_64.rpm"],
        }));

        var policy = Map(Assert.Single(List(registered.Single("aws-native:iam:Role").Inputs["policies"])));
        Assert.Equal("read-artifacts", policy["policyName"]);
        var json = Json(policy["policyDocument"]);
        Assert.Contains("\"s3:GetObject\"", json, StringComparison.Ordinal);
        Assert.Contains("edr-agent-2.0.0.x86_64.rpm", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultHostManagementNamesItsRoleInTheServiceSetting()
    {
        var registered = await Run(() => _ = new DefaultHostManagement("dhm", new DefaultHostManagementArgs { Names = Fixtures.Names, Tags = Fixtures.BaseTags }));

        var setting = registered.Single("aws:ssm/serviceSetting:ServiceSetting");
        Assert.Equal("arn:aws:ssm:eu-central-1:210987654321:servicesetting/ssm/managed-instance/default-ec2-instance-management-role", setting.Inputs["settingId"]);
        Assert.Equal("infra-ssm-default-host-eu-central-1", setting.Inputs["settingValue"]);
        var role = registered.Single("aws-native:iam:Role");
        Assert.Contains("ssm.amazonaws.com", Json(role.Inputs["assumeRolePolicyDocument"]), StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy", Assert.Single(List(role.Inputs["managedPolicyArns"])));
    }

    [Fact]
    public async Task CommandDocumentIsCreatedFromTheFileAsYaml()
    {
        var file = CommandDocuments.LoadDirectory(RepoDocuments.Path).Documents.Single(d => d.Name == "Infra-edr-agent");

        var registered = await Run(() => _ = new Infra.Components.Ssm.CommandDocument("edr", new CommandDocumentArgs { Document = file, Tags = Fixtures.BaseTags }));

        var document = registered.Single("aws:ssm/document:Document");
        Assert.Equal("Infra-edr-agent", document.Inputs["name"]);
        Assert.Equal("Command", document.Inputs["documentType"]);
        Assert.Equal("YAML", document.Inputs["documentFormat"]);
        Assert.Equal(file.Content, document.Inputs["content"]);
    }

    private static AssociationSettings Edr(string version) => new()
    {
        Name = "edr-agent",
        Document = "edr-agent",
        DocumentName = "Infra-edr-agent",
        IsPlatformDocument = true,
        Schedule = AssociationSchedules.Parse("0 */1 * * *").Schedule!,
        Targets = [AssociationTarget.Tag("Resource", ["Kafka"])],
        Parameters = new Dictionary<string, IReadOnlyList<string>> { ["version"] = [version] },
    };

    [Fact]
    public async Task AssociationRunsOnTheAwsScheduleFormOfUnixCron()
    {
        var association = (await Run(() => _ = new StateManagerAssociation("edr", new StateManagerAssociationArgs { Association = Edr("2.0.0"), Tags = Fixtures.BaseTags })))
            .Single("aws-native:ssm:Association");

        Assert.Equal("cron(0 */1 * * ? *)", association.Inputs["scheduleExpression"]);
    }

    [Fact]
    public async Task KafkaFleetIsTargetedByEdrAssociation()
    {
        var association = (await Run(() => _ = new StateManagerAssociation("edr", new StateManagerAssociationArgs { Association = Edr("2.0.0"), Tags = Fixtures.BaseTags })))
            .Single("aws-native:ssm:Association");

        var target = Map(Assert.Single(List(association.Inputs["targets"])));
        Assert.Equal("tag:Resource", target["key"]);
        Assert.Equal("Kafka", Assert.Single(List(target["values"])));
        Assert.Equal("Infra-edr-agent", association.Inputs["name"]);
    }

    [Fact]
    public async Task ParameterChangeRollsOutUnderRateControl()
    {
        var association = (await Run(() => _ = new StateManagerAssociation("edr", new StateManagerAssociationArgs { Association = Edr("2.0.0"), Tags = Fixtures.BaseTags })))
            .Single("aws-native:ssm:Association");

        Assert.Equal("2.0.0", Assert.Single(List(Map(association.Inputs["parameters"])["version"])));
        Assert.Equal("10%", association.Inputs["maxConcurrency"]);
        Assert.Equal("5%", association.Inputs["maxErrors"]);
        Assert.Equal("$DEFAULT", association.Inputs["documentVersion"]);
    }

    [Fact]
    public async Task AwsOwnedDocumentIsAssociatedWithoutAVersion()
    {
        var settings = Edr("x") with { Document = "AWS-RunPatchBaseline", DocumentName = "AWS-RunPatchBaseline", IsPlatformDocument = false, Targets = [AssociationTarget.AllInstances] };

        var association = (await Run(() => _ = new StateManagerAssociation("patch", new StateManagerAssociationArgs { Association = settings, Tags = Fixtures.BaseTags })))
            .Single("aws-native:ssm:Association");

        Assert.False(association.Inputs.ContainsKey("documentVersion"), "AWS refuses DocumentVersion for AWS-owned documents");
        var target = Map(Assert.Single(List(association.Inputs["targets"])));
        Assert.Equal("InstanceIds", target["key"]);
        Assert.Equal("*", Assert.Single(List(target["values"])));
    }

    [Fact]
    public async Task SessionPreferencesLogEverySessionEncryptedAndRunAsThePerson()
    {
        var registered = await Run(() => _ = new SessionLogging("s", new SessionLoggingArgs { Names = Fixtures.Names, Tags = Fixtures.BaseTags }));

        var preferences = registered.Single("aws-native:ssm:Document");
        Assert.Equal("SSM-SessionManagerRunShell", preferences.Inputs["name"]);
        Assert.Equal("Session", preferences.Inputs["documentType"]);
        Assert.Equal("NewVersion", preferences.Inputs["updateMethod"]);
        var content = Map(preferences.Inputs["content"]);
        Assert.Equal("1.0", content["schemaVersion"]);
        Assert.Equal("Standard_Stream", content["sessionType"]);
        var inputs = Map(content["inputs"]);
        Assert.Equal("infra-session-logs-210987654321-eu-central-1", inputs["s3BucketName"]);
        Assert.Equal("/infra/session-manager", inputs["cloudWatchLogGroupName"]);
        Assert.Equal(true, inputs["s3EncryptionEnabled"]);
        Assert.Equal(true, inputs["cloudWatchEncryptionEnabled"]);
        Assert.Equal(true, inputs["cloudWatchStreamingEnabled"]);
        Assert.Equal(true, inputs["runAsEnabled"]);
        Assert.Equal("20", inputs["idleSessionTimeout"]);
        Assert.Equal("480", inputs["maxSessionDuration"]);
        Assert.Equal($"arn:aws:kms:eu-central-1:{Account}:key/{KeyId}", inputs["kmsKeyId"]);
    }

    [Fact]
    public async Task SessionLogBucketBlocksPublicAccessEncryptsWithTheKeyAndRefusesPlainHttp()
    {
        var registered = await Run(() => _ = new SessionLogging("s", new SessionLoggingArgs { Names = Fixtures.Names, Tags = Fixtures.BaseTags }));

        var bucket = registered.Single("aws-native:s3:Bucket");
        var block = Map(bucket.Inputs["publicAccessBlockConfiguration"]);
        Assert.All(PublicAccessSettings, k => Assert.Equal(true, block[k]));
        var rule = Map(Assert.Single(List(Map(bucket.Inputs["bucketEncryption"])["serverSideEncryptionConfiguration"])));
        Assert.Equal("aws:kms", Map(rule["serverSideEncryptionByDefault"])["sseAlgorithm"]);
        var policy = Json(registered.Single("aws-native:s3:BucketPolicy").Inputs["policyDocument"]);
        Assert.Contains("aws:SecureTransport", policy, StringComparison.Ordinal);
        Assert.Contains("\"Effect\":\"Deny\"", policy, StringComparison.Ordinal);
        var logGroup = registered.Single("aws-native:logs:LogGroup");
        Assert.Equal(365, Convert.ToInt32(logGroup.Inputs["retentionInDays"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(logGroup.Inputs.ContainsKey("kmsKeyId"), "the session log group is encrypted with the session key");
    }

    [Fact]
    public async Task ExistingPreferencesDocumentIsAdoptedWhenAsked()
    {
        var registered = await Run(() => _ = new SessionLogging("s", new SessionLoggingArgs { Names = Fixtures.Names, Tags = Fixtures.BaseTags, AdoptExistingPreferences = true }));

        Assert.Equal("SSM-SessionManagerRunShell", registered.Single("aws-native:ssm:Document").Id);
    }
}
