using System.Globalization;
using Infra.Core.Aws;
using Infra.Core.Problems;

namespace Infra.Core.Schedules;

/// <summary>What a valid association cron expression means, for <see cref="AssociationSchedule"/>.</summary>
/// <param name="Description">Plain-English description, e.g. "every hour at minute 0".</param>
/// <param name="Interval">The nominal spacing of runs, or <c>null</c> when it varies (monthly and similar).</param>
internal sealed record CronPlan(string Description, TimeSpan? Interval);

/// <summary>The outcome of <see cref="CronChecker.Check"/>.</summary>
/// <param name="Violations">Every rule broken; empty when the expression is a valid association schedule.</param>
/// <param name="Plan">What the expression means; <c>null</c> unless it is valid.</param>
internal sealed record CronCheck(IReadOnlyList<RuleViolation> Violations, CronPlan? Plan);

/// <summary>
/// Checks an AWS cron expression against the general AWS cron syntax (SSM user guide, field table) and the stricter
/// State Manager association rules (supported frequencies, no months, Seconds only 0).
/// </summary>
internal static class CronChecker
{
    internal const string SupportedFrequencies =
        "State Manager associations support cron schedules of every 30 minutes; every 1, 2, 4, 8 or 12 hours; " +
        "or every day, every week, every nth day or the last x day of the month at a specific time";

    private static readonly string[] MonthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly string[] DayTitles =
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth"];

    private static readonly int[] HourSteps = [1, 2, 4, 8, 12];

    private static readonly Field Minutes = new("Minutes", 0, 59, null, "0-59", ", - * /");
    private static readonly Field Hours = new("Hours", 0, 23, null, "0-23", ", - * /");
    private static readonly Field DayOfMonth = new("Day-of-month", 1, 31, null, "1-31", ", - * ? / L W");

    // '/' is in the SSM table for Day-of-week but not in the EventBridge one; the stricter reading leaves it out.
    private static readonly Field DayOfWeek = new("Day-of-week", 1, 7, DayNames, "1-7 or SUN-SAT (1 = SUN)", ", - * ? L #");
    private static readonly Field Year = new("Year", AwsCron.FirstYear, AwsCron.LastYear, null, "1970-2199", ", - * /");

    /// <summary>Checks every field and the association rules, reporting every violation found.</summary>
    /// <param name="cron">The fields, names upper-cased.</param>
    /// <param name="checkDayOfWeek">False when the caller already reported the Day-of-week field.</param>
    /// <param name="checkDayPairing">False when the caller already reported the Day-of-month / Day-of-week pairing.</param>
    public static CronCheck Check(AwsCron cron, bool checkDayOfWeek = true, bool checkDayPairing = true)
    {
        var violations = new List<string>();

        if (cron.Seconds is not null && cron.Seconds != "0")
        {
            violations.Add(
                $"Seconds '{cron.Seconds}' isn't allowed: in an association cron expression the optional Seconds field " +
                "can only be 0; remove it or use 0, e.g. cron(0 15 13 ? * MON *)");
        }

        var minutesOk = AddFieldErrors(violations, Minutes, cron.Minutes);
        var hoursOk = AddFieldErrors(violations, Hours, cron.Hours);
        var domOk = AddFieldErrors(violations, DayOfMonth, cron.DayOfMonth);

        // Any Month other than '*' breaks the association rule, whatever its syntax, so that is the one reported.
        if (cron.Month != "*")
        {
            violations.Add(
                $"Month '{cron.Month}' isn't allowed: State Manager doesn't support specifying months in association " +
                "cron expressions; use * in the Month field, e.g. cron(0 0 ? * 3L *)");
        }

        var dowOk = checkDayOfWeek && AddFieldErrors(violations, DayOfWeek, cron.DayOfWeek);
        AddFieldErrors(violations, Year, cron.Year);

        if (domOk && dowOk && checkDayPairing)
        {
            AddPairingErrors(violations, cron);
        }

        var plan = AddFrequencyErrors(violations, cron, minutesOk, hoursOk, domOk, dowOk);

        var result = violations.Select(v => new RuleViolation(v, Sources.SsmCron)).ToList();
        return new CronCheck(result, result.Count == 0 ? plan : null);
    }

