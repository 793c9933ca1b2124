using IdReissue.Application.Delivery;
using IdReissue.Infrastructure.Outbox;

namespace IdReissue.Web.Delivery;

/// <summary>The outbox's door to <see cref="TrackDispatchedCardHandler"/>: tracked since the message was made, its changes commit with the message's.</summary>
public sealed class CourierTrackingHandler(TrackDispatchedCardHandler handler) : IOutboxHandler
{
    public string Kind => DispatchCardHandler.TrackKind;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return OutboxOutcome.From(await handler.HandleAsync(message.Read<TrackWaybill>(), message.CreatedAt, cancellationToken));
    }
}
