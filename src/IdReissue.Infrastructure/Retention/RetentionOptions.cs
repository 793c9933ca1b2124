namespace IdReissue.Infrastructure.Retention;

/// <summary>Configuration section "Retention": how long an application's files outlive its closing.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days after an application closes (delivered, rejected, cancelled, ineligible, referred to a
    /// window) before its photos, face capture and household pages are deleted. The card's own photo lives on
    /// in the population registry, not here.</summary>
    public int FilesKeptAfterClosedDays { get; set; } = 90;

    /// <summary>How often the sweep runs.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
