using IdReissue.Domain.Cards;

namespace IdReissue.Domain.Tests;

public class WorkingDayCalendarTests
{
    // 2026 National Day and Mid-Autumn (国办发明电〔2025〕7号): 9-25..27 and 10-1..7 off; 9-20 (Sun) and 10-10 (Sat) worked.
    private static readonly WorkingDayCalendar Calendar = new(
        [new(2026, 9, 25), new(2026, 9, 26), new(2026, 9, 27), .. Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d))],
        [new(2026, 9, 20), new(2026, 10, 10)],
        [2026]);

    [Fact]
    public void Ten_working_days_skip_holidays_and_count_make_up_working_days()
    {
        // From Thursday 9-24: 9-28, 9-29, 9-30, 10-8, 10-9, 10-10 (Saturday, worked), 10-12, 10-13, 10-14, 10-15.
        Assert.Equal(new DateOnly(2026, 10, 15), Calendar.AddWorkingDays(new DateOnly(2026, 9, 24), 10));
    }

    [Fact]
    public void An_ordinary_fortnight_is_ten_working_days()
    {
        Assert.Equal(new DateOnly(2026, 12, 9), Calendar.AddWorkingDays(new DateOnly(2026, 11, 25), 10));
        Assert.Equal(10, Calendar.WorkingDaysBetween(new DateOnly(2026, 11, 25), new DateOnly(2026, 12, 9)));
    }

    [Fact]
    public void Weekends_holidays_and_make_up_days_are_told_apart()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 10, 5)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 11, 28)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 11, 27)));
    }

    [Fact]
    public void A_date_cannot_be_both_holiday_and_working_day()
    {
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([new(2026, 10, 10)], [new(2026, 10, 10)], [2026]));
    }
}
