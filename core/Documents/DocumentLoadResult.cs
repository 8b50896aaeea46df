using Infra.Core.Problems;

namespace Infra.Core.Documents;

/// <summary>
/// What loading Command documents produced: the documents without problems, and every problem found.
/// </summary>
/// <param name="Documents">
/// The documents that passed every check, sorted by file name. A document with any problem is left out,
/// so nothing invalid can be deployed by accident.
/// </param>
/// <param name="Problems">Every problem found, each naming its file and line.</param>
public sealed record DocumentLoadResult(
    IReadOnlyList<CommandDocument> Documents,
    IReadOnlyList<ConfigProblem> Problems)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;
}
