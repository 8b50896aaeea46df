using Infra.Core.IdentityCenter;

namespace Infra.Core.Tests.IdentityCenter;

public sealed class IdentityCenterRulesTests
{
    [Theory]
    [InlineData("PT1H")]
    [InlineData("PT8H")]
    [InlineData("PT12H")]
    [InlineData("PT90M")]
    public void SessionDurationBetweenOneAndTwelveHoursIsAccepted(string duration)
    {
        Assert.NotNull(IdentityCenterRules.ParseSessionDuration(duration, out var violations));
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("PT30M")]
    [InlineData("PT13H")]
    [InlineData("P1D")]
    public void SessionDurationOutsideOneToTwelveHoursIsRejected(string duration)
    {
        IdentityCenterRules.ParseSessionDuration(duration, out var violations);
        Assert.Contains("1 to 12 hours", Assert.Single(violations).Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8h")]
    [InlineData("")]
    [InlineData("-PT1H")]
    public void SessionDurationThatIsNotIso8601IsRejected(string duration)
    {
        Assert.Null(IdentityCenterRules.ParseSessionDuration(duration, out var violations));
        Assert.Contains("ISO 8601", Assert.Single(violations).Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BastionAccess", true)]
    [InlineData("a+b=c,d.e@f_g-h", true)]
    [InlineData("ThisNameIsLongerThanThirtyTwoChar", false)]
    [InlineData("Bastion Access", false)]
    [InlineData("", false)]
    public void PermissionSetNameFollowsTheApiPattern(string name, bool valid)
    {
        Assert.Equal(valid, IdentityCenterRules.CheckPermissionSetName(name).Count == 0);
    }

    [Theory]
    [InlineData("arn:aws:sso:::instance/ssoins-72230cba7e5c1d2f", true)]
    [InlineData("arn:aws:sso:::instance/ins-72230cba7e5c1d2f", true)]
    [InlineData("arn:aws:sso:::instance/ssoins-123", false)]
    [InlineData("arn:aws:sso:eu-central-1::instance/ssoins-72230cba7e5c1d2f", false)]
    public void InstanceArnFollowsTheApiPattern(string arn, bool valid)
    {
        Assert.Equal(valid, IdentityCenterRules.CheckInstanceArn(arn).Count == 0);
    }

    [Theory]
    [InlineData("d-9967a1b2c3", true)]
    [InlineData("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", true)]
    [InlineData("d-123", false)]
    public void IdentityStoreIdIsDirectoryIdOrGuid(string id, bool valid)
    {
        Assert.Equal(valid, IdentityCenterRules.CheckIdentityStoreId(id).Count == 0);
    }

    [Theory]
    [InlineData("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", true)]
    [InlineData("9067a1b2c3-f81d4fae-7dec-11d0-a765-00a0c91e6bf6", true)]
    [InlineData("jonas.weber", false)]
    public void PrincipalIdIsAnIdentityStoreGuid(string id, bool valid)
    {
        Assert.Equal(valid, IdentityCenterRules.CheckPrincipalId(id).Count == 0);
    }

    [Theory]
    [InlineData("123456789012", true)]
    [InlineData("12345678901", false)]
    [InlineData("1234567890123", false)]
    [InlineData("12345678901a", false)]
    public void AccountIdIsTwelveDigits(string id, bool valid)
    {
        Assert.Equal(valid, IdentityCenterRules.CheckAccountId(id).Count == 0);
    }

    [Fact]
    public void RunAsAttributeDefaultsToTheIdentityCenterUserName()
    {
        Assert.Equal("SSMSessionRunAs", IdentityCenterRules.RunAsKey);
        Assert.Equal("${path:userName}", IdentityCenterRules.RunAsDefaultSource);
        Assert.Empty(IdentityCenterRules.CheckAttributeSource(IdentityCenterRules.RunAsDefaultSource));
        Assert.Empty(IdentityCenterRules.CheckAttributeKey(IdentityCenterRules.RunAsKey));
    }

    [Theory]
    [InlineData("userName")]
    [InlineData("${path:userName")]
    [InlineData("${env:HOME}")]
    public void AttributeSourceMustBeOneReference(string source)
    {
        Assert.NotEmpty(IdentityCenterRules.CheckAttributeSource(source));
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess", true)]
    [InlineData("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", true)]
    [InlineData("arn:aws:iam::123456789012:policy/Mine", false)]
    public void ManagedPolicyMustBeAwsManaged(string arn, bool valid)
    {
        Assert.Equal(valid, IdentityCenterRules.CheckManagedPolicyArn(arn).Count == 0);
    }
}
