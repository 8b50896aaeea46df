namespace Infra.Core.Iam;

/// <summary>
/// The policies the platform writes. Each passes <see cref="PolicyRules.Check(PolicyDocument, PolicyKind)"/> for the
/// kind named in its summary. Parameters are ARNs and ids the caller has already resolved; a malformed one throws
/// <see cref="ArgumentException"/>.
/// </summary>
public static class PlatformPolicies
{
    private const string AssumeRole = "sts:AssumeRole";
    private const string SourceAccount = "aws:SourceAccount";

    /// <summary>Trust policy (<see cref="PolicyKind.Trust"/>) letting EC2 assume an instance profile role.</summary>
    public static PolicyDocument Ec2AssumeRole() =>
        PolicyDocument.Of(
            PolicyStatement.Allow([AssumeRole], [], "AllowEc2ToAssumeRole")
                .WithPrincipals(PolicyPrincipal.Service("ec2.amazonaws.com")));

    /// <summary>
    /// Trust policy (<see cref="PolicyKind.Trust"/>) of the Default Host Management Configuration role: Systems
    /// Manager may assume it on behalf of <paramref name="accountId"/> only.
    /// </summary>
    public static PolicyDocument SsmAssumeRole(string accountId) =>
        ServiceAssumeRole("ssm.amazonaws.com", "AllowSsmToAssumeRole", Arns.Account(accountId, nameof(accountId)));

    /// <summary>
    /// Trust policy (<see cref="PolicyKind.Trust"/>) of an EventBridge Scheduler execution role: schedules of
    /// <paramref name="accountId"/> only may assume it.
    /// </summary>
    public static PolicyDocument SchedulerAssumeRole(string accountId) =>
        ServiceAssumeRole("scheduler.amazonaws.com", "AllowSchedulerToAssumeRole", Arns.Account(accountId, nameof(accountId)));

    private static PolicyDocument ServiceAssumeRole(string service, string sid, string accountId) =>
        PolicyDocument.Of(
            PolicyStatement.Allow([AssumeRole], [], sid)
                .WithPrincipals(PolicyPrincipal.Service(service))
                // Confused-deputy guard: the service may assume the role only for requests from this account.
                .WithCondition("StringEquals", SourceAccount, accountId));

    /// <summary>
    /// Role inline policy (<see cref="PolicyKind.RoleInline"/>): read exactly the S3 objects that the associations of
    /// an account and region hand their documents (such as the EDR agent's package), and nothing else.
    /// </summary>
    /// <param name="objectArns">The objects, <c>arn:aws:s3:::bucket/key</c>; at least one.</param>
    public static PolicyDocument ReadArtifacts(IReadOnlyList<string> objectArns)
    {
        ArgumentNullException.ThrowIfNull(objectArns);
        if (objectArns.Count == 0)
        {
            throw new ArgumentException("at least one artifact object is needed", nameof(objectArns));
        }

        foreach (var arn in objectArns)
        {
            if (!arn.StartsWith("arn:aws:s3:::", StringComparison.Ordinal) || !arn["arn:aws:s3:::".Length..].Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"\"{arn}\" is not the ARN of an S3 object; give arn:aws:s3:::bucket/key.", nameof(objectArns));
            }
        }

