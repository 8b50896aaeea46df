namespace Infra.Core.Problems;

/// <summary>
/// Collects problems while input is checked, so that every mistake is reported at once.
/// </summary>
public sealed class ProblemList
{
    private readonly List<ConfigProblem> _items = [];

    /// <summary>Every problem collected so far.</summary>
    public IReadOnlyList<ConfigProblem> Items => _items;

    /// <summary>True when nothing was wrong.</summary>
    public bool IsEmpty => _items.Count == 0;

    /// <summary>Adds one problem.</summary>
    public void Add(string where, string? given, string rule, string source) =>
        _items.Add(new ConfigProblem(where, given, rule, source));

    /// <summary>Adds one problem.</summary>
    public void Add(ConfigProblem problem) => _items.Add(problem);

    /// <summary>Adds many problems.</summary>
    public void AddRange(IEnumerable<ConfigProblem> problems) => _items.AddRange(problems);

    /// <summary>Throws <see cref="InfraConfigurationException"/> with every problem, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new InfraConfigurationException(_items.ToList());
        }
    }
}
