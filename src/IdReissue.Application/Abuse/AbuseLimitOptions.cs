using System.ComponentModel.DataAnnotations;

namespace IdReissue.Application.Abuse;

/// <summary>`Abuse:*`: how often things may happen. Per-client limits count the client's address (its blind index).</summary>
public sealed class AbuseLimitOptions
{
    public const string Section = "Abuse";

    [Range(1, int.MaxValue, ErrorMessage = "Abuse:SmsPerClientPerMinute must be at least {1}.")]
    public int SmsPerClientPerMinute { get; set; } = 10;

    [Range(1, int.MaxValue, ErrorMessage = "Abuse:SmsPerClientPerDay must be at least {1}.")]
    public int SmsPerClientPerDay { get; set; } = 60;

    /// <summary>Wrong SMS codes for one phone within a day before its log-in locks (with back-off).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Abuse:ApplicantLoginFailuresBeforeLock must be at least {1}.")]
    public int ApplicantLoginFailuresBeforeLock { get; set; } = 10;

    /// <summary>Wrong passwords for one officer within a day before the account locks (with back-off).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Abuse:OfficerLoginFailuresBeforeLock must be at least {1}.")]
    public int OfficerLoginFailuresBeforeLock { get; set; } = 5;

    [Range(1, int.MaxValue, ErrorMessage = "Abuse:LoginFailuresPerClientPerHour must be at least {1}.")]
    public int LoginFailuresPerClientPerHour { get; set; } = 30;

    /// <summary>实人认证 attempts (challenges drawn) per citizen ID number per day, across applications and
    /// accounts: cancelling and starting again, or a second account, gives a finder no more tries.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Abuse:FaceVerificationsPerCitizenPerDay must be at least {1}.")]
    public int FaceVerificationsPerCitizenPerDay { get; set; } = 5;

    /// <summary>实人认证 attempts per client network per day, whatever identity they are for.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Abuse:FaceVerificationsPerClientPerDay must be at least {1}.")]
    public int FaceVerificationsPerClientPerDay { get; set; } = 20;

    [Range(1, int.MaxValue, ErrorMessage = "Abuse:PhotoUploadsPerApplicationPerMinute must be at least {1}.")]
    public int PhotoUploadsPerApplicationPerMinute { get; set; } = 10;

    [Range(1, int.MaxValue, ErrorMessage = "Abuse:PortraitChecksPerClientPerMinute must be at least {1}.")]
    public int PortraitChecksPerClientPerMinute { get; set; } = 30;

    /// <summary>Household register page uploads per application per day; each replaces the one before.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Abuse:HouseholdPageUploadsPerApplicationPerDay must be at least {1}.")]
    public int HouseholdPageUploadsPerApplicationPerDay { get; set; } = 10;

    /// <summary>Failed photo submissions whose image is kept per application (the newest); older ones keep their verdict only.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Abuse:FailedPhotosKeptPerApplication must be at least {1}.")]
    public int FailedPhotosKeptPerApplication { get; set; } = 5;

    /// <summary>All files stored for one application together (photos, household register page). Room for the
    /// kept failed photos, one more, and the household page at the 8 MB upload limit each, so retrying alone never reaches it.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Abuse:StoredBytesPerApplication must be at least {1}.")]
    public long StoredBytesPerApplication { get; set; } = 64 * 1024 * 1024;

    /// <summary>Anonymous look-ups and submissions by photo number, per client (a studio submits a few a minute).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Abuse:PhotoNumberRequestsPerClientPerMinute must be at least {1}.")]
    public int PhotoNumberRequestsPerClientPerMinute { get; set; } = 30;

    /// <summary>Unknown or malformed photo numbers per client before it is refused for the rest of the hour and an alert is raised.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Abuse:PhotoNumberMissesPerClientPerHour must be at least {1}.")]
    public int PhotoNumberMissesPerClientPerHour { get; set; } = 10;
}
