using System.ComponentModel.DataAnnotations;

namespace IdReissue.Infrastructure.Retention;

/// <summary>Configuration section "Retention": how long an application's files outlive its closing.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days after an application closes (delivered, rejected, cancelled, ineligible, referred to a
    /// window) before its photos, face capture and household pages are deleted. The card's own photo lives on
    /// in the population registry, not here.</summary>
    [Range(0, 3650, ErrorMessage = "Retention:FilesKeptAfterClosedDays must be between {1} and {2}.")]
    public int FilesKeptAfterClosedDays { get; set; } = 90;

    /// <summary>How often the sweep runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Retention:SweepInterval must be between {1} and {2}.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
