using System.Globalization;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Abuse;

/// <summary>The service's limits, applied through <see cref="IAbuseLimiter"/>; each refusal says in Chinese when to try again.</summary>
public static class AbuseGuard
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Counts one use; over the limit throws <see cref="RateLimitedException"/> with "{0}" in the message replaced by the wait.</summary>
    public static async Task LimitAsync(this IAbuseLimiter limiter, string key, int limit, TimeSpan window, string code, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        if (await limiter.HitAsync(key, limit, window, cancellationToken) is { } wait)
        {
            throw new RateLimitedException(code, string.Format(CultureInfo.InvariantCulture, message, Describe(wait)), wait);
        }
    }

    /// <summary>Refuses while a log-in is locked after repeated failures.</summary>
    public static async Task RequireNotLockedAsync(this IAbuseLimiter limiter, string key, int failuresBeforeLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        if (await limiter.LockedForAsync(key, Day, failures => BackOff(failures, failuresBeforeLock), cancellationToken) is { } wait)
        {
            throw new RateLimitedException("login_locked", $"错误次数过多，已暂时锁定，请{Describe(wait)}后再试。", wait);
        }
    }

    /// <summary>1 minute at the threshold, doubling with each further failure, at most a day.</summary>
    public static TimeSpan BackOff(int failures, int threshold) =>
        failures < threshold ? TimeSpan.Zero : TimeSpan.FromMinutes(Math.Min(24 * 60, Math.Pow(2, Math.Min(failures - threshold, 20))));

    public static string Describe(TimeSpan wait) => wait.TotalSeconds switch
    {
        < 60 => $"{Math.Ceiling(wait.TotalSeconds)}秒",
        < 3600 => $"{Math.Ceiling(wait.TotalMinutes)}分钟",
        _ => $"{Math.Ceiling(wait.TotalHours)}小时",
    };
}
