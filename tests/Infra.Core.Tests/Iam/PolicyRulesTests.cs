using Infra.Core.Iam;

namespace Infra.Core.Tests.Iam;

public sealed class PolicyRulesTests
{
    private const string Bucket = "arn:aws:s3:::infra-logs";
    private static readonly PolicyPrincipal Ec2 = PolicyPrincipal.Service("ec2.amazonaws.com");
    private static readonly PolicyPrincipal Account = PolicyPrincipal.Aws("arn:aws:iam::123456789012:root");

    private static IReadOnlyList<RuleViolation> Check(PolicyKind kind, params PolicyStatement[] statements) =>
        PolicyRules.Check(new PolicyDocument(statements), kind);

    private static void AssertViolation(IReadOnlyList<RuleViolation> violations, string fragment) =>
        Assert.True(
            violations.Any(v => v.Rule.Contains(fragment, StringComparison.Ordinal)),
            $"expected a violation containing \"{fragment}\", got: [{string.Join(" | ", violations.Select(v => v.Rule))}]");

    private static void AssertNoViolations(IReadOnlyList<RuleViolation> violations) =>
        Assert.True(violations.Count == 0, $"expected no violations, got: [{string.Join(" | ", violations.Select(v => v.Rule))}]");

    private static void AssertLeastPrivilegeViolation(IReadOnlyList<RuleViolation> violations) =>
        Assert.True(
            violations.Any(v => v.Source.Contains("least privilege", StringComparison.Ordinal)),
            $"expected a least-privilege violation, got: [{string.Join(" | ", violations.Select(v => v.Rule))}]");

    private static void AssertNoLeastPrivilegeViolation(IReadOnlyList<RuleViolation> violations) =>
        Assert.False(
            violations.Any(v => v.Source.Contains("least privilege", StringComparison.Ordinal)),
            $"expected no least-privilege violation, got: [{string.Join(" | ", violations.Select(v => v.Rule))}]");

    [Fact]
    public void WellFormedIdentityPolicyPasses()
    {
        AssertNoViolations(Check(PolicyKind.Identity, PolicyStatement.Allow(["s3:GetObject"], [$"{Bucket}/*"], "ReadLogs")));
    }

    [Fact]
    public void PolicyNeedsAtLeastOneStatement()
    {
        AssertViolation(PolicyRules.Check(new PolicyDocument([]), PolicyKind.Identity), "no statements");
    }

    [Fact]
    public void StatementWithoutEffectIsRejected()
    {
        const string json = """{"Version":"2012-10-17","Statement":[{"Sid":"ReadLogs","Action":"s3:GetObject","Resource":"arn:aws:s3:::infra-logs/*"}]}""";

        AssertViolation(PolicyRules.Check(json, PolicyKind.Identity), "Statement[0] (Sid \"ReadLogs\") has no Effect");
    }

    [Fact]
    public void EffectMustBeAllowOrDenyWithThatCase()
    {
        const string json = """{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::infra-logs/*"}]}""";

        AssertViolation(PolicyRules.Check(json, PolicyKind.Identity), "write \"Allow\" or \"Deny\"");
    }

    [Fact]
    public void PolicyJsonWithoutVersionIsRejected()
    {
        const string json = """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::infra-logs/*"}]}""";

        AssertViolation(PolicyRules.Check(json, PolicyKind.Identity), "no Version");
    }

    [Fact]
    public void StatementWithoutActionIsRejected()
    {
        AssertViolation(Check(PolicyKind.Identity, PolicyStatement.Allow([], [Bucket], "NoAction")), "Statement[0] (Sid \"NoAction\") has no Action");
    }

    [Fact]
    public void ActionAndNotActionTogetherAreRejected()
    {
        var statement = PolicyStatement.Deny(["s3:GetObject"], [Bucket]) with { NotActions = ["s3:PutObject"] };

        AssertViolation(Check(PolicyKind.Identity, statement), "both Action and NotAction");
    }

    [Theory]
    [InlineData("s3GetObject")]
    [InlineData("S3:GetObject")]
    [InlineData("s3:Get-Object")]
    [InlineData("s3:")]
    [InlineData(":GetObject")]
    [InlineData("s3 :GetObject")]
    [InlineData("")]
    public void ActionMustBeStarOrServiceColonAction(string action)
    {
        AssertViolation(Check(PolicyKind.Identity, PolicyStatement.Allow([action], [Bucket])), "is not \"*\" or \"service:Action\"");
    }

