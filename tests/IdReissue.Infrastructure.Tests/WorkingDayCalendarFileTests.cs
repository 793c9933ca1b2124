using IdReissue.Infrastructure.Calendar;

namespace IdReissue.Infrastructure.Tests;

public class WorkingDayCalendarFileTests
{
    [Fact]
    public void The_shipped_calendar_covers_2025_and_2026_with_the_spring_festival()
    {
        var calendar = WorkingDayCalendarFile.Load(Path.Combine(AppContext.BaseDirectory, "Data", "calendar", "cn-working-days.json"));

        Assert.True(calendar.Covers(2025) && calendar.Covers(2026));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 2, 18)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 14)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 9, 28)));
        // Friday 2026-02-13 + 10 working days: 2-14 (Sat, worked), then 2-24 .. 3-4 after the holiday.
        Assert.Equal(new DateOnly(2026, 3, 5), calendar.AddWorkingDays(new DateOnly(2026, 2, 13), 10));
    }
}
