using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Officers;

/// <summary>An administrator changes an officer's name, roles and region. Never their own rights upwards, never the last
/// enabled administrator's role away. Takes effect on the officer's next request (roles are read on every request).</summary>
public sealed record EditOfficer(OfficerScope Administrator, string Username, string? DisplayName, IReadOnlyList<string>? Roles, string? Region);

public sealed class EditOfficerHandler(IOfficerAccountStore officers, OfficerAdministration rules, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<OfficerCredentials>> HandleAsync(EditOfficer command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var administered = await rules.AdministerAsync(command.Administrator, command.Username, cancellationToken);
        if (!administered.Succeeded)
        {
            return administered.Problem!;
        }

        var (acting, before) = administered.Value;
        var (roles, unknownRole) = OfficerAdministration.CheckRoles(command.Roles);
        var problem = OfficerAdministration.CheckDisplayName(command.DisplayName) ?? unknownRole ?? rules.CheckRegion(command.Administrator, command.Region)
            ?? OfficerAdministration.CheckNoSelfRaise(acting, before, roles, command.Region!)
            ?? await rules.CheckNotLastAdministratorAsync(before, roles.Contains(OfficerRights.Admin), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var displayName = command.DisplayName!.Trim();
        await officers.EditAsync(before.Username, displayName, roles, command.Region!, cancellationToken);
        audit.Record(command.Administrator.Actor, "officer.edit", $"officer:{before.Username}", OfficerAdministration.Changes(
            ("name", before.DisplayName, displayName),
            ("roles", OfficerRights.Describe(before.Roles), OfficerRights.Describe(roles)),
            ("region", before.RegionId, command.Region)));
        await unitOfWork.SaveAsync(cancellationToken);
        return before with { DisplayName = displayName, Roles = roles, RegionId = command.Region! };
    }
}
