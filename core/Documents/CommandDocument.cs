namespace Infra.Core.Documents;

/// <summary>
/// A Command document (schema 2.2) that passed every check and can be created as an SSM document.
/// </summary>
/// <param name="File">The display path of its file, e.g. <c>documents/edr-agent.yaml</c>.</param>
/// <param name="Name">The SSM document name, e.g. <c>Infra-edr-agent</c> (see <see cref="CommandDocuments.NameFor"/>).</param>
/// <param name="Description">The document's top-level <c>description</c>; empty when it has none.</param>
/// <param name="Content">The YAML text exactly as read; create the document with <c>DocumentFormat: YAML</c>.</param>
/// <param name="Parameters">The parameters it declares, in the order written.</param>
public sealed record CommandDocument(
    string File,
    string Name,
    string Description,
    string Content,
    IReadOnlyList<DocumentParameter> Parameters);
