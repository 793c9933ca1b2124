using IdReissue.Application.Abuse;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Auth;

/// <summary>A code from the app confirms the drawn secret: it becomes the officer's second factor, with 10 one-time recovery
/// codes (shown once, stored as digests). From a pending log-in, the officer's session opens. Wrong codes back off.</summary>
public sealed record ConfirmSecondFactorEnrolment(string Username, string? Code, string? PendingToken, string ClientKey);

public sealed record SecondFactorEnrolled(IReadOnlyList<string> RecoveryCodes, SessionOpened? Session);

public sealed class ConfirmSecondFactorEnrolmentHandler(
    IOfficerAccountStore officers, IOfficerSecrets secrets, ISessionStore sessions, OfficerSignIn signIn, LoginAttempts attempts,
    AbuseLimitOptions limits, IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;

    public async Task<Result<SecondFactorEnrolled>> HandleAsync(ConfirmSecondFactorEnrolment command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var lockKey = OfficerSignIn.LockKey(command.Username);
        var reserved = await attempts.BeginAsync(command.ClientKey, lockKey, limits.OfficerLoginFailuresBeforeLock, cancellationToken);
        var officer = await officers.FindAsync(command.Username, cancellationToken);
        if (officer is null || officer.Disabled)
        {
            return Problem.NotFound("officer_not_found", "未找到该办事人员账号。");
        }

        if (officer.HasSecondFactor)
        {
            return Problem.Conflict("second_factor_enrolled", "已绑定身份验证器。如需更换，请联系管理员重置账号。");
        }

        if (officer.PendingSecondFactorSecret is not { } secret)
        {
            return Problem.Conflict("second_factor_not_started", "请先扫描二维码添加身份验证器。");
        }

        if (secrets.MatchTimeStep(secret, command.Code, time.GetUtcNow()) is not { } step)
        {
            audit.Record(Actor.Officer(officer.Username), "login.second-factor-failed", "officer-session", "enrolment");
            await unitOfWork.SaveAsync(cancellationToken);
            await attempts.FailedAsync(lockKey, cancellationToken);
            return Problem.Invalid("second_factor_invalid", "动态码不正确，请输入身份验证器上当前显示的6位数字。", "code");
        }

        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => secrets.NewRecoveryCode()).ToList();
        await officers.ConfirmSecondFactorAsync(officer.Username, step, codes.Select(secrets.RecoveryCodeDigest).ToList(), cancellationToken);
        audit.Record(Actor.Officer(officer.Username), "officer.second-factor.enrol", $"officer:{officer.Username}", $"TOTP; {RecoveryCodeCount} recovery codes");
        SessionOpened? session = null;
        if (command.PendingToken is not null)
        {
            await sessions.EndAsync(command.PendingToken, cancellationToken);
            session = signIn.Open(officer with { SecondFactorSecret = secret }, "second factor enrolled");
        }

        await unitOfWork.SaveAsync(cancellationToken);
        await attempts.SucceededAsync(lockKey, reserved, cancellationToken);
        return new SecondFactorEnrolled(codes, session);
    }
}
