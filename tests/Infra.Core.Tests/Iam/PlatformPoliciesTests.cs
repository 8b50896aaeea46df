using Infra.Core.Iam;

namespace Infra.Core.Tests.Iam;

public sealed class PlatformPoliciesTests
{
    private const string AccountId = "123456789012";
    private const string Region = "eu-west-1";
    private const string LogBucket = "arn:aws:s3:::infra-session-logs";
    private const string LogGroup = "arn:aws:logs:eu-west-1:123456789012:log-group:/infra/sessions";
    private const string KeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string OtherKeyArn = "arn:aws:kms:eu-central-1:123456789012:key/9999abcd-12ab-34cd-56ef-1234567890ab";
    private const string InstanceArn = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
    private const string PermissionSetArn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef";

    private static readonly NodeAccessScope BastionProd =
        new("Bastion", "Prod", "SSM-SessionManagerRunShell", [KeyArn, OtherKeyArn]);

    private static readonly Dictionary<string, (Func<PolicyDocument> Build, PolicyKind Kind)> Builders = new()
    {
        ["Ec2AssumeRole"] = (PlatformPolicies.Ec2AssumeRole, PolicyKind.Trust),
        ["SsmAssumeRole"] = (() => PlatformPolicies.SsmAssumeRole(AccountId), PolicyKind.Trust),
        ["SchedulerAssumeRole"] = (() => PlatformPolicies.SchedulerAssumeRole(AccountId), PolicyKind.Trust),
        ["SessionLoggingInstanceAccess"] = (() => PlatformPolicies.SessionLoggingInstanceAccess(LogBucket, "sessions", LogGroup, KeyArn), PolicyKind.RoleInline),
        ["SessionLoggingInstanceAccessWithoutPrefix"] = (() => PlatformPolicies.SessionLoggingInstanceAccess(LogBucket, "", LogGroup, KeyArn), PolicyKind.RoleInline),
        ["RevokeAccountAssignment"] = (() => PlatformPolicies.RevokeAccountAssignment(InstanceArn, PermissionSetArn, AccountId), PolicyKind.RoleInline),
        ["NodeAccess"] = (() => PlatformPolicies.NodeAccess(BastionProd), PolicyKind.PermissionSetInline),
        ["NodeAccessAnyEnvNoKeys"] = (() => PlatformPolicies.NodeAccess(new("Bastion", null, "SSM-SessionManagerRunShell", [])), PolicyKind.PermissionSetInline),
        ["NodeAccessForAccounts"] = (() => PlatformPolicies.NodeAccess(BastionProd with { AccountIds = [AccountId, "210987654321"] }), PolicyKind.PermissionSetInline),
        ["SessionKeyPolicy"] = (() => PlatformPolicies.SessionKeyPolicy(AccountId, Region), PolicyKind.Resource),
        ["TlsOnlyBucketPolicy"] = (() => PlatformPolicies.TlsOnlyBucketPolicy(LogBucket), PolicyKind.Resource),
        ["TlsOnlyBucketPolicyWithResourceDataSync"] = (
            () => PlatformPolicies.TlsOnlyBucketPolicy(LogBucket, PlatformPolicies.ResourceDataSyncBucketStatements(LogBucket, "inventory", [AccountId, "210987654321"])),
            PolicyKind.Resource),
    };

    public static TheoryData<string> BuilderNames() => [.. Builders.Keys];

    private static PolicyStatement Statement(PolicyDocument policy, string sid) =>
        Assert.Single(policy.Statements, s => s.Sid == sid);

    /// <summary>Reads the policy back from its JSON, so the assertions see what AWS would receive.</summary>
    private static PolicyDocument RoundTrip(PolicyDocument policy) => PolicyDocument.Parse(policy.ToJson());

