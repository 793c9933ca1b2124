using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Officers;

/// <summary>Ends one session of an officer's at once, on every node: an officer ends their own; an administrator anyone's
/// they manage. Audited.</summary>
public sealed record EndOfficerSession(OfficerScope Actor, string Username, string SessionId);

public sealed class EndOfficerSessionHandler(ISessionStore sessions, OfficerAdministration rules, IAuditLog audit, IUnitOfWork unitOfWork)
{
    private static readonly Problem NotFound = Problem.NotFound("session_not_found", "未找到该会话，可能已结束或已过期。");

    public async Task<Result<string>> HandleAsync(EndOfficerSession command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Username != command.Actor.Username)
        {
            if ((await rules.AdministerAsync(command.Actor, command.Username, cancellationToken)).Problem is { } refused)
            {
                return refused;
            }
        }

        if (!await sessions.EndAsync(OfficerAdministration.OfficerSessionKinds, command.Username, command.SessionId, cancellationToken))
        {
            return NotFound;
        }

        audit.Record(command.Actor.Actor, "officer.session.end", $"officer:{command.Username}", $"session {SessionLabel(command.SessionId)}");
        await unitOfWork.SaveAsync(cancellationToken);
        return command.SessionId;
    }

    /// <summary>The first characters of the session's digest, enough to tell sessions apart in the audit log.</summary>
    public static string SessionLabel(string sessionId) => sessionId.Length > 12 ? sessionId[..12] : sessionId;
}
