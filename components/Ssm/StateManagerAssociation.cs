using System.Collections.Immutable;
using Infra.Components.Platform;
using Infra.Core.Documents;
using Infra.Core.Settings;
using Pulumi;
using NativeSsm = Pulumi.AwsNative.Ssm;

namespace Infra.Components.Ssm;

/// <summary>Inputs of <see cref="StateManagerAssociation"/>.</summary>
public sealed class StateManagerAssociationArgs : ResourceArgs
{
    /// <summary>The association as validated by <c>StackSettingsParser</c> (schedule in AWS form, targets, rate control). Required.</summary>
    public AssociationSettings? Association { get; set; }

    /// <summary>
    /// The document's name when it is one of ours, taken from its <see cref="CommandDocument"/> so the association
    /// waits for the document. Null (the default) uses <see cref="AssociationSettings.DocumentName"/> as is, for
    /// AWS-owned documents.
    /// </summary>
    public Input<string>? DocumentName { get; set; }

    /// <summary>Tags of the association (platform tags included). Required.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
}

/// <summary>
/// A State Manager association. Rate control always applies (by default 10% at once, stopping at 5% errors), so a new
/// document version or parameter, such as the EDR agent's <c>version</c>, rolls out in steps rather than everywhere at
/// once.
/// </summary>
public sealed class StateManagerAssociation : ComponentResource
{
    /// <summary>Creates the association.</summary>
    public StateManagerAssociation(string name, StateManagerAssociationArgs args, ComponentResourceOptions? options = null)
        : base("infra:ssm:StateManagerAssociation", name, args, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var association = args.Association ?? throw new ArgumentException($"StateManagerAssociation {name}: Association is required", nameof(args));

        var parameters = new InputMap<ImmutableArray<string>>();
        foreach (var (key, values) in association.Parameters)
        {
            parameters.Add(key, values.ToImmutableArray());
        }

        var targets = new InputList<NativeSsm.Inputs.AssociationTargetArgs>();
        foreach (var target in association.Targets)
        {
            targets.Add(new NativeSsm.Inputs.AssociationTargetArgs { Key = target.Key, Values = target.Values.ToList() });
        }

        // Pulumi.AwsNative: it takes list-valued parameters (StringList) and ScheduleOffset, which Pulumi.Aws lacks.
        var resource = new NativeSsm.Association($"{name}-association", new NativeSsm.AssociationArgs
        {
            AssociationName = association.Name,
            Name = args.DocumentName ?? association.DocumentName,
            DocumentVersion = association.IsPlatformDocument ? CommandDocuments.AssociatedVersion : null!,
            ScheduleExpression = association.Schedule.Expression,
            ScheduleOffset = association.ScheduleOffset,
            ApplyOnlyAtCronInterval = association.ApplyOnlyAtCronInterval,
            Targets = targets,
            Parameters = parameters,
            ComplianceSeverity = Severity(association.ComplianceSeverity),
            MaxConcurrency = association.MaxConcurrency,
            MaxErrors = association.MaxErrors,
            OutputLocation = association.Output is { } output
                ? new NativeSsm.Inputs.AssociationInstanceAssociationOutputLocationArgs
                {
                    S3Location = new NativeSsm.Inputs.AssociationS3OutputLocationArgs
                    {
                        OutputS3BucketName = output.BucketName,
                        OutputS3KeyPrefix = output.KeyPrefix,
                    },
                }
                : null!,
            Tags = AwsTags.Native(args.Tags),
        }, new CustomResourceOptions { Parent = this });

        AssociationId = resource.AssociationId;
        Schedule = Output.Create(association.Schedule.Expression);
        Targets = Output.Create(string.Join(" and ", association.Targets));
        RegisterOutputs();
    }

    /// <summary>The association's id.</summary>
    [Output("associationId")]
    public Output<string> AssociationId { get; private set; }

    /// <summary>The schedule in AWS form.</summary>
    [Output("schedule")]
    public Output<string> Schedule { get; private set; }

    /// <summary>The targets, e.g. <c>tag:Resource=Kafka</c>.</summary>
    [Output("targets")]
    public Output<string> Targets { get; private set; }

    private static NativeSsm.AssociationComplianceSeverity Severity(string severity) => severity switch
    {
        "CRITICAL" => NativeSsm.AssociationComplianceSeverity.Critical,
        "HIGH" => NativeSsm.AssociationComplianceSeverity.High,
        "MEDIUM" => NativeSsm.AssociationComplianceSeverity.Medium,
        "LOW" => NativeSsm.AssociationComplianceSeverity.Low,
        _ => NativeSsm.AssociationComplianceSeverity.Unspecified,
    };
}
