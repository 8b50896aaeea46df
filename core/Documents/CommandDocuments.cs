using System.Text;
using System.Text.RegularExpressions;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Documents;

/// <summary>
/// Loads and validates the platform's SSM Command documents (schema 2.2, YAML) before anything is deployed.
/// Every problem is reported at once, each with its file, line and key path.
/// </summary>
public static partial class CommandDocuments
{
    /// <summary>The prefix of every SSM document name the platform creates, e.g. <c>Infra-edr-agent</c>.</summary>
    public const string NamePrefix = "Infra-";

    /// <summary>The SSM document type of every platform document.</summary>
    public const string DocumentType = "Command";

    /// <summary>The format platform documents are kept and deployed in.</summary>
    public const string DocumentFormat = "YAML";

    /// <summary>The resource type platform documents run on.</summary>
    public const string TargetType = "/AWS::EC2::Instance";

    /// <summary>The document version associations of platform documents run: the default, which every update moves.</summary>
    public const string AssociatedVersion = "$DEFAULT";

    /// <summary>
    /// The SSM document name for a file: <see cref="NamePrefix"/> and the file name without directory and extension,
    /// e.g. <c>edr-agent.yaml</c> becomes <c>Infra-edr-agent</c>.
    /// </summary>
    /// <param name="fileName">A file name or path, e.g. <c>edr-agent.yaml</c> or <c>documents/edr-agent.yaml</c>.</param>
    public static string NameFor(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var baseName = fileName.Replace('\\', '/');
        var slash = baseName.LastIndexOf('/');
        if (slash >= 0)
        {
            baseName = baseName[(slash + 1)..];
        }

        return NamePrefix + Path.GetFileNameWithoutExtension(baseName);
    }

    /// <summary>
    /// Loads every <c>*.yaml</c> and <c>*.yml</c> file in <paramref name="directory"/> (not its subdirectories),
    /// sorted by file name, and validates each as a Command document named by <see cref="NameFor"/>.
    /// Problems name <c>{displayDirectory}/{file} line N: key.path</c>, e.g.
    /// <c>documents/edr-agent.yaml line 12: mainSteps[1].action</c> (indexes count from 0).
    /// </summary>
    /// <param name="directory">The directory on disk.</param>
    /// <param name="displayDirectory">How the directory is named in problems and in <see cref="CommandDocument.File"/>.</param>
    public static DocumentLoadResult LoadDirectory(string directory, string displayDirectory = "documents")
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(displayDirectory);
        if (!Directory.Exists(directory))
        {
            return new DocumentLoadResult([],
            [
                new ConfigProblem(displayDirectory, directory,
                    "The documents directory does not exist; it holds one YAML file per SSM Command document",
                    Sources.Platform),
            ]);
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(IsYamlFile)
            .Select(path => (Path: path, Name: Path.GetFileName(path)))
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .ToList();

        var documents = new List<CommandDocument>();
        var problems = new List<ConfigProblem>();
        var fileByDocumentName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, name) in files)
        {
            var display = displayDirectory.Length == 0 ? name : displayDirectory.TrimEnd('/') + "/" + name;
            var documentName = NameFor(name);
            var result = Parse(display, File.ReadAllText(path, Encoding.UTF8), documentName);
            problems.AddRange(result.Problems);

            if (fileByDocumentName.TryGetValue(documentName, out var first))
            {
                problems.Add(new ConfigProblem($"{display}: document name", documentName,
                    $"{first} already becomes the SSM document {documentName}; document names are unique per account and Region, so rename one of the files",
                    Sources.SsmDocumentApi));
                continue;
            }

            fileByDocumentName[documentName] = display;
            documents.AddRange(result.Documents);
        }

        return new DocumentLoadResult(documents, problems);
    }

    /// <summary>
    /// Parses and validates one Command document's YAML text. YAML errors are reported as problems, never thrown.
    /// </summary>
    /// <param name="displayPath">How the file is named in problems, e.g. <c>documents/edr-agent.yaml</c>.</param>
    /// <param name="content">The YAML text.</param>
    /// <param name="name">The SSM document name; by default <see cref="NameFor"/> of <paramref name="displayPath"/>.</param>
    public static DocumentLoadResult Parse(string displayPath, string content, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentNullException.ThrowIfNull(content);
        var documentName = name ?? NameFor(displayPath);

        var problems = new List<ConfigProblem>();
        problems.AddRange(CheckName(documentName).Select(v => v.At($"{displayPath}: document name", documentName)));

        var checkedDocument = new CommandDocumentValidator(displayPath, content).Validate();
        problems.AddRange(checkedDocument.Problems);

        IReadOnlyList<CommandDocument> documents = problems.Count == 0
            ? [new CommandDocument(displayPath, documentName, checkedDocument.Description, content, checkedDocument.Parameters)]
            : [];
        return new DocumentLoadResult(documents, problems);
    }

    /// <summary>
    /// The rules a document name breaks: the pattern <c>^[a-zA-Z0-9_\-.]{3,128}$</c> and the prefixes AWS reserves
    /// (<c>aws</c>, <c>amazon</c>, <c>amzn</c>, <c>AWSEC2</c>, <c>AWSConfigRemediation</c>, <c>AWSSupport</c>),
    /// checked without regard to case. Empty when the name is allowed.
    /// </summary>
    /// <param name="name">The SSM document name.</param>
    public static IReadOnlyList<RuleViolation> CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var violations = new List<RuleViolation>();
        if (!DocumentNamePattern().IsMatch(name))
        {
            violations.Add(new RuleViolation(
                $"An SSM document name is 3 to 128 characters of letters, digits, '_', '-' and '.' (^[a-zA-Z0-9_\\-.]{{3,128}}$); this one has {name.Length}",
                Sources.SsmDocumentApi));
        }

        // The API lists the prefixes in mixed case and says nothing about case, so any case counts as reserved.
        var reserved = DocumentRules.ReservedNamePrefixes
            .Where(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(prefix => prefix.Length)
            .FirstOrDefault();
        if (reserved is not null)
        {
            violations.Add(new RuleViolation(
                $"Document names starting with {string.Join(", ", DocumentRules.ReservedNamePrefixes)} (in any case) are reserved for AWS; this one starts with '{name[..reserved.Length]}'. Platform documents are named {NamePrefix}<file>",
                Sources.SsmDocumentApi));
        }

        return violations;
    }

    private static bool IsYamlFile(string path)
    {
        var extension = Path.GetExtension(path);
        return extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_\-.]{3,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentNamePattern();
}
