using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security;

namespace IdReissue.Web.Abuse;

/// <summary>The service's limits, applied through <see cref="AbuseLimiter"/>; each refusal says in Chinese when to try again.</summary>
public static class AbuseGuard
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Counts one use; over the limit throws <see cref="RateLimitedException"/> with "{0}" in the message replaced by the wait.</summary>
    public static async Task LimitAsync(this AbuseLimiter limiter, string key, int limit, TimeSpan window, string code, string message, CancellationToken cancellationToken)
    {
        if (await limiter.HitAsync(key, limit, window, cancellationToken) is { } wait)
        {
            throw new RateLimitedException(code, string.Format(CultureInfo.InvariantCulture, message, Describe(wait)), wait);
        }
    }

    /// <summary>Refuses while a log-in is locked after repeated failures.</summary>
    public static async Task RequireNotLockedAsync(this AbuseLimiter limiter, string key, int failuresBeforeLock, CancellationToken cancellationToken)
    {
        if (await limiter.LockedForAsync(key, Day, failures => BackOff(failures, failuresBeforeLock), cancellationToken) is { } wait)
        {
            throw new RateLimitedException("login_locked", $"错误次数过多，已暂时锁定，请{Describe(wait)}后再试。", wait);
        }
    }

    /// <summary>1 minute at the threshold, doubling with each further failure, at most a day.</summary>
    public static TimeSpan BackOff(int failures, int threshold) =>
        failures < threshold ? TimeSpan.Zero : TimeSpan.FromMinutes(Math.Min(24 * 60, Math.Pow(2, Math.Min(failures - threshold, 20))));

    public static string ClientKey(HttpContext http, IdReissueDbContext db) =>
        db.BlindIndex(BlindIndexKinds.Client, ClientNetwork(http.Connection.RemoteIpAddress));

    /// <summary>The address a limit counts: an IPv4 address as it is, an IPv6 address by its /64 network, since
    /// one subscriber is usually given a whole /64 and could otherwise take a fresh address for every request.</summary>
    public static string ClientNetwork(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    public static string Describe(TimeSpan wait) => wait.TotalSeconds switch
    {
        < 60 => $"{Math.Ceiling(wait.TotalSeconds)}秒",
        < 3600 => $"{Math.Ceiling(wait.TotalMinutes)}分钟",
        _ => $"{Math.Ceiling(wait.TotalHours)}小时",
    };
}
