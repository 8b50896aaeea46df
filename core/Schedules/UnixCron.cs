using System.Globalization;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Schedules;

/// <summary>The AWS cron expression read from a 5-field Unix cron, and what could not be carried over.</summary>
/// <param name="Cron">The AWS fields (Year <c>*</c>).</param>
/// <param name="Violations">What the conversion itself found wrong.</param>
/// <param name="DayOfWeekReported">True when Day-of-week was already reported and must not be checked again.</param>
/// <param name="PairingReported">True when the day-of-month / day-of-week pairing was already reported.</param>
internal sealed record UnixConversion(
    AwsCron Cron,
    IReadOnlyList<RuleViolation> Violations,
    bool DayOfWeekReported,
    bool PairingReported);

/// <summary>
/// Reads a 5-field Unix cron (<c>m h dom mon dow</c>) as AWS cron, following aws-rules §1.6: Year <c>*</c>, one of the
/// day fields <c>?</c>, day-of-week numbers shifted from Unix 0-7 (0 and 7 = Sunday) to AWS 1-7 (1 = SUN).
/// </summary>
internal static class UnixCron
{
    /// <summary>Converts the fields (names already upper-cased); <paramref name="given"/> is quoted in messages.</summary>
    public static UnixConversion Convert(string given, IReadOnlyList<string> fields)
    {
        var (minutes, hours, dom, month, dow) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        var violations = new List<RuleViolation>();
        var domSet = dom is not ("*" or "?");
        var dowSet = dow is not ("*" or "?");

        var dowReported = false;
        var awsDow = "?";
        if (dowSet)
        {
            var shifted = ShiftDayOfWeek(dow);
            if (shifted.Error is not null)
            {
                violations.Add(new RuleViolation($"Unix cron '{given}': {shifted.Error}", Sources.SsmCron));
                dowReported = true;
            }

            awsDow = shifted.Text;
        }

        var awsDom = (domSet, dowSet) switch
        {
            (false, false) => "*",
            (false, true) => "?",
            _ => dom,
        };
        var cron = new AwsCron(null, minutes, hours, awsDom, month, awsDow, "*");

        var pairingReported = false;
        if (domSet && dowSet)
        {
            var forDay = cron.FormatWithDays(dom, "?");
            var alternatives = dowReported
                ? $"use {forDay} to run on day {dom}"
                : $"use {forDay} to run on day {dom}, or {cron.FormatWithDays("?", awsDow)} to run on day-of-week {dow}";
            violations.Add(new RuleViolation(
                $"Unix cron '{given}' sets both day-of-month ({dom}) and day-of-week ({dow}), which Unix reads as " +
                $"'either day'; AWS cron can't express that and needs ? in one of the two fields: {alternatives}",
                Sources.SsmCron));
            pairingReported = true;
        }

        return new UnixConversion(cron, violations, dowReported, pairingReported);
    }

    private static (string Text, string? Error) ShiftDayOfWeek(string field)
    {
        var items = new List<string>();
        foreach (var item in field.Split(','))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var (body, step) = slash < 0 ? (item, "") : (item[..slash], item[slash..]);
            var shifted = ShiftBody(body);
            if (shifted.Error is not null)
            {
                return (field, shifted.Error);
            }

            items.Add(shifted.Text + step);
        }

        return (string.Join(',', items), null);
    }

    private static (string Text, string? Error) ShiftBody(string body)
    {
        var hash = body.IndexOf('#', StringComparison.Ordinal);
        if (hash > 0)
        {
            var day = ShiftDay(body[..hash]);
            return day.Error is null ? (day.Text + body[hash..], null) : day;
        }

        if (body.Length > 1 && body.EndsWith('L'))
        {
            var day = ShiftDay(body[..^1]);
            return day.Error is null ? (day.Text + "L", null) : day;
        }

        var dash = body.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            var (low, high) = (body[..dash], body[(dash + 1)..]);
            if (IsNumber(low, out var a) && IsNumber(high, out var b))
            {
                if (a > b)
                {
                    return (body, $"day-of-week range {body} runs backwards; write the lower day first");
                }

                if (a <= 7 && b == 7)
                {
                    // Unix 7 is Sunday again, which AWS numbers 1: "5-7" (Fri-Sun) becomes "6-7,1".
                    return a is 0 or 7 ? (a == 7 ? "1" : "1-7", null) : ($"{Shift(a)}-7,1", null);
                }
            }

            var from = ShiftDay(low);
            var to = ShiftDay(high);
            return (from.Error ?? to.Error) is { } error ? (body, error) : ($"{from.Text}-{to.Text}", null);
        }

        return ShiftDay(body);
    }

    private static (string Text, string? Error) ShiftDay(string text)
    {
        if (!IsNumber(text, out var day))
        {
            return (text, null);
        }

        return day <= 7
            ? (Shift(day), null)
            : (text, $"day-of-week {text} is out of range; Unix cron counts 0-7 (0 and 7 = Sunday), e.g. 30 2 * * 0");
    }

    private static string Shift(int unixDay) =>
        (unixDay is 0 or 7 ? 1 : unixDay + 1).ToString(CultureInfo.InvariantCulture);

    private static bool IsNumber(string text, out int value)
    {
        value = 0;
        return text.Length is > 0 and < 10 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
