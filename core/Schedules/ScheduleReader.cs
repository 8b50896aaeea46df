using System.Globalization;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Schedules;

/// <summary>The result of reading a schedule text: its AWS form, what it means, and every rule it breaks.</summary>
/// <param name="Kind">The form recognised, or <c>null</c> when none was.</param>
/// <param name="Expression">The AWS expression, when one could be formed.</param>
/// <param name="Violations">Every rule broken.</param>
/// <param name="Detail">What the schedule means; <c>null</c> unless it is valid.</param>
internal sealed record ScheduleReading(
    ScheduleKind? Kind,
    string? Expression,
    IReadOnlyList<RuleViolation> Violations,
    ScheduleDetail? Detail);

/// <summary>
/// Reads association schedule text. Keywords, units and names are matched case-insensitively and written back in
/// AWS's own case (<c>cron(</c>, <c>hours</c>, <c>MON</c>); surrounding whitespace is dropped and cron fields are
/// separated by one space.
/// </summary>
internal static class ScheduleReader
{
    /// <summary>The most characters AWS accepts in <c>ScheduleExpression</c>.</summary>
    public const int MaxLength = 256;

    private static readonly char[] Whitespace = [' ', '\t', '\r', '\n'];

    private static readonly string[] RateUnits = ["minute", "minutes", "hour", "hours", "day", "days"];

    private const string FormsExample = "e.g. cron(0 2 ? * SUN *), rate(1 day) or at(2026-12-10T10:00:00)";

