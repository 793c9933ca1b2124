using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Officers;

/// <summary>
/// An administrator resets an officer (a forgotten password, a lost phone): the password, the second factor and the
/// recovery codes are forgotten, every session ends at once, and a new one-time set-up link is issued, through which
/// the officer chooses a new password and enrols a new second factor. <see cref="Administrator"/> null: the operator's
/// command line (`admin reset`), for an administrator who is locked out.
/// </summary>
public sealed record ResetOfficer(OfficerScope? Administrator, string Username);

public sealed class ResetOfficerHandler(
    IOfficerAccountStore officers, OfficerAdministration rules, IOfficerSecrets secrets, OfficerOptions options, IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<OfficerSetupLink>> HandleAsync(ResetOfficer command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Administrator is not null && (await rules.AdministratorAsync(command.Administrator, cancellationToken)).Problem is { } notAdmin)
        {
            return notAdmin;
        }

        var target = await rules.TargetAsync(command.Administrator, command.Username, cancellationToken);
        if (!target.Succeeded)
        {
            return target.Problem!;
        }

        var token = secrets.NewToken();
        var expiresAt = time.GetUtcNow() + options.SetupLinkLifetime;
        await officers.ResetAsync(target.Value.Username, secrets.Digest(token), expiresAt, cancellationToken);
        audit.Record(command.Administrator?.Actor ?? Actor.System, "officer.reset", $"officer:{target.Value.Username}",
            $"password, second factor and recovery codes cleared, sessions ended; set-up link issued"
            + (command.Administrator is null ? "; by the operator's command line" : string.Empty));
        await unitOfWork.SaveAsync(cancellationToken);
        await rules.EndSessionsAsync(target.Value.Username, cancellationToken);
        return new OfficerSetupLink(target.Value.Username, token, expiresAt);
    }
}
