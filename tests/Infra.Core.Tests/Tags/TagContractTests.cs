using Infra.Core.Tags;

namespace Infra.Core.Tests.Tags;

public sealed class TagContractTests
{
    private static readonly TagContract Contract = new("Prod", "infra", "prod",
        [new ResourceKind("kafka", "Kafka"), new ResourceKind("bastion", "Bastion")], ["Owner", "Service"]);

    private static readonly Dictionary<string, string> Developer = new() { ["Owner"] = "team-streams", ["Service"] = "payments" };

    [Fact]
    public void MergeSetsEveryPlatformTagAndKeepsDeveloperTags()
    {
        var result = Contract.Merge(Contract.FindKind("kafka", out _), "kafka-1", Developer);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal("Prod", result.Tags["Env"]);
        Assert.Equal("Kafka", result.Tags["Resource"]);
        Assert.Equal("Pulumi", result.Tags["ManagedBy"]);
        Assert.Equal("infra", result.Tags["PulumiProject"]);
        Assert.Equal("prod", result.Tags["PulumiStack"]);
        Assert.Equal("kafka-1", result.Tags["Name"]);
        Assert.Equal("team-streams", result.Tags["Owner"]);
        Assert.Equal(8, result.Tags.Count);
    }

    [Theory]
    [InlineData("Env")]
    [InlineData("env")]
    [InlineData("RESOURCE")]
    [InlineData("ManagedBy")]
    [InlineData("Name")]
    public void DeveloperTagCollidingWithPlatformTagIsAnErrorNotAnOverride(string key)
    {
        var tags = new Dictionary<string, string>(Developer) { [key] = "Dev" };

        var result = Contract.Merge(Contract.FindKind("kafka", out _), "kafka-1", tags);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Key == key && p.Violation.Rule.Contains("platform tag", StringComparison.Ordinal));
        Assert.NotEqual("Dev", result.Tags.GetValueOrDefault("Env"));
    }

    [Fact]
    public void MissingRequiredDeveloperTagIsReported()
    {
        var result = Contract.Merge(null, null, new Dictionary<string, string> { ["Owner"] = "x" });

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Service", problem.Key);
        Assert.Contains("required", problem.Violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredTagInWrongCaseNamesTheRightSpelling()
    {
        var result = Contract.Merge(null, null, new Dictionary<string, string> { ["owner"] = "x", ["Service"] = "y" });

        Assert.Contains(result.Problems, p => p.Key == "Owner" && p.Violation.Rule.Contains("\"Owner\", not \"owner\"", StringComparison.Ordinal));
    }

    [Fact]
    public void KeysDifferingOnlyInCaseAreRejectedBecauseIamIgnoresCase()
    {
        var tags = new Dictionary<string, string>(Developer) { ["team"] = "a", ["Team"] = "b" };

        var result = Contract.Merge(null, null, tags);

        Assert.Contains(result.Problems, p => p.Violation.Rule.Contains("differ only in case", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("aws:created")]
    [InlineData("AWS:Foo")]
    public void ReservedAwsPrefixIsRejectedInAnyCase(string key)
    {
        var tags = new Dictionary<string, string>(Developer) { [key] = "v" };

        Assert.Contains(Contract.Merge(null, null, tags).Problems, p => p.Key == key && p.Violation.Rule.Contains("aws:", StringComparison.Ordinal));
    }

    [Fact]
    public void TagKeyLongerThan127CharactersIsRejected()
    {
        Assert.Empty(TagRules.CheckKey(new string('k', 127)));
        Assert.Single(TagRules.CheckKey(new string('k', 128)));
    }

    [Fact]
    public void TagValueLongerThan256CharactersIsRejected()
    {
        Assert.Empty(TagRules.CheckValue(new string('v', 256)));
        Assert.Single(TagRules.CheckValue(new string('v', 257)));
    }

    [Theory]
    [InlineData("team#1")]
    [InlineData("a,b")]
    [InlineData("x*")]
    public void CharactersOutsideTheCrossServiceSetAreRejected(string value)
    {
        Assert.NotEmpty(TagRules.CheckValue(value));
    }

    [Fact]
    public void MoreThanFiftyTagsAreRejected()
    {
        var tags = new Dictionary<string, string>(Developer);
        for (var i = 0; i < 43; i++)
        {
            tags[$"Extra{i}"] = "x";
        }

        var result = Contract.Merge(Contract.FindKind("kafka", out _), "kafka-1", tags);

        Assert.Contains(result.Problems, p => p.Violation.Rule.Contains("at most 50 tags", StringComparison.Ordinal));
    }

    [Fact]
    public void FiftyTagsIncludingPlatformTagsAreAccepted()
    {
        var tags = new Dictionary<string, string>(Developer);
        for (var i = 0; i < 42; i++)
        {
            tags[$"Extra{i}"] = "x";
        }

        var result = Contract.Merge(Contract.FindKind("kafka", out _), "kafka-1", tags);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(50, result.Tags.Count);
    }

    [Theory]
    [InlineData("Kafka", "kafka")]
    [InlineData("KAFKA", "kafka")]
    public void WrongCaseResourceKindSuggestsTheCatalogSpelling(string given, string expected)
    {
        var kind = Contract.FindKind(given, out var violation);

        Assert.Null(kind);
        Assert.Contains($"use \"{expected}\"", violation!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownResourceKindListsTheCatalog()
    {
        Contract.FindKind("redis", out var violation);

        Assert.Contains("bastion, kafka", violation!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCaseTargetValueIsAnErrorThatSuggestsTheCanonicalValue()
    {
        var violation = Contract.CheckPlatformTagValue("Resource", "kafka");

        Assert.NotNull(violation);
        Assert.Contains("use \"Kafka\"", violation.Rule, StringComparison.Ordinal);
        Assert.Null(Contract.CheckPlatformTagValue("Resource", "Kafka"));
    }

    [Fact]
    public void ProblemsAreNamedByTheTagKeyUnderTheirOwner()
    {
        var tags = new Dictionary<string, string>(Developer) { ["Env"] = "Dev" };

        var problem = Assert.Single(Contract.Merge(null, "x", tags).ProblemsAt("ManagedInstance kafka-1"));
        Assert.Equal("ManagedInstance kafka-1.tags.Env", problem.Where);
        Assert.Equal("Dev", problem.Given);
    }
}
