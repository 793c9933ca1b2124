using IdReissue.Application.Abuse;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Auth;

/// <summary>Log an officer in with username and password; every failure is audited. An officer with a second factor
/// (or without one, where the service requires it) gets a pending session for that step instead.</summary>
public sealed record LogInOfficer(string? Username, string? Password, string ClientKey);

public sealed class LogInOfficerHandler(
    IOfficerAccountStore officers, OfficerSignIn signIn, LoginAttempts attempts, AbuseLimitOptions limits, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public static readonly TimeSpan SessionLifetime = OfficerSignIn.SessionLifetime;

    public async Task<Result<SessionOpened>> HandleAsync(LogInOfficer command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var username = (command.Username ?? string.Empty).Trim();
        var lockKey = OfficerSignIn.LockKey(username);
        var reserved = await attempts.BeginAsync(command.ClientKey, lockKey, limits.OfficerLoginFailuresBeforeLock, cancellationToken);
        var officer = await officers.FindAsync(username, cancellationToken);
        var passwordMatches = officers.PasswordMatches(officer, command.Password ?? string.Empty);
        if (officer is null || officer.Disabled || !passwordMatches)
        {
            audit.Record(Actor.Officer(username.Length > 40 ? username[..40] : username), "login.failed", "officer-session", null);
            await unitOfWork.SaveAsync(cancellationToken);
            await attempts.FailedAsync(lockKey, cancellationToken);
            return new Problem(DomainErrorKind.Unauthenticated, "invalid_credentials", "用户名或密码错误。");
        }

        var opened = signIn.AfterPassword(officer);
        await unitOfWork.SaveAsync(cancellationToken);
        if (opened.Kind == SessionKinds.Officer)
        {
            await attempts.SucceededAsync(lockKey, reserved, cancellationToken);
        }
        else
        {
            // The account's failures stand until the second factor is right too: a right password must not wipe out
            // wrong codes, or a guesser who holds it could try codes for ever.
            await attempts.ReleaseAsync(reserved, cancellationToken);
        }

        return opened;
    }
}
