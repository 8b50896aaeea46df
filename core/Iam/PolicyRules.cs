using System.Globalization;
using System.Text.RegularExpressions;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Iam;

/// <summary>
/// The rules every policy the platform writes or accepts must follow: IAM's policy grammar, the size quotas of
/// each <see cref="PolicyKind"/>, and the platform's least-privilege rule (no Allow of every action, or of every
/// action of a service, on every resource).
/// </summary>
public static partial class PolicyRules
{
    /// <summary>Most non-whitespace characters of a customer managed policy.</summary>
    public const int IdentityMaxChars = 6_144;

    /// <summary>Most non-whitespace characters of all inline policies of one role together.</summary>
    public const int RoleInlineMaxChars = 10_240;

    /// <summary>Most characters, whitespace included, of a permission set's inline policy.</summary>
    public const int PermissionSetInlineMaxTotalChars = 32_768;

    /// <summary>Most non-whitespace characters of a permission set's inline policy.</summary>
    public const int PermissionSetInlineMaxChars = 10_240;

    /// <summary>Most non-whitespace characters of a role trust policy (default quota).</summary>
    public const int TrustMaxChars = 2_048;

    /// <summary>Most characters of a resource policy: the S3 bucket policy limit (20 KB), the smaller of bucket (20 KB) and KMS key (32 KB) policies.</summary>
    public const int ResourceMaxChars = 20_480;

    /// <summary>The actions a role trust policy may allow.</summary>
    public static IReadOnlyList<string> TrustActions { get; } =
        ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity"];

    private const string ResourcePolicySource = "S3 User Guide: bucket policy size (20 KB); KMS Developer Guide: key policy size (32 KB)";

    private static readonly string[] PrincipalTypes =
        [PolicyPrincipal.AwsType, PolicyPrincipal.ServiceType, PolicyPrincipal.FederatedType, PolicyPrincipal.CanonicalUserType, PolicyPrincipal.AnyoneType];

    private static readonly string[] ConditionOperators =
    [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
    ];

    [GeneratedRegex("^[A-Za-z0-9]*$")]
    private static partial Regex SidPattern();

    [GeneratedRegex("^[a-z0-9-]+:[A-Za-z0-9*?]+$")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("^[a-z0-9-]+:\\*$")]
    private static partial Regex ServiceWildcardPattern();

    /// <summary>
    /// Reads <paramref name="json"/> and checks it: everything that makes it not a policy document (bad JSON, a
    /// missing or misspelt Effect, a wrong Version, unknown or repeated keys) and then every rule of
    /// <see cref="Check(PolicyDocument, PolicyKind)"/>.
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(string json, PolicyKind kind)
    {
        ArgumentNullException.ThrowIfNull(json);
        var violations = new List<RuleViolation>();
        var document = PolicyJson.Read(json, violations);
        if (document is not null)
        {
            violations.AddRange(Check(document, kind));
        }

        return violations;
    }

    /// <summary>
    /// Every rule <paramref name="policy"/> breaks as a policy of <paramref name="kind"/>; empty when it is fine.
    /// Sizes are measured on the compact rendering (<see cref="PolicyDocument.ToJson"/>), which is what the platform submits.
    /// Each violation names the statement by index and Sid and says what to change.
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(PolicyDocument policy, PolicyKind kind)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var violations = new List<RuleViolation>();
        if (policy.Statements.Count == 0)
        {
            violations.Add(Grammar("The policy has no statements; add at least one Statement."));
        }

