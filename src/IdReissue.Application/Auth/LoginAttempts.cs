using IdReissue.Application.Abuse;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Auth;

/// <summary>
/// The limits every log-in goes through. Each attempt takes one of its network's failures up front, in one
/// conditional statement, and a successful log-in gives it back: a network at its limit is refused before its
/// attempt is checked (a guesser learns nothing more, not even from the right answer), and a parallel burst cannot
/// pass the limit. A failure counts against the account too (back-off lock).
/// </summary>
public sealed class LoginAttempts(IAbuseLimiter limiter, AbuseLimitOptions limits)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Reserves the network's attempt and refuses while the account is locked; returns the network's key, to give back on success.</summary>
    public async Task<string> BeginAsync(string clientKey, string lockKey, int failuresBeforeLock, CancellationToken cancellationToken)
    {
        var key = $"login-client:{clientKey}";
        await limiter.LimitAsync(key, limits.LoginFailuresPerClientPerHour, TimeSpan.FromHours(1), "login_client_limit", "当前网络登录失败次数过多，请{0}后再试。", cancellationToken);
        await limiter.RequireNotLockedAsync(lockKey, failuresBeforeLock, cancellationToken);
        return key;
    }

    /// <summary>Reserves the network's attempt only (a sign-in that names no account before it is checked: single sign-on);
    /// returns the key to give back on success.</summary>
    public async Task<string> BeginForClientAsync(string clientKey, CancellationToken cancellationToken)
    {
        var key = $"login-client:{clientKey}";
        await limiter.LimitAsync(key, limits.LoginFailuresPerClientPerHour, TimeSpan.FromHours(1), "login_client_limit", "当前网络登录失败次数过多，请{0}后再试。", cancellationToken);
        return key;
    }

    public Task FailedAsync(string lockKey, CancellationToken cancellationToken) => limiter.RecordFailureAsync(lockKey, Day, cancellationToken);

    /// <summary>Gives the network's reserved attempt back without clearing the account's failures (a first step passed).</summary>
    public Task ReleaseAsync(string reservedKey, CancellationToken cancellationToken) => limiter.ReleaseAsync(reservedKey, cancellationToken);

    public async Task SucceededAsync(string lockKey, string reservedKey, CancellationToken cancellationToken)
    {
        await limiter.ClearAsync(lockKey, cancellationToken);
        await limiter.ReleaseAsync(reservedKey, cancellationToken);
    }
}
