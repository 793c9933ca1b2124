using IdReissue.Application.Auth;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Officers;

/// <summary>An administrator lifts the lock that wrong passwords or codes put on an officer's log-in.</summary>
public sealed record UnlockOfficer(OfficerScope Administrator, string Username);

public sealed class UnlockOfficerHandler(OfficerAdministration rules, IAbuseLimiter limiter, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<OfficerCredentials>> HandleAsync(UnlockOfficer command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var administered = await rules.AdministerAsync(command.Administrator, command.Username, cancellationToken);
        if (!administered.Succeeded)
        {
            return administered.Problem!;
        }

        var target = administered.Value.Target;
        await limiter.ClearAsync(OfficerSignIn.LockKey(target.Username), cancellationToken);
        audit.Record(command.Administrator.Actor, "officer.unlock", $"officer:{target.Username}", "log-in failures cleared");
        await unitOfWork.SaveAsync(cancellationToken);
        return target;
    }
}