        var sids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < policy.Statements.Count; i++)
        {
            CheckStatement(policy.Statements[i], i, kind, sids, violations);
        }

        CheckSize(policy, kind, violations);
        return violations;
    }

    private static void CheckStatement(PolicyStatement s, int index, PolicyKind kind, Dictionary<string, int> sids, List<RuleViolation> v)
    {
        var name = Name(s, index);
        var identityLike = kind is PolicyKind.Identity or PolicyKind.RoleInline or PolicyKind.PermissionSetInline;

        if (!string.IsNullOrEmpty(s.Sid))
        {
            if (!SidPattern().IsMatch(s.Sid))
            {
                v.Add(Grammar($"{name}: a Sid may contain only letters and digits (A-Z, a-z, 0-9); rename it, e.g. \"AllowSessionLogs\"."));
            }

            if (sids.TryGetValue(s.Sid, out var first))
            {
                v.Add(Grammar(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: Sid \"{s.Sid}\" is already used by Statement[{first}]; give every statement its own Sid.")));
            }
            else
            {
                sids[s.Sid] = index;
            }
        }

        CheckActions(s, name, kind, v);
        CheckResources(s, name, kind, identityLike, v);
        CheckPrincipals(s, name, kind, identityLike, v);
        CheckConditions(s, name, v);
        CheckLeastPrivilege(s, name, identityLike, v);
    }

    private static void CheckActions(PolicyStatement s, string name, PolicyKind kind, List<RuleViolation> v)
    {
        if (s.Actions.Count > 0 && s.NotActions.Count > 0)
        {
            v.Add(Grammar($"{name} has both Action and NotAction; keep only Action, listing the actions it needs."));
        }
        else if (s.Actions.Count == 0 && s.NotActions.Count == 0)
        {
            v.Add(Grammar($"{name} has no Action; list the actions it {(s.Effect == PolicyEffect.Deny ? "denies" : "allows")}, e.g. \"s3:GetObject\"."));
        }

        foreach (var action in s.Actions.Concat(s.NotActions))
        {
            if (action != "*" && !ActionPattern().IsMatch(action))
            {
                v.Add(Grammar($"{name}: action \"{action}\" is not \"*\" or \"service:Action\" (service in lower-case letters, digits and '-'; action in letters, digits, '*' and '?'); write it like \"s3:GetObject\" or \"kms:Describe*\"."));
            }
        }

        if (kind == PolicyKind.Trust)
        {
            if (s.NotActions.Count > 0)
            {
                v.Add(Grammar($"{name}: a trust policy lists its actions; replace NotAction with Action, e.g. \"sts:AssumeRole\"."));
            }

            foreach (var action in s.Actions.Where(a => !TrustActions.Contains(a, StringComparer.Ordinal)))
            {
                v.Add(Grammar($"{name}: a trust policy may only allow {string.Join(", ", TrustActions)}; remove \"{action}\"."));
            }
        }
    }

    private static void CheckResources(PolicyStatement s, string name, PolicyKind kind, bool identityLike, List<RuleViolation> v)
    {
        if (s.Resources.Count > 0 && s.NotResources.Count > 0)
        {
            v.Add(Grammar($"{name} has both Resource and NotResource; keep only Resource, listing the ARNs it applies to."));
        }

        if (kind == PolicyKind.Trust)
        {
            if (s.Resources.Count > 0 || s.NotResources.Count > 0)
            {
                v.Add(Grammar($"{name}: a trust policy applies to the role it is attached to; remove Resource and NotResource."));
            }
        }
        else if (s.Resources.Count == 0 && s.NotResources.Count == 0)
        {
            var hint = identityLike ? "the ARNs it applies to" : "the ARNs it applies to (\"*\" in a KMS key policy means the key itself)";
            v.Add(Grammar($"{name} has no Resource; add Resource with {hint}."));
        }

        foreach (var resource in s.Resources.Concat(s.NotResources))
        {
            if (resource != "*" && !resource.StartsWith("arn:", StringComparison.Ordinal))
            {
                v.Add(Grammar($"{name}: resource \"{resource}\" is neither \"*\" nor an ARN; write the full ARN, e.g. \"arn:aws:s3:::my-bucket/*\"."));
            }
        }
    }

    private static void CheckPrincipals(PolicyStatement s, string name, PolicyKind kind, bool identityLike, List<RuleViolation> v)
    {
        var hasPrincipal = s.Principals.Count > 0;
        var hasNotPrincipal = s.NotPrincipals.Count > 0;
        if (identityLike)
        {
            if (hasPrincipal || hasNotPrincipal)
            {
                v.Add(Grammar($"{name}: an identity policy applies to whoever it is attached to and takes no Principal; remove Principal and NotPrincipal (name principals in a trust or resource policy instead)."));
            }

            return;
        }

        if (hasPrincipal && hasNotPrincipal)
        {
            v.Add(Grammar($"{name} has both Principal and NotPrincipal; keep only Principal."));
        }

        if (kind == PolicyKind.Trust)
        {
            if (hasNotPrincipal)
            {
                v.Add(Grammar($"{name}: a trust policy cannot use NotPrincipal; name who may assume the role in Principal."));
            }
            else if (!hasPrincipal)
            {
                v.Add(Grammar($"{name}: a trust policy must say who may assume the role; add Principal, e.g. {{\"Service\": \"ec2.amazonaws.com\"}}."));
            }
        }
        else
        {
            if (!hasPrincipal && !hasNotPrincipal)
            {
                v.Add(Grammar($"{name}: a resource policy must say who it applies to; add Principal, e.g. {{\"AWS\": \"arn:aws:iam::123456789012:root\"}} or \"*\" with a condition."));
            }

            if (hasNotPrincipal && s.Effect == PolicyEffect.Allow)
            {
                v.Add(Grammar($"{name}: NotPrincipal works only with \"Effect\": \"Deny\"; name the principals to allow in Principal instead."));
            }
        }

        foreach (var principal in s.Principals.Concat(s.NotPrincipals))
        {
            CheckPrincipal(principal, s, name, v);
        }
    }

    private static void CheckPrincipal(PolicyPrincipal principal, PolicyStatement s, string name, List<RuleViolation> v)
    {
        if (!PrincipalTypes.Contains(principal.Type, StringComparer.Ordinal))
        {
            v.Add(Grammar($"{name}: principal type \"{principal.Type}\" is not one of {string.Join(", ", PrincipalTypes)} (case-sensitive)."));
        }

        if (principal.Type == PolicyPrincipal.AnyoneType)
        {
            if (principal.Identifiers.Count != 1 || principal.Identifiers[0] != "*")
            {
                v.Add(Grammar($"{name}: the \"*\" principal means everyone and takes no identifiers; use PolicyPrincipal.Anyone."));
            }

            if (s.Principals.Count + s.NotPrincipals.Count > 1)
            {
                v.Add(Grammar($"{name}: \"Principal\": \"*\" cannot be combined with other principals; use either \"*\" or a list of principals."));
            }
        }
        else if (principal.Identifiers.Count == 0 || principal.Identifiers.Any(string.IsNullOrWhiteSpace))
        {
            v.Add(Grammar($"{name}: principal type \"{principal.Type}\" needs at least one non-empty identifier, e.g. a service name or an ARN."));
        }
    }

    private static void CheckConditions(PolicyStatement s, string name, List<RuleViolation> v)
    {
        foreach (var condition in s.Conditions)
        {
            if (!IsConditionOperator(condition.Operator))
            {
                v.Add(Grammar($"{name}: \"{condition.Operator}\" is not a condition operator; use one such as StringEquals, StringLike, ArnLike, Bool, optionally with IfExists or a ForAnyValue:/ForAllValues: prefix."));
            }

            if (string.IsNullOrWhiteSpace(condition.Key))
            {
                v.Add(Grammar($"{name}: a {condition.Operator} condition has no key; name the context key, e.g. \"aws:SourceAccount\"."));
            }

            if (condition.Values.Count == 0)
            {
                v.Add(Grammar($"{name}: condition {condition.Operator} {condition.Key} has no values; give at least one."));
            }
        }
    }

    private static bool IsConditionOperator(string op)
    {
        foreach (var prefix in (string[])["ForAnyValue:", "ForAllValues:"])
        {
            if (op.StartsWith(prefix, StringComparison.Ordinal))
            {
                op = op[prefix.Length..];
                break;
            }
        }

        if (op == "Null")
        {
            return true;
        }

        if (op.EndsWith("IfExists", StringComparison.Ordinal))
        {
            op = op[..^"IfExists".Length];
        }

        return ConditionOperators.Contains(op, StringComparer.Ordinal);
    }

    private static void CheckLeastPrivilege(PolicyStatement s, string name, bool identityLike, List<RuleViolation> v)
    {
        // A Deny narrows access, so a broad Deny is a guard rail, not a grant.
        if (s.Effect != PolicyEffect.Allow)
        {
            return;
        }

        // NotResource in an Allow means every resource but those listed, which is as broad as "*".
        var everyResource = s.Resources.Contains("*", StringComparer.Ordinal) || s.NotResources.Count > 0;
        if (!everyResource)
        {
            return;
        }

        if (s.Actions.Any(a => a is "*" or "*:*"))
        {
            v.Add(LeastPrivilege($"{name} allows every action on every resource; list the actions it needs and the ARNs they apply to."));
        }

        if (s.NotActions.Count > 0)
        {
            v.Add(LeastPrivilege($"{name} allows every action except those in NotAction on every resource, including actions AWS adds later; use Action with the actions it needs."));
        }

        if (identityLike)
        {
            foreach (var action in s.Actions.Where(a => ServiceWildcardPattern().IsMatch(a)))
            {
                var service = action[..action.IndexOf(':', StringComparison.Ordinal)];
                v.Add(LeastPrivilege($"{name} allows every {service} action (\"{action}\") on every resource; list the {service} actions it needs, or scope Resource to specific ARNs."));
            }
        }
    }

    private static void CheckSize(PolicyDocument policy, PolicyKind kind, List<RuleViolation> v)
    {
        var json = policy.ToJson();
        var outside = json.FirstOrDefault(c => c is not ('\t' or '\n' or '\r') && (c < '\u0020' || c > '\u00FF'));
        if (outside != default)
        {
            v.Add(Grammar(string.Create(CultureInfo.InvariantCulture,
                $"The policy contains the character U+{(int)outside:X4}; IAM accepts only tab, line breaks and U+0020 to U+00FF, so write it in ASCII.")));
        }

        var chars = json.Count(c => !char.IsWhiteSpace(c));
        switch (kind)
        {
            case PolicyKind.Identity:
                Limit(chars, IdentityMaxChars, "a customer managed policy", "split it into several managed policies", Sources.IamPolicy, v);
                break;
            case PolicyKind.RoleInline:
                Limit(chars, RoleInlineMaxChars, "a role's inline policies (all of them together)", "move statements into a customer managed policy", Sources.IamPolicy, v);
                break;
            case PolicyKind.PermissionSetInline:
                Limit(chars, PermissionSetInlineMaxChars, "a permission set's inline policy", "move statements into a customer managed policy referenced by the permission set", Sources.IdentityCenter, v);
                if (json.Length > PermissionSetInlineMaxTotalChars)
                {
                    v.Add(new RuleViolation(string.Create(CultureInfo.InvariantCulture,
                        $"The policy is {json.Length:N0} characters long; a permission set's inline policy may be at most {PermissionSetInlineMaxTotalChars:N0}; move statements into a customer managed policy."),
                        Sources.IdentityCenter));
                }

                break;
            case PolicyKind.Trust:
                Limit(chars, TrustMaxChars, "a role trust policy (default quota)", "merge principals into one statement or shorten conditions, or request a quota increase", Sources.IamPolicy, v);
                break;
            case PolicyKind.Resource:
                Limit(chars, ResourceMaxChars, "a resource policy (S3 bucket policy 20 KB; KMS key policy 32 KB)", "merge statements or move access into identity policies", ResourcePolicySource, v);
                break;
        }
    }

    private static void Limit(int chars, int max, string what, string fix, string source, List<RuleViolation> v)
    {
        if (chars > max)
        {
            v.Add(new RuleViolation(string.Create(CultureInfo.InvariantCulture,
                $"The policy has {chars:N0} non-whitespace characters; {what} may have at most {max:N0}; {fix}."), source));
        }
    }

    private static string Name(PolicyStatement s, int index) =>
        string.IsNullOrEmpty(s.Sid)
            ? string.Create(CultureInfo.InvariantCulture, $"Statement[{index}]")
            : string.Create(CultureInfo.InvariantCulture, $"Statement[{index}] (Sid \"{s.Sid}\")");

    private static RuleViolation Grammar(string rule) => new(rule, Sources.IamPolicy);

    private static RuleViolation LeastPrivilege(string rule) => new(rule, Sources.Platform + ": least privilege");
}