    private static bool AddFieldErrors(List<string> violations, Field field, string text)
    {
        var before = violations.Count;
        var items = text.Split(',');
        foreach (var item in items)
        {
            var error = CheckItem(field, text, item, items.Length == 1);
            if (error is not null && !violations.Contains(error))
            {
                violations.Add(error);
            }
        }

        return violations.Count == before;
    }

    private static string? CheckItem(Field f, string text, string item, bool alone)
    {
        if (item.Length == 0)
        {
            return $"{f.Name} '{text}' has an empty list item; separate values with single commas, e.g. 1,15";
        }

        if (item == "*")
        {
            return null;
        }

        if (item == "?")
        {
            if (!f.Allows('?'))
            {
                return $"{f.Name} '{text}' isn't valid: ? is only allowed in Day-of-month and Day-of-week; " +
                       $"use * for any {f.Name} value";
            }

            return alone ? null : $"{f.Name} '{text}' isn't valid: ? stands alone and can't be part of a list";
        }

        if (IsValueLike(f, item))
        {
            return CheckValue(f, item);
        }

        if (item.Contains('/', StringComparison.Ordinal))
        {
            return CheckStep(f, item);
        }

        if (item.Contains('#', StringComparison.Ordinal))
        {
            return CheckNth(f, text, item, alone);
        }

        if (item is "L" or "LW" || item.EndsWith('W') || item.EndsWith('L'))
        {
            return CheckLastOrWeekday(f, text, item, alone);
        }

        if (item.Contains('-', StringComparison.Ordinal))
        {
            return CheckRange(f, item);
        }

        return Malformed(f, item);
    }

    private static string Malformed(Field f, string item) =>
        $"{f.Name} '{item}' isn't valid: {f.Name} takes {f.Range} with the wildcards {f.Wildcards}";

    private static string? CheckStep(Field f, string item)
    {
        if (!f.Allows('/'))
        {
            return $"{f.Name} '{item}' isn't valid: {f.Name} doesn't take the / increment (the EventBridge cron " +
                   "reference doesn't list it there); name one day instead, e.g. MON";
        }

        var parts = item.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            return $"{f.Name} '{item}' isn't valid: an increment is start/step, e.g. 0/30 or */30";
        }

        var span = f.Max - f.Min;
        if (!TryNumber(parts[1], out var step) || step < 1 || step > span)
        {
            return $"{f.Name} '{item}' isn't valid: the step after / must be a whole number from 1 to {span}";
        }

        if (parts[0] == "*")
        {
            return null;
        }

