namespace IdReissue.Application.Ports;

/// <summary>Counters shared by every node: how often something happened in a window, and log-in failures with back-off.</summary>
public interface IAbuseLimiter
{
    /// <summary>Counts one use; null when allowed, else how long until the window frees up.</summary>
    Task<TimeSpan?> HitAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>How long the key stays locked, by the failures counted in the window and <paramref name="backOff"/>; null when not locked.</summary>
    Task<TimeSpan?> LockedForAsync(string key, TimeSpan window, Func<int, TimeSpan> backOff, CancellationToken cancellationToken);

    /// <summary>Records a failure (a log-in) and returns how many there have been in the window.</summary>
    Task<int> RecordFailureAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Gives back one use counted by <see cref="HitAsync"/> (an attempt reserved up front that turned out fine).</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken);

    Task ClearAsync(string key, CancellationToken cancellationToken);
}
