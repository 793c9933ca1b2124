using IdReissue.Application.Common;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Review;

/// <summary>Send the application back for a new photo, with the reason.</summary>
public sealed record RequestNewPhoto(Guid ApplicationId, OfficerScope Officer, string? Reason);

public sealed class RequestNewPhotoHandler(OfficerDecision decision)
{
    public Task<Result<ReissueApplication>> HandleAsync(RequestNewPhoto command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return decision.DecideAsync(command.ApplicationId, command.Officer, "application.request-new-photo", command.Reason, (a, now, actor) =>
        {
            a.RequestNewPhoto(command.Reason ?? string.Empty, now, actor);
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
