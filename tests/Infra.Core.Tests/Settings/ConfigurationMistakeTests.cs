namespace Infra.Core.Tests.Settings;

/// <summary>One test per class of configuration mistake: each names the file, the key path, the value and the rule.</summary>
public sealed class ConfigurationMistakeTests
{
    private static ConfigProblem Single(string stack, string line, string replacement, string where)
    {
        var (settings, problems) = StackFiles.Parse(stack, StackFiles.With(stack, line, replacement));

        Assert.Null(settings);
        var matching = problems.Where(p => p.Where == where).ToList();
        Assert.True(matching.Count == 1, $"expected one problem at {where}, got:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        return matching[0];
    }

    [Fact]
    public void ScheduleFasterThanThirtyMinutesNamesFileKeyValueAndRule()
    {
        var problem = Single("prod", "schedule: rate(30 minutes)\n      targets: all", "schedule: cron(*/10 * * * ? *)\n      targets: all",
            "Pulumi.prod.yaml: infra:associations[2].schedule");

        Assert.Equal("cron(*/10 * * * ? *)", problem.Given);
        Assert.Contains("30 minutes", problem.Rule, StringComparison.Ordinal);
        Assert.Contains("SSM User Guide", problem.Source, StringComparison.Ordinal);
        Assert.StartsWith("Pulumi.prod.yaml: infra:associations[2].schedule = \"cron(*/10 * * * ? *)\": ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCaseTargetValueSuggestsTheCanonicalSpelling()
    {
        var problem = Single("stg", "values: [Kafka]", "values: [kafka]", "Pulumi.stg.yaml: infra:associations[1].targets[0].values[0]");

        Assert.Equal("kafka", problem.Given);
        Assert.Contains("use \"Kafka\"", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCaseEnvironmentSuggestsTheContractSpelling()
    {
        var problem = Single("stg", "infra:env: Stg", "infra:env: stg", "Pulumi.stg.yaml: infra:env");

        Assert.Contains("\"Stg\"", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void StackFileCopiedFromAnotherEnvironmentIsRejected()
    {
        var problem = Single("stg", "infra:env: Stg", "infra:env: Prod", "Pulumi.stg.yaml: infra:env");

        Assert.Contains("Env=Stg", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountIdThatIsNotTwelveDigitsIsRejected()
    {
        var problem = Single("stg", "id: \"210987654321\"", "id: \"21098765432\"", "Pulumi.stg.yaml: infra:accounts[0].id");

        Assert.Contains("12 digits", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployRoleInAnotherAccountIsRejected()
    {
        var problem = Single("stg", "deployRole: arn:aws:iam::210987654321:role/infra-deploy\n      regions", "deployRole: arn:aws:iam::999999999999:role/infra-deploy\n      regions",
            "Pulumi.stg.yaml: infra:accounts[0].deployRole");

        Assert.Contains("999999999999", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRegionIsRejected()
    {
        Single("stg", "        - eu-central-1\n  infra:session", "        - europe-1\n  infra:session", "Pulumi.stg.yaml: infra:accounts[0].regions[0]");
    }

    [Fact]
    public void DeveloperTagOverridingPlatformTagIsRejected()
    {
        var problem = Single("stg", "        Service: bastion", "        Service: bastion\n        Env: Dev", "Pulumi.stg.yaml: infra:bastions[0].tags.Env");

        Assert.Equal("Dev", problem.Given);
        Assert.Contains("platform tag", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredDeveloperTagIsRejected()
    {
        var problem = Single("stg", "        Service: bastion\n", "", "Pulumi.stg.yaml: infra:bastions[0].tags.Service");

        Assert.Null(problem.Given);
        Assert.Contains("required", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDocumentParameterIsRejected()
    {
        var problem = Single("stg", "version: \"2.0.0\"", "versoin: \"2.0.0\"", "Pulumi.stg.yaml: infra:associations[1].parameters.versoin");

        Assert.Contains("declares no parameter versoin", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredDocumentParameterIsRejected()
    {
        var problem = Single("stg", "        version: \"2.0.0\"\n", "", "Pulumi.stg.yaml: infra:associations[1].parameters.version");

        Assert.Contains("requires the parameter version", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDocumentIsRejected()
    {
        var problem = Single("stg", "document: vulnerability-scan", "document: vuln-scan", "Pulumi.stg.yaml: infra:associations[0].document");

        Assert.Contains("vulnerability-scan", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void RateControlOutsideTheApiPatternIsRejected()
    {
        Single("stg", "maxConcurrency: \"20%\"", "maxConcurrency: \"200%\"", "Pulumi.stg.yaml: infra:associations[1].maxConcurrency");
    }

    [Fact]
    public void ScheduleOffsetWithoutApplyOnlyAtCronIntervalIsRejected()
    {
        Single("stg", "schedule: cron(0 2 * * ? *)", "schedule: cron(0 2 * * ? *)\n      scheduleOffset: 2", "Pulumi.stg.yaml: infra:associations[3].scheduleOffset");
    }

    [Fact]
    public void SessionDurationOverTwelveHoursIsRejected()
    {
        var problem = Single("stg", "sessionDuration: PT4H", "sessionDuration: PT13H", "Pulumi.stg.yaml: infra:permissionSets[0].sessionDuration");

        Assert.Contains("1 to 12 hours", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void GrantWithoutReasonIsRejected()
    {
        Single("stg", "      reason: \"INC-4711: Kafka broker disk pressure on stg\"\n", "", "Pulumi.stg.yaml: infra:grants[0].reason");
    }

    [Fact]
    public void GrantLongerThanThePermissionSetAllowsIsRejected()
    {
        var problem = Single("stg", "until: \"2026-12-14T18:00:00+01:00\"", "until: \"2026-12-24T18:00:00+01:00\"", "Pulumi.stg.yaml: infra:grants[0].until");

        Assert.Contains("at most 14d", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void GrantEndWithoutOffsetIsRejected()
    {
        var problem = Single("stg", "until: \"2026-12-14T18:00:00+01:00\"", "until: \"2026-12-14T18:00:00\"", "Pulumi.stg.yaml: infra:grants[0].until");

        Assert.Contains("UTC offset", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void GrantOfAnUnknownPermissionSetIsRejected()
    {
        Single("stg", "      permissionSet: StgBastionAccess\n      account: stg\n      from", "      permissionSet: BastionAccess\n      account: stg\n      from",
            "Pulumi.stg.yaml: infra:grants[0].permissionSet");
    }

    [Fact]
    public void PrincipalIdThatIsNotAGuidIsRejected()
    {
        Single("stg", "principalId: c2e4a6b8-1d3f-4a5c-9e7b-0f2d4c6a8e1b", "principalId: jonas.weber", "Pulumi.stg.yaml: infra:grants[0].principalId");
    }

    [Fact]
    public void InstanceArnOfTheWrongShapeIsRejected()
    {
        Single("stg", "instanceArn: arn:aws:sso:::instance/ssoins-72230cba7e5c1d2f", "instanceArn: arn:aws:sso:::instance/ssoins-1", "Pulumi.stg.yaml: infra:identityCenter.instanceArn");
    }

    [Fact]
    public void LogRetentionCloudWatchDoesNotOfferIsRejected()
    {
        var problem = Single("stg", "logRetentionDays: 90", "logRetentionDays: 100", "Pulumi.stg.yaml: infra:session.logRetentionDays");

        Assert.Contains("90, 120", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspelledKeyIsReportedWithTheRightSpelling()
    {
        var problem = Single("stg", "    idleTimeoutMinutes: 20", "    idletimeoutMinutes: 20", "Pulumi.stg.yaml: infra:session.idletimeoutMinutes");

        Assert.Contains("idleTimeoutMinutes", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProjectKeyIsReported()
    {
        Single("stg", "  infra:timeZone: Europe/Berlin", "  infra:timeZone: Europe/Berlin\n  infra:timezone: UTC", "Pulumi.stg.yaml: infra:timezone");
    }

    [Fact]
    public void UnknownTimeZoneIsRejected()
    {
        Single("stg", "infra:timeZone: Europe/Berlin", "infra:timeZone: Europe/Munich", "Pulumi.stg.yaml: infra:timeZone");
    }

    [Fact]
    public void BastionInARegionWithoutTheBaselineIsRejected()
    {
        Single("stg", "      region: eu-central-1\n      vpcId", "      region: eu-west-1\n      vpcId", "Pulumi.stg.yaml: infra:bastions[0].region");
    }

    [Fact]
    public void YamlSyntaxErrorNamesTheLine()
    {
        var (_, problems) = StackFiles.Parse("stg", StackFiles.With("stg", "  infra:env: Stg", "  infra:env: Stg: x"));

        Assert.Contains(problems, p => p.Where.StartsWith("Pulumi.stg.yaml line ", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryMistakeIsReportedAtOnce()
    {
        var text = StackFiles.Text("stg")
            .Replace("infra:env: Stg", "infra:env: stg", StringComparison.Ordinal)
            .Replace("values: [Kafka]", "values: [kafka]", StringComparison.Ordinal)
            .Replace("sessionDuration: PT4H", "sessionDuration: PT13H", StringComparison.Ordinal)
            .Replace("logRetentionDays: 90", "logRetentionDays: 100", StringComparison.Ordinal);

        var (settings, problems) = StackFiles.Parse("stg", text);

        Assert.Null(settings);
        Assert.Contains(problems, p => p.Where.EndsWith("infra:env", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Where.EndsWith("values[0]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Where.EndsWith("sessionDuration", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Where.EndsWith("logRetentionDays", StringComparison.Ordinal));
    }

    [Fact]
    public void PatchBaselineOperationOutsideItsValuesIsRejected()
    {
        var problem = Single("stg", "        Operation: Scan", "        Operation: scan", "Pulumi.stg.yaml: infra:associations[3].parameters.Operation");

        Assert.Contains("Scan or Install", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void PatchBaselineWithoutOperationIsRejected()
    {
        var problem = Single("stg", "      parameters:\n        Operation: Scan\n", "", "Pulumi.stg.yaml: infra:associations[3].parameters.Operation");

        Assert.Null(problem.Given);
    }

    [Fact]
    public void GrantToSomeoneWithoutAnOsUserOnTheBastionsIsRejected()
    {
        var problem = Single("stg", "users: \"anna.schmidt,jonas.weber,lea.fischer\"", "users: \"anna.schmidt,lea.fischer\"",
            "Pulumi.stg.yaml: infra:grants[0].principalName");

        Assert.Equal("jonas.weber", problem.Given);
        Assert.Contains("add jonas.weber to the users of association bastion-os-users", problem.Rule, StringComparison.Ordinal);
    }
}
