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
        var administered = await rules.AdministerAsync(query.Administrator, query.Username, cancellationToken);
        if (!administered.Succeeded)
        {
            return administered.Problem!;
        }

        var target = administered.Value.Target;
        var username = target.Username;
        return new OfficerDetail(target,
            await sessions.ListAsync(OfficerAdministration.OfficerSessionKinds, username, time.GetUtcNow(), cancellationToken),
            await officers.CountRecoveryCodesAsync(username, cancellationToken));
    }
}
