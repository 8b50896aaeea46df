using System.Collections.Immutable;
using Infra.Components.Ssm;
using Infra.Core.Naming;
using Infra.Core.Settings;
using Pulumi;
using Native = Pulumi.AwsNative;

namespace Infra.Components.Platform;

/// <summary>Inputs of <see cref="RegionBaseline"/>.</summary>
public sealed class RegionBaselineArgs : ResourceArgs
{
    /// <summary>The validated stack settings. Required.</summary>
    public StackSettings? Settings { get; set; }

    /// <summary>The account the baseline is for. Required.</summary>
    public AccountSettings? Account { get; set; }

    /// <summary>The account and region's platform names. Required.</summary>
    public PlatformNames? Names { get; set; }

    /// <summary>The validated documents of <c>documents/</c>. Default: none.</summary>
    public IReadOnlyList<Infra.Core.Documents.CommandDocument> Documents { get; set; } = [];

    /// <summary>The results bucket's policy, which every sync waits for; null when the stack has no results bucket.</summary>
    public Resource? ResultsBucketPolicy { get; set; }
}

/// <summary>
/// Everything one account and region gets: Default Host Management, session logging and preferences, the shared
/// instance profile, the platform's documents and the associations that run them, and the sync of inventory and
/// compliance to the results bucket. Give it the account and region's providers.
/// </summary>
public sealed class RegionBaseline : ComponentResource
{
    /// <summary>Creates the baseline.</summary>
    public RegionBaseline(string name, RegionBaselineArgs args, ComponentResourceOptions? options = null)
        : base("infra:platform:RegionBaseline", name, args, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = args.Settings ?? throw new ArgumentException($"RegionBaseline {name}: Settings is required", nameof(args));
        var account = args.Account ?? throw new ArgumentException($"RegionBaseline {name}: Account is required", nameof(args));
        var names = args.Names ?? throw new ArgumentException($"RegionBaseline {name}: Names is required", nameof(args));
        var tags = settings.Tags.BaseTags;
        var child = new ComponentResourceOptions { Parent = this };

        // Instances without a profile still become managed.
        _ = new DefaultHostManagement($"{name}-dhm", new DefaultHostManagementArgs { Names = names, Tags = tags }, child);

        // Session audit, then the profile every instance shares, allowed to write to it.
        var logging = new SessionLogging($"{name}-sessions", new SessionLoggingArgs
        {
            Names = names,
            Session = settings.Session,
            Tags = tags,
            AdoptExistingPreferences = account.AdoptSessionPreferences,
        }, child);
        var profile = new SsmInstanceProfile($"{name}-instance", new SsmInstanceProfileArgs
        {
            RoleName = names.InstanceRole,
            Tags = tags,
            SessionLogging = logging.Target,
            ArtifactObjectArns = settings.Associations.Where(a => a.AppliesTo(account)).SelectMany(a => a.ArtifactObjectArns).Distinct(StringComparer.Ordinal).ToList(),
        }, child);

        // The platform's documents and the associations that run them, named by file and association, not position.
        var documents = args.Documents.ToDictionary(d => d.Name, d => new CommandDocument($"{name}-{Path.GetFileNameWithoutExtension(d.File)}",
            new CommandDocumentArgs { Document = d, Tags = tags }, child));
        var associations = ImmutableDictionary.CreateBuilder<string, Output<string>>();
        foreach (var association in settings.Associations.Where(a => a.AppliesTo(account)))
        {
            var created = new StateManagerAssociation($"{name}-{association.Name}", new StateManagerAssociationArgs
            {
                Association = association,
                DocumentName = association.IsPlatformDocument ? (Input<string>)documents[association.DocumentName].DocumentName : null,
                Tags = tags,
            }, child);
            associations[association.Name] = created.AssociationId;
        }

        // Inventory and compliance of this account and region go to the one results bucket.
        if (settings.Results is { } results)
        {
            var syncOptions = new CustomResourceOptions { Parent = this };
            if (args.ResultsBucketPolicy is { } policy)
            {
                syncOptions.DependsOn.Add(policy);
            }

            _ = new Native.Ssm.ResourceDataSync($"{name}-results-sync", new Native.Ssm.ResourceDataSyncArgs
            {
                SyncName = PlatformNames.ResourceDataSync,
                S3Destination = new Native.Ssm.Inputs.ResourceDataSyncS3DestinationArgs
                {
                    BucketName = results.BucketName,
                    BucketRegion = results.Region,
                    BucketPrefix = results.Prefix,
                    SyncFormat = PlatformNames.ResourceDataSyncFormat,
                },
            }, syncOptions);
        }

        InstanceProfileName = profile.ProfileName;
        SessionLogGroup = logging.LogGroupName;
        SessionLogBucket = logging.BucketName;
        SessionKeyArn = logging.KeyArn;
        DocumentVersions = Output.All(documents.Select(d => d.Value.DefaultVersion.Apply(v => KeyValuePair.Create(d.Key, v))))
            .Apply(pairs => pairs.ToImmutableDictionary());
        AssociationIds = Output.All(associations.Select(a => a.Value.Apply(id => KeyValuePair.Create(a.Key, id))))
            .Apply(pairs => pairs.ToImmutableDictionary());
        RegisterOutputs();
    }

    /// <summary>The shared instance profile every instance here uses.</summary>
    [Output("instanceProfileName")]
    public Output<string> InstanceProfileName { get; private set; }

    /// <summary>The session log group.</summary>
    [Output("sessionLogGroup")]
    public Output<string> SessionLogGroup { get; private set; }

    /// <summary>The session log bucket.</summary>
    [Output("sessionLogBucket")]
    public Output<string> SessionLogBucket { get; private set; }

    /// <summary>The session key, which people starting sessions need.</summary>
    [Output("sessionKeyArn")]
    public Output<string> SessionKeyArn { get; private set; }

    /// <summary>The platform documents and the version associations run.</summary>
    [Output("documentVersions")]
    public Output<ImmutableDictionary<string, string>> DocumentVersions { get; private set; }

    /// <summary>The associations by name and their ids.</summary>
    [Output("associationIds")]
    public Output<ImmutableDictionary<string, string>> AssociationIds { get; private set; }
}