    [Theory]
    [InlineData("s3:GetObject")]
    [InlineData("kms:Describe*")]
    [InlineData("ec2:Describe?nstances")]
    [InlineData("sso-directory:DescribeUsers")]
    public void WellFormedActionsAreAccepted(string action)
    {
        AssertNoViolations(Check(PolicyKind.Identity, PolicyStatement.Allow([action], [Bucket])));
    }

    [Theory]
    [InlineData("Read-Logs")]
    [InlineData("Read Logs")]
    [InlineData("ReadLogs_1")]
    public void SidMayContainOnlyLettersAndDigits(string sid)
    {
        AssertViolation(Check(PolicyKind.Identity, PolicyStatement.Allow(["s3:GetObject"], [Bucket], sid)), "only letters and digits");
    }

    [Fact]
    public void DuplicateSidIsRejected()
    {
        var violations = Check(PolicyKind.Identity,
            PolicyStatement.Allow(["s3:GetObject"], [Bucket], "Logs"),
            PolicyStatement.Allow(["s3:PutObject"], [Bucket], "Logs"));

        AssertViolation(violations, "Statement[1] (Sid \"Logs\"): Sid \"Logs\" is already used by Statement[0]");
    }

    [Fact]
    public void StatementsWithoutSidMayRepeat()
    {
        AssertNoViolations(Check(PolicyKind.Identity,
            PolicyStatement.Allow(["s3:GetObject"], [Bucket]),
            PolicyStatement.Allow(["s3:PutObject"], [Bucket])));
    }

    [Theory]
    [InlineData(PolicyKind.Identity)]
    [InlineData(PolicyKind.RoleInline)]
    [InlineData(PolicyKind.PermissionSetInline)]
    public void IdentityPolicyMustNotNamePrincipal(PolicyKind kind)
    {
        var statement = PolicyStatement.Allow(["s3:GetObject"], [Bucket]).WithPrincipals(Account);

        AssertViolation(Check(kind, statement), "takes no Principal");
    }

    [Theory]
    [InlineData(PolicyKind.Identity)]
    [InlineData(PolicyKind.RoleInline)]
    [InlineData(PolicyKind.PermissionSetInline)]
    [InlineData(PolicyKind.Resource)]
    public void PermissionPolicyNeedsResource(PolicyKind kind)
    {
        var statement = PolicyStatement.Allow(["s3:GetObject"], []);
        if (kind == PolicyKind.Resource)
        {
            statement = statement.WithPrincipals(Account);
        }

        AssertViolation(Check(kind, statement), "has no Resource");
    }

    [Fact]
    public void ResourceMustBeStarOrArn()
    {
        AssertViolation(Check(PolicyKind.Identity, PolicyStatement.Allow(["s3:GetObject"], ["infra-logs/*"])), "neither \"*\" nor an ARN");
    }

    [Fact]
    public void TrustPolicyNeedsPrincipal()
    {
        AssertViolation(Check(PolicyKind.Trust, PolicyStatement.Allow(["sts:AssumeRole"], [], "Assume")), "Statement[0] (Sid \"Assume\"): a trust policy must say who may assume the role");
    }

    [Fact]
    public void TrustPolicyMustNotNameResource()
    {
        var statement = PolicyStatement.Allow(["sts:AssumeRole"], ["arn:aws:iam::123456789012:role/r"]).WithPrincipals(Ec2);

        AssertViolation(Check(PolicyKind.Trust, statement), "remove Resource");
    }

    [Theory]
    [InlineData("sts:*")]
    [InlineData("sts:GetCallerIdentity")]
    [InlineData("iam:PassRole")]
    public void TrustPolicyAllowsOnlyAssumeRoleActions(string action)
    {
        var statement = PolicyStatement.Allow([action], []).WithPrincipals(Ec2);

        AssertViolation(Check(PolicyKind.Trust, statement), $"remove \"{action}\"");
    }

    [Fact]
    public void TrustPolicyMayTagSessionAndSetSourceIdentity()
    {
        var statement = PolicyStatement.Allow(["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"], []).WithPrincipals(Account);

        AssertNoViolations(Check(PolicyKind.Trust, statement));
    }