    [Theory]
    [MemberData(nameof(BuilderNames))]
    public void PlatformPolicyPassesTheRulesOfItsKind(string builder)
    {
        var (build, kind) = Builders[builder];

        var violations = PolicyRules.Check(build(), kind);

        Assert.True(violations.Count == 0, $"{builder} ({kind}) breaks: {string.Join(" | ", violations.Select(v => v.Rule))}");
    }

    [Theory]
    [MemberData(nameof(BuilderNames))]
    public void PlatformPolicyReadsBackFromItsJson(string builder)
    {
        var policy = Builders[builder].Build();

        Assert.Equal(policy, RoundTrip(policy));
    }

    [Fact]
    public void Ec2TrustLetsOnlyEc2AssumeTheRole()
    {
        var statement = Assert.Single(RoundTrip(PlatformPolicies.Ec2AssumeRole()).Statements);

        Assert.Equal(PolicyEffect.Allow, statement.Effect);
        Assert.Equal([PolicyPrincipal.Service("ec2.amazonaws.com")], statement.Principals);
        Assert.Equal(["sts:AssumeRole"], statement.Actions);
    }

    [Theory]
    [InlineData("ssm.amazonaws.com")]
    [InlineData("scheduler.amazonaws.com")]
    public void ServiceTrustIsLimitedToTheSourceAccount(string service)
    {
        var policy = service == "ssm.amazonaws.com" ? PlatformPolicies.SsmAssumeRole(AccountId) : PlatformPolicies.SchedulerAssumeRole(AccountId);

        var statement = Assert.Single(RoundTrip(policy).Statements);

        Assert.Equal([PolicyPrincipal.Service(service)], statement.Principals);
        Assert.Equal(["sts:AssumeRole"], statement.Actions);
        Assert.Equal([PolicyCondition.Of("StringEquals", "aws:SourceAccount", AccountId)], statement.Conditions);
    }

    [Fact]
    public void SessionLoggingScopesPutObjectToTheKeyPrefix()
    {
        var policy = RoundTrip(PlatformPolicies.SessionLoggingInstanceAccess(LogBucket, "/sessions/", LogGroup, KeyArn));

        var putObject = Assert.Single(policy.Statements, s => s.Actions.Contains("s3:PutObject"));

        Assert.Equal(["s3:PutObject"], putObject.Actions);
        Assert.Equal([$"{LogBucket}/sessions/*"], putObject.Resources);
    }

    [Fact]
    public void SessionLoggingWithoutPrefixWritesAnywhereInTheBucket()
    {
        var policy = PlatformPolicies.SessionLoggingInstanceAccess(LogBucket, "", LogGroup, KeyArn);

        Assert.Equal([$"{LogBucket}/*"], Statement(policy, "WriteSessionLogsToS3").Resources);
    }

    [Fact]
    public void SessionLoggingReadsEncryptionOfTheLogBucketOnly()
    {
        var policy = PlatformPolicies.SessionLoggingInstanceAccess(LogBucket, "sessions", LogGroup, KeyArn);

        var statement = Statement(policy, "ReadLogBucketEncryption");

        Assert.Equal(["s3:GetEncryptionConfiguration"], statement.Actions);
        Assert.Equal([LogBucket], statement.Resources);
    }