        return parts[0].Contains('-', StringComparison.Ordinal) ? CheckRange(f, parts[0]) : CheckValue(f, parts[0]);
    }

    private static string? CheckNth(Field f, string text, string item, bool alone)
    {
        if (!f.Allows('#'))
        {
            return $"{f.Name} '{item}' isn't valid: # (the nth weekday of the month) is only allowed in Day-of-week, " +
                   "e.g. cron(30 23 ? * TUE#3 *)";
        }

        if (!alone)
        {
            return $"{f.Name} '{text}' isn't valid: with # the Day-of-week field takes only one expression " +
                   "(3#1,6#3 isn't valid), e.g. TUE#3";
        }

        var parts = item.Split('#');
        if (parts.Length != 2 || !IsValueLike(f, parts[0]))
        {
            return $"{f.Name} '{item}' isn't valid: write day#n with a day of {f.Range} and n from 1 to 5, e.g. TUE#3";
        }

        if (CheckValue(f, parts[0]) is { } dayError)
        {
            return dayError;
        }

        return TryNumber(parts[1], out var n) && n is >= 1 and <= 5
            ? null
            : $"{f.Name} '{item}' isn't valid: the number after # is 1 to 5 (the nth such day of the month), e.g. TUE#3";
    }

    private static string? CheckLastOrWeekday(Field f, string text, string item, bool alone)
    {
        var isWeekday = item.EndsWith('W');
        var letter = isWeekday ? 'W' : 'L';
        if (!f.Allows(letter))
        {
            return letter == 'W'
                ? $"{f.Name} '{item}' isn't valid: W (nearest weekday) is only allowed in Day-of-month, e.g. 15W or LW"
                : $"{f.Name} '{item}' isn't valid: L (last) is only allowed in Day-of-month and Day-of-week, " +
                  "e.g. L or 3L";
        }

        if (!alone)
        {
            return $"{f.Name} '{text}' isn't valid: {item} stands alone and can't be part of a list or range";
        }

        if (item is "L" || (item is "LW" && f == DayOfMonth))
        {
            return null;
        }

        var number = item[..^1];
        if (isWeekday)
        {
            return TryNumber(number, out var day) && day is >= 1 and <= 31
                ? null
                : $"{f.Name} '{item}' isn't valid: W follows a day of the month from 1 to 31 (15W is the weekday " +
                  "nearest the 15th), or LW for the last weekday";
        }

        if (f == DayOfMonth)
        {
            return $"{f.Name} '{item}' isn't valid: in Day-of-month L stands alone for the last day of the month " +
                   "(or LW for the last weekday)";
        }

        if (TryNumber(number, out var weekday))
        {
            return weekday is >= 1 and <= 7
                ? null
                : $"{f.Name} '{item}' isn't valid: the day before L is 1-7 (1 = SUN), e.g. 3L for the last Tuesday";
        }

        var index = Array.IndexOf(DayNames, number);
        return index >= 0
            ? $"{f.Name} '{item}' isn't valid: write the day before L as a number (1 = SUN), as the AWS examples do, " +
              $"e.g. {index + 1}L for the last {DayTitles[index]}"
            : Malformed(f, item);
    }

    private static string? CheckRange(Field f, string item)
    {
        var parts = item.Split('-');
        if (parts.Length != 2 || !IsValueLike(f, parts[0]) || !IsValueLike(f, parts[1]))
        {
            return $"{f.Name} '{item}' isn't valid: a range is low-high with values of {f.Range}";
        }

        if ((CheckValue(f, parts[0]) ?? CheckValue(f, parts[1])) is { } error)
        {
            return error;
        }

        return ValueOf(f, parts[0]) <= ValueOf(f, parts[1])
            ? null
            : $"{f.Name} '{item}' isn't valid: the range runs backwards; write the lower value first, " +
              $"e.g. {parts[1]}-{parts[0]}";
    }

    private static string? CheckValue(Field f, string text)
    {
        if (TryNumber(text, out var value))
        {
            if (value >= f.Min && value <= f.Max)
            {
                return null;
            }

            var hint = f == DayOfWeek && value == 0 ? " (0 is Sunday in Unix cron; AWS uses 1 or SUN)" : "";
            return $"{f.Name} {text} is out of range: {f.Name} must be {f.Range}{hint}";
        }

        return f.Names is not null && Array.IndexOf(f.Names, text) >= 0
            ? null
            : $"{f.Name} '{text}' isn't valid: {f.Name} takes {f.Range}";
    }

    private static bool IsValueLike(Field f, string text) =>
        TryNumber(text, out _) || (f.Names is not null && Array.IndexOf(f.Names, text) >= 0);

    private static int ValueOf(Field f, string text) =>
        TryNumber(text, out var value) ? value : Array.IndexOf(f.Names!, text) + f.Min;

    private static bool TryNumber(string text, out int value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 9 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = int.Parse(text, CultureInfo.InvariantCulture);
        return true;
    }

    private static void AddPairingErrors(List<string> violations, AwsCron cron)
    {
        var (dom, dow) = (cron.DayOfMonth, cron.DayOfWeek);
        var error = (dom, dow) switch
        {
            ("?", "?") =>
                "Day-of-month and Day-of-week can't both be ?: exactly one of them is ?, the other holds the value " +
                $"or *, e.g. {cron.FormatWithDays("*", "?")} for every day",
            ("?", _) or (_, "?") => null,
            ("*", "*") =>
                "Day-of-month and Day-of-week can't both be *: use ? in one of them, e.g. " +
                $"{cron.FormatWithDays("*", "?")} for every day",
            ("*", _) =>
                $"Day-of-month is * while Day-of-week is {dow}: when one of them has a value the other must be ?, " +
                $"e.g. {cron.FormatWithDays("?", dow)}",
            (_, "*") =>
                $"Day-of-week is * while Day-of-month is {dom}: when one of them has a value the other must be ?, " +
                $"e.g. {cron.FormatWithDays(dom, "?")}",
            _ =>
                $"Day-of-month '{dom}' and Day-of-week '{dow}' can't both have a value: AWS cron takes a value in " +
                $"one of them and ? in the other, e.g. {cron.FormatWithDays(dom, "?")} or " +
                cron.FormatWithDays("?", dow),
        };
        AddIfError(violations, error);
    }

    private static CronPlan? AddFrequencyErrors(
        List<string> violations, AwsCron cron, bool minutesOk, bool hoursOk, bool domOk, bool dowOk)
    {
        var minute = minutesOk ? ReadMinutes(cron.Minutes) : null;
        var hour = hoursOk ? ReadHours(cron.Hours) : null;
        AddIfError(violations, minute?.Error);
        AddIfError(violations, hour?.Error);

        string? frequency = null;
        TimeSpan? interval = null;
        var subDaily = false;
        if (minute is { Every30: true } && hour is not null && hour.Error is null)
        {
            if (hour.Step == 1 && hour.Start == 0)
            {
                (frequency, interval, subDaily) = ("every 30 minutes", TimeSpan.FromMinutes(30), true);
            }
            else
            {
                violations.Add(
                    $"Hours '{cron.Hours}' can't go with Minutes '{cron.Minutes}': State Manager runs every 30 minutes " +
                    "only around the clock, so Hours must be *, e.g. cron(0/30 * * * ? *)");
            }
        }
        else if (minute is { Value: { } m } && hour is { Step: { } step, Start: { } start })
        {
            frequency = step == 1
                ? Invariant($"every hour at minute {m}")
                : start == 0
                    ? Invariant($"every {step} hours at minute {m}")
                    : Invariant($"every {step} hours at minute {m}, from {start:00}:{m:00} UTC");
            (interval, subDaily) = (TimeSpan.FromHours(step), true);
        }

        var days = domOk && dowOk ? CheckDays(violations, cron, subDaily) : null;

        if (minute is { Value: { } minuteValue } && hour is { Value: { } hourValue } && days is not null)
        {
            frequency = Invariant($"{days.Value.Text} at {hourValue:00}:{minuteValue:00} UTC");
            interval = days.Value.Interval;
        }

        if (frequency is null || violations.Count > 0)
        {
            return null;
        }

        return new CronPlan(frequency + YearSuffix(cron.Year), interval);
    }

    private static void AddIfError(List<string> violations, string? error)
    {
        if (error is not null)
        {
            violations.Add(error);
        }
    }

    private static string YearSuffix(string year) =>
        year == "*" ? "" : TryNumber(year, out _) ? $" in {year}" : $" in the years {year}";

    private static MinuteForm ReadMinutes(string text)
    {
        if (TryNumber(text, out var value))
        {
            return new MinuteForm(value, false, null);
        }

        if (text is "0/30" or "*/30" or "00/30")
        {
            return new MinuteForm(null, true, null);
        }

        if (text == "*")
        {
            return Fail(
                "Minutes '*' runs every minute, but State Manager runs associations at most every 30 minutes; " +
                "use 0/30 for every 30 minutes, e.g. cron(0/30 * * * ? *), or a single minute for hourly or daily " +
                "runs, e.g. cron(0 */1 * * ? *)");
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && !text.Contains(',', StringComparison.Ordinal)
            && TryNumber(text[(slash + 1)..], out var step) && step < 30)
        {
            return Fail(
                Invariant($"Minutes '{text}' runs every {step} minutes, but State Manager runs associations at most ") +
                "every 30 minutes; use a step of 30, e.g. cron(0/30 * * * ? *)");
        }

        if (slash >= 0 && !text.Contains(',', StringComparison.Ordinal) && !text.Contains('-', StringComparison.Ordinal))
        {
            return Fail(
                $"Minutes '{text}' isn't a supported frequency: the only minute step State Manager supports is " +
                $"0/30 (every 30 minutes), e.g. cron(0/30 * * * ? *); otherwise give a single minute. {SupportedFrequencies}");
        }

        return Fail(
            $"Minutes '{text}' isn't supported: lists and ranges of minutes don't give a supported frequency; use a " +
            "single minute, e.g. cron(15 */1 * * ? *), or 0/30 for every 30 minutes, e.g. cron(0/30 * * * ? *). " +
            SupportedFrequencies);

        static MinuteForm Fail(string error) => new(null, false, error);
    }

    private static HourForm ReadHours(string text)
    {
        if (TryNumber(text, out var value))
        {
            return new HourForm(value, null, null, null);
        }

        if (text == "*")
        {
            return new HourForm(null, 0, 1, null);
        }

        var parts = text.Split('/');
        if (parts.Length == 2 && !text.Contains(',', StringComparison.Ordinal) && !text.Contains('-', StringComparison.Ordinal))
        {
            var start = parts[0] == "*" ? 0 : int.Parse(parts[0], CultureInfo.InvariantCulture);
            var step = int.Parse(parts[1], CultureInfo.InvariantCulture);
            if (Array.IndexOf(HourSteps, step) < 0)
            {
                return Fail(Invariant(
                    $"Hours '{text}' runs every {step} hours, which State Manager doesn't support: associations run ") +
                    "every 1, 2, 4, 8 or 12 hours, e.g. cron(0 0/4 * * ? *)");
            }

            if (start >= step)
            {
                return Fail(Invariant(
                    $"Hours '{text}' starts at hour {start}, so runs stop at midnight and restart at {start:00}:00: ") +
                    Invariant($"that isn't every {step} hours; start below {step} to run every {step} hours ") +
                    Invariant($"around the clock, e.g. cron(0 {start % step}/{step} * * ? *)"));
            }

            return new HourForm(null, start, step, null);
        }

        return Fail(
            $"Hours '{text}' isn't supported: lists, ranges and limited steps of hours don't give a supported " +
            "frequency; use one hour for a run at a specific time, e.g. cron(15 13 ? * * *), or every 1, 2, 4, 8 or " +
            $"12 hours, e.g. cron(0 0/4 * * ? *). {SupportedFrequencies}");

        static HourForm Fail(string error) => new(null, null, null, error);
    }

    private static (string Text, TimeSpan? Interval)? CheckDays(List<string> violations, AwsCron cron, bool subDaily)
    {
        var (dom, dow) = (cron.DayOfMonth, cron.DayOfWeek);
        if (subDaily)
        {
            if (dom is "*" or "?" && dow is "*" or "?")
            {
                return ("every day", TimeSpan.FromDays(1));
            }

            violations.Add(
                $"Day-of-month '{dom}' and Day-of-week '{dow}' limit the days, but State Manager runs associations " +
                "every 30 minutes or every few hours only on every day: use * in Day-of-month and ? in Day-of-week, " +
                "e.g. cron(0 0/4 * * ? *); to run on particular days give a specific time, e.g. cron(0 9 ? * MON *)");
            return null;
        }

        var domText = DescribeDayOfMonth(dom);
        var dowText = DescribeDayOfWeek(dow);
        if (domText is null)
        {
            violations.Add(
                $"Day-of-month '{dom}' isn't supported for associations: use one day (15), every nth day (*/3 or 1/3), " +
                "the last day (L), the last weekday (LW) or the weekday nearest a day (15W), e.g. cron(0 9 15 * ? *)");
        }

        if (dowText is null)
        {
            violations.Add(
                $"Day-of-week '{dow}' isn't supported for associations: use one day of the week (MON or 2), the nth " +
                "such day of the month (TUE#3) or the last such day (3L), e.g. cron(15 13 ? * MON *); for several " +
                "days create one association per day, or run every day with cron(15 13 ? * * *)");
        }

        if (domText is null || dowText is null)
        {
            return null;
        }

        return dom == "?" ? dowText : domText;
    }

    private static (string Text, TimeSpan? Interval)? DescribeDayOfMonth(string dom)
    {
        if (dom is "*" or "?")
        {
            return ("every day", TimeSpan.FromDays(1));
        }

        if (dom == "L")
        {
            return ("on the last day of the month", null);
        }

        if (dom == "LW")
        {
            return ("on the last weekday of the month", null);
        }

        if (TryNumber(dom, out var day))
        {
            return (Invariant($"on day {day} of the month"), null);
        }

        if (dom.EndsWith('W') && TryNumber(dom[..^1], out var near))
        {
            return (Invariant($"on the weekday nearest day {near} of the month"), null);
        }

        var parts = dom.Split('/');
        if (parts.Length == 2 && TryNumber(parts[1], out var step) && (parts[0] == "*" || TryNumber(parts[0], out _)))
        {
            var from = parts[0] == "*" ? 1 : int.Parse(parts[0], CultureInfo.InvariantCulture);
            return from == 1 && step == 1
                ? ("every day", TimeSpan.FromDays(1))
                : (Invariant($"every {step} days from day {from} of the month"), null);
        }

        return null;
    }

    private static (string Text, TimeSpan? Interval)? DescribeDayOfWeek(string dow)
    {
        if (dow is "*" or "?")
        {
            return ("every day", TimeSpan.FromDays(1));
        }

        if (dow == "L")
        {
            return ("Saturdays (L, the last day of the week)", TimeSpan.FromDays(7));
        }

        if (DayIndex(dow) is { } single)
        {
            return (DayTitles[single] + "s", TimeSpan.FromDays(7));
        }

        var hash = dow.Split('#');
        if (hash.Length == 2 && DayIndex(hash[0]) is { } nthDay && TryNumber(hash[1], out var n))
        {
            return ($"on the {Ordinals[n - 1]} {DayTitles[nthDay]} of the month", null);
        }

        if (dow.EndsWith('L') && DayIndex(dow[..^1]) is { } lastDay)
        {
            return ($"on the last {DayTitles[lastDay]} of the month", null);
        }

        return null;
    }

    /// <summary>Zero-based day (0 = Sunday) of a single AWS day-of-week value (1-7 or SUN-SAT), else null.</summary>
    private static int? DayIndex(string text)
    {
        if (TryNumber(text, out var number))
        {
            return number is >= 1 and <= 7 ? number - 1 : null;
        }

        var index = Array.IndexOf(DayNames, text);
        return index >= 0 ? index : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Field(string Name, int Min, int Max, string[]? Names, string Range, string Wildcards)
    {
        public bool Allows(char wildcard) => Wildcards.Contains(wildcard, StringComparison.Ordinal);
    }

    private sealed record MinuteForm(int? Value, bool Every30, string? Error);

    /// <summary>A single hour (<see cref="Value"/>), or every <see cref="Step"/> hours from <see cref="Start"/>.</summary>
    private sealed record HourForm(int? Value, int? Start, int? Step, string? Error);
}
