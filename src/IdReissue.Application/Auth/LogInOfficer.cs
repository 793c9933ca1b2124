using IdReissue.Application.Abuse;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Auth;

/// <summary>Log an officer in with username and password; every failure is audited.</summary>
public sealed record LogInOfficer(string? Username, string? Password, string ClientKey);

public sealed class LogInOfficerHandler(
    IOfficerAccountStore officers, ISessionStore sessions, LoginAttempts attempts, AbuseLimitOptions limits, IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public async Task<Result<SessionOpened>> HandleAsync(LogInOfficer command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var username = (command.Username ?? string.Empty).Trim();
        var lockKey = $"login-officer:{(username.Length > 60 ? username[..60] : username)}";
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

        var token = sessions.Open(SessionKinds.Officer, officer.Username, now, SessionLifetime);
        audit.Record(Actor.Officer(officer.Username), "login", "officer-session", null);
        await unitOfWork.SaveAsync(cancellationToken);
        await attempts.SucceededAsync(lockKey, reserved, cancellationToken);
        return new SessionOpened(token, now + SessionLifetime, SessionKinds.Officer, officer.Username, officer.Roles, officer.RegionId);
    }
}
