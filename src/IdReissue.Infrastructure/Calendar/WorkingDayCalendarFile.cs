using System.Globalization;
using System.Text.Json;
using IdReissue.Domain.Cards;

namespace IdReissue.Infrastructure.Calendar;

/// <summary>Loads the holiday and make-up working day data (Data/calendar/cn-working-days.json).</summary>
public static class WorkingDayCalendarFile
{
    public static WorkingDayCalendar Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var holidays = new List<DateOnly>();
        var working = new List<DateOnly>();
        var years = new List<int>();
        foreach (var year in document.RootElement.GetProperty("years").EnumerateObject())
        {
            var number = int.Parse(year.Name, CultureInfo.InvariantCulture);
            years.Add(number);
            holidays.AddRange(Dates(year.Value, "holidays", number));
            working.AddRange(Dates(year.Value, "workingWeekendDays", number));
        }

        return new WorkingDayCalendar(holidays, working, years);
    }

    private static IEnumerable<DateOnly> Dates(JsonElement year, string property, int expectedYear)
    {
        foreach (var item in year.GetProperty(property).EnumerateArray())
        {
            var date = DateOnly.ParseExact(item.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (date.Year != expectedYear)
            {
                throw new InvalidOperationException($"{date} is listed under {expectedYear}");
            }

            yield return date;
        }
    }
}
