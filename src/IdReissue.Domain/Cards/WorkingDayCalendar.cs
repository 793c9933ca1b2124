namespace IdReissue.Domain.Cards;

/// <summary>
/// Chinese working days: Monday to Friday, minus public holidays, plus the weekend days the State
/// Council declares working days (调休上班). The dates are data; years without data fall back to
/// weekends only, and <see cref="Covers"/> tells callers whether that happened.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkingDays;
    private readonly HashSet<int> _years;

    public WorkingDayCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkingDays, IEnumerable<int> yearsCovered)
    {
        _holidays = [.. holidays];
        _makeUpWorkingDays = [.. makeUpWorkingDays];
        _years = [.. yearsCovered];
        var both = _holidays.Intersect(_makeUpWorkingDays).ToList();
        if (both.Count > 0)
        {
            throw new ArgumentException($"Dates both holiday and working day: {string.Join(", ", both)}");
        }
    }

    public bool Covers(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_makeUpWorkingDays.Contains(date))
        {
            return true;
        }

        if (_holidays.Contains(date))
        {
            return false;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The date <paramref name="workingDays"/> working days after <paramref name="start"/> (the start day does not count).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        var remaining = workingDays;
        while (remaining > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }
}
