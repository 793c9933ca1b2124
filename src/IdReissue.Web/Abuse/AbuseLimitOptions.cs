namespace IdReissue.Web.Abuse;

/// <summary>`Abuse:*`: how often things may happen. Per-client limits count the client's address (its blind index).</summary>
public sealed class AbuseLimitOptions
{
    public const string Section = "Abuse";

    public int SmsPerClientPerMinute { get; set; } = 10;

    public int SmsPerClientPerDay { get; set; } = 60;

    /// <summary>Wrong SMS codes for one phone within a day before its log-in locks (with back-off).</summary>
    public int ApplicantLoginFailuresBeforeLock { get; set; } = 10;

    /// <summary>Wrong passwords for one officer within a day before the account locks (with back-off).</summary>
    public int OfficerLoginFailuresBeforeLock { get; set; } = 5;

    public int LoginFailuresPerClientPerHour { get; set; } = 30;

    public int FaceVerificationsPerApplicationPerDay { get; set; } = 5;

    public int PhotoUploadsPerApplicationPerMinute { get; set; } = 10;

    public int PortraitChecksPerClientPerMinute { get; set; } = 30;
}
