using IdReissue.Application.Ports;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Delivery;

/// <summary>The courier's genuine (signature verified) waybill event, pushed to us.</summary>
public sealed record RecordWaybillUpdate(CourierEvent Event);

public sealed class RecordWaybillUpdateHandler(CourierEvents events, IUnitOfWork unitOfWork, TimeProvider time)
{
    /// <summary>What the event did (<see cref="CourierEvents"/>): null when seen before; <see cref="CourierEvents.UnknownWaybill"/> is not acknowledged, so the courier sends it again.</summary>
    public async Task<string?> HandleAsync(RecordWaybillUpdate command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var outcome = await events.ApplyAsync(command.Event, time.GetUtcNow(), cancellationToken);
        if (outcome is not null && outcome != CourierEvents.UnknownWaybill)
        {
            await unitOfWork.SaveAsync(cancellationToken);
        }

        return outcome;
    }
}
