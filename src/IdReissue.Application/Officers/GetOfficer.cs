using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Officers;

/// <summary>One officer's account as an administrator sees it, with their open sessions and recovery codes left.</summary>
public sealed record GetOfficer(OfficerScope Administrator, string Username);

public sealed record OfficerDetail(OfficerCredentials Officer, IReadOnlyList<SessionSummary> Sessions, int RecoveryCodesLeft);

public sealed class GetOfficerHandler(IOfficerAccountStore officers, OfficerAdministration rules, ISessionStore sessions, TimeProvider time)
{
    public async Task<Result<OfficerDetail>> HandleAsync(GetOfficer query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if ((await rules.AdministratorAsync(query.Administrator, cancellationToken)).Problem is { } notAdmin)
        {
            return notAdmin;
        }

        var target = await rules.TargetAsync(query.Administrator, query.Username, cancellationToken);
        if (!target.Succeeded)
        {
            return target.Problem!;
        }

        var username = target.Value.Username;
        return new OfficerDetail(target.Value,
            await sessions.ListAsync(OfficerAdministration.OfficerSessionKinds, username, time.GetUtcNow(), cancellationToken),
            await officers.CountRecoveryCodesAsync(username, cancellationToken));
    }
}
