using System.Globalization;
using Infra.Core.Documents;
using Infra.Core.Grants;
using Infra.Core.Problems;
using Infra.Core.Settings;

namespace Infra.Core.Check;

/// <summary>
/// The offline check: reads a stack file and <c>documents/</c>, validates everything and prints what the stack would
/// deploy, without AWS or the Pulumi CLI.
/// </summary>
public static class OfflineCheck
{
    /// <summary>Exit code when everything is valid.</summary>
    public const int Clean = 0;
    /// <summary>Exit code when the configuration or a document has problems.</summary>
    public const int Problems = 1;
    /// <summary>Exit code for a wrong command line.</summary>
    public const int Usage = 2;

    private const string Project = "infra";

    /// <summary>Runs the check for <c>args[0]</c> (a stack name or a stack file path) from <paramref name="workingDirectory"/>.</summary>
    public static int Run(IReadOnlyList<string> args, string workingDirectory, TextWriter output, TextWriter error, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count != 1 || args[0].StartsWith('-'))
        {
            error.WriteLine("usage: Infra.Check <stack | path/to/Pulumi.<stack>.yaml>");
            error.WriteLine("  e.g. dotnet run --project tools/Infra.Check -- stg");
            return Usage;
        }

        var stackFile = ResolveStackFile(args[0], workingDirectory);
        if (stackFile is null)
        {
            error.WriteLine($"no stack file for \"{args[0]}\": expected Pulumi.{args[0]}.yaml next to Pulumi.yaml in {workingDirectory} or a folder above it, or a path to a stack file");
            return Usage;
        }

        var root = Path.GetDirectoryName(Path.GetFullPath(stackFile))!;
        var documentsDirectory = Path.Combine(root, "documents");
        var documents = Directory.Exists(documentsDirectory)
            ? CommandDocuments.LoadDirectory(documentsDirectory)
            : new DocumentLoadResult([], []);
        var config = StackConfig.FromStackFile(stackFile, Project);
        var (settings, configProblems) = StackSettingsParser.TryParse(config, documents.Documents, clock);
        var all = documents.Problems.Concat(configProblems).ToList();
        if (all.Count > 0 || settings is null)
        {
            error.WriteLine($"{config.File}: {all.Count} problem{(all.Count == 1 ? "" : "s")}; nothing would be deployed:");
            foreach (var problem in all)
            {
                error.WriteLine("  - " + problem);
            }

            return Problems;
        }

        Summary.Write(settings, documents.Documents, output, clock);
        return Clean;
    }

    /// <summary>Finds the stack file for a stack name (walking up to the folder with <c>Pulumi.yaml</c>) or a path.</summary>
    public static string? ResolveStackFile(string stackOrPath, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(stackOrPath);
        var asPath = Path.GetFullPath(stackOrPath, workingDirectory);
        if (File.Exists(asPath))
        {
            return asPath;
        }

        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, $"Pulumi.{stackOrPath}.yaml");
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return File.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}

/// <summary>The readable summary of a valid stack.</summary>
public static class Summary
{
    /// <summary>Writes the summary of <paramref name="settings"/>.</summary>
    public static void Write(StackSettings settings, IReadOnlyList<CommandDocument> documents, TextWriter output, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"{settings.File}: valid. Stack {settings.Project}/{settings.Stack}, Env={settings.Env}, time zone {settings.TimeZone.Id}.");
        output.WriteLine();
        output.WriteLine("Accounts and regions");
        foreach (var account in settings.Accounts)
        {
            output.WriteLine($"  {account.Name} ({account.Id}) via {account.DeployRoleArn}: {string.Join(", ", account.Regions)}");
        }

        output.WriteLine();
        output.WriteLine("Tag contract");
        output.WriteLine("  platform: " + string.Join(", ", settings.Tags.BaseTags.Select(t => $"{t.Key}={t.Value}")) + ", Resource=<kind>, Name=<name>");
        output.WriteLine("  resource kinds: " + string.Join(", ", settings.Tags.Kinds.Select(k => $"{k.Kind} -> {k.TagValue}")));
        output.WriteLine("  required developer tags: " + (settings.Tags.RequiredDeveloperTags.Count == 0 ? "none" : string.Join(", ", settings.Tags.RequiredDeveloperTags)));
        output.WriteLine();
        output.WriteLine("Documents");
        foreach (var document in documents)
        {
            output.WriteLine($"  {document.Name} ({document.File}): {document.Parameters.Count} parameters");
        }

        output.WriteLine();
        output.WriteLine("Associations");
        foreach (var association in settings.Associations)
        {
            var owner = association.IsPlatformDocument ? "platform" : "AWS-owned";
            output.WriteLine($"  {association.Name}: {association.DocumentName} ({owner})");
            output.WriteLine($"    targets: {string.Join(" and ", association.Targets)}" + (association.Accounts.Count > 0 ? $" in {string.Join(", ", association.Accounts)}" : " in every account"));
            output.WriteLine($"    schedule: {association.Schedule.Expression} (given \"{association.Schedule.Given}\")" + (association.ApplyOnlyAtCronInterval ? ", only at the scheduled time" : ", also once when created or changed"));
            output.WriteLine($"    rate control: max concurrency {association.MaxConcurrency}, max errors {association.MaxErrors}; severity {association.ComplianceSeverity}");
            foreach (var (name, values) in association.Parameters)
            {
                output.WriteLine($"    {name} = {string.Join(",", values)}");
            }

            var next = association.Schedule.NextOccurrences(now, 3);
            if (next.Count > 0)
            {
                output.WriteLine("    next runs: " + string.Join("; ", next.Select(t =>
                    t.ToString("yyyy-MM-dd HH:mm", inv) + " UTC / " + TimeZoneInfo.ConvertTime(t, settings.TimeZone).ToString("yyyy-MM-dd HH:mm", inv) + " " + settings.TimeZone.Id)));
            }
        }

        if (settings.Results is { } results)
        {
            output.WriteLine();
            output.WriteLine($"Results: inventory and compliance of every account and region to s3://{results.BucketName}/{results.Prefix} ({results.Account}, {results.Region})");
        }

        output.WriteLine();
        output.WriteLine("Permission sets");
        foreach (var set in settings.PermissionSets)
        {
            var access = set.NodeAccess is { } n ? $"; sessions on Resource={n.ResourceTagValue}" + (n.EnvTagValue is null ? "" : $", Env={n.EnvTagValue}") : "";
            output.WriteLine($"  {set.Name}: session {set.SessionDuration}, grants up to {AccessGrants.Human(set.MaxGrant)}{access}");
        }

        output.WriteLine();
        output.WriteLine("Grants");
        if (settings.Grants.Count == 0)
        {
            output.WriteLine("  none");
        }

        foreach (var grant in settings.Grants)
        {
            var decision = AccessGrants.Evaluate(grant, clock);
            output.WriteLine($"  {grant.PrincipalName ?? grant.PrincipalId} ({grant.PrincipalType}) {grant.PermissionSet} in {grant.AccountId}: {decision.Summary}; reason: {grant.Reason}");
        }

        output.WriteLine();
        output.WriteLine("Bastions");
        foreach (var bastion in settings.Bastions)
        {
            output.WriteLine($"  {bastion.Name}: {bastion.InstanceType} in {bastion.Account}/{bastion.Region} {bastion.SubnetId}, Session Manager only");
        }
    }
}
