namespace IdReissue.Domain.Common;

/// <summary>China Standard Time (UTC+8, no daylight saving): calendar dates such as due dates, card
/// issue dates and card ages are counted in it, whatever time zone the server runs in.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(Offset);
}
