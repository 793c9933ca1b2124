using IdReissue.Application.Common;
using IdReissue.Application.Review;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Delivery;

/// <summary>An officer confirms delivery when the courier's event did not arrive.</summary>
public sealed record ConfirmDelivery(Guid ApplicationId, OfficerScope Officer);

public sealed class ConfirmDeliveryHandler(OfficerDecision decision)
{
    public Task<Result<ReissueApplication>> HandleAsync(ConfirmDelivery command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return decision.DecideAsync(command.ApplicationId, command.Officer, "application.deliver", "confirmed by officer", (a, now, actor) =>
        {
            a.Deliver(now, actor);
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
