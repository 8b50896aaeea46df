namespace Infra.Core.Problems;

/// <summary>
/// Thrown before any resource is registered when the platform's input has mistakes; carries every one of them.
/// </summary>
public sealed class InfraConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found; there must be at least one.</summary>
    public InfraConfigurationException(IReadOnlyList<ConfigProblem> problems)
        : base(Describe(problems))
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A configuration error needs at least one problem.", nameof(problems));
        }

        Problems = problems;
    }

    /// <summary>Every problem found, in the order they were found.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"{problems.Count} configuration {noun}; nothing was deployed:{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
    }
}
