using System.Globalization;
using System.Security.Cryptography;
using IdReissue.Application.Abuse;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;

namespace IdReissue.Application.Auth;

/// <summary>Send an applicant a log-in code by SMS; <paramref name="ClientKey"/> is the blind index of the asking network.</summary>
public sealed record SendLoginCode(string? Phone, string ClientKey);

/// <summary>The code went to <paramref name="Phone"/>; it is good for <paramref name="Lifetime"/>, and another may be asked for after <paramref name="ResendAfter"/>.</summary>
public sealed record LoginCodeSent(string Phone, TimeSpan Lifetime, TimeSpan ResendAfter);

public sealed class SendLoginCodeHandler(ISmsCodeStore codes, ISmsSender sms, IAbuseLimiter limiter, AbuseLimitOptions limits, IUnitOfWork unitOfWork, TimeProvider time)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(60);
    private const int MaxCodesPerDay = 10;

    public async Task<Result<LoginCodeSent>> HandleAsync(SendLoginCode command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var phone = PhoneNumber.Require(command.Phone);
        await limiter.LimitAsync($"sms-client-minute:{command.ClientKey}", limits.SmsPerClientPerMinute, TimeSpan.FromMinutes(1),
            "sms_client_limit", "当前网络获取验证码过于频繁，请{0}后再试。", cancellationToken);
        await limiter.LimitAsync($"sms-client-day:{command.ClientKey}", limits.SmsPerClientPerDay, TimeSpan.FromDays(1),
            "sms_client_daily_limit", "当前网络今日获取验证码次数已达上限，请{0}后再试。", cancellationToken);
        var now = time.GetUtcNow();
        var recent = await codes.SentSinceAsync(phone, now - TimeSpan.FromDays(1), cancellationToken);
        if (recent.Count > 0 && now - recent[0] < ResendInterval)
        {
            var wait = TimeSpan.FromSeconds(Math.Ceiling((ResendInterval - (now - recent[0])).TotalSeconds));
            throw new RateLimitedException("sms_too_frequent", $"验证码发送过于频繁，请{(int)wait.TotalSeconds}秒后再试。", wait);
        }

        if (recent.Count >= MaxCodesPerDay)
        {
            throw new RateLimitedException("sms_daily_limit", "该手机号今日获取验证码次数已达上限，请明天再试。", TimeSpan.FromDays(1));
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var id = codes.Add(phone, command.ClientKey, code, now, now + CodeLifetime);
        await unitOfWork.SaveAsync(cancellationToken);

        // Sent at once, not through the outbox: a log-in code is worthless late, and if sending fails the
        // request fails and the person simply asks again.
        await sms.SendAsync($"login:{id:N}", phone, SmsText.LoginCode(code, (int)CodeLifetime.TotalMinutes), cancellationToken);
        return new LoginCodeSent(phone, CodeLifetime, ResendInterval);
    }
}
