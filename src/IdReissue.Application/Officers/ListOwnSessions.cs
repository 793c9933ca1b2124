using IdReissue.Application.Ports;

namespace IdReissue.Application.Officers;

/// <summary>The signed-in officer's own open sessions (every browser and client they are signed in on).</summary>
public sealed record ListOwnSessions(string Username);

public sealed class ListOwnSessionsHandler(ISessionStore sessions, TimeProvider time)
{
    public Task<IReadOnlyList<SessionSummary>> HandleAsync(ListOwnSessions query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return sessions.ListAsync(OfficerAdministration.OfficerSessionKinds, query.Username, time.GetUtcNow(), cancellationToken);
    }
}
