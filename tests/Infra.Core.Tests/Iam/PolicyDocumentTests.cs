using System.Text.Json;
using Infra.Core.Iam;

namespace Infra.Core.Tests.Iam;

public sealed class PolicyDocumentTests
{
    private static PolicyDocument SmallPolicy() =>
        PolicyDocument.Of(
            PolicyStatement.Allow(["s3:GetObject"], ["arn:aws:s3:::logs/*"], "ReadLogs"),
            PolicyStatement.Deny(["s3:*"], ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"], "TlsOnly")
                .WithPrincipals(PolicyPrincipal.Anyone)
                .WithCondition("Bool", "aws:SecureTransport", "false"));

    [Fact]
    public void CompactJsonIsExact()
    {
        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Sid":"ReadLogs","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"},{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""",
            SmallPolicy().ToJson());
    }

    [Fact]
    public void IndentedJsonUsesTwoSpacesAndLineFeeds()
    {
        var policy = PolicyDocument.Of(PolicyStatement.Allow(["s3:GetObject"], ["arn:aws:s3:::logs/*"]));

        Assert.Equal(
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"arn:aws:s3:::logs/*\"\n    }\n  ]\n}",
            policy.ToJson(indented: true));
    }

    [Fact]
    public void StatementKeysAreWrittenInTheDocumentedOrder()
    {
        var statement = new PolicyStatement
        {
            Conditions = [PolicyCondition.Of("StringEquals", "aws:SourceAccount", "123456789012")],
            NotResources = ["arn:aws:s3:::b"],
            NotActions = ["s3:DeleteBucket"],
            NotPrincipals = [PolicyPrincipal.Aws("arn:aws:iam::123456789012:root")],
            Principals = [PolicyPrincipal.Service("ssm.amazonaws.com")],
            Actions = ["s3:GetObject"],
            Resources = ["arn:aws:s3:::a"],
            Effect = PolicyEffect.Deny,
            Sid = "All",
        };

        using var json = JsonDocument.Parse(PolicyDocument.Of(statement).ToJson());
        var keys = json.RootElement.GetProperty("Statement")[0].EnumerateObject().Select(p => p.Name);

        Assert.Equal(
            ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"],
            keys);
        Assert.Equal(["Version", "Statement"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ConditionsAreGroupedByOperatorInOrderOfFirstAppearance()
    {
        var policy = PolicyDocument.Of(
            PolicyStatement.Allow(["ssm:StartSession"], ["arn:aws:ec2:*:*:instance/*"])
                .WithCondition("StringEquals", "aws:ResourceTag/Resource", "Bastion")
                .WithCondition("BoolIfExists", "ssm:SessionDocumentAccessCheck", "true")
                .WithCondition("StringEquals", "aws:ResourceTag/Env", "Prod", "Stg"));

        Assert.Contains(
            ""","Condition":{"StringEquals":{"aws:ResourceTag/Resource":"Bastion","aws:ResourceTag/Env":["Prod","Stg"]},"BoolIfExists":{"ssm:SessionDocumentAccessCheck":"true"}}""",
            policy.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void PrincipalsAreGroupedByType()
    {
        var policy = PolicyDocument.Of(
            PolicyStatement.Allow(["sts:AssumeRole"], [])
                .WithPrincipals(
                    PolicyPrincipal.Service("ec2.amazonaws.com"),
                    PolicyPrincipal.Aws("arn:aws:iam::123456789012:root"),
                    PolicyPrincipal.Service("ssm.amazonaws.com")));

        Assert.Contains(
            ""","Principal":{"Service":["ec2.amazonaws.com","ssm.amazonaws.com"],"AWS":"arn:aws:iam::123456789012:root"}""",
            policy.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderingIsDeterministic()
    {
        Assert.Equal(SmallPolicy().ToJson(), SmallPolicy().ToJson());
        Assert.Equal(SmallPolicy(), SmallPolicy());
        Assert.Equal(SmallPolicy().GetHashCode(), SmallPolicy().GetHashCode());
    }

    [Fact]
    public void ParseRoundTripsTheRenderedJson()
    {
        var policy = SmallPolicy();

        var parsed = PolicyDocument.Parse(policy.ToJson());

        Assert.Equal(policy, parsed);
        Assert.Equal(policy.ToJson(), parsed.ToJson());
        Assert.Equal(policy, PolicyDocument.Parse(policy.ToJson(indented: true)));
    }

    [Fact]
    public void ParseAcceptsStringOrArrayForms()
    {
        const string json = """
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Allow",
                "Principal": { "Service": "ssm.amazonaws.com", "AWS": ["arn:aws:iam::111111111111:root", "222222222222"] },
                "Action": ["s3:PutObject"],
                "Resource": "arn:aws:s3:::b/*",
                "Condition": { "StringEquals": { "s3:x-amz-acl": ["bucket-owner-full-control"] }, "Bool": { "aws:SecureTransport": true } }
              }
            }
            """;

        var statement = Assert.Single(PolicyDocument.Parse(json).Statements);

        Assert.Equal(PolicyEffect.Allow, statement.Effect);
        Assert.Equal(["s3:PutObject"], statement.Actions);
        Assert.Equal(["arn:aws:s3:::b/*"], statement.Resources);
        Assert.Equal(
            [PolicyPrincipal.Service("ssm.amazonaws.com"), PolicyPrincipal.Aws("arn:aws:iam::111111111111:root", "222222222222")],
            statement.Principals);
        Assert.Equal(
            [PolicyCondition.Of("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"), PolicyCondition.Of("Bool", "aws:SecureTransport", "true")],
            statement.Conditions);
    }

    [Fact]
    public void ParseReadsPrincipalStarAsAnyone()
    {
        const string json = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}""";

        var statement = Assert.Single(PolicyDocument.Parse(json).Statements);

        Assert.Equal([PolicyPrincipal.Anyone], statement.Principals);
        Assert.Equal(json, PolicyDocument.Parse(json).ToJson());
    }

    [Fact]
    public void ParseRejectsAStatementWithoutEffect()
    {
        const string json = """{"Version":"2012-10-17","Statement":[{"Action":"s3:GetObject","Resource":"*"}]}""";

        var ex = Assert.Throws<FormatException>(() => PolicyDocument.Parse(json));

        Assert.Contains("Statement[0] has no Effect", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseRejectsTextThatIsNotJson()
    {
        Assert.Throws<FormatException>(() => PolicyDocument.Parse("{\"Version\": "));
    }

    [Fact]
    public void ParseRejectsUnknownElements()
    {
        const string json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Actions":"s3:GetObject","Resource":"*"}]}""";

        var ex = Assert.Throws<FormatException>(() => PolicyDocument.Parse(json));

        Assert.Contains("\"Actions\"", ex.Message, StringComparison.Ordinal);
    }
}
