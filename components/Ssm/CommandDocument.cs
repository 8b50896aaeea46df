using Infra.Components.Platform;
using Infra.Core.Documents;
using Infra.Core.Problems;
using Pulumi;
using Aws = Pulumi.Aws;

namespace Infra.Components.Ssm;

/// <summary>Inputs of <see cref="CommandDocument"/>.</summary>
public sealed class CommandDocumentArgs : ResourceArgs
{
    /// <summary>The document file as read and validated by <c>CommandDocuments</c>. Required.</summary>
    public Infra.Core.Documents.CommandDocument? Document { get; set; }

    /// <summary>Tags of the document (platform tags included). Required.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
}

/// <summary>
/// An SSM Command document from a <c>documents/</c> file. A change of content is an update of the same document, which
/// SSM keeps as a new version and makes the default; only a new name replaces it.
/// </summary>
public sealed class CommandDocument : ComponentResource
{
    /// <summary>Creates the document.</summary>
    public CommandDocument(string name, CommandDocumentArgs args, ComponentResourceOptions? options = null)
        : base("infra:ssm:CommandDocument", name, args, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var document = args.Document ?? throw new ArgumentException($"CommandDocument {name}: Document is required", nameof(args));
        var recheck = CommandDocuments.Parse(document.File, document.Content, document.Name);
        if (recheck.Problems.Count > 0)
        {
            throw new InfraConfigurationException(recheck.Problems);
        }

        // Pulumi.Aws rather than AwsNative: it reports the document's versions, which the stack exports, and it
        // updates content in place as a new default version.
        var resource = new Aws.Ssm.Document($"{name}-document", new Aws.Ssm.DocumentArgs
        {
            Name = document.Name,
            DocumentType = CommandDocuments.DocumentType,
            DocumentFormat = CommandDocuments.DocumentFormat,
            Content = document.Content,
            TargetType = CommandDocuments.TargetType,
            Tags = AwsTags.Classic(args.Tags),
        }, new CustomResourceOptions { Parent = this });

        DocumentName = resource.Name;
        LatestVersion = resource.LatestVersion;
        DefaultVersion = resource.DefaultVersion;
        Arn = resource.Arn;
        RegisterOutputs();
    }

    /// <summary>The SSM document name.</summary>
    [Output("documentName")]
    public Output<string> DocumentName { get; private set; }

    /// <summary>The newest version number.</summary>
    [Output("latestVersion")]
    public Output<string> LatestVersion { get; private set; }

    /// <summary>The version associations run (the newest, after every update).</summary>
    [Output("defaultVersion")]
    public Output<string> DefaultVersion { get; private set; }

    /// <summary>The document's ARN.</summary>
    [Output("arn")]
    public Output<string> Arn { get; private set; }
}
