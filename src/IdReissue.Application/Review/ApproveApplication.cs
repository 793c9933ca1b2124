using IdReissue.Application.Common;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Review;

/// <summary>Approve an application under review.</summary>
public sealed record ApproveApplication(Guid ApplicationId, OfficerScope Officer);

public sealed class ApproveApplicationHandler(OfficerDecision decision)
{
    public Task<Result<ReissueApplication>> HandleAsync(ApproveApplication command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return decision.DecideAsync(command.ApplicationId, command.Officer, "application.approve", null, (a, now, actor) =>
        {
            a.Approve(now, actor);
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
