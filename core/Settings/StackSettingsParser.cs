using System.Globalization;
using System.Text.RegularExpressions;
using Infra.Core.Aws;
using Infra.Core.Documents;
using Infra.Core.Grants;
using Infra.Core.IdentityCenter;
using Infra.Core.Problems;
using Infra.Core.Schedules;
using Infra.Core.Tags;

namespace Infra.Core.Settings;

/// <summary>
/// Reads and validates the whole <c>infra:*</c> configuration of a stack, reporting every problem at once.
/// </summary>
public static partial class StackSettingsParser
{
    /// <summary>Every configuration key of the project, without the namespace, with its meaning and default.</summary>
    public static IReadOnlyList<(string Key, string Type, string Description, object? Default)> Keys { get; } =
    [
        ("env", "string", "The environment tagged as Env on everything: Stg or Prod.", null),
        ("timeZone", "string", "IANA time zone for schedules shown to people and for grant revocations.", "UTC"),
        ("resourceKinds", "object", "The resource catalog: kind (lower case) to Resource tag value, e.g. kafka: Kafka.", null),
        ("requiredTags", "array", "Developer tag keys every managed resource must carry.", "[]"),
        ("accounts", "array", "The fleet's accounts: name, id, deployRole, regions, adoptSessionPreferences.", null),
        ("session", "object", "Session Manager logging and preferences.", "{}"),
        ("associations", "array", "State Manager associations: name, document, schedule, targets, parameters, rate control.", "[]"),
        ("results", "object", "Where inventory and compliance of the whole fleet are synced: account, region, bucketName, prefix.", "{}"),
        ("identityCenter", "object", "The Identity Center instance: accountId, deployRole, region, instanceArn, identityStoreId, runAsSource.", "{}"),
        ("permissionSets", "array", "Permission sets: name, description, sessionDuration, maxGrant, managedPolicies, nodeAccess, relayState.", "[]"),
        ("assignments", "array", "Standing account assignments: permissionSet, principalType, principalId, account.", "[]"),
        ("grants", "array", "Temporary access: principalType, principalId, principalName, permissionSet, account, from, until, reason.", "[]"),
        ("bastions", "array", "Bastion hosts: name, account, region, vpcId, subnetId, instanceType, tags.", "[]"),
    ];

    /// <summary>The environments a stack can be.</summary>
    public static IReadOnlyList<string> Environments { get; } = ["Stg", "Prod"];

