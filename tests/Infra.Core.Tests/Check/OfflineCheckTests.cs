using Infra.Core.Check;
using Infra.Core.Tests.Settings;
using Microsoft.Extensions.Time.Testing;

namespace Infra.Core.Tests.Check;

public sealed class OfflineCheckTests
{
    private static (int Code, string Out, string Err) Run(string[] args, string? workingDirectory = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = OfflineCheck.Run(args, workingDirectory ?? RepoFiles.Root, output, error, new FakeTimeProvider(StackFiles.Now));
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("stg")]
    [InlineData("prod")]
    public void ShippedStackChecksCleanWithExitZero(string stack)
    {
        var (code, output, error) = Run([stack]);

        Assert.True(code == OfflineCheck.Clean, error);
        Assert.Contains($"Pulumi.{stack}.yaml: valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryShowsScheduleInAwsFormAndItsNextRunsInUtcAndTheStackTimeZone()
    {
        var (_, output, _) = Run(["stg"]);

        Assert.Contains("schedule: cron(0 */1 * * ? *) (given \"0 */1 * * *\")", output, StringComparison.Ordinal);
        Assert.Contains("next runs: 2026-12-03 10:00 UTC / 2026-12-03 11:00 Europe/Berlin; 2026-12-03 11:00 UTC", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryShowsGrantTimeLeftAndExpiredGrants()
    {
        var (_, output, _) = Run(["stg"]);

        Assert.Contains("jonas.weber (User) StgBastionAccess in 210987654321: active, 11d 8h left", output, StringComparison.Ordinal);
        Assert.Contains("lea.fischer (User) StgBastionAccess in 210987654321: expired 2026-11-20T18:00:00+01:00: remove from config", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryShowsAccountsRegionsAndTagContract()
    {
        var (_, output, _) = Run(["prod"]);

        Assert.Contains("payments-prod (345678901234) via arn:aws:iam::345678901234:role/infra-deploy: eu-central-1, eu-west-1", output, StringComparison.Ordinal);
        Assert.Contains("Env=Prod", output, StringComparison.Ordinal);
        Assert.Contains("kafka -> Kafka", output, StringComparison.Ordinal);
    }

    [Fact]
    public void StackFileWithMistakesExitsOneAndListsEveryMistake()
    {
        var dir = Directory.CreateTempSubdirectory("infra-check-");
        try
        {
            foreach (var file in Directory.GetFiles(RepoFiles.Path("documents")))
            {
                Directory.CreateDirectory(Path.Combine(dir.FullName, "documents"));
                File.Copy(file, Path.Combine(dir.FullName, "documents", Path.GetFileName(file)));
            }

            var broken = StackFiles.Text("stg")
                .Replace("values: [Kafka]", "values: [kafka]", StringComparison.Ordinal)
                .Replace("schedule: rate(30 minutes)", "schedule: rate(10 minutes)", StringComparison.Ordinal);
            var path = Path.Combine(dir.FullName, "Pulumi.stg.yaml");
            File.WriteAllText(path, broken);

            var (code, output, error) = Run([path]);

            Assert.Equal(OfflineCheck.Problems, code);
            Assert.Empty(output);
            Assert.Contains("Pulumi.stg.yaml: infra:associations[1].targets[0].values[0] = \"kafka\"", error, StringComparison.Ordinal);
            Assert.Contains("Pulumi.stg.yaml: infra:associations[2].schedule = \"rate(10 minutes)\"", error, StringComparison.Ordinal);
            Assert.Contains("infra:associations[5].schedule", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData()]
    [InlineData("stg", "prod")]
    [InlineData("--help")]
    public void WrongCommandLineExitsTwo(params string[] args)
    {
        Assert.Equal(OfflineCheck.Usage, Run(args).Code);
    }

    [Fact]
    public void UnknownStackExitsTwo()
    {
        var (code, _, error) = Run(["dev"]);

        Assert.Equal(OfflineCheck.Usage, code);
        Assert.Contains("Pulumi.dev.yaml", error, StringComparison.Ordinal);
    }
}
