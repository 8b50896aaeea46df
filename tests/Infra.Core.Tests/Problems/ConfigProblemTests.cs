namespace Infra.Core.Tests.Problems;

public sealed class ConfigProblemTests
{
    [Fact]
    public void ProblemNamesPlaceValueRuleAndSource()
    {
        var problem = new ConfigProblem("Pulumi.prod.yaml: infra:associations[1].schedule", "cron(*/10 * * * ? *)",
            "State Manager runs associations at most every 30 minutes", "SSM User Guide");

        Assert.Equal(
            "Pulumi.prod.yaml: infra:associations[1].schedule = \"cron(*/10 * * * ? *)\": State Manager runs associations at most every 30 minutes [SSM User Guide]",
            problem.ToString());
    }

    [Fact]
    public void ExceptionCarriesEveryProblemAndListsThemInItsMessage()
    {
        var list = new ProblemList();
        list.Add("a.yaml: infra:x", "1", "rule one", "src");
        list.Add("a.yaml: infra:y", null, "rule two", "src");

        var ex = Assert.Throws<InfraConfigurationException>(list.ThrowIfAny);

        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains("infra:x = \"1\": rule one", ex.Message, StringComparison.Ordinal);
        Assert.Contains("infra:y (missing): rule two", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyListDoesNotThrow()
    {
        new ProblemList().ThrowIfAny();
    }
}
