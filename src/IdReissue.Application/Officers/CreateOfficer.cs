using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Officers;

/// <summary>
/// A new officer account, without a password: the answer is a one-time set-up link (it expires) through which the
/// officer chooses one (and enrols the second factor where it is required). <see cref="Administrator"/> is null for
/// the operator's command line (`admin create`), which makes the first administrator of an empty database.
/// </summary>
public sealed record CreateOfficer(OfficerScope? Administrator, string? Username, string? DisplayName, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Regions);

/// <summary>The one-time link's token (shown once; only its digest is kept) and until when it works.</summary>
public sealed record OfficerSetupLink(string Username, string Token, DateTimeOffset ExpiresAt)
{
    public string Path => $"/officer/setup/{Token}";
}

public sealed class CreateOfficerHandler(
    IOfficerAccountStore officers, OfficerAdministration rules, IOfficerSecrets secrets, OfficerOptions options, IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<OfficerSetupLink>> HandleAsync(CreateOfficer command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Administrator is not null && (await rules.AdministratorAsync(command.Administrator, cancellationToken)).Problem is { } notAdmin)
        {
            return notAdmin;
        }

        var username = command.Username?.Trim();
        var (roles, unknownRole) = OfficerAdministration.CheckRoles(command.Roles);
        var (regions, badRegions) = rules.CheckRegions(command.Administrator, command.Regions);
        var problem = OfficerAdministration.CheckUsername(username) ?? OfficerAdministration.CheckDisplayName(command.DisplayName) ?? unknownRole ?? badRegions;
        if (problem is not null)
        {
            return problem;
        }

        if (await officers.FindAsync(username!, cancellationToken) is not null)
        {
            return Problem.Invalid("username_taken", "该用户名已被使用。", "username");
        }

        var token = secrets.NewToken();
        var expiresAt = time.GetUtcNow() + options.SetupLinkLifetime;
        var displayName = command.DisplayName!.Trim();
        officers.Add(username!, displayName, roles, regions, secrets.Digest(token), expiresAt);
        audit.Record(command.Administrator?.Actor ?? Actor.System, "officer.create", $"officer:{username}",
            OfficerAdministration.Changes(("name", null, displayName), ("roles", null, OfficerRights.Describe(roles)), ("regions", null, regions.ToString()))
            + (command.Administrator is null ? "; by the operator's command line" : string.Empty));
        await unitOfWork.SaveAsync(cancellationToken);
        return new OfficerSetupLink(username!, token, expiresAt);
    }
}
