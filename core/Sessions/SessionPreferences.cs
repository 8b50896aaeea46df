using System.Globalization;
using System.Text.Json.Nodes;
using Infra.Core.Aws;
using Infra.Core.Settings;

namespace Infra.Core.Sessions;

/// <summary>
/// The content of the Session Manager preferences document (<c>SSM-SessionManagerRunShell</c>): a Session document of
/// schema 1.0 and type Standard_Stream, logging to S3 and CloudWatch with encryption required, streaming to CloudWatch,
/// data encrypted with the session key, idle and maximum timeouts, and RunAs.
/// </summary>
public static class SessionPreferences
{
    /// <summary>The preferences document's schema version; Session documents support only 1.0.</summary>
    public const string SchemaVersion = "1.0";

    /// <summary>The session type preferences documents must have.</summary>
    public const string SessionType = "Standard_Stream";

    /// <summary>Builds the document content.</summary>
    /// <param name="settings">The stack's session settings.</param>
    /// <param name="bucketName">The session log bucket.</param>
    /// <param name="logGroupName">The session log group.</param>
    /// <param name="kmsKeyId">The session key (id or ARN) that encrypts session data.</param>
    public static JsonObject Content(SessionSettings settings, string bucketName, string logGroupName, string kmsKeyId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var inputs = new JsonObject
        {
            ["s3BucketName"] = bucketName,
            ["s3KeyPrefix"] = settings.S3KeyPrefix,
            ["s3EncryptionEnabled"] = true,
            ["cloudWatchLogGroupName"] = logGroupName,
            ["cloudWatchEncryptionEnabled"] = true,
            ["cloudWatchStreamingEnabled"] = true,
            ["kmsKeyId"] = kmsKeyId,
            ["runAsEnabled"] = settings.RunAsEnabled,
            ["runAsDefaultUser"] = settings.RunAsDefaultUser ?? "",
            ["idleSessionTimeout"] = settings.IdleTimeoutMinutes.ToString(CultureInfo.InvariantCulture),
            ["maxSessionDuration"] = settings.MaxSessionMinutes.ToString(CultureInfo.InvariantCulture),
            ["shellProfile"] = new JsonObject
            {
                ["windows"] = "",
                ["linux"] = settings.ShellProfileLinux ?? "",
            },
        };
        return new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["description"] = "Session Manager preferences set by the Infra platform: every session logged and encrypted.",
            ["sessionType"] = SessionType,
            ["inputs"] = inputs,
        };
    }

    /// <summary>The content as plain dictionaries and lists, the shape providers take for JSON-typed properties.</summary>
    public static Dictionary<string, object?> ContentObject(SessionSettings settings, string bucketName, string logGroupName, string kmsKeyId) =>
        (Dictionary<string, object?>)PlainJson.From(Content(settings, bucketName, logGroupName, kmsKeyId))!;
}
