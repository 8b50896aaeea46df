namespace Infra.Core.Aws;

/// <summary>Short names of the documents a rule comes from, quoted in every problem.</summary>
public static class Sources
{
    /// <summary>Systems Manager user guide, cron and rate expressions for associations.</summary>
    public const string SsmCron = "SSM User Guide: reference-cron-and-rate-expressions";
    /// <summary>SSM API model: CreateAssociation.</summary>
    public const string SsmAssociationApi = "SSM API: CreateAssociation";
    /// <summary>SSM API model: CreateDocument.</summary>
    public const string SsmDocumentApi = "SSM API: CreateDocument";
    /// <summary>Systems Manager user guide, document schema 2.2 and plugin reference.</summary>
    public const string SsmDocumentSchema = "SSM User Guide: documents-schemas-features, documents-command-ssm-plugin-reference";
    /// <summary>Session Manager preferences document schema.</summary>
    public const string SessionSchema = "SSM User Guide: session-manager-schema";
    /// <summary>EC2 tag restrictions.</summary>
    public const string Ec2Tags = "EC2 User Guide: Using_Tags (tag restrictions); EC2 API: Tag";
    /// <summary>IAM tag rules.</summary>
    public const string IamTags = "IAM User Guide: id_tags";
    /// <summary>IAM quotas and JSON policy grammar.</summary>
    public const string IamPolicy = "IAM User Guide: reference_iam-quotas, reference_policies_grammar";
    /// <summary>IAM Identity Center API model and quotas.</summary>
    public const string IdentityCenter = "SSO Admin API; IAM Identity Center User Guide: limits";
    /// <summary>IAM Identity Center attributes for access control.</summary>
    public const string IdentityCenterAbac = "IAM Identity Center User Guide: configure-abac, attributemappingsconcept";
    /// <summary>EventBridge Scheduler API model.</summary>
    public const string Scheduler = "EventBridge Scheduler API: CreateSchedule";
    /// <summary>S3 bucket naming rules.</summary>
    public const string S3Naming = "S3 User Guide: bucketnamingrules";
    /// <summary>CloudWatch Logs API model: PutRetentionPolicy.</summary>
    public const string LogsRetention = "CloudWatch Logs API: PutRetentionPolicy";
    /// <summary>The platform's own contract (this repository).</summary>
    public const string Platform = "Infra platform contract";
    /// <summary>Pulumi configuration format.</summary>
    public const string Pulumi = "Pulumi project and stack configuration";
}