        return PolicyDocument.Of(PolicyStatement.Allow(["s3:GetObject"], objectArns.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), "ReadAssociationArtifacts"));
    }

    /// <summary>
    /// Role inline policy (<see cref="PolicyKind.RoleInline"/>): what an instance needs, beyond
    /// AmazonSSMManagedInstanceCore, to write Session Manager session logs to S3 and CloudWatch Logs and to use the
    /// customer managed key that encrypts them.
    /// </summary>
    /// <param name="bucketArn">The log bucket, <c>arn:aws:s3:::name</c>.</param>
    /// <param name="keyPrefix">The S3 key prefix of session logs; empty for the whole bucket. Leading and trailing '/' are ignored.</param>
    /// <param name="logGroupArn">The log group, <c>arn:aws:logs:region:account:log-group:name</c> (a trailing <c>:*</c> is accepted).</param>
    /// <param name="kmsKeyArn">The customer managed key of the bucket, log group and sessions.</param>
    public static PolicyDocument SessionLoggingInstanceAccess(string bucketArn, string keyPrefix, string logGroupArn, string kmsKeyArn)
    {
        Arns.Bucket(bucketArn, nameof(bucketArn));
        ArgumentNullException.ThrowIfNull(keyPrefix);
        Arns.KmsKey(kmsKeyArn, nameof(kmsKeyArn));
        var logGroup = logGroupArn?.EndsWith(":*", StringComparison.Ordinal) == true ? logGroupArn[..^2] : logGroupArn!;
        var parts = Arns.Split(logGroup, "logs", "arn:aws:logs:eu-west-1:123456789012:log-group:/infra/sessions", nameof(logGroupArn));
        if (!parts[5].StartsWith("log-group:", StringComparison.Ordinal) || parts[5].Length == "log-group:".Length
            || parts[5].Contains('*', StringComparison.Ordinal) || parts[3].Length == 0 || parts[4].Length == 0)
        {
            throw new ArgumentException($"\"{logGroupArn}\" is not the ARN of one log group; give arn:<partition>:logs:<region>:<account>:log-group:<name>.", nameof(logGroupArn));
        }

        var everyLogGroup = $"arn:{parts[1]}:logs:{parts[3]}:{parts[4]}:log-group:*";
        return PolicyDocument.Of(
            PolicyStatement.Allow(["s3:PutObject"], [Arns.Objects(bucketArn, keyPrefix, "*")], "WriteSessionLogsToS3"),
            // The agent checks the bucket's default encryption before it uploads when encrypted buckets are required.
            PolicyStatement.Allow(["s3:GetEncryptionConfiguration"], [bucketArn], "ReadLogBucketEncryption"),
            PolicyStatement.Allow(
                ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                [logGroup, $"{logGroup}:*"],
                "WriteSessionLogsToCloudWatch"),
            // DescribeLogGroups is authorised against the log-group wildcard of the account and region, not one group.
            PolicyStatement.Allow(["logs:DescribeLogGroups"], [everyLogGroup], "FindSessionLogGroup"),
            PolicyStatement.Allow(["kms:Decrypt", "kms:GenerateDataKey"], [kmsKeyArn], "UseSessionLogKey"));
    }

    /// <summary>
    /// Role inline policy (<see cref="PolicyKind.RoleInline"/>) of the role EventBridge Scheduler uses to end a
    /// temporary account assignment: <c>sso:DeleteAccountAssignment</c> on exactly this instance, permission set and
    /// account.
    /// </summary>
    public static PolicyDocument RevokeAccountAssignment(string instanceArn, string permissionSetArn, string accountId, string partition = "aws")
    {
        Arns.Split(instanceArn, "sso", "arn:aws:sso:::instance/ssoins-1234567890abcdef", nameof(instanceArn));
        Arns.Split(permissionSetArn, "sso", "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef", nameof(permissionSetArn));
        var account = Arns.Account(accountId, nameof(accountId));
        var p = Arns.Partition(partition, nameof(partition));
        return PolicyDocument.Of(
            PolicyStatement.Allow(
                ["sso:DeleteAccountAssignment"],
                [instanceArn, permissionSetArn, $"arn:{p}:sso:::account/{account}"],
                "RevokeAccountAssignment"));
    }

    /// <summary>
    /// Permission set inline policy (<see cref="PolicyKind.PermissionSetInline"/>) for Session Manager access to
    /// tagged instances: StartSession only on instances carrying the scope's tags and only with the preferences
    /// document; Resume and Terminate only on the user's own sessions; the read-only calls the console and CLI make;
    /// GenerateDataKey on the session keys. Nothing else, in particular no <c>ssm:SendCommand</c>.
    /// </summary>
    public static PolicyDocument NodeAccess(NodeAccessScope scope, string partition = "aws")
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope.ResourceTagValue, nameof(scope));
        ArgumentException.ThrowIfNullOrWhiteSpace(scope.PreferencesDocumentName, nameof(scope));
        ArgumentException.ThrowIfNullOrWhiteSpace(scope.ResourceTagKey, nameof(scope));
        ArgumentException.ThrowIfNullOrWhiteSpace(scope.EnvTagKey, nameof(scope));
        ArgumentNullException.ThrowIfNull(scope.SessionKeyArns, nameof(scope));
        if (scope.AccountIds is { Count: 0 })
        {
            throw new ArgumentException("AccountIds is empty, which would allow nothing; give the accounts, or null for every account the permission set is provisioned to.", nameof(scope));
        }

        var p = Arns.Partition(partition, nameof(partition));
        var accounts = scope.AccountIds?.Select(a => Arns.Account(a, nameof(scope))).ToArray() ?? ["*"];
        foreach (var key in scope.SessionKeyArns)
        {
            Arns.KmsKey(key, nameof(scope));
        }

        var startOnInstances = PolicyStatement.Allow(
                ["ssm:StartSession"], accounts.Select(a => $"arn:{p}:ec2:*:{a}:instance/*"), "StartSessionOnTaggedInstances")
            .WithCondition("StringEquals", $"aws:ResourceTag/{scope.ResourceTagKey}", scope.ResourceTagValue);
        if (scope.EnvTagValue is not null)
        {
            startOnInstances = startOnInstances.WithCondition("StringEquals", $"aws:ResourceTag/{scope.EnvTagKey}", scope.EnvTagValue);
        }

        // Makes IAM check StartSession on the session document too, so a user cannot pick a document of their own.
        startOnInstances = startOnInstances.WithCondition("BoolIfExists", "ssm:SessionDocumentAccessCheck", "true");

        var statements = new List<PolicyStatement>
        {
            startOnInstances,
            // The document carries no Resource tag, so the tag conditions above would never match it.
            PolicyStatement.Allow(
                ["ssm:StartSession"],
                accounts.Select(a => $"arn:{p}:ssm:*:{a}:document/{scope.PreferencesDocumentName}"),
                "StartSessionWithPreferencesDocument"),
            // Identity Center users have no aws:username; the session is tagged with the caller's user id instead.
            PolicyStatement.Allow(
                    ["ssm:ResumeSession", "ssm:TerminateSession"], accounts.Select(a => $"arn:{p}:ssm:*:{a}:session/*"), "ManageOwnSessions")
                .WithCondition("StringLike", "ssm:resourceTag/aws:ssmmessages:session-id", "${aws:userid}"),
            PolicyStatement.Allow(
                ["ec2:DescribeInstances", "ssm:DescribeInstanceInformation", "ssm:DescribeInstanceProperties", "ssm:DescribeSessions", "ssm:GetConnectionStatus"],
                ["*"],
                "DescribeForConsoleAndCli"),
        };

        if (scope.SessionKeyArns.Count > 0)
        {
            statements.Add(PolicyStatement.Allow(["kms:GenerateDataKey"], scope.SessionKeyArns, "EncryptSessionData"));
        }

        return new PolicyDocument(statements);
    }

    /// <summary>
    /// Key policy (<see cref="PolicyKind.Resource"/>) of the key that encrypts sessions and their logs. No
    /// <c>kms:*</c>: the account administers the key through listed actions, IAM policies in the account may grant
    /// its use, and CloudWatch Logs may use it for log groups of this account and region only.
    /// In a key policy, Resource <c>*</c> means this key.
    /// </summary>
    public static PolicyDocument SessionKeyPolicy(string accountId, string region, string partition = "aws")
    {
        var account = Arns.Account(accountId, nameof(accountId));
        var r = Arns.Region(region, nameof(region));
        var p = Arns.Partition(partition, nameof(partition));
        var root = PolicyPrincipal.Aws($"arn:{p}:iam::{account}:root");
        return PolicyDocument.Of(
            PolicyStatement.Allow(
                    [
                        "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
                        "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
                        "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
                    ],
                    ["*"],
                    "KeyAdministration")
                .WithPrincipals(root),
            PolicyStatement.Allow(
                    ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                    ["*"],
                    "AllowIamPoliciesToGrantUse")
                .WithPrincipals(root),
            PolicyStatement.Allow(
                    ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                    ["*"],
                    "AllowCloudWatchLogs")
                .WithPrincipals(PolicyPrincipal.Service($"logs.{r}.amazonaws.com"))
                .WithCondition("ArnLike", "kms:EncryptionContext:aws:logs:arn", $"arn:{p}:logs:{r}:{account}:log-group:*"));
    }

    /// <summary>
    /// Bucket policy (<see cref="PolicyKind.Resource"/>) refusing every request that does not use TLS, followed by
    /// <paramref name="extra"/> statements.
    /// </summary>
    public static PolicyDocument TlsOnlyBucketPolicy(string bucketArn, IEnumerable<PolicyStatement>? extra = null)
    {
        Arns.Bucket(bucketArn, nameof(bucketArn));
        var denyPlainHttp = PolicyStatement.Deny(["s3:*"], [bucketArn, $"{bucketArn}/*"], "DenyInsecureTransport")
            .WithPrincipals(PolicyPrincipal.Anyone)
            .WithCondition("Bool", "aws:SecureTransport", "false");
        return new PolicyDocument([denyPlainHttp, .. extra ?? []]);
    }

    /// <summary>
    /// Bucket policy statements (for <see cref="TlsOnlyBucketPolicy"/>) that let Systems Manager deliver a resource
    /// data sync of <paramref name="sourceAccountIds"/> into <paramref name="bucketArn"/> under <paramref name="prefix"/>,
    /// as AWS documents them: check the bucket ACL, and put objects under each account's own path with
    /// bucket-owner-full-control.
    /// </summary>
    /// <param name="bucketArn">The destination bucket, <c>arn:aws:s3:::name</c>.</param>
    /// <param name="prefix">The sync's S3 prefix; empty for none. Leading and trailing '/' are ignored.</param>
    /// <param name="sourceAccountIds">The accounts whose data is synced; at least one.</param>
    public static IReadOnlyList<PolicyStatement> ResourceDataSyncBucketStatements(string bucketArn, string prefix, IReadOnlyList<string> sourceAccountIds)
    {
        Arns.Bucket(bucketArn, nameof(bucketArn));
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(sourceAccountIds);
        if (sourceAccountIds.Count == 0)
        {
            throw new ArgumentException("Give at least one source account.", nameof(sourceAccountIds));
        }

        var accounts = sourceAccountIds.Select(a => Arns.Account(a, nameof(sourceAccountIds))).Distinct(StringComparer.Ordinal).ToArray();
        var ssm = PolicyPrincipal.Service("ssm.amazonaws.com");
        return
        [
            PolicyStatement.Allow(["s3:GetBucketAcl"], [bucketArn], "SSMBucketPermissionsCheck").WithPrincipals(ssm),
            PolicyStatement.Allow(["s3:PutObject"], accounts.Select(a => Arns.Objects(bucketArn, prefix, $"*/accountid={a}/*")), "SSMBucketDelivery")
                .WithPrincipals(ssm)
                .WithCondition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                .WithCondition("StringEquals", SourceAccount, accounts),
        ];
    }
}
