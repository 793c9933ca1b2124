namespace IdReissue.Infrastructure.Security;

/// <summary>
/// A counter in a fixed time window, shared by every node through the database. Keys never hold
/// personal data: a phone or an address appears only as its blind index.
/// </summary>
public sealed class AbuseCounter
{
    public required string Key { get; set; }

    /// <summary>Unix milliseconds (not an instant column, so the limiter's single-statement updates read the same on both databases).</summary>
    public long WindowStartMs { get; set; }

    public int Count { get; set; }

    public long LastHitMs { get; set; }
}