    private static readonly string[] ComplianceSeverities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNSPECIFIED"];

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,30}$")]
    private static partial Regex ShortName();

    [GeneratedRegex(@"^[a-zA-Z0-9_\-.]{3,128}$")]
    private static partial Regex AssociationName();

    [GeneratedRegex(@"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$")]
    private static partial Regex MaxConcurrency();

    [GeneratedRegex(@"^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$")]
    private static partial Regex MaxErrors();

    [GeneratedRegex(@"^[a-zA-Z0-9_\-.:/]{3,128}$")]
    private static partial Regex DocumentReference();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=\-@]{1,128}$")]
    private static partial Regex TargetTagKey();

    /// <summary>Parses and validates the configuration; throws <see cref="InfraConfigurationException"/> with every problem.</summary>
    public static StackSettings Parse(StackConfig config, IReadOnlyList<CommandDocument> documents, TimeProvider clock)
    {
        var (settings, problems) = TryParse(config, documents, clock);
        if (settings is null || problems.Count > 0)
        {
            throw new InfraConfigurationException(problems);
        }

        return settings;
    }

    /// <summary>Parses and validates the configuration, returning the settings only when there is no problem.</summary>
    public static (StackSettings? Settings, IReadOnlyList<ConfigProblem> Problems) TryParse(StackConfig config, IReadOnlyList<CommandDocument> documents, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(clock);
        var problems = new ProblemList();
        problems.AddRange(config.ReadProblems);
        var ns = config.Project + ":";
        ConfigNode Key(string key) => new(config.File, ns + key, config.Values.GetValueOrDefault(key), problems);

        foreach (var key in config.Values.Keys.Where(k => Keys.All(d => d.Key != k)))
        {
            var close = Keys.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase)).Key;
            problems.Add($"{config.File}: {ns}{key}", null, close is not null
                ? $"keys are case-sensitive; did you mean {ns}{close}?"
                : "unknown key; the project's keys are " + string.Join(", ", Keys.Select(d => ns + d.Key)), Sources.Pulumi);
        }

        var env = ReadEnv(Key("env"), config.Stack);
        var timeZone = ReadTimeZone(Key("timeZone"));
        var kinds = ReadKinds(Key("resourceKinds"));
        var requiredTags = ReadRequiredTags(Key("requiredTags"));
        var contract = new TagContract(env ?? "", config.Project, config.Stack, kinds, requiredTags);
        var accounts = ReadAccounts(Key("accounts"));
        var session = ReadSession(Key("session"));
        var associations = ReadAssociations(Key("associations"), documents, contract, accounts);
        var results = ReadResults(Key("results"), accounts);
        var identityCenter = ReadIdentityCenter(Key("identityCenter"));
        var permissionSets = ReadPermissionSets(Key("permissionSets"), contract);
        var assignments = ReadAssignments(Key("assignments"), permissionSets, accounts);
        var grants = ReadGrants(Key("grants"), permissionSets, accounts, clock);
        CheckRunAsUsers(Key("grants"), grants.Where(g => g.Until > clock.GetUtcNow()).ToList(), permissionSets, associations, accounts, session);
        var bastions = ReadBastions(Key("bastions"), accounts, contract);

        if ((permissionSets.Count > 0 || assignments.Count > 0 || grants.Count > 0) && identityCenter is null)
        {
            problems.Add($"{config.File}: {ns}identityCenter", null, "permission sets, assignments and grants need the Identity Center instance they belong to", Sources.Platform);
        }

        foreach (var conflict in assignments.Join(grants, a => (a.PermissionSet, a.PrincipalId, a.AccountId), g => (g.PermissionSet, g.PrincipalId, g.AccountId), (a, g) => g))
        {
            problems.Add($"{config.File}: {ns}grants", conflict.PrincipalId,
                $"{conflict.PrincipalName ?? conflict.PrincipalId} already has {conflict.PermissionSet} in {conflict.AccountId} through infra:assignments; a temporary grant of the same access would revoke the standing one when it ends",
                Sources.Platform);
        }

        if (!problems.IsEmpty || env is null || timeZone is null)
        {
            return (null, problems.Items);
        }

        return (new StackSettings
        {
            File = config.File,
            Project = config.Project,
            Stack = config.Stack,
            Env = env,
            TimeZone = timeZone,
            Tags = contract,
            Accounts = accounts,
            Session = session,
            Associations = associations,
            Results = results,
            IdentityCenter = identityCenter,
            PermissionSets = permissionSets,
            Assignments = assignments,
            Grants = grants,
            Bastions = bastions,
        }, problems.Items);
    }

    /// <summary>
    /// Reads only the tag contract (<c>infra:env</c>, <c>infra:resourceKinds</c>, <c>infra:requiredTags</c>): what a
    /// service stack needs to tag its managed instances like the platform does. Throws with every problem.
    /// </summary>
    public static TagContract ParseTagContract(StackConfig config, string project)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new ProblemList();
        problems.AddRange(config.ReadProblems);
        ConfigNode Key(string key) => new(config.File, "infra:" + key, config.Values.GetValueOrDefault(key), problems);
        var env = ReadEnv(Key("env"), config.Stack);
        var kinds = ReadKinds(Key("resourceKinds"));
        var required = ReadRequiredTags(Key("requiredTags"));
        problems.ThrowIfAny();
        return new TagContract(env!, project, config.Stack, kinds, required);
    }

    private static string? ReadEnv(ConfigNode node, string stack)
    {
        var env = node.String(required: true);
        if (env is null)
        {
            return null;
        }

        if (!Environments.Contains(env, StringComparer.Ordinal))
        {
            var right = Environments.FirstOrDefault(e => string.Equals(e, env, StringComparison.OrdinalIgnoreCase));
            node.Problem(right is not null
                ? $"tag values are case-sensitive in AWS, so the contract spells it \"{right}\""
                : "the environment is Stg or Prod", Sources.Platform);
            return null;
        }

        if (!string.Equals(env, stack, StringComparison.OrdinalIgnoreCase) && Environments.Any(e => string.Equals(e, stack, StringComparison.OrdinalIgnoreCase)))
        {
            node.Problem($"the {stack} stack deploys Env={Environments.First(e => string.Equals(e, stack, StringComparison.OrdinalIgnoreCase))}; a stack file copied from another stack would tag everything wrongly");
            return null;
        }

        return env;
    }

    private static TimeZoneInfo? ReadTimeZone(ConfigNode node)
    {
        var id = node.String(fallback: "UTC")!;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            node.Problem("an IANA time zone such as UTC, Europe/Berlin or America/New_York", "IANA time zone database");
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            node.Problem("an IANA time zone such as UTC, Europe/Berlin or America/New_York", "IANA time zone database");
            return null;
        }
    }

    private static List<ResourceKind> ReadKinds(ConfigNode node)
    {
        var kinds = new List<ResourceKind>();
        if (node.IsMissing)
        {
            node.Problem("the stack names its resource kinds, e.g. kafka: Kafka, bastion: Bastion");
            return kinds;
        }

        foreach (var (kind, value) in node.Entries())
        {
            var tag = value.String(required: true);
            if (!ShortName().IsMatch(kind))
            {
                node.Problems.Add($"{value.Where}", kind, "a resource kind is lower case: letters, digits and -, starting with a letter", Sources.Platform);
            }

            if (tag is null)
            {
                continue;
            }

            value.ProblemAll(TagRules.CheckValue(tag));
            if (tag.Length == 0)
            {
                value.Problem("a Resource tag value is not empty");
            }

            if (kinds.FirstOrDefault(k => string.Equals(k.TagValue, tag, StringComparison.OrdinalIgnoreCase)) is { } twin)
            {
                value.Problem($"{twin.Kind} already tags Resource={twin.TagValue}; values that differ only in case would split the fleet");
            }

            kinds.Add(new ResourceKind(kind, tag));
        }

        if (kinds.Count == 0)
        {
            node.Problem("the catalog has at least one resource kind");
        }

        return kinds;
    }

    private static List<string> ReadRequiredTags(ConfigNode node)
    {
        var keys = new List<string>();
        foreach (var item in node.Items())
        {
            var key = item.String(required: true);
            if (key is null)
            {
                continue;
            }

            item.ProblemAll(TagRules.CheckKey(key));
            if (PlatformTagKeys.All.Any(p => string.Equals(p, key, StringComparison.OrdinalIgnoreCase)))
            {
                item.Problem($"{key} is a platform tag; the platform sets it, so developers cannot be required to");
            }

            keys.Add(key);
        }

        return keys;
    }

    private static List<AccountSettings> ReadAccounts(ConfigNode node)
    {
        var accounts = new List<AccountSettings>();
        var items = node.Items();
        if (items.Count == 0)
        {
            node.Problem("the fleet has at least one account: name, id, deployRole, regions");
        }

        foreach (var item in items)
        {
            if (!item.ExpectObject("name", "id", "deployRole", "regions", "adoptSessionPreferences"))
            {
                continue;
            }

            var name = item.Child("name").String(required: true);
            if (name is not null && !ShortName().IsMatch(name))
            {
                item.Child("name").Problem("an account's short name is lower case: letters, digits and -, starting with a letter, at most 31 characters");
            }

            var idNode = item.Child("id");
            var id = idNode.String(required: true);
            if (id is not null)
            {
                idNode.ProblemAll(IdentityCenterRules.CheckAccountId(id));
            }

            var roleNode = item.Child("deployRole");
            var role = roleNode.String(required: true);
            if (role is not null)
            {
                roleNode.ProblemAll(AwsRules.CheckRoleArn(role));
                if (id is not null && AwsRules.CheckRoleArn(role).Count == 0 && AwsRules.AccountOfArn(role) != id)
                {
                    roleNode.Problem($"the deploy role is in account {AwsRules.AccountOfArn(role)}, not in this account ({id})");
                }
            }

            var regionsNode = item.Child("regions");
            var regions = regionsNode.Strings();
            if (regions.Count == 0)
            {
                regionsNode.Problem("an account lists the regions its fleet runs in, e.g. [eu-central-1]");
            }

            foreach (var (region, i) in regions.Select((r, i) => (r, i)))
            {
                var regionNode = new ConfigNode(regionsNode.File, $"{regionsNode.Path}[{i}]", System.Text.Json.Nodes.JsonValue.Create(region), node.Problems);
                regionNode.ProblemAll(AwsRules.CheckRegion(region));
                if (regions.Take(i).Contains(region, StringComparer.Ordinal))
                {
                    regionNode.Problem("each region is listed once");
                }
            }

            if (name is null || id is null || role is null)
            {
                continue;
            }

            if (accounts.Any(a => a.Name == name))
            {
                item.Child("name").Problem("account names are unique");
            }

            if (accounts.Any(a => a.Id == id))
            {
                idNode.Problem("each account is listed once; put all its regions in one entry");
            }

            accounts.Add(new AccountSettings(name, id, role, regions, item.Child("adoptSessionPreferences").Bool(false)));
        }

        return accounts;
    }

    private static SessionSettings ReadSession(ConfigNode node)
    {
        var defaults = new SessionSettings();
        if (!node.ExpectObject("logRetentionDays", "s3KeyPrefix", "s3ExpireAfterDays", "idleTimeoutMinutes", "maxSessionMinutes", "runAsEnabled", "runAsDefaultUser", "shellProfileLinux"))
        {
            return defaults;
        }

        var retentionNode = node.Child("logRetentionDays");
        var retention = retentionNode.Int(defaults.LogRetentionDays)!.Value;
        if (!AwsRules.LogRetentionDays.Contains(retention))
        {
            retentionNode.Problem("CloudWatch Logs keeps logs for one of " + string.Join(", ", AwsRules.LogRetentionDays) + " days", Sources.LogsRetention);
        }

        var prefixNode = node.Child("s3KeyPrefix");
        var prefix = prefixNode.String(fallback: defaults.S3KeyPrefix)!;
        if (prefix.Length is 0 or > 500 || prefix.StartsWith('/') || prefix.EndsWith('/'))
        {
            prefixNode.Problem("a key prefix has 1 to 500 characters and neither starts nor ends with /", Sources.SsmAssociationApi);
        }

        var expireNode = node.Child("s3ExpireAfterDays");
        var expire = expireNode.Int(defaults.S3ExpireAfterDays)!.Value;
        if (expire < retention && retention != 0)
        {
            expireNode.Problem($"S3 keeps session logs at least as long as CloudWatch does ({retention} days), so the audit trail does not end early");
        }

        var idleNode = node.Child("idleTimeoutMinutes");
        var idle = idleNode.Int(defaults.IdleTimeoutMinutes)!.Value;
        if (idle is < 1 or > 60)
        {
            idleNode.Problem("the idle session timeout is 1 to 60 minutes", Sources.SessionSchema);
        }

        var maxNode = node.Child("maxSessionMinutes");
        var max = maxNode.Int(defaults.MaxSessionMinutes)!.Value;
        if (max is < 1 or > 1440)
        {
            maxNode.Problem("the maximum session duration is 1 to 1440 minutes", Sources.SessionSchema);
        }

        var runAs = node.Child("runAsEnabled").Bool(defaults.RunAsEnabled);
        var userNode = node.Child("runAsDefaultUser");
        var user = userNode.String();
        if (user is not null)
        {
            userNode.ProblemAll(AwsRules.CheckRunAsUser(user));
        }

        return new SessionSettings
        {
            LogRetentionDays = retention,
            S3KeyPrefix = prefix,
            S3ExpireAfterDays = expire,
            IdleTimeoutMinutes = idle,
            MaxSessionMinutes = max,
            RunAsEnabled = runAs,
            RunAsDefaultUser = user,
            ShellProfileLinux = node.Child("shellProfileLinux").String(),
        };
    }

    private static List<AssociationSettings> ReadAssociations(ConfigNode node, IReadOnlyList<CommandDocument> documents, TagContract contract, IReadOnlyList<AccountSettings> accounts)
    {
        var associations = new List<AssociationSettings>();
        foreach (var item in node.Items())
        {
            if (!item.ExpectObject("name", "document", "schedule", "targets", "parameters", "complianceSeverity", "maxConcurrency", "maxErrors", "applyOnlyAtCronInterval", "scheduleOffset", "output", "accounts"))
            {
                continue;
            }

            var nameNode = item.Child("name");
            var name = nameNode.String(required: true);
            if (name is not null && !AssociationName().IsMatch(name))
            {
                nameNode.Problem("an association name has 3 to 128 letters, digits, _ - and .", Sources.SsmAssociationApi);
            }

            if (name is not null && associations.Any(a => a.Name == name))
            {
                nameNode.Problem("association names are unique in the stack");
            }

            var documentNode = item.Child("document");
            var documentRef = documentNode.String(required: true);
            var ours = documentRef is null ? null : documents.FirstOrDefault(d => Path.GetFileNameWithoutExtension(d.File) == documentRef);
            if (documentRef is not null && ours is null)
            {
                var near = documents.FirstOrDefault(d => string.Equals(Path.GetFileNameWithoutExtension(d.File), documentRef, StringComparison.OrdinalIgnoreCase));
                if (near is not null)
                {
                    documentNode.Problem($"document names are case-sensitive; use \"{Path.GetFileNameWithoutExtension(near.File)}\"");
                }
                else if (!IsAwsOwned(documentRef) || !DocumentReference().IsMatch(documentRef))
                {
                    documentNode.Problem("the document is a file of documents/ by base name (" + string.Join(", ", documents.Select(d => Path.GetFileNameWithoutExtension(d.File))) + ") or an AWS-owned document such as AWS-RunPatchBaseline", Sources.SsmAssociationApi);
                }
            }

            var scheduleNode = item.Child("schedule");
            var parsed = AssociationSchedules.Parse(scheduleNode.String(required: true));
            if (!scheduleNode.IsMissing)
            {
                scheduleNode.ProblemAll(parsed.Violations);
            }

            var applyOnly = item.Child("applyOnlyAtCronInterval").Bool(false);
            var offsetNode = item.Child("scheduleOffset");
            var offset = offsetNode.Int();
            if (parsed.Schedule is not null && parsed.Violations.Count == 0)
            {
                foreach (var violation in AssociationSchedules.CheckOptions(parsed.Schedule, applyOnly, offset))
                {
                    (offsetNode.IsMissing ? item.Child("applyOnlyAtCronInterval") : offsetNode).Problem(violation);
                }
            }

            var targets = ReadTargets(item.Child("targets"), contract);
            var parameters = ReadParameters(item.Child("parameters"), ours);
            if (ours is null && documentRef is not null)
            {
                CheckAwsOwnedParameters(item.Child("parameters"), documentRef, parameters);
            }

            var severityNode = item.Child("complianceSeverity");
            var severity = severityNode.String(fallback: "UNSPECIFIED")!;
            if (!ComplianceSeverities.Contains(severity, StringComparer.Ordinal))
            {
                severityNode.Problem("compliance severity is one of " + string.Join(", ", ComplianceSeverities), Sources.SsmAssociationApi);
            }

            var concurrencyNode = item.Child("maxConcurrency");
            var concurrency = concurrencyNode.String(fallback: AssociationDefaults.MaxConcurrency)!;
            if (!MaxConcurrency().IsMatch(concurrency))
            {
                concurrencyNode.Problem("max concurrency is a number of instances (e.g. 10) or a percentage from 1% to 100%", Sources.SsmAssociationApi);
            }

            var errorsNode = item.Child("maxErrors");
            var errors = errorsNode.String(fallback: AssociationDefaults.MaxErrors)!;
            if (!MaxErrors().IsMatch(errors))
            {
                errorsNode.Problem("max errors is a number of instances (0 stops at the first error) or a percentage from 0% to 100%", Sources.SsmAssociationApi);
            }

            var output = ReadOutput(item.Child("output"));
            var accountsNode = item.Child("accounts");
            var only = accountsNode.Strings();
            foreach (var unknown in only.Where(a => accounts.All(x => x.Name != a)))
            {
                accountsNode.Problem($"\"{unknown}\" is not one of infra:accounts (" + string.Join(", ", accounts.Select(a => a.Name)) + ")");
            }

            if (name is null || documentRef is null || parsed.Schedule is null)
            {
                continue;
            }

            associations.Add(new AssociationSettings
            {
                Name = name,
                Document = documentRef,
                DocumentName = ours?.Name ?? documentRef,
                IsPlatformDocument = ours is not null,
                Schedule = parsed.Schedule,
                Targets = targets,
                Parameters = parameters,
                ComplianceSeverity = severity,
                MaxConcurrency = concurrency,
                MaxErrors = errors,
                ApplyOnlyAtCronInterval = applyOnly,
                ScheduleOffset = offset,
                Output = output,
                Accounts = only,
            });
        }

        return associations;
    }

    private static bool IsAwsOwned(string document) =>
        document.StartsWith("AWS-", StringComparison.Ordinal) || document.StartsWith("Amazon", StringComparison.Ordinal)
        || document.StartsWith("AWSEC2-", StringComparison.Ordinal) || document.StartsWith("AWSSupport-", StringComparison.Ordinal)
        || document.StartsWith("arn:", StringComparison.Ordinal);

    private static List<AssociationTarget> ReadTargets(ConfigNode node, TagContract contract)
    {
        if (node.IsMissing)
        {
            node.Problem("say which instances run it: all, or a list of {tag, values}");
            return [];
        }

        if (!node.IsList && node.String() is { } all)
        {
            if (all != "all")
            {
                node.Problem("targets are \"all\" (every managed instance) or a list of {tag, values}");
                return [];
            }

            return [AssociationTarget.AllInstances];
        }

        var targets = new List<AssociationTarget>();
        var items = node.Items();
        if (items.Count is 0 or > 5)
        {
            node.Problem("an association has 1 to 5 targets", Sources.SsmAssociationApi);
        }

        foreach (var item in items)
        {
            if (!item.ExpectObject("tag", "values"))
            {
                continue;
            }

            var tagNode = item.Child("tag");
            var tag = tagNode.String(required: true);
            if (tag is not null && (!TargetTagKey().IsMatch("tag:" + tag) || tag.Contains('+', StringComparison.Ordinal)))
            {
                tagNode.Problem("a target tag key has at most 124 letters, digits, spaces or _ . : / = - @", Sources.SsmAssociationApi);
            }

            var valuesNode = item.Child("values");
            var values = valuesNode.Strings();
            if (values.Count is 0 or > 50)
            {
                valuesNode.Problem("a target lists 1 to 50 values", Sources.SsmAssociationApi);
            }

            if (tag is null)
            {
                continue;
            }

            var known = PlatformTagKeys.All.FirstOrDefault(p => string.Equals(p, tag, StringComparison.OrdinalIgnoreCase));
            if (known is not null && known != tag)
            {
                tagNode.Problem($"tag keys are case-sensitive in AWS, so this would match nothing; use \"{known}\"", Sources.Ec2Tags);
            }

            foreach (var (value, i) in values.Select((v, i) => (v, i)))
            {
                if (contract.CheckPlatformTagValue(tag, value) is { } violation)
                {
                    node.Problems.Add(violation.At($"{valuesNode.Where}[{i}]", value));
                }
            }

            targets.Add(AssociationTarget.Tag(tag, values));
        }

        return targets;
    }

    private static SortedDictionary<string, IReadOnlyList<string>> ReadParameters(ConfigNode node, CommandDocument? document)
    {
        var parameters = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Entries())
        {
            var values = value.Strings();
            parameters[key] = values;
            if (document is null)
            {
                continue;
            }

            var declared = document.Parameters.FirstOrDefault(p => p.Name == key);
            if (declared is null)
            {
                value.Problem($"{document.File} declares no parameter {key}; it has: " + string.Join(", ", document.Parameters.Select(p => p.Name)), Sources.SsmDocumentSchema);
                continue;
            }

            if (declared.Type == "String" && values.Count != 1)
            {
                value.Problem($"{key} is a String parameter of {document.File}; give one value", Sources.SsmDocumentSchema);
            }

            foreach (var v in values)
            {
                if (declared.AllowedValues.Count > 0 && !declared.AllowedValues.Contains(v, StringComparer.Ordinal))
                {
                    value.Problem($"{document.File} allows {key} to be one of: " + string.Join(", ", declared.AllowedValues), Sources.SsmDocumentSchema);
                }

                if (declared.AllowedPattern is { } pattern && !Regex.IsMatch(v, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    value.Problem($"{document.File} requires {key} to match {pattern}", Sources.SsmDocumentSchema);
                }
            }
        }

        if (document is not null)
        {
            foreach (var required in document.Parameters.Where(p => p.IsRequired && !parameters.ContainsKey(p.Name)))
            {
                node.Child(required.Name).Problem($"{document.File} requires the parameter {required.Name}: {required.Description}", Sources.SsmDocumentSchema);
            }
        }

        return parameters;
    }

    private static void CheckAwsOwnedParameters(ConfigNode node, string document, SortedDictionary<string, IReadOnlyList<string>> parameters)
    {
        if (!AwsOwnedDocuments.Parameters.TryGetValue(document, out var known))
        {
            return;
        }

        foreach (var (name, values) in parameters)
        {
            var wrongCase = known.Keys.FirstOrDefault(k => k != name && string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (wrongCase is not null)
            {
                node.Child(name).Problem($"{document}'s parameter is spelled {wrongCase}", AwsOwnedDocuments.Source);
                continue;
            }

            if (known.TryGetValue(name, out var rule) && rule.Allowed.Count > 0 && values.Any(v => !rule.Allowed.Contains(v, StringComparer.Ordinal)))
            {
                node.Child(name).Problem($"{document} takes {name} = " + string.Join(" or ", rule.Allowed), AwsOwnedDocuments.Source);
            }
        }

        foreach (var (name, _) in known.Where(k => k.Value.Required && !parameters.ContainsKey(k.Key)))
        {
            node.Child(name).Problem($"{document} needs {name} (" + string.Join(" or ", known[name].Allowed) + ")", AwsOwnedDocuments.Source);
        }
    }

    private static OutputLocationSettings? ReadOutput(ConfigNode node)
    {
        if (!node.ExpectObject("bucketName", "keyPrefix"))
        {
            return null;
        }

        var bucketNode = node.Child("bucketName");
        var bucket = bucketNode.String(required: true);
        if (bucket is not null)
        {
            bucketNode.ProblemAll(AwsRules.CheckBucketName(bucket));
        }

        var prefixNode = node.Child("keyPrefix");
        var prefix = prefixNode.String(fallback: "associations")!;
        if (prefix.Length > 500)
        {
            prefixNode.Problem("an output key prefix has at most 500 characters", Sources.SsmAssociationApi);
        }

        return bucket is null ? null : new OutputLocationSettings(bucket, prefix);
    }

    private static ResultsSettings? ReadResults(ConfigNode node, IReadOnlyList<AccountSettings> accounts)
    {
        if (!node.ExpectObject("account", "region", "bucketName", "prefix"))
        {
            return null;
        }

        var accountNode = node.Child("account");
        var accountName = accountNode.String(required: true);
        var account = accounts.FirstOrDefault(a => a.Name == accountName);
        if (accountName is not null && account is null)
        {
            accountNode.Problem("the results account is one of infra:accounts (" + string.Join(", ", accounts.Select(a => a.Name)) + ")");
        }

        var regionNode = node.Child("region");
        var region = regionNode.String(required: true);
        if (region is not null)
        {
            regionNode.ProblemAll(AwsRules.CheckRegion(region));
        }

        var bucketNode = node.Child("bucketName");
        var bucket = bucketNode.String(fallback: account is null ? null : Naming.PlatformNames.ResultsBucket(account.Id));
        if (bucket is not null)
        {
            bucketNode.ProblemAll(AwsRules.CheckBucketName(bucket));
        }

        var prefixNode = node.Child("prefix");
        var prefix = prefixNode.String(fallback: "fleet")!;
        if (prefix.Length is 0 or > 256 || prefix.Contains('/', StringComparison.Ordinal))
        {
            prefixNode.Problem("the sync prefix is 1 to 256 characters without /", "SSM API: ResourceDataSyncS3Destination");
        }

        return account is null || region is null || bucket is null ? null : new ResultsSettings(account.Name, region, bucket, prefix);
    }

    private static IdentityCenterSettings? ReadIdentityCenter(ConfigNode node)
    {
        if (!node.ExpectObject("accountId", "deployRole", "region", "instanceArn", "identityStoreId", "runAsSource"))
        {
            return null;
        }

        string? Read(string key, Func<string?, IReadOnlyList<RuleViolation>> check)
        {
            var child = node.Child(key);
            var value = child.String(required: true);
            if (value is not null)
            {
                child.ProblemAll(check(value));
            }

            return value;
        }

        var accountId = Read("accountId", IdentityCenterRules.CheckAccountId);
        var role = Read("deployRole", AwsRules.CheckRoleArn);
        var region = Read("region", AwsRules.CheckRegion);
        var instance = Read("instanceArn", IdentityCenterRules.CheckInstanceArn);
        var store = Read("identityStoreId", IdentityCenterRules.CheckIdentityStoreId);
        var sourceNode = node.Child("runAsSource");
        var source = sourceNode.String(fallback: IdentityCenterRules.RunAsDefaultSource)!;
        sourceNode.ProblemAll(IdentityCenterRules.CheckAttributeSource(source));
        if (accountId is not null && role is not null && AwsRules.CheckRoleArn(role).Count == 0 && AwsRules.AccountOfArn(role) != accountId)
        {
            node.Child("deployRole").Problem($"the deploy role is in account {AwsRules.AccountOfArn(role)}, not in the Identity Center account ({accountId})");
        }

        return accountId is null || role is null || region is null || instance is null || store is null
            ? null
            : new IdentityCenterSettings(accountId, role, region, instance, store, source);
    }

    private static List<PermissionSetSettings> ReadPermissionSets(ConfigNode node, TagContract contract)
    {
        var sets = new List<PermissionSetSettings>();
        foreach (var item in node.Items())
        {
            if (!item.ExpectObject("name", "description", "sessionDuration", "maxGrant", "managedPolicies", "nodeAccess", "relayState"))
            {
                continue;
            }

            var nameNode = item.Child("name");
            var name = nameNode.String(required: true);
            if (name is not null)
            {
                nameNode.ProblemAll(IdentityCenterRules.CheckPermissionSetName(name));
                if (sets.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    nameNode.Problem("permission set names are unique (without case) in an Identity Center instance", Sources.IdentityCenter);
                }
            }

            var descriptionNode = item.Child("description");
            var description = descriptionNode.String(required: true);
            if (description is not null)
            {
                descriptionNode.ProblemAll(IdentityCenterRules.CheckDescription(description));
            }

            var durationNode = item.Child("sessionDuration");
            var duration = durationNode.String(fallback: "PT1H")!;
            IdentityCenterRules.ParseSessionDuration(duration, out var durationProblems);
            durationNode.ProblemAll(durationProblems);

            var maxGrantNode = item.Child("maxGrant");
            var maxGrantText = maxGrantNode.String(fallback: "P1D")!;
            var maxGrant = IdentityCenterRules.ParseIsoDuration(maxGrantText);
            if (maxGrant is null || maxGrant > TimeSpan.FromDays(90))
            {
                maxGrantNode.Problem("the longest grant is an ISO 8601 duration of at most 90 days, e.g. PT8H or P7D");
            }

            var policiesNode = item.Child("managedPolicies");
            var policies = policiesNode.Strings();
            foreach (var (policy, i) in policies.Select((p, i) => (p, i)))
            {
                foreach (var violation in IdentityCenterRules.CheckManagedPolicyArn(policy))
                {
                    node.Problems.Add(violation.At($"{policiesNode.Where}[{i}]", policy));
                }
            }

            if (policies.Count > IdentityCenterRules.MaxManagedPolicies)
            {
                policiesNode.Problem($"a permission set has at most {IdentityCenterRules.MaxManagedPolicies} managed policies (IAM's quota of managed policies per role)", Sources.IdentityCenter);
            }

            var access = ReadNodeAccess(item.Child("nodeAccess"), contract);
            var relayNode = item.Child("relayState");
            var relay = relayNode.String();
            if (relay is not null)
            {
                relayNode.ProblemAll(IdentityCenterRules.CheckRelayState(relay));
            }

            if (name is null || description is null)
            {
                continue;
            }

            sets.Add(new PermissionSetSettings
            {
                Name = name,
                Description = description,
                SessionDuration = duration,
                MaxGrant = maxGrant ?? TimeSpan.FromDays(1),
                ManagedPolicies = policies,
                NodeAccess = access,
                RelayState = relay,
            });
        }

        return sets;
    }

    private static NodeAccessSettings? ReadNodeAccess(ConfigNode node, TagContract contract)
    {
        if (!node.ExpectObject("resource", "env"))
        {
            return null;
        }

        var resourceNode = node.Child("resource");
        var resource = resourceNode.String(required: true);
        if (resource is not null && contract.CheckPlatformTagValue(PlatformTagKeys.Resource, resource) is { } bad)
        {
            resourceNode.Problem(bad);
        }

        var envNode = node.Child("env");
        var env = envNode.String();
        if (env is not null && contract.CheckPlatformTagValue(PlatformTagKeys.Env, env) is { } badEnv)
        {
            envNode.Problem(badEnv);
        }

        return resource is null ? null : new NodeAccessSettings(resource, env);
    }

    private static (PrincipalType? Type, string? Id) ReadPrincipal(ConfigNode item)
    {
        var typeNode = item.Child("principalType");
        var typeText = typeNode.String(required: true);
        PrincipalType? type = typeText switch
        {
            "USER" => PrincipalType.User,
            "GROUP" => PrincipalType.Group,
            _ => null,
        };
        if (typeText is not null && type is null)
        {
            typeNode.Problem("the principal type is USER or GROUP", Sources.IdentityCenter);
        }

        var idNode = item.Child("principalId");
        var id = idNode.String(required: true);
        if (id is not null)
        {
            idNode.ProblemAll(IdentityCenterRules.CheckPrincipalId(id));
        }

        return (type, id);
    }

    private static string? ReadPermissionSetReference(ConfigNode node, IReadOnlyList<PermissionSetSettings> sets)
    {
        var name = node.String(required: true);
        if (name is not null && sets.All(s => s.Name != name))
        {
            node.Problem("the permission set is one of infra:permissionSets (" + string.Join(", ", sets.Select(s => s.Name)) + ")");
            return null;
        }

        return name;
    }

    private static AccountSettings? ReadAccountReference(ConfigNode node, IReadOnlyList<AccountSettings> accounts)
    {
        var name = node.String(required: true);
        var account = accounts.FirstOrDefault(a => a.Name == name);
        if (name is not null && account is null)
        {
            node.Problem("the account is one of infra:accounts (" + string.Join(", ", accounts.Select(a => a.Name)) + ")");
        }

        return account;
    }

    private static List<AssignmentSettings> ReadAssignments(ConfigNode node, IReadOnlyList<PermissionSetSettings> sets, IReadOnlyList<AccountSettings> accounts)
    {
        var assignments = new List<AssignmentSettings>();
        foreach (var item in node.Items())
        {
            if (!item.ExpectObject("permissionSet", "principalType", "principalId", "account"))
            {
                continue;
            }

            var set = ReadPermissionSetReference(item.Child("permissionSet"), sets);
            var (type, id) = ReadPrincipal(item);
            var account = ReadAccountReference(item.Child("account"), accounts);
            if (set is null || type is null || id is null || account is null)
            {
                continue;
            }

            var assignment = new AssignmentSettings(set, type.Value, id, account.Id);
            if (assignments.Contains(assignment))
            {
                item.Problem("this assignment is listed twice");
                continue;
            }

            assignments.Add(assignment);
        }

        return assignments;
    }

    private static List<AccessGrant> ReadGrants(ConfigNode node, IReadOnlyList<PermissionSetSettings> sets, IReadOnlyList<AccountSettings> accounts, TimeProvider clock)
    {
        var grants = new List<AccessGrant>();
        var now = clock.GetUtcNow();
        foreach (var item in node.Items())
        {
            if (!item.ExpectObject("principalType", "principalId", "principalName", "permissionSet", "account", "from", "until", "reason"))
            {
                continue;
            }

            var (type, id) = ReadPrincipal(item);
            var setName = ReadPermissionSetReference(item.Child("permissionSet"), sets);
            var account = ReadAccountReference(item.Child("account"), accounts);
            var from = ReadInstant(item.Child("from"), required: false);
            var until = ReadInstant(item.Child("until"), required: true);
            var reason = item.Child("reason").String(required: true);
            if (type is null || id is null || setName is null || account is null || until is null || reason is null)
            {
                continue;
            }

            var grant = new AccessGrant(type.Value, id, item.Child("principalName").String(), setName, account.Id, from, until.Value, reason);
            var set = sets.Single(s => s.Name == setName);
            foreach (var (field, violation) in AccessGrants.Check(grant, set.MaxGrant, now))
            {
                item.Child(field).Problem(violation);
            }

            if (grants.Any(g => g.Key == grant.Key))
            {
                item.Problem("this principal already has a grant of this permission set in this account; extend that grant's until instead");
                continue;
            }

            grants.Add(grant);
        }

        return grants;
    }

    /// <summary>
    /// With RunAs, a session runs as the OS user named like the person's Identity Center user; where the stack creates
    /// OS users with the os-users document, a grant of node access to someone it does not create ends in sessions
    /// that fail. Caught here rather than at the person's first login.
    /// </summary>
    private static void CheckRunAsUsers(ConfigNode node, IReadOnlyList<AccessGrant> grants, IReadOnlyList<PermissionSetSettings> sets,
        IReadOnlyList<AssociationSettings> associations, IReadOnlyList<AccountSettings> accounts, SessionSettings session)
    {
        if (!session.RunAsEnabled)
        {
            return;
        }

        var items = node.Items();
        foreach (var (grant, item) in grants.Select(g => (g, items.FirstOrDefault(i => i.Child("principalId").Given == g.PrincipalId && i.Child("permissionSet").Given == g.PermissionSet))))
        {
            var access = sets.FirstOrDefault(s => s.Name == grant.PermissionSet)?.NodeAccess;
            var account = accounts.FirstOrDefault(a => a.Id == grant.AccountId);
            if (access is null || account is null || item is null || grant.PrincipalType != PrincipalType.User || grant.PrincipalName is not { } user)
            {
                continue;
            }

            var creators = associations.Where(a => a.IsPlatformDocument && a.Document == "os-users" && a.AppliesTo(account)
                && a.Targets.Any(t => t.Key == "tag:" + PlatformTagKeys.Resource && t.Values.Contains(access.ResourceTagValue))).ToList();
            if (creators.Count == 0)
            {
                continue;
            }

            var users = creators.SelectMany(a => a.Parameters.GetValueOrDefault("users", []))
                .SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
            if (!users.Contains(user))
            {
                item.Child("principalName").Problem(
                    $"sessions run as the person's own OS user (RunAs), but no OS user {user} is created on Resource={access.ResourceTagValue} instances; add {user} to the users of association {creators[0].Name}",
                    Sources.Platform);
            }
        }
    }

    private static DateTimeOffset? ReadInstant(ConfigNode node, bool required)
    {
        var text = node.String(required: required);
        if (text is null)
        {
            return null;
        }

        var hasOffset = text.EndsWith('Z') || Regex.IsMatch(text, @"[+-]\d{2}:\d{2}$", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!hasOffset || !DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            node.Problem("a date and time with its UTC offset, e.g. 2026-12-10T18:00:00+01:00 or 2026-12-10T17:00:00Z");
            return null;
        }

        return instant;
    }

    private static List<BastionSettings> ReadBastions(ConfigNode node, IReadOnlyList<AccountSettings> accounts, TagContract contract)
    {
        var bastions = new List<BastionSettings>();
        var bastionKind = contract.Kinds.FirstOrDefault(k => k.Kind == "bastion");
        var items = node.Items();
        if (items.Count > 0 && bastionKind is null)
        {
            node.Problem("bastion hosts are of resource kind bastion; add bastion: Bastion to infra:resourceKinds");
        }

        foreach (var item in items)
        {
            if (!item.ExpectObject("name", "account", "region", "vpcId", "subnetId", "instanceType", "tags"))
            {
                continue;
            }

            var nameNode = item.Child("name");
            var name = nameNode.String(required: true);
            if (name is not null && !ShortName().IsMatch(name))
            {
                nameNode.Problem("a bastion name is lower case: letters, digits and -, starting with a letter, at most 31 characters");
            }

            if (name is not null && bastions.Any(b => b.Name == name))
            {
                nameNode.Problem("bastion names are unique in the stack");
            }

            var account = ReadAccountReference(item.Child("account"), accounts);
            var regionNode = item.Child("region");
            var region = regionNode.String(required: true);
            if (region is not null && account is not null && !account.Regions.Contains(region))
            {
                regionNode.Problem($"the bastion's region is one of {account.Name}'s regions (" + string.Join(", ", account.Regions) + "), where the fleet baseline is deployed");
            }

            var subnetNode = item.Child("subnetId");
            var subnet = subnetNode.String(required: true);
            if (subnet is not null)
            {
                subnetNode.ProblemAll(AwsRules.CheckSubnetId(subnet));
            }

            var vpcNode = item.Child("vpcId");
            var vpc = vpcNode.String(required: true);
            if (vpc is not null)
            {
                vpcNode.ProblemAll(AwsRules.CheckVpcId(vpc));
            }

            var typeNode = item.Child("instanceType");
            var type = typeNode.String(fallback: "t3.micro")!;
            typeNode.ProblemAll(AwsRules.CheckInstanceType(type));

            var tags = item.Child("tags").StringMap();
            node.Problems.AddRange(contract.Merge(bastionKind, name, tags).ProblemsAt(item.Where));

            if (name is null || account is null || region is null || subnet is null || vpc is null)
            {
                continue;
            }

            bastions.Add(new BastionSettings { Name = name, Account = account.Name, Region = region, VpcId = vpc, SubnetId = subnet, InstanceType = type, Tags = tags });
        }

        return bastions;
    }
}