    [Fact]
    public void ResourcePolicyNeedsPrincipal()
    {
        AssertViolation(Check(PolicyKind.Resource, PolicyStatement.Allow(["s3:GetObject"], [$"{Bucket}/*"])), "a resource policy must say who it applies to");
    }

    [Fact]
    public void NotPrincipalIsOnlyAllowedWithDeny()
    {
        var statement = PolicyStatement.Allow(["s3:GetObject"], [$"{Bucket}/*"]) with { NotPrincipals = [Account] };

        AssertViolation(Check(PolicyKind.Resource, statement), "NotPrincipal works only with \"Effect\": \"Deny\"");
    }

    [Fact]
    public void AnyonePrincipalCannotBeCombinedWithOthers()
    {
        var statement = PolicyStatement.Deny(["s3:*"], [Bucket]).WithPrincipals(PolicyPrincipal.Anyone, Account);

        AssertViolation(Check(PolicyKind.Resource, statement), "cannot be combined");
    }

    [Fact]
    public void UnknownConditionOperatorIsRejected()
    {
        var statement = PolicyStatement.Allow(["s3:GetObject"], [Bucket]).WithCondition("StringEqual", "aws:SourceAccount", "123456789012");

        AssertViolation(Check(PolicyKind.Identity, statement), "\"StringEqual\" is not a condition operator");
    }

    [Theory]
    [InlineData("StringEqualsIfExists")]
    [InlineData("ForAnyValue:StringLike")]
    [InlineData("BoolIfExists")]
    [InlineData("Null")]
    public void ConditionOperatorVariantsAreAccepted(string conditionOperator)
    {
        var statement = PolicyStatement.Allow(["s3:GetObject"], [Bucket]).WithCondition(conditionOperator, "aws:SourceAccount", "123456789012");

        AssertNoViolations(Check(PolicyKind.Identity, statement));
    }

    [Theory]
    [InlineData(PolicyKind.Identity)]
    [InlineData(PolicyKind.RoleInline)]
    [InlineData(PolicyKind.PermissionSetInline)]
    [InlineData(PolicyKind.Resource)]
    [InlineData(PolicyKind.Trust)]
    public void AllowOfEveryActionOnEveryResourceIsRejectedForEveryKind(PolicyKind kind)
    {
        var statement = PolicyStatement.Allow(["*"], ["*"], "Admin");
        if (kind is PolicyKind.Resource or PolicyKind.Trust)
        {
            statement = statement.WithPrincipals(Account);
        }

        var violations = Check(kind, statement);

        AssertLeastPrivilegeViolation(violations);
        AssertViolation(violations, "Statement[0] (Sid \"Admin\") allows every action on every resource");
    }

    [Fact]
    public void AllowOfStarColonStarOnEveryResourceIsRejected()
    {
        AssertLeastPrivilegeViolation(Check(PolicyKind.Resource, PolicyStatement.Allow(["*:*"], ["*"]).WithPrincipals(Account)));
    }

    [Theory]
    [InlineData(PolicyKind.Identity)]
    [InlineData(PolicyKind.RoleInline)]
    [InlineData(PolicyKind.PermissionSetInline)]
    public void ServiceWildcardOnEveryResourceIsRejectedForIdentityPolicies(PolicyKind kind)
    {
        var violations = Check(kind, PolicyStatement.Allow(["ssm:*"], ["*"]));

        AssertLeastPrivilegeViolation(violations);
        AssertViolation(violations, "allows every ssm action (\"ssm:*\") on every resource");
    }

    [Fact]
    public void ServiceWildcardOnScopedResourceIsAllowed()
    {
        AssertNoViolations(Check(PolicyKind.Identity, PolicyStatement.Allow(["ssm:*"], ["arn:aws:ssm:eu-west-1:123456789012:document/Infra-*"])));
    }

    [Fact]
    public void ActionPrefixWildcardSuchAsKmsCreateStarIsAllowedOnEveryResource()
    {
        AssertNoViolations(Check(PolicyKind.Identity, PolicyStatement.Allow(["kms:Create*", "kms:Describe*"], ["*"])));
    }

