using System.Text.Json;
using Infra.Components.IdentityCenter;
using Infra.Components.Tests.Testing;
using Infra.Core.Grants;
using Infra.Core.Iam;
using Infra.Core.IdentityCenter;
using Infra.Core.Settings;
using Microsoft.Extensions.Time.Testing;
using Pulumi;
using static Infra.Components.Tests.Testing.PulumiTest;

namespace Infra.Components.Tests;

public sealed class IdentityCenterComponentTests
{
    private const string InstanceArn = "arn:aws:sso:::instance/ssoins-72230cba7e5c1d2f";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] SessionActions = ["ssm:ResumeSession", "ssm:TerminateSession"];

    private static PermissionSetSettings Bastion => new()
    {
        Name = "StgBastionAccess",
        Description = "Session Manager access to staging bastion hosts.",
        SessionDuration = "PT4H",
        NodeAccess = new NodeAccessSettings("Bastion", "Stg"),
    };

    private static async Task<PolicyDocument> InlinePolicy()
    {
        var registered = await Run(() => _ = new PermissionSet("bastion", new PermissionSetArgs
        {
            Settings = Bastion,
            InstanceArn = InstanceArn,
            SessionKeyArns = new InputList<string> { $"arn:aws:kms:eu-central-1:{Account}:key/{KeyId}" },
            Tags = Fixtures.BaseTags,
        }));
        var set = registered.Single("aws-native:sso:PermissionSet");
        Assert.Equal("StgBastionAccess", set.Inputs["name"]);
        Assert.Equal("PT4H", set.Inputs["sessionDuration"]);
        return PolicyDocument.Parse(JsonSerializer.Serialize(set.Inputs["inlinePolicy"]));
    }

    [Fact]
    public async Task BastionPermissionSetStartsSessionsOnlyOnInstancesTaggedForItsTarget()
    {
        var start = (await InlinePolicy()).Statements.Single(s => s.Resources.Any(r => r.Contains(":instance/", StringComparison.Ordinal)));

        Assert.Equal(["ssm:StartSession"], start.Actions);
        Assert.Contains(start.Conditions, c => c.Operator == "StringEquals" && c.Key == "aws:ResourceTag/Resource" && c.Values.SequenceEqual(["Bastion"]));
        Assert.Contains(start.Conditions, c => c.Operator == "StringEquals" && c.Key == "aws:ResourceTag/Env" && c.Values.SequenceEqual(["Stg"]));
        Assert.Contains(start.Conditions, c => c.Key == "ssm:SessionDocumentAccessCheck" && c.Values.SequenceEqual(["true"]));
    }

    [Fact]
    public async Task BastionPermissionSetForcesThePlatformPreferencesDocument()
    {
        var document = (await InlinePolicy()).Statements.Single(s => s.Resources.Any(r => r.Contains(":document/", StringComparison.Ordinal)));

        Assert.Equal(["ssm:StartSession"], document.Actions);
        Assert.All(document.Resources, r => Assert.EndsWith(":document/SSM-SessionManagerRunShell", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BastionPermissionSetResumesAndTerminatesOnlyOwnSessions()
    {
        var own = (await InlinePolicy()).Statements.Single(s => s.Actions.Contains("ssm:TerminateSession"));

        Assert.Equal(SessionActions, own.Actions.Order(StringComparer.Ordinal));
        Assert.Contains(own.Conditions, c => c.Values.Contains("${aws:userid}"));
    }

    [Fact]
    public async Task BastionPermissionSetUsesOnlyTheSessionKeysAndAllowsNoCommands()
    {
        var policy = await InlinePolicy();

        var kms = policy.Statements.Single(s => s.Actions.Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));
        Assert.Equal([$"arn:aws:kms:eu-central-1:{Account}:key/{KeyId}"], kms.Resources);
        Assert.DoesNotContain(policy.Statements.SelectMany(s => s.Actions), a => a is "ssm:SendCommand" or "*" || a.EndsWith(":*", StringComparison.Ordinal));
        Assert.Empty(PolicyRules.Check(policy, PolicyKind.PermissionSetInline));
    }

    [Fact]
    public async Task RunAsPassesTheUserNameAsTheSsmSessionRunAsSessionTag()
    {
        var registered = await Run(() => _ = new RunAsAttributes("run-as", new RunAsAttributesArgs { InstanceArn = InstanceArn }));

        var config = registered.Single("aws-native:sso:InstanceAccessControlAttributeConfiguration");
        var attribute = Map(Assert.Single(List(config.Inputs["accessControlAttributes"])));
        Assert.Equal("SSMSessionRunAs", attribute["key"]);
        Assert.Equal("${path:userName}", Assert.Single(List(Map(attribute["value"])["source"])));
    }

    private static AccessGrant Grant => new(PrincipalType.User, "c2e4a6b8-1d3f-4a5c-9e7b-0f2d4c6a8e1b", "jonas.weber", "StgBastionAccess", Account,
        null, new DateTimeOffset(2026, 12, 14, 18, 0, 0, TimeSpan.FromHours(1)), "INC-4711");

    private static Task<Registered> DeployGrant(AccessGrant grant) => Run(() => _ = new TemporaryAccessGrant("grant", new TemporaryAccessGrantArgs
    {
        Grant = grant,
        Decision = AccessGrants.Evaluate(grant, new FakeTimeProvider(Now)),
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        InstanceArn = InstanceArn,
        PermissionSetArn = "arn:aws:sso:::permissionSet/ssoins-72230cba7e5c1d2f/ps-0123456789abcdef",
        IdentityCenterAccountId = Account,
        Tags = Fixtures.BaseTags,
    }));

    [Fact]
    public async Task GrantAssignsThePermissionSetToThePrincipalInTheAccount()
    {
        var assignment = (await DeployGrant(Grant)).Single("aws-native:sso:Assignment");

        Assert.Equal("USER", assignment.Inputs["principalType"]);
        Assert.Equal(Grant.PrincipalId, assignment.Inputs["principalId"]);
        Assert.Equal(Account, assignment.Inputs["targetId"]);
        Assert.Equal("AWS_ACCOUNT", assignment.Inputs["targetType"]);
    }

    [Fact]
    public async Task GrantIsRevokedByAOneTimeScheduleAtItsEndThatDeletesItself()
    {
        var schedule = (await DeployGrant(Grant)).Single("aws:scheduler/schedule:Schedule");

        Assert.Equal("at(2026-12-14T18:00:00)", schedule.Inputs["scheduleExpression"]);
        Assert.Equal("Europe/Berlin", schedule.Inputs["scheduleExpressionTimezone"]);
        Assert.Equal("DELETE", schedule.Inputs["actionAfterCompletion"]);
        Assert.Equal("OFF", Map(schedule.Inputs["flexibleTimeWindow"])["mode"]);
    }

    [Fact]
    public async Task RevocationCallsDeleteAccountAssignmentWithExactlyThisAssignment()
    {
        var target = Map((await DeployGrant(Grant)).Single("aws:scheduler/schedule:Schedule").Inputs["target"]);

        Assert.Equal("arn:aws:scheduler:::aws-sdk:ssoadmin:deleteAccountAssignment", target["arn"]);
        using var input = JsonDocument.Parse((string)target["input"]);
        Assert.Equal(InstanceArn, input.RootElement.GetProperty("InstanceArn").GetString());
        Assert.Equal("arn:aws:sso:::permissionSet/ssoins-72230cba7e5c1d2f/ps-0123456789abcdef", input.RootElement.GetProperty("PermissionSetArn").GetString());
        Assert.Equal(Grant.PrincipalId, input.RootElement.GetProperty("PrincipalId").GetString());
        Assert.Equal("USER", input.RootElement.GetProperty("PrincipalType").GetString());
        Assert.Equal(Account, input.RootElement.GetProperty("TargetId").GetString());
        Assert.Equal("AWS_ACCOUNT", input.RootElement.GetProperty("TargetType").GetString());
    }

    [Fact]
    public async Task RevokerRoleMayOnlyDeleteThisAssignment()
    {
        var role = (await DeployGrant(Grant)).Single("aws-native:iam:Role");

        Assert.Contains("scheduler.amazonaws.com", JsonSerializer.Serialize(role.Inputs["assumeRolePolicyDocument"]), StringComparison.Ordinal);
        var policy = PolicyDocument.Parse(JsonSerializer.Serialize(Map(Assert.Single(List(role.Inputs["policies"])))["policyDocument"]));
        var statement = Assert.Single(policy.Statements);
        Assert.Equal(["sso:DeleteAccountAssignment"], statement.Actions);
        Assert.Equal(3, statement.Resources.Count);
    }

    [Fact]
    public async Task ExpiredGrantIsNotDeployed()
    {
        var expired = Grant with { Until = Now.AddDays(-1) };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => DeployGrant(expired));

        Assert.Contains("remove from config", error.ToString(), StringComparison.Ordinal);
    }
}
