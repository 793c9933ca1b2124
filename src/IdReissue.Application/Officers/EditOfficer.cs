using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Officers;

/// <summary>An administrator changes an officer's name, roles and regions ("*": every region). Never their own rights upwards,
/// never the last enabled administrator's role away. Takes effect on the officer's next request (roles and regions are read
/// on every request).</summary>
public sealed record EditOfficer(OfficerScope Administrator, string Username, string? DisplayName, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Regions);

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
        var (regions, badRegions) = rules.CheckRegions(command.Administrator, command.Regions);
        var problem = OfficerAdministration.CheckDisplayName(command.DisplayName) ?? unknownRole ?? badRegions
            ?? OfficerAdministration.CheckNoSelfRaise(acting, before, roles, regions)
            ?? await rules.CheckNotLastAdministratorAsync(before, roles.Contains(OfficerRights.Admin), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var displayName = command.DisplayName!.Trim();
        await officers.EditAsync(before.Username, displayName, roles, regions, cancellationToken);
        audit.Record(command.Administrator.Actor, "officer.edit", $"officer:{before.Username}", OfficerAdministration.Changes(
            ("name", before.DisplayName, displayName),
            ("roles", OfficerRights.Describe(before.Roles), OfficerRights.Describe(roles)),
            ("regions", before.Regions.ToString(), regions.ToString())));
        if (!before.Disabled && before.Roles.Contains(OfficerRights.Admin) && !roles.Contains(OfficerRights.Admin))
        {
            if (await rules.SaveKeepingAnAdministratorAsync(cancellationToken) is { } last)
            {
                return last;
            }
        }
        else
        {
            await unitOfWork.SaveAsync(cancellationToken);
        }

        return before with { DisplayName = displayName, Roles = roles, Regions = regions };
    }
}