    [Fact]
    public void DenyOfEveryActionOnEveryResourceIsAllowed()
    {
        AssertNoViolations(Check(PolicyKind.Identity, PolicyStatement.Deny(["*"], ["*"], "DenyAll")));
    }

    [Fact]
    public void AllowWithNotActionOnEveryResourceIsRejected()
    {
        var statement = new PolicyStatement { Effect = PolicyEffect.Allow, NotActions = ["iam:*"], Resources = ["*"] };

        AssertLeastPrivilegeViolation(Check(PolicyKind.Identity, statement));
    }

    [Fact]
    public void AllowWithNotResourceCountsAsEveryResource()
    {
        var statement = new PolicyStatement { Effect = PolicyEffect.Allow, Actions = ["*"], NotResources = [Bucket] };

        AssertLeastPrivilegeViolation(Check(PolicyKind.Identity, statement));
    }

    /// <summary>Adds resources one at a time until the rendered policy passes <paramref name="limit"/> non-whitespace characters.</summary>
    private static (PolicyDocument Under, PolicyDocument Over) AroundLimit(int limit, Func<IReadOnlyList<string>, PolicyDocument> build, Func<int, string> item)
    {
        var items = new List<string>();
        var previous = build([item(0)]);
        for (var i = 0; ; i++)
        {
            items.Add(item(i));
            var current = build(items);
            if (NonWhitespace(current) > limit)
            {
                return (previous, current);
            }

            previous = current;
        }
    }

    private static int NonWhitespace(PolicyDocument policy) => policy.ToJson().Count(c => !char.IsWhiteSpace(c));

    [Fact]
    public void PermissionSetInlinePolicyOver10240NonWhitespaceCharactersIsRejected()
    {
        var (under, over) = AroundLimit(
            PolicyRules.PermissionSetInlineMaxChars,
            resources => PolicyDocument.Of(PolicyStatement.Allow(["s3:GetObject"], resources)),
            i => $"{Bucket}/team-{i:D5}/*");

        AssertNoViolations(PolicyRules.Check(under, PolicyKind.PermissionSetInline));
        AssertViolation(PolicyRules.Check(over, PolicyKind.PermissionSetInline), "a permission set's inline policy may have at most 10,240");
    }

    [Fact]
    public void TrustPolicyOver2048NonWhitespaceCharactersIsRejected()
    {
        var (under, over) = AroundLimit(
            PolicyRules.TrustMaxChars,
            roles => PolicyDocument.Of(PolicyStatement.Allow(["sts:AssumeRole"], []).WithPrincipals(PolicyPrincipal.Aws([.. roles]))),
            i => $"arn:aws:iam::123456789012:role/caller-{i:D3}");

        AssertNoViolations(PolicyRules.Check(under, PolicyKind.Trust));
        AssertViolation(PolicyRules.Check(over, PolicyKind.Trust), "a role trust policy (default quota) may have at most 2,048");
    }

    [Fact]
    public void ManagedPolicyOver6144NonWhitespaceCharactersIsRejected()
    {
        var (under, over) = AroundLimit(
            PolicyRules.IdentityMaxChars,
            resources => PolicyDocument.Of(PolicyStatement.Allow(["s3:GetObject"], resources)),
            i => $"{Bucket}/team-{i:D5}/*");

        AssertNoViolations(PolicyRules.Check(under, PolicyKind.Identity));
        AssertViolation(PolicyRules.Check(over, PolicyKind.Identity), "at most 6,144");
    }

    [Fact]
    public void SizeLimitsDependOnTheKind()
    {
        var (_, over) = AroundLimit(
            PolicyRules.IdentityMaxChars,
            resources => PolicyDocument.Of(PolicyStatement.Allow(["s3:GetObject"], resources)),
            i => $"{Bucket}/team-{i:D5}/*");

        AssertViolation(PolicyRules.Check(over, PolicyKind.Identity), "non-whitespace characters");
        AssertNoViolations(PolicyRules.Check(over, PolicyKind.RoleInline));
    }

    [Fact]
    public void EveryViolationComesWithASource()
    {
        var violations = Check(PolicyKind.Trust, PolicyStatement.Allow(["*"], ["*"], "Bad-Sid"));

        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Source), $"violation without source: {v.Rule}"));
    }
}
