using IdReissue.Application.Abuse;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Auth;

/// <summary>The second step of an officer's log-in: a TOTP code from the authenticator app, or one of the recovery codes,
/// on the pending session the password opened. Wrong (and replayed) codes count against the account as wrong passwords do.</summary>
public sealed record VerifySecondFactor(string PendingToken, string Username, string? Code, string? RecoveryCode, string ClientKey);

public sealed class VerifySecondFactorHandler(
    IOfficerAccountStore officers, IOfficerSecrets secrets, ISessionStore sessions, OfficerSignIn signIn, LoginAttempts attempts,
    AbuseLimitOptions limits, IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<SessionOpened>> HandleAsync(VerifySecondFactor command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var lockKey = OfficerSignIn.LockKey(command.Username);
        var reserved = await attempts.BeginAsync(command.ClientKey, lockKey, limits.OfficerLoginFailuresBeforeLock, cancellationToken);
        var officer = await officers.FindAsync(command.Username, cancellationToken);
        if (officer is null || officer.Disabled || officer.SecondFactorSecret is not { } secret)
        {
            return new Problem(DomainErrorKind.Unauthenticated, "second_factor_unavailable", "该账号尚未绑定动态码，请重新登录。");
        }

        Problem? refused = null;
        string how;
        if (!string.IsNullOrWhiteSpace(command.RecoveryCode))
        {
            how = "recovery code";
            if (!await officers.UseRecoveryCodeAsync(officer.Username, secrets.RecoveryCodeDigest(command.RecoveryCode), cancellationToken))
            {
                refused = Problem.Invalid("recovery_code_invalid", "恢复码不正确或已使用过。", "recoveryCode");
            }
        }
        else
        {
            how = "second factor";
            var step = secrets.MatchTimeStep(secret, command.Code, time.GetUtcNow());
            if (step is null)
            {
                refused = Problem.Invalid("second_factor_invalid", "动态码不正确，请输入身份验证器上当前显示的6位数字。", "code");
            }
            else if (!await officers.ClaimTimeStepAsync(officer.Username, step.Value, cancellationToken))
            {
                refused = Problem.Invalid("second_factor_replayed", "该动态码已使用过，请等待身份验证器显示下一个动态码。", "code");
            }
        }

        if (refused is not null)
        {
            audit.Record(Actor.Officer(officer.Username), "login.second-factor-failed", "officer-session", refused.Code);
            await unitOfWork.SaveAsync(cancellationToken);
            await attempts.FailedAsync(lockKey, cancellationToken);
            return refused;
        }

        await sessions.EndAsync(command.PendingToken, cancellationToken);
        var opened = signIn.Open(officer, how);
        await unitOfWork.SaveAsync(cancellationToken);
        await attempts.SucceededAsync(lockKey, reserved, cancellationToken);
        return opened;
    }
}
