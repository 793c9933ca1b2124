using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Officers;

/// <summary>An administrator disables an officer (someone who left, or is suspended): every session they hold ends at once,
/// on every node, and they cannot sign in. Or enables them again. Never oneself; never the last enabled administrator.</summary>
public sealed record SetOfficerDisabled(OfficerScope Administrator, string Username, bool Disabled);

public sealed class SetOfficerDisabledHandler(IOfficerAccountStore officers, OfficerAdministration rules, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<OfficerCredentials>> HandleAsync(SetOfficerDisabled command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var administered = await rules.AdministerAsync(command.Administrator, command.Username, cancellationToken);
        if (!administered.Succeeded)
        {
            return administered.Problem!;
        }

        var before = administered.Value.Target;
        if (command.Disabled && before.Username == command.Administrator.Username)
        {
            return Problem.Conflict("cannot_disable_self", "不能停用自己的账号，请由另一名管理员办理。");
        }

        if (command.Disabled && await rules.CheckNotLastAdministratorAsync(before, staysAdministrator: false, cancellationToken) is { } last)
        {
            return last;
        }

        if (before.Disabled == command.Disabled)
        {
            return before;
        }

        await officers.SetDisabledAsync(before.Username, command.Disabled, cancellationToken);
        audit.Record(command.Administrator.Actor, command.Disabled ? "officer.disable" : "officer.enable", $"officer:{before.Username}",
            OfficerAdministration.Changes(("state", before.Disabled ? "disabled" : "enabled", command.Disabled ? "disabled" : "enabled")));
        if (command.Disabled && before.Roles.Contains(OfficerRights.Admin))
        {
            if (await rules.SaveKeepingAnAdministratorAsync(cancellationToken) is { } noneLeft)
            {
                return noneLeft;
            }
        }
        else
        {
            await unitOfWork.SaveAsync(cancellationToken);
        }

        if (command.Disabled)
        {
            await rules.EndSessionsAsync(before.Username, cancellationToken);
        }

        return before with { Disabled = command.Disabled };
    }
}
