using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Documents;

/// <summary>What a YAML scalar means once resolved, which decides what SSM receives after YAML is turned into JSON.</summary>
internal enum ScalarKind
{
    /// <summary>A string.</summary>
    String,
    /// <summary><c>null</c>, <c>~</c> or nothing.</summary>
    Null,
    /// <summary><c>true</c>/<c>false</c>, and the YAML 1.1 forms <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>.</summary>
    Boolean,
    /// <summary>An integer.</summary>
    Integer,
    /// <summary>A floating-point number.</summary>
    Float,
}

/// <summary>Small helpers over YamlDotNet's representation model.</summary>
internal static partial class YamlNodes
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private static readonly HashSet<string> Nulls = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    // YAML 1.2 booleans plus the YAML 1.1 words, which parsers such as SnakeYAML and go-yaml v2 still read as booleans.
    private static readonly HashSet<string> Booleans = new(StringComparer.Ordinal)
    {
        "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        "y", "Y", "n", "N",
    };

    /// <summary>How a scalar resolves: quoted and block scalars are strings; plain ones follow the YAML core schema.</summary>
    public static ScalarKind KindOf(YamlScalarNode scalar)
    {
        var tag = scalar.Tag;
        if (!tag.IsEmpty && !tag.IsNonSpecific && tag.Value.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
        {
            return tag.Value[CoreTagPrefix.Length..] switch
            {
                "null" => ScalarKind.Null,
                "bool" => ScalarKind.Boolean,
                "int" => ScalarKind.Integer,
                "float" => ScalarKind.Float,
                _ => ScalarKind.String,
            };
        }

        if (scalar.Style != ScalarStyle.Plain || (!tag.IsEmpty && !tag.IsNonSpecific))
        {
            return ScalarKind.String;
        }

        var value = scalar.Value ?? string.Empty;
        if (Nulls.Contains(value))
        {
            return ScalarKind.Null;
        }

        if (Booleans.Contains(value))
        {
            return ScalarKind.Boolean;
        }

        if (IntegerPattern().IsMatch(value))
        {
            return ScalarKind.Integer;
        }

        return FloatPattern().IsMatch(value) ? ScalarKind.Float : ScalarKind.String;
    }

    /// <summary>The word for a kind, as used in problem messages.</summary>
    public static string Describe(ScalarKind kind) => kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Boolean => "boolean",
        ScalarKind.Integer => "integer",
        ScalarKind.Float => "number",
        _ => "string",
    };

    /// <summary>The value to quote in a problem: a scalar's first line, or a word for a collection.</summary>
    public static string Given(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Shorten(scalar.Value ?? string.Empty),
        YamlMappingNode => "(a mapping)",
        YamlSequenceNode => "(a sequence)",
        _ => "(an alias)",
    };

    /// <summary>Keeps a quoted value to one readable line.</summary>
    public static string Shorten(string value)
    {
        const int max = 100;
        var newline = value.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = newline >= 0 ? value[..newline] : value;
        if (firstLine.Length > max)
        {
            return firstLine[..max] + "...";
        }

        return newline >= 0 && newline < value.Length - 1 ? firstLine + "..." : firstLine;
    }

    /// <summary>The 1-based line of a node.</summary>
    public static long Line(YamlNode node) => node.Start.Line;

    /// <summary>
    /// The 1-based line of a character inside a scalar. In a literal block (<c>|</c>) the text starts on the line
    /// after the indicator and keeps its line breaks, so the line can be found exactly; otherwise the scalar's line.
    /// </summary>
    public static long LineWithin(YamlScalarNode scalar, int index)
    {
        if (scalar.Style != ScalarStyle.Literal || scalar.Value is null)
        {
            return scalar.Start.Line;
        }

        var breaks = 0;
        for (var i = 0; i < index && i < scalar.Value.Length; i++)
        {
            if (scalar.Value[i] == '\n')
            {
                breaks++;
            }
        }

        return scalar.Start.Line + 1 + breaks;
    }

    [GeneratedRegex(@"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}

/// <summary>
/// Passes YamlDotNet's parser through and remembers where the last good event ended, so that a failure the parser
/// reports without a position (it sometimes throws <see cref="InvalidOperationException"/>) still gets a line.
/// </summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    /// <summary>The 1-based line where the last event that parsed ended.</summary>
    public long LastGoodLine { get; private set; } = 1;

    /// <inheritdoc />
    public ParsingEvent? Current => inner.Current;

    /// <inheritdoc />
    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current)
        {
            LastGoodLine = current.End.Line;
        }

        return moved;
    }
}