    [Fact]
    public void SessionLoggingWritesOnlyToTheLogGroup()
    {
        var policy = PlatformPolicies.SessionLoggingInstanceAccess(LogBucket, "sessions", LogGroup + ":*", KeyArn);

        var statement = Statement(policy, "WriteSessionLogsToCloudWatch");

        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], statement.Actions);
        Assert.Equal([LogGroup, LogGroup + ":*"], statement.Resources);
    }

    [Fact]
    public void SessionLoggingDescribesLogGroupsOfTheLogGroupsAccountAndRegion()
    {
        var policy = PlatformPolicies.SessionLoggingInstanceAccess(LogBucket, "sessions", LogGroup, KeyArn);

        var statement = Statement(policy, "FindSessionLogGroup");

        Assert.Equal(["logs:DescribeLogGroups"], statement.Actions);
        Assert.Equal(["arn:aws:logs:eu-west-1:123456789012:log-group:*"], statement.Resources);
    }

    [Fact]
    public void SessionLoggingUsesOnlyTheGivenKey()
    {
        var policy = PlatformPolicies.SessionLoggingInstanceAccess(LogBucket, "sessions", LogGroup, KeyArn);

        var kms = Assert.Single(policy.Statements, s => s.Actions.Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));

        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey"], kms.Actions);
        Assert.Equal([KeyArn], kms.Resources);
    }

    [Fact]
    public void SessionLoggingGrantsNothingOnEveryResource()
    {
        var policy = PlatformPolicies.SessionLoggingInstanceAccess(LogBucket, "sessions", LogGroup, KeyArn);

        Assert.All(policy.Statements, s => Assert.DoesNotContain("*", s.Resources));
    }

    [Fact]
    public void SessionLoggingRejectsAnObjectArnAsBucket()
    {
        Assert.Throws<ArgumentException>(() => PlatformPolicies.SessionLoggingInstanceAccess(LogBucket + "/sessions", "", LogGroup, KeyArn));
    }

    [Fact]
    public void RevokeAccountAssignmentAllowsExactlyOneActionOnExactlyThreeResources()
    {
        var statement = Assert.Single(RoundTrip(PlatformPolicies.RevokeAccountAssignment(InstanceArn, PermissionSetArn, AccountId)).Statements);

        Assert.Equal(PolicyEffect.Allow, statement.Effect);
        Assert.Equal(["sso:DeleteAccountAssignment"], statement.Actions);
        Assert.Equal([InstanceArn, PermissionSetArn, $"arn:aws:sso:::account/{AccountId}"], statement.Resources);
        Assert.Empty(statement.Conditions);
    }

    [Fact]
    public void RevokeAccountAssignmentBuildsTheAccountArnInThePartition()
    {
        var statement = Assert.Single(PlatformPolicies.RevokeAccountAssignment(
            "arn:aws-us-gov:sso:::instance/ssoins-1234567890abcdef", "arn:aws-us-gov:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef",
            AccountId, "aws-us-gov").Statements);

        Assert.Contains($"arn:aws-us-gov:sso:::account/{AccountId}", statement.Resources);
    }

    [Fact]
    public void RevokeAccountAssignmentRejectsAnAccountIdThatIsNotTwelveDigits()
    {
        Assert.Throws<ArgumentException>(() => PlatformPolicies.RevokeAccountAssignment(InstanceArn, PermissionSetArn, "12345"));
    }

    [Fact]
    public void NodeAccessStartsSessionsOnlyOnInstancesTaggedBastionAndProdWithTheDocumentCheck()
    {
        var policy = RoundTrip(PlatformPolicies.NodeAccess(BastionProd));

        var onInstances = Assert.Single(policy.Statements, s => s.Actions.Contains("ssm:StartSession") && s.Resources.Any(r => r.Contains(":instance/", StringComparison.Ordinal)));

        Assert.Equal(PolicyEffect.Allow, onInstances.Effect);
        Assert.Equal(["ssm:StartSession"], onInstances.Actions);
        Assert.Equal(["arn:aws:ec2:*:*:instance/*"], onInstances.Resources);
        Assert.Equal(
            [
                PolicyCondition.Of("StringEquals", "aws:ResourceTag/Resource", "Bastion"),
                PolicyCondition.Of("StringEquals", "aws:ResourceTag/Env", "Prod"),
                PolicyCondition.Of("BoolIfExists", "ssm:SessionDocumentAccessCheck", "true"),
            ],
            onInstances.Conditions);
    }

    [Fact]
    public void NodeAccessStartsSessionsOnlyOnInstancesAndThePreferencesDocument()
    {
        var policy = RoundTrip(PlatformPolicies.NodeAccess(BastionProd));

        var start = policy.Statements.Where(s => s.Actions.Contains("ssm:StartSession")).ToList();

        Assert.Equal(2, start.Count);
        Assert.All(start, s => Assert.Equal(["ssm:StartSession"], s.Actions));
        var onDocument = Assert.Single(start, s => s.Conditions.Count == 0);
        Assert.Equal(["arn:aws:ssm:*:*:document/SSM-SessionManagerRunShell"], onDocument.Resources);
    }

    [Fact]
    public void NodeAccessResumesAndTerminatesOnlyTheUsersOwnSessions()
    {
        var policy = RoundTrip(PlatformPolicies.NodeAccess(BastionProd));

        var sessions = Assert.Single(policy.Statements, s => s.Actions.Contains("ssm:TerminateSession"));

        Assert.Equal(["ssm:ResumeSession", "ssm:TerminateSession"], sessions.Actions);
        Assert.Equal(["arn:aws:ssm:*:*:session/*"], sessions.Resources);
        Assert.Equal([PolicyCondition.Of("StringLike", "ssm:resourceTag/aws:ssmmessages:session-id", "${aws:userid}")], sessions.Conditions);
        Assert.Contains("\"${aws:userid}\"", PlatformPolicies.NodeAccess(BastionProd).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void NodeAccessNeverAllowsSendCommand()
    {
        var policy = RoundTrip(PlatformPolicies.NodeAccess(BastionProd));

        Assert.All(policy.Statements, s =>
        {
            Assert.DoesNotContain("ssm:SendCommand", s.Actions);
            Assert.Empty(s.NotActions);
            Assert.All(s.Actions, a => Assert.False(a.Contains('*', StringComparison.Ordinal), $"wildcard action {a} in {s.Sid}"));
        });
    }

    [Fact]
    public void NodeAccessAllowsExactlyTheSessionActionsAndReadOnlyDescribes()
    {
        var policy = RoundTrip(PlatformPolicies.NodeAccess(BastionProd));

        var actions = policy.Statements.SelectMany(s => s.Actions).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "ec2:DescribeInstances", "kms:GenerateDataKey", "ssm:DescribeInstanceInformation", "ssm:DescribeInstanceProperties",
                "ssm:DescribeSessions", "ssm:GetConnectionStatus", "ssm:ResumeSession", "ssm:StartSession", "ssm:TerminateSession",
            ],
            actions);
        Assert.All(policy.Statements, s => Assert.Equal(PolicyEffect.Allow, s.Effect));
    }

    [Fact]
    public void NodeAccessOnlyDescribesOnEveryResource()
    {
        var policy = RoundTrip(PlatformPolicies.NodeAccess(BastionProd));

        var onEverything = Assert.Single(policy.Statements, s => s.Resources.Contains("*"));

        Assert.Equal(["*"], onEverything.Resources);
        Assert.All(onEverything.Actions, a => Assert.Matches("^(ec2|ssm):(Describe|Get)[A-Za-z]+$", a));
    }

    [Fact]
    public void NodeAccessUsesKmsOnlyOnTheGivenKeys()
    {
        var policy = RoundTrip(PlatformPolicies.NodeAccess(BastionProd));

        var kms = Assert.Single(policy.Statements, s => s.Actions.Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));

        Assert.Equal(["kms:GenerateDataKey"], kms.Actions);
        Assert.Equal([KeyArn, OtherKeyArn], kms.Resources);
    }

    [Fact]
    public void NodeAccessWithoutSessionKeysHasNoKmsStatement()
    {
        var policy = PlatformPolicies.NodeAccess(BastionProd with { SessionKeyArns = [] });

        Assert.DoesNotContain(policy.Statements, s => s.Actions.Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));
        Assert.Equal(4, policy.Statements.Count);
    }

    [Fact]
    public void NodeAccessWithoutEnvConditionsOnlyOnTheResourceTag()
    {
        var policy = PlatformPolicies.NodeAccess(BastionProd with { EnvTagValue = null });

        Assert.Equal(
            [
                PolicyCondition.Of("StringEquals", "aws:ResourceTag/Resource", "Bastion"),
                PolicyCondition.Of("BoolIfExists", "ssm:SessionDocumentAccessCheck", "true"),
            ],
            Statement(policy, "StartSessionOnTaggedInstances").Conditions);
    }

    [Fact]
    public void NodeAccessUsesTheConfiguredTagKeys()
    {
        var policy = PlatformPolicies.NodeAccess(BastionProd with { ResourceTagKey = "Role", EnvTagKey = "Environment" });

        var keys = Statement(policy, "StartSessionOnTaggedInstances").Conditions.Select(c => c.Key);

        Assert.Equal(["aws:ResourceTag/Role", "aws:ResourceTag/Environment", "ssm:SessionDocumentAccessCheck"], keys);
    }

    [Fact]
    public void NodeAccessForGivenAccountsNamesThemInEveryArn()
    {
        var policy = PlatformPolicies.NodeAccess(BastionProd with { AccountIds = [AccountId, "210987654321"] });

        Assert.Equal(
            [$"arn:aws:ec2:*:{AccountId}:instance/*", "arn:aws:ec2:*:210987654321:instance/*"],
            Statement(policy, "StartSessionOnTaggedInstances").Resources);
        Assert.Equal(
            [$"arn:aws:ssm:*:{AccountId}:document/SSM-SessionManagerRunShell", "arn:aws:ssm:*:210987654321:document/SSM-SessionManagerRunShell"],
            Statement(policy, "StartSessionWithPreferencesDocument").Resources);
        Assert.Equal(
            [$"arn:aws:ssm:*:{AccountId}:session/*", "arn:aws:ssm:*:210987654321:session/*"],
            Statement(policy, "ManageOwnSessions").Resources);
    }

    [Fact]
    public void NodeAccessRejectsAnEmptyAccountList()
    {
        Assert.Throws<ArgumentException>(() => PlatformPolicies.NodeAccess(BastionProd with { AccountIds = [] }));
    }

    [Fact]
    public void SessionKeyPolicyNeverAllowsKmsStar()
    {
        var policy = RoundTrip(PlatformPolicies.SessionKeyPolicy(AccountId, Region));

        Assert.All(policy.Statements, s =>
        {
            Assert.DoesNotContain("kms:*", s.Actions);
            Assert.DoesNotContain("*", s.Actions);
        });
    }

    [Fact]
    public void SessionKeyPolicyLetsTheAccountAdministerTheKeyWithListedActions()
    {
        var statement = Statement(RoundTrip(PlatformPolicies.SessionKeyPolicy(AccountId, Region)), "KeyAdministration");

        Assert.Equal([PolicyPrincipal.Aws($"arn:aws:iam::{AccountId}:root")], statement.Principals);
        Assert.Equal(["*"], statement.Resources);
        Assert.Contains("kms:ScheduleKeyDeletion", statement.Actions);
        Assert.Contains("kms:Create*", statement.Actions);
        Assert.DoesNotContain("kms:Decrypt", statement.Actions);
    }

    [Fact]
    public void SessionKeyPolicyLetsIamPoliciesGrantUse()
    {
        var statement = Statement(RoundTrip(PlatformPolicies.SessionKeyPolicy(AccountId, Region)), "AllowIamPoliciesToGrantUse");

        Assert.Equal([PolicyPrincipal.Aws($"arn:aws:iam::{AccountId}:root")], statement.Principals);
        Assert.Equal(["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], statement.Actions);
    }

    [Fact]
    public void SessionKeyPolicyLetsCloudWatchLogsUseTheKeyOnlyForLogGroupsOfTheAccount()
    {
        var statement = Statement(RoundTrip(PlatformPolicies.SessionKeyPolicy(AccountId, Region)), "AllowCloudWatchLogs");

        Assert.Equal([PolicyPrincipal.Service("logs.eu-west-1.amazonaws.com")], statement.Principals);
        Assert.Equal(
            [PolicyCondition.Of("ArnLike", "kms:EncryptionContext:aws:logs:arn", "arn:aws:logs:eu-west-1:123456789012:log-group:*")],
            statement.Conditions);
    }

    [Fact]
    public void TlsOnlyBucketPolicyDeniesPlainHttpToEveryone()
    {
        var statement = Assert.Single(RoundTrip(PlatformPolicies.TlsOnlyBucketPolicy(LogBucket)).Statements);

        Assert.Equal(PolicyEffect.Deny, statement.Effect);
        Assert.Equal([PolicyPrincipal.Anyone], statement.Principals);
        Assert.Equal(["s3:*"], statement.Actions);
        Assert.Equal([LogBucket, $"{LogBucket}/*"], statement.Resources);
        Assert.Equal([PolicyCondition.Of("Bool", "aws:SecureTransport", "false")], statement.Conditions);
    }

    [Fact]
    public void TlsOnlyBucketPolicyKeepsExtraStatementsAfterTheDeny()
    {
        var extra = PlatformPolicies.ResourceDataSyncBucketStatements(LogBucket, "inventory", [AccountId]);

        var policy = PlatformPolicies.TlsOnlyBucketPolicy(LogBucket, extra);

        Assert.Equal(["DenyInsecureTransport", "SSMBucketPermissionsCheck", "SSMBucketDelivery"], policy.Statements.Select(s => s.Sid));
    }

    [Fact]
    public void ResourceDataSyncChecksTheBucketAclAsSystemsManager()
    {
        var statements = PlatformPolicies.ResourceDataSyncBucketStatements(LogBucket, "inventory", [AccountId]);

        var check = Assert.Single(statements, s => s.Sid == "SSMBucketPermissionsCheck");

        Assert.Equal([PolicyPrincipal.Service("ssm.amazonaws.com")], check.Principals);
        Assert.Equal(["s3:GetBucketAcl"], check.Actions);
        Assert.Equal([LogBucket], check.Resources);
    }

    [Fact]
    public void ResourceDataSyncDeliversEachAccountUnderItsOwnPathWithBucketOwnerFullControl()
    {
        var statements = PlatformPolicies.ResourceDataSyncBucketStatements(LogBucket, "inventory", [AccountId, "210987654321"]);

        var delivery = Assert.Single(statements, s => s.Sid == "SSMBucketDelivery");

        Assert.Equal([PolicyPrincipal.Service("ssm.amazonaws.com")], delivery.Principals);
        Assert.Equal(["s3:PutObject"], delivery.Actions);
        Assert.Equal(
            [$"{LogBucket}/inventory/*/accountid={AccountId}/*", $"{LogBucket}/inventory/*/accountid=210987654321/*"],
            delivery.Resources);
        Assert.Equal(
            [
                PolicyCondition.Of("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"),
                PolicyCondition.Of("StringEquals", "aws:SourceAccount", AccountId, "210987654321"),
            ],
            delivery.Conditions);
    }

    [Fact]
    public void AwsManagedPolicyArnsFollowThePartition()
    {
        Assert.Equal("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", AwsManagedPolicies.SsmManagedInstanceCore);
        Assert.Equal("arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy", AwsManagedPolicies.SsmManagedEc2InstanceDefaultPolicy);
        Assert.Equal(AwsManagedPolicies.SsmManagedInstanceCore, AwsManagedPolicies.SsmManagedInstanceCoreIn());
        Assert.Equal("arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore", AwsManagedPolicies.SsmManagedInstanceCoreIn("aws-cn"));
        Assert.Equal("arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy", AwsManagedPolicies.SsmManagedEc2InstanceDefaultPolicyIn("aws-us-gov"));
    }
}
