using Infra.Core.Problems;

namespace Infra.Core.Iam;

/// <summary>
/// An IAM policy document (language version 2012-10-17). Render it with <see cref="ToJson"/>, check it with
/// <see cref="PolicyRules.Check(PolicyDocument, PolicyKind)"/>.
/// </summary>
/// <param name="Statements">The statements, in the order they are rendered.</param>
public sealed record PolicyDocument(IReadOnlyList<PolicyStatement> Statements)
{
    /// <summary>The only policy language version this model writes: the one that supports policy variables such as <c>${aws:userid}</c>.</summary>
    public const string LanguageVersion = "2012-10-17";

    /// <summary>The document's <c>Version</c>: always <see cref="LanguageVersion"/>.</summary>
    public string Version { get; } = LanguageVersion;

    /// <summary>A document of the given statements.</summary>
    public static PolicyDocument Of(params PolicyStatement[] statements) => new([.. statements]);

    /// <summary>
    /// Renders the document as JSON, deterministically: keys in the order Version, Statement; statement keys in the
    /// order Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition; Statement is
    /// always an array; a list with exactly one item is written as a plain string, a longer one as an array; empty
    /// lists and a null Sid are left out; principals are grouped by type and conditions by operator, each in order of
    /// first appearance.
    /// </summary>
    /// <param name="indented">Two-space indentation and <c>\n</c> line ends when true; compact (the default) otherwise.</param>
    public string ToJson(bool indented = false) => PolicyJson.Write(this, indented);

    /// <summary>
    /// Reads a policy document. Accepts a single statement object or an array, and a string or an array for
    /// Action, NotAction, Resource, NotResource, principal identifiers and condition values (booleans and numbers in
    /// conditions are read as their text). <c>"Principal": "*"</c> becomes <see cref="PolicyPrincipal.Anyone"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is not JSON or not a policy document; the message lists every problem.</exception>
    public static PolicyDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<RuleViolation>();
        var document = PolicyJson.Read(json, problems);
        if (document is null || problems.Count > 0)
        {
            throw new FormatException("Not a policy document: " + string.Join(" ", problems.Select(p => p.Rule)));
        }

        return document;
    }

    /// <summary>Equal when the statements, in order, are equal.</summary>
    public bool Equals(PolicyDocument? other) => other is not null && Statements.SequenceEqual(other.Statements);

    /// <summary>Hash over the statements.</summary>
    public override int GetHashCode() => Sequences.Hash(Statements);

    /// <summary>The indented JSON, so that test failures show the policy.</summary>
    public override string ToString() => ToJson(indented: true);
}
