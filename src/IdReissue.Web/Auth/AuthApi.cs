using IdReissue.Domain.Identity;
using IdReissue.Domain.Accounts;
using IdReissue.Application.Ports;
using IdReissue.Application.Abuse;
using System.Globalization;
using System.Security.Cryptography;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Auth;

/// <summary>Log-in: applicants by phone and SMS code, officers by username and password.</summary>
public static class AuthApi
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ApplicantSessionLifetime = TimeSpan.FromHours(12);
    private static readonly TimeSpan OfficerSessionLifetime = TimeSpan.FromHours(8);
    private const int MaxCodesPerDay = 10;
    private const int MaxAttemptsPerCode = 5;

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/sms-codes", SendSmsCode).WithName("SendSmsCode").WithSummary("Send an applicant a log-in code by SMS");
        group.MapPost("/applicant-sessions", ApplicantLogin).WithName("LogInApplicant").WithSummary("Log an applicant in with phone and SMS code");
        group.MapPost("/officer-sessions", OfficerLogin).WithName("LogInOfficer").WithSummary("Log an officer in with username and password");
        group.MapDelete("/sessions/current", Logout).RequireAuthorization().WithName("LogOut").WithSummary("End the current session everywhere");
        return group;
    }

    public static async Task<Results<Accepted<SmsCodeSent>, ProblemHttpResult>> SendSmsCode(
        SmsCodeRequest request, IdReissueDbContext db, ISmsSender sms, AbuseLimiter limiter, IOptions<AbuseLimitOptions> limits, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken)
    {
        var phone = PhoneNumber.Require(request.Phone);
        var phoneIndex = db.BlindIndex(BlindIndexKinds.Phone, phone);
        var client = ClientNetworks.KeyOf(http);
        await limiter.LimitAsync($"sms-client-minute:{client}", limits.Value.SmsPerClientPerMinute, TimeSpan.FromMinutes(1),
            "sms_client_limit", "当前网络获取验证码过于频繁，请{0}后再试。", cancellationToken);
        await limiter.LimitAsync($"sms-client-day:{client}", limits.Value.SmsPerClientPerDay, TimeSpan.FromDays(1),
            "sms_client_daily_limit", "当前网络今日获取验证码次数已达上限，请{0}后再试。", cancellationToken);
        var now = time.GetUtcNow();
        var dayStart = now - TimeSpan.FromDays(1);
        var recent = await db.SmsCodes.Where(c => c.PhoneIndex == phoneIndex && c.CreatedAt > dayStart)
            .OrderByDescending(c => c.CreatedAt).Select(c => c.CreatedAt).ToListAsync(cancellationToken);
        if (recent.Count > 0 && now - recent[0] < ResendInterval)
        {
            var wait = (int)Math.Ceiling((ResendInterval - (now - recent[0])).TotalSeconds);
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return Problems.Create(429, "sms_too_frequent", $"验证码发送过于频繁，请{wait}秒后再试。");
        }

        if (recent.Count >= MaxCodesPerDay)
        {
            http.Response.Headers.RetryAfter = "86400";
            return Problems.Create(429, "sms_daily_limit", "该手机号今日获取验证码次数已达上限，请明天再试。");
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var record = new SmsCodeRecord
        {
            Id = Guid.NewGuid(),
            Phone = phone,
            ClientIndex = client,
            CodeHash = TokenHash.Of(phone + ":" + code),
            CreatedAt = now,
            ExpiresAt = now + CodeLifetime,
        };
        db.SmsCodes.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        // Sent at once, not through the outbox: a log-in code is worthless late, and if sending fails the
        // request fails and the person simply asks again.
        await sms.SendAsync($"login:{record.Id:N}", phone, SmsText.LoginCode(code, (int)CodeLifetime.TotalMinutes), cancellationToken);
        return TypedResults.Accepted((string?)null, new SmsCodeSent(PersonalDataMask.Phone(phone), (int)CodeLifetime.TotalSeconds, (int)ResendInterval.TotalSeconds));
    }

    public static async Task<Results<Ok<SessionIssued>, ProblemHttpResult>> ApplicantLogin(
        ApplicantLoginRequest request, IdReissueDbContext db, IApplicantAccountStore accounts, AuditTrail audit, AbuseLimiter limiter, IOptions<AbuseLimitOptions> limits, TimeProvider time,
        HttpContext http, CancellationToken cancellationToken)
    {
        var phone = PhoneNumber.Require(request.Phone);
        var phoneIndex = db.BlindIndex(BlindIndexKinds.Phone, phone);
        var lockKey = $"login-phone:{phoneIndex}";
        var clientKey = await ReserveClientAttemptAsync(limiter, http, db, limits.Value, cancellationToken);
        await limiter.RequireNotLockedAsync(lockKey, limits.Value.ApplicantLoginFailuresBeforeLock, cancellationToken);
        var now = time.GetUtcNow();
        var pending = await db.SmsCodes.AsNoTracking().Where(c => c.PhoneIndex == phoneIndex && c.UsedAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);

        // Each attempt takes one of the code's tries before the code is compared, in one conditional UPDATE:
        // parallel guesses cannot all read "0 tries used" and so get more than MaxAttemptsPerCode between them.
        if (pending is null || await db.SmsCodes.Where(c => c.Id == pending.Id && c.UsedAt == null && c.FailedAttempts < MaxAttemptsPerCode)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken) == 0)
        {
            return Problems.Validation("sms_code_expired", "验证码已失效，请重新获取。", "code");
        }

        if (!CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(TokenHash.Of(phone + ":" + (request.Code ?? string.Empty).Trim())),
                System.Text.Encoding.ASCII.GetBytes(pending.CodeHash)))
        {
            await RecordFailureAsync(limiter, lockKey, cancellationToken);
            var left = MaxAttemptsPerCode - await db.SmsCodes.AsNoTracking().Where(c => c.Id == pending.Id).Select(c => c.FailedAttempts).SingleAsync(cancellationToken);
            return Problems.Validation("sms_code_invalid", left > 0 ? $"验证码错误，还可尝试{left}次。" : "验证码错误次数过多，请重新获取。", "code");
        }

        // Single use even when the right code arrives twice at once: only one request marks it used.
        if (await db.SmsCodes.Where(c => c.Id == pending.Id && c.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken) == 0)
        {
            return Problems.Validation("sms_code_expired", "验证码已失效，请重新获取。", "code");
        }

        var account = await accounts.FindByPhoneAsync(phone, cancellationToken);
        if (account is null)
        {
            account = ApplicantAccount.Register(Guid.NewGuid(), phone, now);
            accounts.Add(account);
        }

        var token = IssueSession(db, SessionKinds.Applicant, account.Id.ToString(), now, ApplicantSessionLifetime);
        audit.Record(Actor.Applicant(account.Id), "login", "applicant-session", PersonalDataMask.Phone(phone));
        await db.SaveChangesAsync(cancellationToken);
        await limiter.ClearAsync(lockKey, cancellationToken);
        await limiter.ReleaseAsync(clientKey, cancellationToken);
        return TypedResults.Ok(new SessionIssued(token, now + ApplicantSessionLifetime, SessionKinds.Applicant, account.Id.ToString(), [], null));
    }

    public static async Task<Results<Ok<SessionIssued>, ProblemHttpResult>> OfficerLogin(
        OfficerLoginRequest request, IdReissueDbContext db, AuditTrail audit, AbuseLimiter limiter, IOptions<AbuseLimitOptions> limits, TimeProvider time,
        HttpContext http, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var username = (request.Username ?? string.Empty).Trim();
        var lockKey = $"login-officer:{(username.Length > 60 ? username[..60] : username)}";
        var clientKey = await ReserveClientAttemptAsync(limiter, http, db, limits.Value, cancellationToken);
        await limiter.RequireNotLockedAsync(lockKey, limits.Value.OfficerLoginFailuresBeforeLock, cancellationToken);
        var officer = await db.Officers.SingleOrDefaultAsync(o => o.Username == username, cancellationToken);

        // The password is hashed whether or not the username exists, so the answer's timing does not tell
        // which usernames are real.
        var passwordMatches = PasswordHasher.Verify(request.Password ?? string.Empty, officer?.PasswordHash ?? PasswordHasher.Unmatchable);
        if (officer is null || officer.Disabled || !passwordMatches)
        {
            audit.Record(Actor.Officer(username.Length > 40 ? username[..40] : username), "login.failed", "officer-session", null);
            await db.SaveChangesAsync(cancellationToken);
            await RecordFailureAsync(limiter, lockKey, cancellationToken);
            return Problems.Create(401, "invalid_credentials", "用户名或密码错误。");
        }

        var token = IssueSession(db, SessionKinds.Officer, officer.Username, now, OfficerSessionLifetime);
        audit.Record(Actor.Officer(officer.Username), "login", "officer-session", null);
        await db.SaveChangesAsync(cancellationToken);
        await limiter.ClearAsync(lockKey, cancellationToken);
        await limiter.ReleaseAsync(clientKey, cancellationToken);
        return TypedResults.Ok(new SessionIssued(token, now + OfficerSessionLifetime, SessionKinds.Officer, officer.Username,
            officer.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), officer.RegionId));
    }

    public static async Task<NoContent> Logout(HttpContext http, IdReissueDbContext db, SessionCache cache, CancellationToken cancellationToken)
    {
        var hash = TokenHash.Of(SessionToken.Read(http.Request) ?? string.Empty);
        await db.Sessions.Where(s => s.TokenHash == hash).ExecuteDeleteAsync(cancellationToken);
        cache.Remove(hash);
        return TypedResults.NoContent();
    }

    /// <summary>Every attempt takes one of its address's failures up front, in one conditional statement, and a
    /// successful log-in gives it back: an address at its limit is refused before its attempt is checked (a
    /// guesser learns nothing more, not even from the right answer), and a parallel burst cannot pass the limit.</summary>
    private static async Task<string> ReserveClientAttemptAsync(AbuseLimiter limiter, HttpContext http, IdReissueDbContext db, AbuseLimitOptions limits, CancellationToken cancellationToken)
    {
        var key = $"login-client:{ClientNetworks.KeyOf(http)}";
        await limiter.LimitAsync(key, limits.LoginFailuresPerClientPerHour, TimeSpan.FromHours(1), "login_client_limit", "当前网络登录失败次数过多，请{0}后再试。", cancellationToken);
        return key;
    }

    /// <summary>A failure counts against the account (back-off lock); the address's share was taken when the attempt began.</summary>
    private static async Task RecordFailureAsync(AbuseLimiter limiter, string lockKey, CancellationToken cancellationToken) =>
        await limiter.RecordFailureAsync(lockKey, TimeSpan.FromDays(1), cancellationToken);

    private static string IssueSession(IdReissueDbContext db, string kind, string subject, DateTimeOffset now, TimeSpan lifetime)
    {
        var token = TokenHash.NewToken();
        db.Sessions.Add(new SessionRecord { TokenHash = TokenHash.Of(token), Kind = kind, Subject = subject, CreatedAt = now, ExpiresAt = now + lifetime });
        return token;
    }
}