    /// <summary>Reads <paramref name="text"/>, collecting every violation.</summary>
    public static ScheduleReading Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ScheduleReading(null, null, [Violation(
                "A schedule expression is required (1-256 characters): cron(...), rate(...) or at(...), " +
                FormsExample, Sources.SsmAssociationApi)], null);
        }

        var trimmed = text.Trim();
        var violations = new List<RuleViolation>();
        if (trimmed.Length > MaxLength)
        {
            violations.Add(TooLong(trimmed.Length));
        }

        var reading = trimmed switch
        {
            _ when HasKeyword(trimmed, "cron") => ReadCron(Inner(trimmed, "cron", violations), violations),
            _ when HasKeyword(trimmed, "rate") => ReadRate(Inner(trimmed, "rate", violations), violations),
            _ when HasKeyword(trimmed, "at") => ReadAt(Inner(trimmed, "at", violations), violations),
            _ => ReadBare(trimmed, violations),
        };

        if (reading.Expression is { Length: > MaxLength } && trimmed.Length <= MaxLength)
        {
            violations.Add(TooLong(reading.Expression.Length));
        }

        return violations.Count == 0 ? reading : reading with { Violations = violations, Detail = null };
    }

    private static RuleViolation TooLong(int length) => Violation(
        string.Create(CultureInfo.InvariantCulture,
            $"The schedule expression has {length} characters; AWS accepts 1-{MaxLength}, e.g. cron(0 2 ? * SUN *)"),
        Sources.SsmAssociationApi);

    private static RuleViolation Violation(string rule, string source) => new(rule, source);

    private static bool HasKeyword(string text, string keyword) =>
        text.StartsWith(keyword + "(", StringComparison.OrdinalIgnoreCase);

    private static string Inner(string text, string keyword, List<RuleViolation> violations)
    {
        var inner = text[(keyword.Length + 1)..];
        if (inner.EndsWith(')') && inner.IndexOf(')', StringComparison.Ordinal) == inner.Length - 1)
        {
            return inner[..^1];
        }

        var example = keyword switch
        {
            "cron" => "cron(0 2 ? * SUN *)",
            "rate" => "rate(1 day)",
            _ => "at(2026-12-10T10:00:00)",
        };
        violations.Add(Violation(
            $"{keyword}( isn't closed: the expression must end with a single ')' and have nothing after it, e.g. {example}",
            Sources.SsmCron));
        var close = inner.IndexOf(')', StringComparison.Ordinal);
        return close >= 0 ? inner[..close] : inner;
    }

    private static string[] Fields(string text) =>
        text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries).Select(f => f.ToUpperInvariant()).ToArray();

    private static ScheduleReading ReadCron(string inner, List<RuleViolation> violations)
    {
        var fields = Fields(inner);
        AwsCron? cron = fields.Length switch
        {
            5 => new AwsCron(null, fields[0], fields[1], fields[2], fields[3], fields[4], "*"),
            6 => new AwsCron(null, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]),
            7 => new AwsCron(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]),
            _ => null,
        };

        if (fields.Length == 5)
        {
            violations.Add(Violation(
                "cron(...) with 5 fields is missing the Year field: association cron expressions have 6 fields " +
                "(Minutes Hours Day-of-month Month Day-of-week Year); add * for the year: " +
                $"cron({string.Join(' ', fields)} *)", Sources.SsmCron));
        }

        if (cron is null)
        {
            violations.Add(Violation(
                string.Create(CultureInfo.InvariantCulture, $"cron(...) has {fields.Length} fields; ") +
                "association cron expressions have 6 (Minutes Hours Day-of-month Month Day-of-week Year), or 7 " +
                "with a leading Seconds field of 0, e.g. cron(15 13 ? * MON *)", Sources.SsmCron));
            return new ScheduleReading(ScheduleKind.Cron, null, violations, null);
        }

        var check = CronChecker.Check(cron);
        violations.AddRange(check.Violations);
        return Cron(cron, check, violations);
    }

    private static ScheduleReading Cron(AwsCron cron, CronCheck check, List<RuleViolation> violations) =>
        new(ScheduleKind.Cron, cron.Format(), violations, check.Plan is { } plan ? new CronDetail(cron, plan) : null);

    private static ScheduleReading ReadBare(string text, List<RuleViolation> violations)
    {
        var fields = text.Contains('(', StringComparison.Ordinal) || text.Contains(')', StringComparison.Ordinal)
            ? []
            : Fields(text);

        if (fields.Length == 5)
        {
            var conversion = UnixCron.Convert(text, fields);
            violations.AddRange(conversion.Violations);
            var check = CronChecker.Check(
                conversion.Cron, !conversion.DayOfWeekReported, !conversion.PairingReported);
            var prefix = $"Unix cron '{text}' reads as {conversion.Cron.Format()}: ";
            violations.AddRange(check.Violations.Select(v => v with { Rule = prefix + v.Rule }));
            return Cron(conversion.Cron, check, violations);
        }

        if (fields.Length is 6 or 7)
        {
            violations.Add(Violation(
                $"'{text}' looks like an AWS cron expression without its wrapper; write it as " +
                $"cron({string.Join(' ', fields)})", Sources.SsmCron));
            return ReadCron(string.Join(' ', fields), violations);
        }

        violations.Add(Violation(
            $"'{text}' isn't a schedule State Manager understands: use cron(Minutes Hours Day-of-month Month " +
            "Day-of-week Year), rate(value unit), at(yyyy-MM-ddTHH:mm:ss) in UTC, or a 5-field Unix cron " +
            "(m h dom mon dow), " + FormsExample, Sources.SsmCron));
        return new ScheduleReading(null, null, violations, null);
    }

    private static ScheduleReading ReadRate(string inner, List<RuleViolation> violations)
    {
        var parts = inner.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            violations.Add(Violation(
                $"rate({inner}) isn't valid: rate() takes a value and a unit, e.g. rate(30 minutes), rate(1 hour) " +
                "or rate(7 days)", Sources.SsmCron));
            return new ScheduleReading(ScheduleKind.Rate, null, violations, null);
        }

        var (valueText, unitText) = (parts[0], parts[1]);
        var value = ReadRateValue(valueText, violations);
        var unit = Array.Find(RateUnits, u => u.Equals(unitText, StringComparison.OrdinalIgnoreCase));
        if (unit is null)
        {
            var weeks = unitText.StartsWith("week", StringComparison.OrdinalIgnoreCase)
                ? " (for weeks count days, e.g. rate(14 days))"
                : "";
            violations.Add(Violation(
                $"The rate unit '{unitText}' isn't valid: use minute, minutes, hour, hours, day or days{weeks}, " +
                "e.g. rate(2 hours)", Sources.SsmCron));
        }

        if (value is not { } n || unit is null)
        {
            return new ScheduleReading(ScheduleKind.Rate, null, violations, null);
        }

        var singular = unit.TrimEnd('s');
        var plural = singular + "s";
        var expression = string.Create(CultureInfo.InvariantCulture, $"rate({n} {unit})");
        if (n == 1 && unit == plural)
        {
            violations.Add(Violation(
                $"{expression} isn't valid: a value of 1 takes the singular unit; use rate(1 {singular})",
                Sources.SsmCron));
        }
        else if (n > 1 && unit == singular)
        {
            violations.Add(Violation(
                string.Create(CultureInfo.InvariantCulture,
                    $"{expression} isn't valid: values above 1 take the plural unit; use rate({n} {plural})"),
                Sources.SsmCron));
        }

        var minutes = n * (singular switch { "minute" => 1L, "hour" => 60L, _ => 24L * 60 });
        if (minutes < 30)
        {
            violations.Add(Violation(
                $"{expression} is too frequent: State Manager runs rate associations at intervals of 30 minutes or " +
                "more and less than 31 days; use rate(30 minutes) or longer", Sources.SsmCron));
        }
        else if (minutes >= 31 * 24 * 60)
        {
            violations.Add(Violation(
                $"{expression} is too long: State Manager runs rate associations at intervals of 30 minutes or " +
                "more and less than 31 days; use rate(30 days) or shorter", Sources.SsmCron));
        }

        var description = n == 1
            ? $"every {singular}"
            : string.Create(CultureInfo.InvariantCulture, $"every {n} {plural}");
        return new ScheduleReading(
            ScheduleKind.Rate, expression, violations, new RateDetail(TimeSpan.FromMinutes(minutes), description));
    }

    private static int? ReadRateValue(string text, List<RuleViolation> violations)
    {
        if (!text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0'))
        {
            violations.Add(Violation(
                $"The rate value '{text}' isn't valid: it must be a positive whole number such as 1 or 15, " +
                "written without sign, decimals or leading zeros, e.g. rate(30 minutes)", Sources.SsmCron));
            return null;
        }

        if (text == "0")
        {
            violations.Add(Violation(
                "The rate value 0 isn't valid: it must be a positive whole number such as 1 or 15, e.g. rate(1 hour)",
                Sources.SsmCron));
            return null;
        }

        if (text.Length > 6)
        {
            violations.Add(Violation(
                $"The rate value {text} is too large: State Manager runs rate associations at intervals of 30 " +
                "minutes or more and less than 31 days; use rate(30 days) or shorter", Sources.SsmCron));
            return null;
        }

        return int.Parse(text, CultureInfo.InvariantCulture);
    }

    private static ScheduleReading ReadAt(string inner, List<RuleViolation> violations)
    {
        var text = inner.Trim().ToUpperInvariant();
        const string example = "e.g. at(2026-12-10T10:00:00)";
        if (!LooksLikeTimestamp(text))
        {
            var zone = text.Length > 19 && LooksLikeTimestamp(text[..19]) && text[19] is 'Z' or '+' or '-'
                ? $"; at() is always UTC and takes no time zone or Z, so write at({text[..19]})"
                : "";
            violations.Add(Violation(
                $"at({inner}) isn't valid: at() takes one date and time in UTC written yyyy-MM-ddTHH:mm:ss, " +
                $"{example}{zone}", Sources.SsmCron));
            return new ScheduleReading(ScheduleKind.At, null, violations, null);
        }

        if (!DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            violations.Add(Violation(
                $"at({inner}) isn't a real date and time (month 1-12, a day that exists in that month, hour 0-23, " +
                $"minute and second 0-59), {example}", Sources.SsmCron));
            return new ScheduleReading(ScheduleKind.At, null, violations, null);
        }

        return new ScheduleReading(
            ScheduleKind.At, $"at({text})", violations, new AtDetail(new DateTimeOffset(time, TimeSpan.Zero)));
    }

    private static bool LooksLikeTimestamp(string text)
    {
        const string shape = "dddd-dd-ddTdd:dd:dd";
        if (text.Length != shape.Length)
        {
            return false;
        }

        for (var i = 0; i < shape.Length; i++)
        {
            var ok = shape[i] == 'd' ? char.IsAsciiDigit(text[i]) : text[i] == shape[i];
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
