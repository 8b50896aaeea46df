using Infra.Components.Platform;
using Infra.Core.Iam;
using Infra.Core.Naming;
using Infra.Core.Sessions;
using Infra.Core.Settings;
using Pulumi;
using Kms = Pulumi.AwsNative.Kms;
using Logs = Pulumi.AwsNative.Logs;
using NativeSsm = Pulumi.AwsNative.Ssm;
using S3 = Pulumi.AwsNative.S3;

namespace Infra.Components.Ssm;

/// <summary>Inputs of <see cref="SessionLogging"/>.</summary>
public sealed class SessionLoggingArgs : ResourceArgs
{
    /// <summary>The account and region's platform names. Required.</summary>
    public PlatformNames? Names { get; set; }

    /// <summary>Session logging and preferences from the stack settings. Default: the platform defaults.</summary>
    public SessionSettings Session { get; set; } = new();

    /// <summary>Tags of every resource (platform tags included). Required.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// Take over the <c>SSM-SessionManagerRunShell</c> document that already exists where someone saved preferences
    /// in the console, instead of failing with DocumentAlreadyExists. Default false.
    /// </summary>
    public bool AdoptExistingPreferences { get; set; }
}

/// <summary>
/// Session Manager audit for one account and region: a KMS key whose policy lets the account and CloudWatch Logs use
/// it, an encrypted log group, an S3 bucket (public access blocked, SSE-KMS, TLS only, expiring logs) and the
/// preferences document that sends every session to both and encrypts session data.
/// </summary>
public sealed class SessionLogging : ComponentResource
{
    /// <summary>Creates the key, log group, bucket and preferences.</summary>
    public SessionLogging(string name, SessionLoggingArgs args, ComponentResourceOptions? options = null)
        : base("infra:ssm:SessionLogging", name, args, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var names = args.Names ?? throw new ArgumentException($"SessionLogging {name}: Names is required", nameof(args));
        var session = args.Session;
        var child = new CustomResourceOptions { Parent = this };
        var tags = AwsTags.Native(args.Tags);

        var key = new Kms.Key($"{name}-key", new Kms.KeyArgs
        {
            Description = "Encrypts Session Manager session data and logs.",
            EnableKeyRotation = true,
            KeyPolicy = PolicyJson.ToObject(PlatformPolicies.SessionKeyPolicy(names.AccountId, names.Region)),
            Tags = tags,
        }, child);

        _ = new Kms.Alias($"{name}-key-alias", new Kms.AliasArgs
        {
            AliasName = PlatformNames.SessionKeyAlias,
            TargetKeyId = key.KeyId,
        }, child);

        var logGroup = new Logs.LogGroup($"{name}-log-group", new Logs.LogGroupArgs
        {
            LogGroupName = PlatformNames.SessionLogGroup,
            RetentionInDays = session.LogRetentionDays,
            KmsKeyId = key.Arn,
            Tags = tags,
        }, child);

        var bucket = new S3.Bucket($"{name}-bucket", new S3.BucketArgs
        {
            BucketName = names.SessionLogBucket,
            BucketEncryption = new S3.Inputs.BucketEncryptionArgs
            {
                ServerSideEncryptionConfiguration =
                {
                    new S3.Inputs.BucketServerSideEncryptionRuleArgs
                    {
                        BucketKeyEnabled = true,
                        ServerSideEncryptionByDefault = new S3.Inputs.BucketServerSideEncryptionByDefaultArgs
                        {
                            SseAlgorithm = S3.BucketServerSideEncryptionByDefaultSseAlgorithm.Awskms,
                            KmsMasterKeyId = key.Arn,
                        },
                    },
                },
            },
            PublicAccessBlockConfiguration = new S3.Inputs.BucketPublicAccessBlockConfigurationArgs
            {
                BlockPublicAcls = true,
                BlockPublicPolicy = true,
                IgnorePublicAcls = true,
                RestrictPublicBuckets = true,
            },
            OwnershipControls = new S3.Inputs.BucketOwnershipControlsArgs
            {
                Rules = { new S3.Inputs.BucketOwnershipControlsRuleArgs { ObjectOwnership = S3.BucketOwnershipControlsRuleObjectOwnership.BucketOwnerEnforced } },
            },
            LifecycleConfiguration = new S3.Inputs.BucketLifecycleConfigurationArgs
            {
                Rules =
                {
                    new S3.Inputs.BucketRuleArgs
                    {
                        Id = "expire-session-logs",
                        Status = S3.BucketRuleStatus.Enabled,
                        Prefix = session.S3KeyPrefix + "/",
                        ExpirationInDays = session.S3ExpireAfterDays,
                    },
                },
            },
            Tags = tags,
        }, child);

        _ = new S3.BucketPolicy($"{name}-bucket-policy", new S3.BucketPolicyArgs
        {
            Bucket = bucket.Id,
            PolicyDocument = bucket.Arn.Apply(arn => PolicyJson.ToObject(PlatformPolicies.TlsOnlyBucketPolicy(arn))),
        }, child);

        var preferences = new NativeSsm.Document($"{name}-preferences", new NativeSsm.DocumentArgs
        {
            Name = PlatformNames.SessionPreferencesDocument,
            DocumentType = NativeSsm.DocumentType.Session,
            DocumentFormat = NativeSsm.DocumentFormat.Json,
            // A new version keeps the document's name: replacing it would delete the account's preferences.
            UpdateMethod = NativeSsm.DocumentUpdateMethod.NewVersion,
            Content = key.Arn.Apply(arn => (object)SessionPreferences.ContentObject(session, names.SessionLogBucket, PlatformNames.SessionLogGroup, arn)),
            Tags = tags,
        }, new CustomResourceOptions
        {
            Parent = this,
            ImportId = args.AdoptExistingPreferences ? PlatformNames.SessionPreferencesDocument : null,
            DependsOn = { bucket, logGroup },
        });

        KeyArn = key.Arn;
        LogGroupName = logGroup.LogGroupName.Apply(n => n ?? PlatformNames.SessionLogGroup);
        LogGroupArn = logGroup.Arn;
        BucketName = bucket.BucketName.Apply(n => n ?? names.SessionLogBucket);
        BucketArn = bucket.Arn;
        KeyPrefix = Output.Create(session.S3KeyPrefix);
        Target = new SessionLoggingTarget(BucketArn, session.S3KeyPrefix, LogGroupArn, KeyArn);
        PreferencesDocumentName = preferences.Name.Apply(n => n ?? PlatformNames.SessionPreferencesDocument);
        RegisterOutputs();
    }

    /// <summary>The session key's ARN.</summary>
    [Output("keyArn")]
    public Output<string> KeyArn { get; private set; }

    /// <summary>The session log group.</summary>
    [Output("logGroupName")]
    public Output<string> LogGroupName { get; private set; }

    /// <summary>The session log group's ARN.</summary>
    [Output("logGroupArn")]
    public Output<string> LogGroupArn { get; private set; }

    /// <summary>The session log bucket.</summary>
    [Output("bucketName")]
    public Output<string> BucketName { get; private set; }

    /// <summary>The session log bucket's ARN.</summary>
    [Output("bucketArn")]
    public Output<string> BucketArn { get; private set; }

    /// <summary>The key prefix of session logs in the bucket.</summary>
    [Output("keyPrefix")]
    public Output<string> KeyPrefix { get; private set; }

    /// <summary>The preferences document's name.</summary>
    [Output("preferencesDocumentName")]
    public Output<string> PreferencesDocumentName { get; private set; }

    /// <summary>What an instance profile needs to write session logs here.</summary>
    public SessionLoggingTarget Target { get; }
}
