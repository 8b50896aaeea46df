using System.Globalization;
using System.Text;

namespace Infra.Core.Schedules;

/// <summary>
/// The fields of an AWS cron expression, as written (names upper-cased). <see cref="Seconds"/> is <c>null</c> for the
/// 6-field form. Holds no judgement: <see cref="CronChecker"/> decides whether the fields make a valid schedule.
/// </summary>
internal sealed record AwsCron(
    string? Seconds,
    string Minutes,
    string Hours,
    string DayOfMonth,
    string Month,
    string DayOfWeek,
    string Year)
{
    /// <summary>The first AWS cron year.</summary>
    public const int FirstYear = 1970;

    /// <summary>The last AWS cron year.</summary>
    public const int LastYear = 2199;

    /// <summary>The expression in AWS form, fields separated by one space.</summary>
    public string Format() => Seconds is null
        ? $"cron({Minutes} {Hours} {DayOfMonth} {Month} {DayOfWeek} {Year})"
        : $"cron({Seconds} {Minutes} {Hours} {DayOfMonth} {Month} {DayOfWeek} {Year})";

    /// <summary>The same fields with other values in day-of-month and day-of-week, for suggested corrections.</summary>
    public string FormatWithDays(string dayOfMonth, string dayOfWeek) =>
        (this with { DayOfMonth = dayOfMonth, DayOfWeek = dayOfWeek }).Format();

    /// <summary>
    /// The 5-field Cronos expression for the same schedule: no Seconds (always 0) and no Year (filter with
    /// <see cref="AllowsYear"/>); day-of-week numbers move from AWS 1-7 (1 = SUN) to Cronos 0-6 (0 = SUN), and a lone
    /// <c>L</c> (last day of the week, Saturday) becomes <c>6</c>.
    /// </summary>
    public string ToCronos() => $"{Minutes} {Hours} {DayOfMonth} {Month} {CronosDayOfWeek(DayOfWeek)}";

    /// <summary>Whether the Year field includes <paramref name="year"/>. Only meaningful for a field that passed the checks.</summary>
    public bool AllowsYear(int year)
    {
        if (year < FirstYear || year > LastYear)
        {
            return false;
        }

        foreach (var item in Year.Split(','))
        {
            if (ItemAllowsYear(item, year))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ItemAllowsYear(string item, int year)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        var step = slash < 0 ? 1 : int.Parse(item[(slash + 1)..], CultureInfo.InvariantCulture);
        int from;
        int to;
        if (range == "*")
        {
            (from, to) = (FirstYear, LastYear);
        }
        else if (range.Contains('-', StringComparison.Ordinal))
        {
            var parts = range.Split('-');
            from = int.Parse(parts[0], CultureInfo.InvariantCulture);
            to = int.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        else
        {
            from = int.Parse(range, CultureInfo.InvariantCulture);
            to = slash < 0 ? from : LastYear;
        }

        return year >= from && year <= to && (year - from) % step == 0;
    }

    private static string CronosDayOfWeek(string field)
    {
        if (field == "L")
        {
            return "6";
        }

        // Shift every day number down by one; numbers after '#' (nth) or '/' (step) are counts, not days.
        var text = new StringBuilder(field.Length);
        var i = 0;
        while (i < field.Length)
        {
            var c = field[i];
            if (!char.IsAsciiDigit(c))
            {
                text.Append(c);
                i++;
                continue;
            }

            var start = i;
            while (i < field.Length && char.IsAsciiDigit(field[i]))
            {
                i++;
            }

            var digits = field[start..i];
            var isCount = start > 0 && field[start - 1] is '#' or '/';
            text.Append(isCount
                ? digits
                : (int.Parse(digits, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
