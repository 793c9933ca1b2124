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

    /// <summary>实人认证 attempts (challenges drawn) per citizen ID number per day, across applications and
    /// accounts: cancelling and starting again, or a second account, gives a finder no more tries.</summary>
    public int FaceVerificationsPerCitizenPerDay { get; set; } = 5;

    /// <summary>实人认证 attempts per client network per day, whatever identity they are for.</summary>
    public int FaceVerificationsPerClientPerDay { get; set; } = 20;

    public int PhotoUploadsPerApplicationPerMinute { get; set; } = 10;

    public int PortraitChecksPerClientPerMinute { get; set; } = 30;

    /// <summary>Household register page uploads per application per day; each replaces the one before.</summary>
    public int HouseholdPageUploadsPerApplicationPerDay { get; set; } = 10;

    /// <summary>Failed photo submissions whose image is kept per application (the newest); older ones keep their verdict only.</summary>
    public int FailedPhotosKeptPerApplication { get; set; } = 5;

    /// <summary>All files stored for one application together (photos, household register page). Room for the
    /// kept failed photos, one more, and the household page at the 8 MB upload limit each, so retrying alone never reaches it.</summary>
    public long StoredBytesPerApplication { get; set; } = 64 * 1024 * 1024;

    /// <summary>Anonymous look-ups and submissions by photo number, per client (a studio submits a few a minute).</summary>
    public int PhotoNumberRequestsPerClientPerMinute { get; set; } = 30;

    /// <summary>Unknown or malformed photo numbers per client before it is refused for the rest of the hour and an alert is raised.</summary>
    public int PhotoNumberMissesPerClientPerHour { get; set; } = 10;
}
