using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Tags;

/// <summary>The keys of the tags the platform sets on everything it creates. A developer can never set these.</summary>
public static class PlatformTagKeys
{
    /// <summary>The environment: <c>Stg</c> or <c>Prod</c>.</summary>
    public const string Env = "Env";
    /// <summary>The kind of resource from the stack's catalog, e.g. <c>Kafka</c>. Targeting and access rules match on it.</summary>
    public const string Resource = "Resource";
    /// <summary>What manages the resource; always <see cref="ManagedByValue"/>.</summary>
    public const string ManagedBy = "ManagedBy";
    /// <summary>The Pulumi project that created the resource.</summary>
    public const string PulumiProject = "PulumiProject";
    /// <summary>The Pulumi stack that created the resource.</summary>
    public const string PulumiStack = "PulumiStack";
    /// <summary>The value of <see cref="ManagedBy"/>.</summary>
    public const string ManagedByValue = "Pulumi";
    /// <summary>The <c>Name</c> tag: set by the platform from the resource's logical name.</summary>
    public const string Name = "Name";

    /// <summary>Every key a developer tag may not use (compared without case: IAM keys are case-insensitive).</summary>
    public static IReadOnlyList<string> All { get; } = [Env, Resource, ManagedBy, PulumiProject, PulumiStack, Name];
}

/// <summary>One entry of the stack's resource catalog: the kind a developer names and the tag value it becomes.</summary>
/// <param name="Kind">The key developers use, lower case, e.g. <c>kafka</c>.</param>
/// <param name="TagValue">The canonical, case-sensitive <c>Resource</c> tag value, e.g. <c>Kafka</c>.</param>
public sealed record ResourceKind(string Kind, string TagValue);

/// <summary>
/// The tag contract of one stack: which platform tags it sets, which resource kinds exist and which developer tags
/// are required. It merges platform and developer tags and refuses any attempt to override a platform tag.
/// </summary>
public sealed class TagContract
{
    private readonly Dictionary<string, ResourceKind> _kinds;

    /// <summary>Creates the contract of a stack.</summary>
    /// <param name="env">The canonical environment value (<c>Stg</c> or <c>Prod</c>).</param>
    /// <param name="project">The Pulumi project name.</param>
    /// <param name="stack">The Pulumi stack name.</param>
    /// <param name="kinds">The resource catalog.</param>
    /// <param name="requiredDeveloperTags">Developer tag keys every resource must carry.</param>
    public TagContract(string env, string project, string stack, IEnumerable<ResourceKind> kinds, IEnumerable<string> requiredDeveloperTags)
    {
        Env = env;
        Project = project;
        Stack = stack;
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        RequiredDeveloperTags = requiredDeveloperTags.ToList();
    }

    /// <summary>The canonical environment value.</summary>
    public string Env { get; }

    /// <summary>The Pulumi project name.</summary>
    public string Project { get; }

    /// <summary>The Pulumi stack name.</summary>
    public string Stack { get; }

    /// <summary>The resource catalog, by kind.</summary>
    public IReadOnlyCollection<ResourceKind> Kinds => _kinds.Values;

    /// <summary>Developer tag keys every resource must carry.</summary>
    public IReadOnlyList<string> RequiredDeveloperTags { get; }

