using IdReissue.Application.Common;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Review;

/// <summary>Let an application its registered holder disowned (不是我本人) go on, with the reason (the applicant proven to be the holder in person).</summary>
public sealed record ClearHolderDenial(Guid ApplicationId, OfficerScope Officer, string? Reason);

public sealed class ClearHolderDenialHandler(OfficerDecision decision)
{
    public Task<Result<ReissueApplication>> HandleAsync(ClearHolderDenial command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return decision.DecideAsync(command.ApplicationId, command.Officer, "application.clear-holder-denial", command.Reason, (a, now, actor) =>
        {
            a.ClearHolderDenial(command.Reason ?? string.Empty, now, actor);
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
