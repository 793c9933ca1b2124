using IdReissue.Application.Abuse;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Accounts;
using IdReissue.Domain.Common;
using IdReissue.Domain.Identity;

namespace IdReissue.Application.Auth;

/// <summary>Log an applicant in with phone and SMS code; the first log-in of a phone makes its account.</summary>
public sealed record LogInApplicant(string? Phone, string? Code, string ClientKey);

public sealed class LogInApplicantHandler(
    ISmsCodeStore codes, IApplicantAccountStore accounts, ISessionStore sessions, IBlindIndexes indexes, LoginAttempts attempts, AbuseLimitOptions limits,
    IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);
    private const int TriesPerCode = 5;

    public async Task<Result<SessionOpened>> HandleAsync(LogInApplicant command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var phone = PhoneNumber.Require(command.Phone);
        var lockKey = $"login-phone:{indexes.OfPhone(phone)}";
        var reserved = await attempts.BeginAsync(command.ClientKey, lockKey, limits.ApplicantLoginFailuresBeforeLock, cancellationToken);
        var now = time.GetUtcNow();
        var pending = await codes.LatestUsableAsync(phone, now, cancellationToken);

        // Each attempt takes one of the code's tries before the code is compared, in one conditional write:
        // parallel guesses cannot all read "0 tries used" and so get more than TriesPerCode between them.
        if (pending is null || !await codes.TakeTryAsync(pending.Id, TriesPerCode, cancellationToken))
        {
            return Expired;
        }

        if (!codes.Matches(pending, phone, (command.Code ?? string.Empty).Trim()))
        {
            await attempts.FailedAsync(lockKey, cancellationToken);
            var left = TriesPerCode - await codes.TriesTakenAsync(pending.Id, cancellationToken);
            return Problem.Invalid("sms_code_invalid", left > 0 ? $"验证码错误，还可尝试{left}次。" : "验证码错误次数过多，请重新获取。", "code");
        }

        // Single use even when the right code arrives twice at once: only one request marks it used.
        if (!await codes.UseAsync(pending.Id, now, cancellationToken))
        {
            return Expired;
        }

        var account = await accounts.FindByPhoneAsync(phone, cancellationToken);
        if (account is null)
        {
            account = ApplicantAccount.Register(Guid.NewGuid(), phone, now);
            accounts.Add(account);
        }

        var token = sessions.Open(SessionKinds.Applicant, account.Id.ToString(), now, SessionLifetime);
        audit.Record(Actor.Applicant(account.Id), "login", "applicant-session", PersonalDataMask.Phone(phone));
        await unitOfWork.SaveAsync(cancellationToken);
        await attempts.SucceededAsync(lockKey, reserved, cancellationToken);
        return new SessionOpened(token, now + SessionLifetime, SessionKinds.Applicant, account.Id.ToString(), [], null);
    }

    private static Problem Expired { get; } = Problem.Invalid("sms_code_expired", "验证码已失效，请重新获取。", "code");
}