    /// <summary>The tags set on every resource of the stack, whatever its kind: Env, ManagedBy, project and stack.</summary>
    public IReadOnlyDictionary<string, string> BaseTags => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [PlatformTagKeys.Env] = Env,
        [PlatformTagKeys.ManagedBy] = PlatformTagKeys.ManagedByValue,
        [PlatformTagKeys.PulumiProject] = Project,
        [PlatformTagKeys.PulumiStack] = Stack,
    };

    /// <summary>
    /// Finds a resource kind by the name a developer gave. A name that matches only when case is ignored is an error
    /// that suggests the right spelling, because tag values are case-sensitive when instances are targeted.
    /// </summary>
    public ResourceKind? FindKind(string? given, out RuleViolation? violation)
    {
        violation = null;
        if (given is not null && _kinds.TryGetValue(given, out var kind))
        {
            return kind;
        }

        var nearly = _kinds.Values.FirstOrDefault(k =>
            string.Equals(k.Kind, given, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.TagValue, given, StringComparison.OrdinalIgnoreCase));
        violation = nearly is not null
            ? new($"resource kinds are spelled exactly as in infra:resourceKinds; use \"{nearly.Kind}\" (it tags Resource={nearly.TagValue})", Sources.Platform)
            : new($"unknown resource kind; the stack's catalog (infra:resourceKinds) has: {string.Join(", ", _kinds.Keys.Order(StringComparer.Ordinal))}", Sources.Platform);
        return null;
    }

    /// <summary>
    /// Checks a value used to target or match the platform tag <paramref name="key"/> (e.g. an association target on
    /// <c>Resource</c>). Tag values are case-sensitive in AWS, so a wrong-case value would silently match nothing.
    /// </summary>
    public RuleViolation? CheckPlatformTagValue(string key, string value)
    {
        IEnumerable<string> canonical = key switch
        {
            PlatformTagKeys.Resource => _kinds.Values.Select(k => k.TagValue),
            PlatformTagKeys.Env => [Env],
            PlatformTagKeys.ManagedBy => [PlatformTagKeys.ManagedByValue],
            _ => [],
        };
        var values = canonical.ToList();
        if (values.Count == 0 || values.Contains(value, StringComparer.Ordinal))
        {
            return null;
        }

        var right = values.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
        return right is not null
            ? new($"tag values are case-sensitive in AWS, so this would match nothing; use \"{right}\"", Sources.Ec2Tags)
            : new($"no resource carries {key}={value} in this stack; known values: {string.Join(", ", values.Order(StringComparer.Ordinal))}", Sources.Platform);
    }

    /// <summary>
    /// Merges the platform tags for <paramref name="kind"/>, the <c>Name</c> tag and the developer's tags into the
    /// full tag set of one resource, or reports why it cannot.
    /// </summary>
    /// <param name="kind">The resource kind (from <see cref="FindKind"/>), or null for resources of no kind (shared platform resources).</param>
    /// <param name="name">The value of the <c>Name</c> tag, or null for none.</param>
    /// <param name="developerTags">The developer's own tags.</param>
    public TagSetResult Merge(ResourceKind? kind, string? name, IReadOnlyDictionary<string, string>? developerTags)
    {
        var problems = new List<TagProblem>();
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in BaseTags)
        {
            tags[key] = value;
        }

        if (kind is not null)
        {
            tags[PlatformTagKeys.Resource] = kind.TagValue;
        }

        if (name is not null)
        {
            tags[PlatformTagKeys.Name] = name;
        }

        var developer = developerTags ?? new Dictionary<string, string>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in developer.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var platform = PlatformTagKeys.All.FirstOrDefault(p => string.Equals(p, key, StringComparison.OrdinalIgnoreCase));
            if (platform is not null)
            {
                problems.Add(new(key, value, new($"\"{key}\" is a platform tag ({platform}) that the platform sets and no one may override; remove it from the developer tags", Sources.Platform)));
                continue;
            }

            if (seen.TryGetValue(key, out var other))
            {
                problems.Add(new(key, value, new($"\"{key}\" and \"{other}\" differ only in case; IAM treats tag keys without case, so keep one", Sources.IamTags)));
                continue;
            }

            seen[key] = key;
            problems.AddRange(TagRules.CheckKey(key).Select(v => new TagProblem(key, value, v)));
            problems.AddRange(TagRules.CheckValue(value).Select(v => new TagProblem(key, value, v)));
            tags[key] = value;
        }

        foreach (var required in RequiredDeveloperTags)
        {
            if (!developer.Keys.Any(k => string.Equals(k, required, StringComparison.Ordinal)))
            {
                var wrongCase = developer.Keys.FirstOrDefault(k => string.Equals(k, required, StringComparison.OrdinalIgnoreCase));
                problems.Add(new(required, null, wrongCase is not null
                    ? new($"the required tag is spelled \"{required}\", not \"{wrongCase}\" (tag keys are case-sensitive)", Sources.Platform)
                    : new($"the developer tag \"{required}\" is required in this stack (infra:requiredTags)", Sources.Platform)));
            }
        }

        if (name is not null)
        {
            problems.AddRange(TagRules.CheckValue(name).Select(v => new TagProblem(PlatformTagKeys.Name, name, v)));
        }

        if (tags.Count > TagRules.MaxTagsPerResource)
        {
            problems.Add(new(null, null, new($"a resource carries at most {TagRules.MaxTagsPerResource} tags; with the platform's {tags.Count - developer.Count} this leaves room for {TagRules.MaxTagsPerResource - (tags.Count - developer.Count)} developer tags, not {developer.Count}", Sources.Ec2Tags)));
        }

        return new TagSetResult(tags, problems);
    }
}

/// <summary>The outcome of merging tags: the full set, and what was wrong (each with the developer tag key involved).</summary>
/// <param name="Tags">The merged tags, sorted by key.</param>
/// <param name="Problems">What was wrong; empty when the tag set can be used.</param>
public sealed record TagSetResult(IReadOnlyDictionary<string, string> Tags, IReadOnlyList<TagProblem> Problems)
{
    /// <summary>True when the tag set can be used.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>
    /// The problems placed under <paramref name="where"/>, the owner of the tags: a developer tag's problem is at
    /// <c>{where}.tags.{key}</c>, a problem of the set as a whole at <c>{where}.tags</c>.
    /// </summary>
    public IEnumerable<ConfigProblem> ProblemsAt(string where) =>
        Problems.Select(p => p.Violation.At(p.Key is null ? $"{where}.tags" : $"{where}.tags.{p.Key}", p.Given));
}

/// <summary>One thing wrong with a tag set.</summary>
/// <param name="Key">The developer tag key involved, or null when the problem is the set as a whole.</param>
/// <param name="Given">The value given for that key, or null when it is missing.</param>
/// <param name="Violation">The rule broken.</param>
public sealed record TagProblem(string? Key, string? Given, RuleViolation Violation);
